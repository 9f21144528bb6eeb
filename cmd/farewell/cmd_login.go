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
		Long:  helpText(i18n.HelpLong("login")),
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runLogin(cmd.Context(), opts, gopts, a[0])
		},
	}
	cmd.Flags().StringVar(&opts.Home, "home", "", helpText(i18n.HelpFlag("", "home")))
	cmd.Flags().BoolVar(&opts.Headless, "headless", false, helpText(i18n.HelpFlag("login", "headless")))
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
	fmt.Fprintln(gopts.stdout, gopts.catalog().T(i18n.LoginDone, i18n.Args{"site": platform, "name": termsafe.String(acc.Name), "id": termsafe.String(acc.ID),
		"command": gopts.commandLine("backup", platform)}))
	return nil
}
