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
		Use:   "demo [weibo|douyin] [--size N] [--home DIR] [--out DIR] [--json]",
		Short: helpText(i18n.HelpShort("demo")),
		Long: `Demo starts farewell's local replica of the site (a generated account with the
real site's endpoints, response shapes and quirks), logs in through the real QR
flow with the replica's "phone" approving the scan, backs up every collection
in headless Chromium, packs, verifies, and prints the summary and how to look at
the bundle.

The demo's stores are kept in a demo folder of their own (--home; by default
"farewell/demo" in the user cache folder, e.g. ~/.cache/farewell/demo), never
with your own accounts: a demo account never becomes the one "farewell backup"
picks. Running the demo again after an interruption continues where it
stopped. With --json the last line on stdout is a summary
object: bundle, verdict, collections, downloaded_bytes, replica.

--faults makes the replica fail as real sites and machines do, to show that
nothing is lost (a comma-separated list):
  5xx=P         a share P (0..1) of API and media requests answered 500/502/503
  reset=P       a share P cut off before any answer
  slow=P        a share P answered only after 4 s
  ratelimit     bursts of "too fast" refusals (418 on Weibo, 429 on Douyin)
  expire-media  video links in lists arrive already expired
  logout-at=N   the session ends after N API requests (exit 4: log in, run again)
  captcha-at=N  the site asks for a verification after N API requests
  crash-at=N    the browser process is killed after N API requests
  broken=NAME   the page of collection NAME never renders its list, or its
                answers take a shape no parser knows (repeatable)
  blocked=P     (Douyin) a share P of API requests answered "blocked"
  argus=P       (Douyin) a share P answered 403 "Blocked by ArgusSecurityPlugin"
  code8=P       (Douyin) a share P answered status_code 8: a refusal, not a logout
  overlay-captcha-at=N  (Douyin) the verification slider over the page after N
                API requests; the run stops (exit 4), and the demo's person has
                solved it by the next run
  captcha100-at=N  (Weibo) the API answers ok:-100 with a captcha url after N
                API requests: a security check, not a logout (exit 4, solved by
                the next run)
  renew-at=N    (Weibo) after N API requests the weibo.com session goes stale;
                a page renews it silently through login.sina.com.cn
  qr-fail=N     (Douyin) the first N answers of the login's QR code request
                are 502: the page shows no code and is loaded again

EXAMPLES
  farewell demo
  farewell demo weibo --faults 5xx=0.05,reset=0.02,slow=0.02,ratelimit,crash-at=120
  farewell demo douyin --size 60
  farewell demo weibo --size 500 --home /tmp/farewell-demo --out /tmp
  farewell demo douyin --only posts,messages` + onlyHelp(),
		Args:        args(cobra.MaximumNArgs(1)),
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
	f.IntVar(&opts.Size, "size", 0, fmt.Sprintf("posts (works) in the generated account, 1 to %d (default 150 for weibo, 60 for douyin)", maxSize))
	f.IntVar(&opts.Conversations, "conversations", 0, fmt.Sprintf("douyin: DM conversations in the generated account, 1 to %d (default 8)", maxConversations))
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the generated account")
	f.Float64Var(&opts.Rate, "rate", 25, fmt.Sprintf("API requests per second the replica allows (more than 0, at most %d)", maxRate))
	f.StringVar(&opts.Home, "home", "", "the demo's data folder (default farewell/demo in the user cache folder; never your own accounts')")
	f.StringVar(&opts.Out, "out", ".", helpText(i18n.HelpFlag("", "out")))
	f.StringSliceVar(&opts.Only, "only", nil, "back up only these collections (comma-separated; listed below)")
	f.StringVar(&opts.Faults, "faults", "", "faults to inject (see above), e.g. 5xx=0.05,reset=0.02,crash-at=100")
	f.BoolVar(&opts.Full, "full", false, helpText(i18n.HelpFlag("", "full")))
	f.BoolVar(&opts.Doctor, "doctor", false, "probe every collection (as farewell doctor does) instead of backing up")
	f.StringVar(&opts.Variant, "variant", "", "show A/B behaviours of the real site, comma-separated, or all (farewell replica SITE --variants lists them)")
	f.Uint64Var(&opts.Drift, "drift", 0, "show the site as a deploy changed it: keys reordered, unknown fields, short pages, calls moved between hosts, classes renamed, wrappers, menus reordered (a seed; 0: none)")
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
		u.log.Status(i18n.Msg{Code: i18n.DemoPhoneFailed, Args: i18n.Args{"error": err.Error()}})
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
		return "", fmt.Errorf("no folder for the demo's data: %w (give one with --home)", err)
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
	if errors.Is(err, exporter.ErrChallenge) {
		if werr := os.WriteFile(solved, nil, 0o600); werr == nil {
			ui.log.Status(i18n.Msg{Code: i18n.DemoSolvedNext})
		}
	}
	if err != nil {
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
