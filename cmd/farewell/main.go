// Command farewell backs up a person's own Weibo or Douyin account before
// they delete it, and checks that the backup is whole.
//
// See README.md for the quick start and every subcommand.
package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/spf13/cobra"
)

// version is farewell's version, written into every manifest.
const version = "0.1.0-dev"

// GlobalOptions holds the flags every command shares and where output goes.
type GlobalOptions struct {
	JSON  bool
	Quiet bool
	// Lang is --lang as given: "" lets the locale choose (see catalog).
	Lang string

	stdout io.Writer
	stderr io.Writer
	// self is how a person starts this farewell (see selfName); ""
	// is "farewell".
	self string
	// open shows a local file in the person's browser (browse); tests
	// put their own.
	open func(ctx context.Context, file string) error
	// getenv reads the locale variables; nil (tests) reads none, so
	// the language is English unless --lang says otherwise.
	getenv func(string) string
}

// catalog is farewell's messages in the person's language: --lang when it
// names one, else the locale (LC_ALL, LC_MESSAGES, LANG).
func (g *GlobalOptions) catalog() *i18n.Catalog {
	if l, err := i18n.Parse(g.Lang); err == nil {
		return i18n.New(l)
	}
	if g.getenv == nil {
		return i18n.New(i18n.EN)
	}
	return i18n.New(i18n.Resolve(g.getenv))
}

// commandLine is a farewell command line to print for the person to run
// next (see commandLine).
func (g *GlobalOptions) commandLine(args ...string) string {
	return commandLine(runtime.GOOS, g.self, args...)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C ends the process at once
	}()
	exe, _ := os.Executable()
	gopts := &GlobalOptions{stdout: os.Stdout, stderr: os.Stderr, self: selfName(exe, exec.LookPath, sameFile), open: openInBrowser, getenv: os.Getenv}
	code := runWith(ctx, gopts, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWith(ctx, &GlobalOptions{stdout: stdout, stderr: stderr, open: openInBrowser}, args)
}

// runWith executes one command line with gopts' writers and browser
// opener and returns the exit code.
func runWith(ctx context.Context, gopts *GlobalOptions, args []string) int {
	root := newRootCommand(gopts)
	root.SetArgs(args)
	root.SetOut(gopts.stdout)
	root.SetErr(gopts.stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && ctx.Err() != nil {
		err = interrupted(cmd)
	}
	return reportExit(gopts, err)
}

func newRootCommand(gopts *GlobalOptions) *cobra.Command {
	root := &cobra.Command{
		Use:               "farewell",
		Short:             helpText(i18n.HelpShort("")),
		Long:              helpText(i18n.HelpLong("")) + exitStatusHelp(),
		Version:           version,
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(cmd, args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().BoolVar(&gopts.JSON, "json", false, helpText(i18n.HelpFlag("", "json")))
	root.PersistentFlags().BoolVarP(&gopts.Quiet, "quiet", "q", false, helpText(i18n.HelpFlag("", "quiet")))
	root.PersistentFlags().StringVar(&gopts.Lang, "lang", "", helpText(i18n.HelpFlag("", "lang")))
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if gopts.Lang == "" {
			return nil
		}
		if _, err := i18n.Parse(gopts.Lang); err != nil {
			return usage(nil, i18n.BadLang, i18n.Args{"value": gopts.Lang})
		}
		return nil
	}
	setLocalHelp(root, gopts)
	root.AddCommand(
		newLoginCommand(gopts),
		newBackupCommand(gopts),
		newVerifyCommand(gopts),
		newExtractCommand(gopts),
		newExportCommand(gopts),
		newBrowseCommand(gopts),
		newLsCommand(gopts),
		newPackCommand(gopts),
		newParseCommand(gopts),
		newDoctorCommand(gopts),
		newDemoCommand(gopts),
		newReplicaCommand(gopts),
	)
	return root
}
