package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
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
		Short: "Pack a store or any folder into a dated, verifiable bundle",
		Long: `Pack turns a folder into a bundle: a compressed, dated .tar.zst with a manifest
(MANIFEST.json) and a checksum file (manifest-sha256.txt).

A farewell store (what "backup" fills) adds its collections and how complete
each is; its browser profile, cookies and journal never enter the bundle. Any
other folder packs as it is, with no completeness information.

The bundle is written as <name>.partial and renamed when whole, so a file with
the final name is always complete.

EXAMPLES
  farewell pack ~/.local/share/farewell/weibo/1234567890 --out ~/backups
  farewell pack ./photos` + exitStatusHelp,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runPack(cmd.Context(), opts, gopts, a[0])
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", ".", "folder to write the bundle to")
	return cmd
}

func runPack(ctx context.Context, opts PackOptions, gopts *GlobalOptions, dir string) error {
	defer limitMemory(archiveMemoryLimit)()
	spec, err := specFor(ctx, dir)
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
	for _, w := range m.Warnings {
		fmt.Fprintf(gopts.stderr, "farewell: warning: %s\n", w)
	}
	fmt.Fprintf(gopts.stdout, "wrote %s\n  %d files, %s -> %s in %.1fs\n", res.Path, m.Totals.Files,
		humanBytes(m.Totals.Bytes), humanBytes(res.CompressedBytes), time.Since(start).Seconds())
	return nil
}

// specFor describes dir for packing: a store with its collections, or a
// plain folder.
func specFor(ctx context.Context, dir string) (*archive.Spec, error) {
	st, err := exporter.OpenStore(dir)
	if errors.Is(err, exporter.ErrNotStore) {
		return archive.DirSpec(ctx, dir)
	}
	if err != nil {
		return nil, err
	}
	if err := st.Lock(); err != nil {
		return nil, err
	}
	defer st.Unlock()
	return storeSpec(ctx, st)
}

// storeSpec turns a store into a pack spec: its files, and its journal's
// account of each collection, with captured counts taken from the records.
func storeSpec(ctx context.Context, st *exporter.Store) (*archive.Spec, error) {
	files, warnings, err := st.BundleFiles(ctx)
	if err != nil {
		return nil, err
	}
	states, window, err := st.Collections()
	if err != nil {
		return nil, err
	}
	spec := &archive.Spec{
		Platform: st.Info.Platform,
		Account:  archive.Account{ID: st.Info.Account.ID, Name: st.Info.Account.Name},
		Warnings: warnings,
	}
	if window != nil {
		spec.Capture = &archive.Window{StartedAt: window.StartedAt, FinishedAt: window.FinishedAt}
	}
	for _, f := range files {
		spec.Files = append(spec.Files, archive.SourceFile{Name: f.Name, Path: f.Path})
	}
	for _, c := range states {
		captured, err := st.CountRecords(c.Name)
		if err != nil {
			return nil, err
		}
		col := archive.Collection{
			Name: c.Name, Expected: c.Expected, Captured: captured, Pages: c.Pages,
			StopReason: c.StopReason, StopDetail: c.StopDetail, Gaps: []archive.Gap{},
		}
		for _, g := range c.Gaps {
			col.Gaps = append(col.Gaps, archive.Gap{Kind: g.Kind, Ref: g.Ref, Detail: g.Detail})
		}
		if l := c.ServerLimit; l != nil {
			col.ServerLimit = &archive.ServerLimit{Limit: l.Limit, Unavailable: l.Unavailable, Reason: l.Reason}
		}
		spec.Collections = append(spec.Collections, col)
	}
	return spec, nil
}
