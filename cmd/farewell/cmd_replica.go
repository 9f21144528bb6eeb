package main

import (
	"context"
	"fmt"

	weiboreplica "github.com/farewell-app/farewell/profiles/weibo/replica"
	"github.com/spf13/cobra"
)

// ReplicaOptions holds the flags of "farewell replica".
type ReplicaOptions struct {
	Addr string
	Size int
	Seed uint64
	Rate float64
}

func newReplicaCommand(gopts *GlobalOptions) *cobra.Command {
	var opts ReplicaOptions
	cmd := &cobra.Command{
		Use:   "replica weibo [--addr 127.0.0.1:8443] [--size N]",
		Short: "Run a site replica by hand, for development",
		Long: `Replica serves farewell's local stand-in of a site until interrupted, and prints
the Chromium flags that make a browser reach it under the real host names.

EXAMPLES
  farewell replica weibo --addr 127.0.0.1:8443 --size 50` + exitStatusHelp,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runReplica(cmd.Context(), opts, gopts, a[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:0", "address to listen on")
	f.IntVar(&opts.Size, "size", 150, "posts in the generated account")
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the generated account")
	f.Float64Var(&opts.Rate, "rate", 0, "API requests per second allowed (0: no limit)")
	return cmd
}

func runReplica(ctx context.Context, opts ReplicaOptions, gopts *GlobalOptions, platform string) error {
	if platform != "weibo" {
		return usageErrorf("no replica of %q yet", platform)
	}
	rep, err := weiboreplica.Start(weiboreplica.Config{Seed: opts.Seed, Posts: opts.Size, Rate: opts.Rate, Addr: opts.Addr})
	if err != nil {
		return err
	}
	defer rep.Close()
	srv := rep.Server()
	fmt.Fprintf(gopts.stdout, "weibo replica on %s for account %s (%d posts)\n", srv.Addr(), rep.Account().Owner.ID, opts.Size)
	fmt.Fprintf(gopts.stdout, "chromium --host-resolver-rules=%q --ignore-certificate-errors-spki-list=%s --user-data-dir=$(mktemp -d) https://passport.weibo.com/sso/signin\n", srv.HostRules(), srv.SPKI())
	fmt.Fprintf(gopts.stdout, "approve a QR login: curl -k --resolve passport.weibo.com:443:%s -d qrid=QRID -d action=approve https://passport.weibo.com/replica/phone\n", srv.Addr())
	<-ctx.Done()
	return nil
}
