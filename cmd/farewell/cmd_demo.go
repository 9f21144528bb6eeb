package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/farewell-app/farewell/profiles"
	"github.com/spf13/cobra"
)

// DemoOptions holds the flags of "farewell demo".
type DemoOptions struct {
	Size          int
	Conversations int
	Seed          uint64
	Rate          float64
	Home          string
	Out           string
	Only          []string
	Faults        string
	Drift         uint64
	Variant       string
	Full          bool
	Doctor        bool
}

func newDemoCommand(gopts *GlobalOptions) *cobra.Command {
	var opts DemoOptions
	cmd := &cobra.Command{
		Use:         "demo [weibo|douyin] [--size N] [--home DIR] [--out DIR] [--json]",
		Short:       helpText(i18n.HelpShort("demo")),
		Long:        helpText(i18n.HelpLong("demo")) + onlyHelp(),
		Args:        atMostArgs(1),
		Annotations: map[string]string{interruptedNote: string(i18n.ResumeNote)},
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			return checkSiteFlags(cmd.Flags().Changed, siteOptions{Size: opts.Size, Conversations: opts.Conversations, Rate: opts.Rate}, false)
		},
		RunE: func(cmd *cobra.Command, a []string) error {
			platform := "weibo"
			if len(a) == 1 {
				platform = a[0]
			}
			return runDemo(cmd.Context(), opts, gopts, platform)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Size, "size", 0, flagHelp("demo", "size"))
	f.IntVar(&opts.Conversations, "conversations", 0, flagHelp("demo", "conversations"))
	f.Uint64Var(&opts.Seed, "seed", 1, flagHelp("demo", "seed"))
	f.Float64Var(&opts.Rate, "rate", 25, flagHelp("demo", "rate"))
	f.StringVar(&opts.Home, "home", "", flagHelp("demo", "home"))
	f.StringVar(&opts.Out, "out", ".", helpText(i18n.HelpFlag("", "out")))
	f.StringSliceVar(&opts.Only, "only", nil, flagHelp("demo", "only"))
	f.StringVar(&opts.Faults, "faults", "", flagHelp("demo", "faults"))
	f.BoolVar(&opts.Full, "full", false, helpText(i18n.HelpFlag("", "full")))
	f.BoolVar(&opts.Doctor, "doctor", false, flagHelp("demo", "doctor"))
	f.StringVar(&opts.Variant, "variant", "", flagHelp("demo", "variant"))
	f.Uint64Var(&opts.Drift, "drift", 0, flagHelp("demo", "drift"))
	return cmd
}

// phoneUI stands in for the person: when the QR code appears, the
// replica's phone scans and confirms it.
type phoneUI struct {
	ctx  context.Context
	site profiles.Replica
	log  terminalLoginUI
}

func (u phoneUI) QR(_ []byte, scan string) {
	u.log.Status(i18n.Msg{Code: i18n.DemoPhoneScans})
	if err := u.site.Approve(u.ctx, scan); err != nil {
		u.log.Status(i18n.Msg{Code: i18n.DemoPhoneFailed, Args: i18n.Args{"error": err}})
	}
}

func (u phoneUI) Status(m i18n.Msg) { u.log.Status(m) }

// demoHome is the demo's data folder: the --home flag, else farewell/demo
// in the user cache folder. It never defaults to $FAREWELL_HOME or the
// data folder of the person's own accounts.
func demoHome(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", i18n.Fail(err, i18n.FailDemoNoHome, nil)
	}
	return filepath.Join(cache, "farewell", "demo"), nil
}

