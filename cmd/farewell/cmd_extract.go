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
		Long: `Extract writes every file of a bundle into DIR (created if missing; existing
files are never overwritten).

Only regular files the manifest lists are accepted: links, devices, paths with
".." or a leading "/", and members larger than the manifest says are refused,
and nothing is ever written outside DIR. Every file is checked against its
sha256 as it is written; on any error, what was written is removed again.
Afterwards "sha256sum -c manifest-sha256.txt" passes inside DIR.

EXAMPLES
  farewell extract farewell-weibo-1234567890-20261123T020000Z.tar.zst ~/weibo-backup`,
		Args: args(cobra.ExactArgs(2)),
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
	fmt.Fprintf(gopts.stdout, "extracted %d files (%s) to %s\n", m.Totals.Files+2, exporter.FormatBytes(m.Totals.Bytes), termsafe.String(abs))
	return nil
}
