package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/spf13/cobra"
)

// LoginOptions holds the flags of "farewell login".
type LoginOptions struct {
	Home     string
	Headless bool
}

func newLoginCommand(gopts *GlobalOptions) *cobra.Command {
	var opts LoginOptions
	cmd := &cobra.Command{
		Use:   "login weibo|douyin",
		Short: helpText(i18n.HelpShort("login")),
		Long: `Login opens the site's real login page in farewell's own browser profile and
waits while you log in. With a display it opens a window; without one (or with
--headless) it prints the page's QR code in the terminal (and saves it as a
PNG): scan it with the site's app on your phone and confirm there.

The session's cookies are kept in farewell's store (mode 0600), never in a
bundle. Then run "farewell backup" for the same site.

The browser is the Google Chrome, Microsoft Edge or Chromium installed on this
computer; FAREWELL_BROWSER=/path/to/the/program chooses another.

EXAMPLES
  farewell login weibo
  farewell login weibo --headless`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runLogin(cmd.Context(), opts, gopts, a[0])
		},
	}
	cmd.Flags().StringVar(&opts.Home, "home", "", "farewell's data folder (default $FAREWELL_HOME or ~/.local/share/farewell)")
	cmd.Flags().BoolVar(&opts.Headless, "headless", false, "no window: show the QR code in the terminal")
	return cmd
}

func runLogin(ctx context.Context, opts LoginOptions, gopts *GlobalOptions, platform string) error {
	p, home, err := profileAndHome(platform, opts.Home)
	if err != nil {
		return err
	}
	rc := runConfig{home: home, visible: exporter.HasDisplay() && !opts.Headless}
	ui := terminalLoginUI{w: gopts.stderr, tr: gopts.catalog(), pngPath: filepath.Join(home, platform, "login-qr.png")}
	_, acc, err := login(ctx, rc, gopts, p, ui)
	if err != nil {
		return err
	}
	if err := exporter.MakeCurrent(home, platform, acc.ID); err != nil {
		return fmt.Errorf("keep the login: %w", err)
	}
	if gopts.JSON {
		return printJSON(gopts.stdout, "summary", struct {
			Platform string `json:"platform"`
			Account  string `json:"account"`
			Name     string `json:"name,omitempty"`
		}{platform, acc.ID, acc.Name})
	}
	fmt.Fprintf(gopts.stdout, "logged in to %s as %s (%s)\nnext: %s\n", platform, termsafe.String(acc.Name), termsafe.String(acc.ID), gopts.commandLine("backup", platform))
	return nil
}
