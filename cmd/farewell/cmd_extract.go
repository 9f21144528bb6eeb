package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/spf13/cobra"
)

func newExtractCommand(gopts *GlobalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "extract BUNDLE DIR",
		Short: helpText(i18n.HelpShort("extract")),
		Long:  helpText(i18n.HelpLong("extract")),
		Args:  exactArgs(2),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runExtract(cmd.Context(), gopts, a[0], a[1])
		},
	}
}

func runExtract(ctx context.Context, gopts *GlobalOptions, bundle, dir string) error {
	defer limitMemory(archiveMemoryLimit)()
	progress, finish := gopts.byteProgress("extracting")
	m, err := archive.Extract(ctx, bundle, dir, archive.ExtractOptions{Progress: progress})
	finish()
	if err != nil {
		return fmt.Errorf("extract %s: %w", bundle, err)
	}
	abs, _ := filepath.Abs(dir)
	if gopts.JSON {
		return printJSON(gopts.stdout, "summary", struct {
			Dir   string `json:"dir"`
			Files int    `json:"files"`
			Bytes int64  `json:"bytes"`
		}{abs, m.Totals.Files + 2, m.Totals.Bytes})
	}
	fmt.Fprintln(gopts.stdout, gopts.catalog().T(i18n.ExtractDone, i18n.Args{"files": m.Totals.Files + 2, "size": exporter.FormatBytes(m.Totals.Bytes), "dir": termsafe.String(abs)}))
	return nil
}
