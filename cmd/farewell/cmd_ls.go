package main

import (
	"context"
	"fmt"

	"github.com/farewell-app/farewell/archive"
	"github.com/spf13/cobra"
)

func newLsCommand(gopts *GlobalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "ls BUNDLE",
		Short: "List the members of a bundle with their sizes",
		Long: `Ls lists every member of a bundle with its size in bytes and its role (data,
raw, media, screenshot, viewer, file). It reads only the bundle's index and
manifest, so it is instant even for very large bundles. With --json each member
is one JSON line with its sha256.

EXAMPLES
  farewell ls farewell-weibo-1234567890-20261123T020000Z.tar.zst
  farewell ls --json backup.tar.zst | jq -r 'select(.role=="media") | .path'`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runLs(cmd.Context(), gopts, a[0])
		},
	}
}

func runLs(ctx context.Context, gopts *GlobalOptions, bundle string) error {
	b, err := archive.Open(ctx, bundle)
	if err != nil {
		return fmt.Errorf("ls %s: %w", bundle, err)
	}
	defer b.Close()
	m, _, err := b.Manifest()
	if err != nil {
		return fmt.Errorf("ls %s: %w", bundle, err)
	}
	files := make(map[string]archive.File, len(m.Files))
	for _, f := range m.Files {
		files[f.Path] = f
	}
	for _, mem := range b.Members() {
		f, ok := files[mem.Name]
		if !ok {
			f = archive.File{Path: mem.Name, Bytes: mem.Size, Role: "manifest"}
		}
		if gopts.JSON {
			if err := printJSON(gopts.stdout, "member", f); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(gopts.stdout, "%12d  %-10s  %s\n", mem.Size, f.Role, mem.Name)
	}
	return nil
}