func runDemo(ctx context.Context, opts DemoOptions, gopts *GlobalOptions, platform string) error {
	home, err := demoHome(opts.Home)
	if err != nil {
		return err
	}
	p, home, err := profileAndHome(platform, home)
	if err != nil {
		return err
	}
	only, err := checkOnly(p, opts.Only)
	if err != nil {
		return err
	}
	s, err := lookupSite(platform)
	if err != nil {
		return err
	}
	if err := outFolder(opts.Out); err != nil {
		return err
	}
	if opts.Size == 0 {
		opts.Size = s.DemoSize
	}
	rep, err := startSite(ctx, platform, siteOptions{Seed: opts.Seed, Size: opts.Size, Conversations: opts.Conversations, Rate: opts.Rate, Faults: opts.Faults, Drift: opts.Drift,
		Variants: opts.Variant})
	if err != nil {
		return err
	}
	defer rep.Close()
	// A verification a run stopped at was solved by the demo's person
	// before this run (a person would solve it in a visible window).
	solved := filepath.Join(home, ".demo-verified-"+platform)
	if _, err := os.Stat(solved); err == nil {
		rep.Faults().Solved("captcha")
		rep.Faults().Solved("overlay-captcha")
		rep.Faults().Solved("captcha100")
	}
	// crash-at: the backup's browser dies once, after the n-th API request.
	var backupProfile atomic.Pointer[string]
	if n := rep.Faults().List().CrashAt; n > 0 {
		var once sync.Once
		rep.Faults().OnAPI(func(count int) {
			profile := backupProfile.Load()
			if count < n || profile == nil {
				return
			}
			once.Do(func() {
				pid, err := exporter.KillBrowser(*profile)
				if err != nil {
					fmt.Fprintf(gopts.stderr, "farewell: fault crash-at=%d: %s\n", n, termsafe.Error(err))
					return
				}
				fmt.Fprintf(gopts.stderr, "farewell: fault crash-at=%d: killed the browser (pid %d)\n", n, pid)
			})
		})
	}
	rc := runConfig{
		home:    home,
		network: rep.Network(),
		// Pace at the replica's limit, as a person would for the real
		// site's.
		interval: rep.Interval(),
		jitter:   0.1,
		// More tries than a real run's six: --faults ratelimit sends
		// bursts of up to five refusals, and 5xx faults come on top.
		// The replica's bursts end after so many answers, not after so
		// much time: a real run's minutes of waiting would only make
		// the demo slow, so the pauses are a second or two (a burst of
		// five cost 23 s with pauses growing to 8 s, 9 s now).
		backoff: exporter.Backoff{Initial: time.Second, Max: 2 * time.Second, Attempts: 8},
		workers: 4,
		full:    opts.Full,
		retry:   200 * time.Millisecond,
		// The replica's pages render at once: one that has not rendered
		// a list in three seconds will not.
		renderWait: 3 * time.Second,
	}
	ui := phoneUI{ctx: ctx, site: rep, log: terminalLoginUI{w: gopts.stderr, tr: gopts.catalog()}}
	if !gopts.JSON {
		ui.log.Status(rep.About())
		ui.log.Status(i18n.Msg{Code: i18n.DemoDataKept, Args: i18n.Args{"dir": home}})
	}
	start := time.Now()
	st, acc, err := login(ctx, rc, gopts, p, ui)
	if err != nil {
		return err
	}
	if !gopts.JSON {
		ui.log.Status(i18n.Msg{Code: i18n.LoginLoggedIn, Args: i18n.Args{"name": acc.Name, "id": acc.ID}})
	}
	profile := st.Path(exporter.ProfileDir)
	backupProfile.Store(&profile)
	if opts.Doctor {
		return doctorStore(ctx, rc, gopts, p, st, opts.Out)
	}
	res, err := backupStore(ctx, rc, gopts, p, st, only, opts.Out)
	// The replica's logouts and verifications are a demo's to meet
	// again: the same demo command, not the login or backup a real
	// account's would take, continues.
	switch {
	case errors.Is(err, exporter.ErrChallenge):
		if werr := os.WriteFile(solved, nil, 0o600); werr != nil {
			return err
		}
		return i18n.Fail(err, i18n.FailDemoVerification, nil)
	case errors.Is(err, exporter.ErrNotLoggedIn):
		return i18n.Fail(err, i18n.FailDemoLoggedOut, nil)
	case err != nil:
		return err
	}
	rs := rep.Stats()
	if gopts.JSON {
		sum := summaryOf(res, &rs)
		sum.Seconds, sum.CaptureSeconds, sum.PeakRSSBytes = time.Since(start).Seconds(), res.captureSeconds, peakRSS()
		if err := printJSON(gopts.stdout, "summary", sum); err != nil {
			return err
		}
	} else {
		printSummary(gopts.stdout, res, gopts)
		tr := gopts.catalog()
		fmt.Fprintln(gopts.stdout, labelled(tr, i18n.LabelReplica, "%s", tr.T(i18n.DemoReplicaServed, i18n.Args{"requests": rs.Requests,
			"api": rs.API, "needed": rs.APINeeded, "refused": rs.Limited, "media": rs.MediaServed})))
		bundle := absPath(res.bundle)
		fmt.Fprintln(gopts.stdout, labelled(tr, i18n.LabelLookAtIt, "%s", tr.T(i18n.DemoLookAtIt, i18n.Args{
			"browse": termsafe.String(gopts.commandLine("browse", bundle)), "extract": termsafe.String(gopts.commandLine("extract", bundle, "DIR"))})))
	}
	return verdictError(res.report)
}
