package main

import (
	"context"
	"fmt"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/spf13/cobra"
)

func newLsCommand(gopts *GlobalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "ls BUNDLE",
		Short: helpText(i18n.HelpShort("ls")),
		Long:  helpText(i18n.HelpLong("ls")),
		Args:  exactArgs(1),
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
	m, err := b.Manifest()
	if err != nil {
		return fmt.Errorf("ls %s: %w", bundle, err)
	}
	tr := gopts.catalog()
	for _, l := range b.List(m) {
		if gopts.JSON {
			if err := printJSON(gopts.stdout, "member", l); err != nil {
				return err
			}
			continue
		}
		note := ""
		switch {
		case l.Unlisted:
			note = "  " + tr.T(i18n.LsUnlisted, nil)
		case l.ManifestBytes != nil:
			note = "  " + tr.T(i18n.LsManifestSays, i18n.Args{"bytes": *l.ManifestBytes})
		}
		fmt.Fprintf(gopts.stdout, "%12d  %-10s  %s%s\n", l.Bytes, termsafe.String(l.Role), termsafe.String(l.Path), note)
	}
	return nil
}
