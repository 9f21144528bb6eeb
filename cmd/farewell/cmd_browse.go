package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/viewer"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/spf13/cobra"
)

// BrowseOptions holds the flags of "farewell browse".
type BrowseOptions struct {
	Addr   string
	NoOpen bool
}

func newBrowseCommand(gopts *GlobalOptions) *cobra.Command {
	var opts BrowseOptions
	cmd := &cobra.Command{
		Use:   "browse BUNDLE [--addr 127.0.0.1:0] [--no-open]",
		Short: helpText(i18n.HelpShort("browse")),
		Long:  helpText(i18n.HelpLong("browse")),
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runBrowse(cmd.Context(), opts, gopts, a[0])
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", "127.0.0.1:0", helpText(i18n.HelpFlag("browse", "addr")))
	cmd.Flags().BoolVar(&opts.NoOpen, "no-open", false, helpText(i18n.HelpFlag("browse", "no-open")))
	return cmd
}

func runBrowse(ctx context.Context, opts BrowseOptions, gopts *GlobalOptions, bundle string) error {
	// Without a readable index nothing can be shown: say so and stop. A
	// bundle whose index reads is shown, damage and all, with a warning.
	b, err := archive.Open(ctx, bundle)
	if errors.Is(err, archive.ErrCorrupt) {
		return i18n.Fail(err, i18n.FailNoIndex, i18n.Args{"bundle": bundle})
	}
	if err != nil {
		return fmt.Errorf("browse %s: %w", bundle, err)
	}
	defer b.Close()
	if _, ok := b.Member("index.html"); !ok {
		return i18n.Fail(nil, i18n.FailNoViewer, i18n.Args{"bundle": bundle})
	}
	tr := gopts.catalog()
	rep, err := archive.Verify(ctx, bundle, archive.VerifyOptions{Quick: true})
	if err != nil {
		return fmt.Errorf("browse %s: %w", bundle, err)
	}
	if rep.Verdict == archive.VerdictCorrupt {
		fmt.Fprintln(gopts.stderr, tr.T(i18n.BrowseDamaged, i18n.Args{"bundle": termsafe.String(bundle), "n": len(rep.Integrity.Problems)}))
	}
	srv, err := viewer.Listen(b, opts.Addr)
	if errors.Is(err, viewer.ErrNotLoopback) {
		return usage(err, i18n.FailNotLoopback, i18n.Args{"addr": opts.Addr})
	}
	if err != nil {
		return err
	}
	// The overview shows the quick check at once and the full check
	// (every byte re-hashed) when it is done.
	if err := srv.SetVerify(rep, true); err != nil {
		srv.Close()
		return err
	}
	vctx, stopVerify := context.WithCancel(ctx)
	defer stopVerify()
	go func() {
		full, err := archive.Verify(vctx, bundle, archive.VerifyOptions{})
		if err != nil {
			if vctx.Err() == nil {
				fmt.Fprintln(gopts.stderr, tr.T(i18n.BrowseCheckFailed, i18n.Args{"bundle": termsafe.String(bundle), "error": termsafe.Error(err)}))
				srv.SetVerify(rep, false)
			}
			return
		}
		srv.SetVerify(full, false)
	}()
	url := srv.URL()
	if gopts.JSON {
		if err := printJSON(gopts.stdout, "browse", struct {
			URL    string `json:"url"`
			Bundle string `json:"bundle"`
		}{url, bundle}); err != nil {
			srv.Close()
			return err
		}
	} else {
		fmt.Fprintln(gopts.stdout, tr.T(i18n.BrowseShowing, i18n.Args{"bundle": termsafe.String(bundle), "url": url}))
	}
	if !opts.NoOpen {
		// The browser opens a private page that sends it on: the token
		// never appears on a command line.
		launcher, cleanup, err := writeLauncher(url)
		if err != nil {
			srv.Close()
			return err
		}
		defer cleanup()
		var noOpener *noOpenerError
		switch err := gopts.open(ctx, launcher); {
		case errors.As(err, &noOpener):
			fmt.Fprintln(gopts.stderr, tr.T(i18n.BrowseNoOpener, i18n.Args{"program": noOpener.program}))
		case err != nil:
			fmt.Fprintln(gopts.stderr, tr.T(i18n.BrowseOpenFailed, i18n.Args{"error": termsafe.Error(err)}))
		}
	}
	// Ctrl-C is how browse ends: that is success, not an interruption.
	if err := srv.Wait(ctx); err != nil && ctx.Err() == nil {
		return fmt.Errorf("browse: %w", err)
	}
	return nil
}
