package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/farewell-app/farewell/archive/tables"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/spf13/cobra"
)

// ExportOptions holds the flags of "farewell export".
type ExportOptions struct {
	Format string
	Force  bool
}

func newExportCommand(gopts *GlobalOptions) *cobra.Command {
	var opts ExportOptions
	cmd := &cobra.Command{
		Use:   "export BUNDLE --format csv DIR [--force]",
		Short: helpText(i18n.HelpShort("export")),
		Long:  helpText(i18n.HelpLong("export")),
		Args:  exactArgs(2),
		RunE: func(cmd *cobra.Command, a []string) error {
			if opts.Format != "csv" {
				return usage(nil, i18n.UsageFormat, i18n.Args{"value": opts.Format})
			}
			return runExport(cmd.Context(), opts, gopts, a[0], a[1])
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "csv", flagHelp("export", "format"))
	cmd.Flags().BoolVar(&opts.Force, "force", false, flagHelp("export", "force"))
	return cmd
}

func runExport(ctx context.Context, opts ExportOptions, gopts *GlobalOptions, bundle, dir string) error {
	defer limitMemory(archiveMemoryLimit)()
	files, err := tables.Export(ctx, bundle, dir, tables.ExportOptions{Force: opts.Force})
	if errors.Is(err, fs.ErrExist) {
		return i18n.Fail(err, i18n.FailExportExists, i18n.Args{"bundle": bundle})
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", bundle, err)
	}
	abs, _ := filepath.Abs(dir)
	if gopts.JSON {
		return printJSON(gopts.stdout, "summary", struct {
			Dir   string            `json:"dir"`
			Files []tables.Exported `json:"files"`
		}{abs, files})
	}
	tr := gopts.catalog()
	var rows int64
	for _, f := range files {
		rows += f.Rows
		fmt.Fprintln(gopts.stdout, tr.T(i18n.ExportRows, i18n.Args{"rows": fmt.Sprintf("%10d", f.Rows), "file": termsafe.String(filepath.Base(f.Path))}))
	}
	fmt.Fprintln(gopts.stdout, tr.T(i18n.ExportWrote, i18n.Args{"files": len(files), "rows": rows, "dir": termsafe.String(abs)}))
	return nil
}
