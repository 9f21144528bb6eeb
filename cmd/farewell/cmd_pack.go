package main

import (
	"context"
	"fmt"
	"time"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/storespec"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/spf13/cobra"
)

// PackOptions holds the flags of "farewell pack".
type PackOptions struct {
	Out string
}

func newPackCommand(gopts *GlobalOptions) *cobra.Command {
	var opts PackOptions
	cmd := &cobra.Command{
		Use:   "pack STORE_DIR|DIR [--out OUTDIR]",
		Short: helpText(i18n.HelpShort("pack")),
		Long:  helpText(i18n.HelpLong("pack")),
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runPack(cmd.Context(), opts, gopts, a[0])
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", ".", helpText(i18n.HelpFlag("", "out")))
	return cmd
}

func runPack(ctx context.Context, opts PackOptions, gopts *GlobalOptions, dir string) error {
	defer limitMemory(archiveMemoryLimit)()
	spec, err := storespec.For(ctx, dir)
	if err != nil {
		return err
	}
	progress, finish := gopts.byteProgress("packing")
	start := time.Now()
	res, err := archive.Pack(ctx, spec, archive.PackOptions{
		OutDir:   opts.Out,
		Tool:     archive.Tool{Name: "farewell", Version: version},
		Progress: progress,
	})
	finish()
	if err != nil {
		return err
	}
	m := res.Manifest
	if gopts.JSON {
		return printJSON(gopts.stdout, "summary", struct {
			Bundle          string  `json:"bundle"`
			Platform        string  `json:"platform"`
			Account         string  `json:"account"`
			Files           int     `json:"files"`
			Bytes           int64   `json:"bytes"`
			CompressedBytes int64   `json:"compressed_bytes"`
			Seconds         float64 `json:"seconds"`
		}{res.Path, m.Platform, m.Account.ID, m.Totals.Files, m.Totals.Bytes, res.CompressedBytes, time.Since(start).Seconds()})
	}
	tr := gopts.catalog()
	for _, w := range m.Warnings {
		fmt.Fprintln(gopts.stderr, "farewell: "+tr.T(i18n.Warning, i18n.Args{"text": termsafe.String(w)}))
	}
	fmt.Fprintln(gopts.stdout, tr.T(i18n.PackWrote, i18n.Args{"bundle": termsafe.String(res.Path), "files": m.Totals.Files, "size": exporter.FormatBytes(m.Totals.Bytes),
		"packed": exporter.FormatBytes(res.CompressedBytes), "seconds": fmt.Sprintf("%.1f", time.Since(start).Seconds())}))
	return nil
}
