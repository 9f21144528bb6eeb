package main

import (
	"context"
	"fmt"

	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/spf13/cobra"
)

// ReplicaOptions holds the flags of "farewell replica".
type ReplicaOptions struct {
	Addr     string
	Size     int
	Seed     uint64
	Rate     float64
	Faults   string
	Drift    uint64
	Variant  string
	Variants bool
}

func newReplicaCommand(gopts *GlobalOptions) *cobra.Command {
	var opts ReplicaOptions
	cmd := &cobra.Command{
		Use:   "replica <weibo|douyin> [--addr 127.0.0.1:8443] [--size N] [--faults LIST]",
		Short: helpText(i18n.HelpShort("replica")),
		Long:  helpText(i18n.HelpLong("replica")),
		Args:  exactArgs(1),
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			return checkSiteFlags(cmd.Flags().Changed, siteOptions{Size: opts.Size, Rate: opts.Rate}, true)
		},
		RunE: func(cmd *cobra.Command, a []string) error {
			return runReplica(cmd.Context(), opts, gopts, a[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:0", helpText(i18n.HelpFlag("replica", "addr")))
	f.IntVar(&opts.Size, "size", 0, flagHelp("demo", "size"))
	f.Uint64Var(&opts.Seed, "seed", 1, flagHelp("demo", "seed"))
	f.Float64Var(&opts.Rate, "rate", 0, helpText(i18n.HelpFlag("replica", "rate")))
	f.Uint64Var(&opts.Drift, "drift", 0, helpText(i18n.HelpFlag("replica", "drift")))
	f.StringVar(&opts.Variant, "variant", "", helpText(i18n.HelpFlag("replica", "variant")))
	f.BoolVar(&opts.Variants, "variants", false, helpText(i18n.HelpFlag("replica", "variants")))
	f.StringVar(&opts.Faults, "faults", "", helpText(i18n.HelpFlag("replica", "faults")))
	return cmd
}

func runReplica(ctx context.Context, opts ReplicaOptions, gopts *GlobalOptions, platform string) error {
	if opts.Variants {
		return listVariants(gopts, platform)
	}
	rep, err := startSite(ctx, platform, siteOptions{Seed: opts.Seed, Size: opts.Size, Rate: opts.Rate, Addr: opts.Addr, Faults: opts.Faults, Drift: opts.Drift,
		Variants: opts.Variant})
	if err != nil {
		return err
	}
	defer rep.Close()
	fmt.Fprintln(gopts.stdout, gopts.catalog().Say(rep.About()))
	for _, line := range rep.HowTo() {
		fmt.Fprintln(gopts.stdout, line)
	}
	<-ctx.Done()
	return nil
}

// listVariants prints a site's variants: name, what it shows, and the
// source that describes it.
func listVariants(gopts *GlobalOptions, platform string) error {
	s, err := lookupSite(platform)
	if err != nil {
		return err
	}
	if len(s.Variants) == 0 {
		fmt.Fprintf(gopts.stdout, "%s: the replica has no variants yet\n", s.Name)
		return nil
	}
	for _, v := range s.Variants {
		fmt.Fprintf(gopts.stdout, "%s\n    %s\n    source: %s\n", v.Name, v.About, v.Source)
	}
	return nil
}
