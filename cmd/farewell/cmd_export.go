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
		Args:  args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if opts.Format != "csv" {
				return usageErrorf("--format %q is not known: the only format is csv (see farewell export --help)", opts.Format)
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
		return fmt.Errorf("export %s: %w (--force replaces it)", bundle, err)
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
	var rows int64
	for _, f := range files {
		rows += f.Rows
		fmt.Fprintf(gopts.stdout, "%10d rows  %s\n", f.Rows, termsafe.String(filepath.Base(f.Path)))
	}
	fmt.Fprintf(gopts.stdout, "wrote %d files (%d rows) to %s\n", len(files), rows, termsafe.String(abs))
	return nil
}
