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
		Args:  args(cobra.ExactArgs(1)),
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
		return fmt.Errorf("browse %s: nothing can be shown, its index cannot be read (%w); run farewell verify for details", termsafe.String(bundle), err)
	}
	if err != nil {
		return fmt.Errorf("browse %s: %w", bundle, err)
	}
	defer b.Close()
	if _, ok := b.Member("index.html"); !ok {
		return fmt.Errorf("browse %s: the bundle has no viewer (it was packed from a plain folder, or by an older farewell): pack the store again with farewell pack", bundle)
	}
	rep, err := archive.Verify(ctx, bundle, archive.VerifyOptions{Quick: true})
	if err != nil {
		return fmt.Errorf("browse %s: %w", bundle, err)
	}
	if rep.Verdict == archive.VerdictCorrupt {
		fmt.Fprintf(gopts.stderr, "warning: %s is damaged (%d problem(s)); showing what can be read. Run farewell verify for details.\n", termsafe.String(bundle), len(rep.Integrity.Problems))
	}
	srv, err := viewer.Listen(b, opts.Addr)
	if errors.Is(err, viewer.ErrNotLoopback) {
		return usageErrorf("%v", err)
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
				fmt.Fprintf(gopts.stderr, "warning: the full check of %s stopped: %s\n", termsafe.String(bundle), termsafe.Error(err))
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
		fmt.Fprintf(gopts.stdout, "Showing %s at\n  %s\nOnly this computer can open it. Ctrl-C stops it.\n", termsafe.String(bundle), url)
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
			fmt.Fprintf(gopts.stderr, "%s: open the address above in a browser\n", noOpener)
		case err != nil:
			fmt.Fprintf(gopts.stderr, "could not open a browser (%s): open the address above\n", termsafe.Error(err))
		}
	}
	// Ctrl-C is how browse ends: that is success, not an interruption.
	if err := srv.Wait(ctx); err != nil && ctx.Err() == nil {
		return fmt.Errorf("browse: %w", err)
	}
	return nil
}
