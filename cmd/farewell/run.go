package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/storespec"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/profiles"
)

// runConfig is what login, backup and demo share.
type runConfig struct {
	home     string
	network  exporter.Network
	visible  bool
	interval time.Duration
	jitter   float64
	backoff  exporter.Backoff
	workers  int
	retry    time.Duration
	full     bool // walk every list whole again (--full)
	// renderWait is how long a page may take to render what a step
	// needs (0: the session's default).
	renderWait time.Duration
}

func homeDir(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	return exporter.DefaultHome()
}

// profileAndHome resolves a platform's profile (a usage error if there is
// none) and farewell's data folder.
func profileAndHome(platform, homeFlag string) (profiles.Profile, string, error) {
	s, err := lookupSite(platform)
	if err != nil {
		return nil, "", err
	}
	p := s.New()
	home, err := homeDir(homeFlag)
	return p, home, err
}

func (g *GlobalOptions) progress(platform string) exporter.Progress {
	o := exporter.TextOptions{Catalog: g.catalog(), Platform: platform}
	switch {
	case g.JSON:
		return exporter.NewJSONProgress(g.stdout)
	case g.Quiet:
		return exporter.NewTextProgress(io.Discard, o)
	}
	if g.showProgress() {
		o.Terminal, o.Width = true, g.termWidth()
	}
	return exporter.NewTextProgress(g.stderr, o)
}

func (rc runConfig) session(st *exporter.Store, gopts *GlobalOptions, p profiles.Profile) exporter.SessionConfig {
	set := p.Settings()
	cfg := exporter.SessionConfig{Network: rc.network, Visible: rc.visible, Interval: set.Interval, Backoff: set.Backoff,
		MediaWorkers: set.MediaWorkers, Progress: gopts.progress(p.Name()), Jitter: rc.jitter, MediaRetryDelay: rc.retry, Full: rc.full, RenderWait: rc.renderWait}
	if rc.interval > 0 {
		cfg.Interval = rc.interval
	}
	if rc.backoff.Initial > 0 {
		cfg.Backoff = rc.backoff
	}
	if rc.workers > 0 {
		cfg.MediaWorkers = rc.workers
	}
	if f, err := os.OpenFile(st.Path("browser.log"), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600); err == nil {
		cfg.BrowserLog = f
	}
	return cfg
}

// login runs a profile's login and adopts it as the account's store.
func login(ctx context.Context, rc runConfig, gopts *GlobalOptions, p profiles.Profile, ui profiles.LoginUI) (*exporter.Store, exporter.Account, error) {
	pending, err := exporter.LoginStore(rc.home, p.Name())
	if err != nil {
		return nil, exporter.Account{}, err
	}
	return profiles.LoginIn(ctx, rc.home, p, pending, rc.session(pending, gopts, p), ui)
}

// currentStore opens the store to back up, telling the person to log in
// first when there is none: nothing was interrupted yet.
func currentStore(home, platform, account string) (*exporter.Store, error) {
	st, err := exporter.CurrentStore(home, platform, account)
	if errors.Is(err, exporter.ErrNotLoggedIn) {
		return nil, i18n.Fail(err, i18n.FailLogInFirst, i18n.Args{"site": platform})
	}
	return st, err
}

// notLoggedIn is the error that tells the person the one command to run;
// cause (an error wrapping exporter.ErrNotLoggedIn) says what showed it:
// farewell's own words (an i18n.Error that is the login's), or the
// site's, said once.
func notLoggedIn(platform string, cause error) error {
	var own *i18n.Error
	var what error
	switch {
	case cause == nil:
		what = i18n.Fail(exporter.ErrNotLoggedIn, i18n.FailNotLoggedIn, nil)
	case errors.As(cause, &own) && errors.Is(own, exporter.ErrNotLoggedIn):
		what = cause
	default:
		what = i18n.Fail(sessionGone{cause}, i18n.FailSessionGone, nil)
	}
	return i18n.Fail(what, i18n.FailLogInAgain, i18n.Args{"site": platform})
}

// sessionGone is what showed a session is gone, in the site's or the
// page's words, saying "not logged in" once: the site's words often say
// it, then the sentinel they wrap says it again.
type sessionGone struct{ cause error }

func (e sessionGone) Error() string {
	gone := exporter.ErrNotLoggedIn.Error()
	what := e.cause.Error()
	for strings.HasSuffix(what, ": "+gone) {
		what = strings.TrimSuffix(what, ": "+gone)
	}
	if !strings.Contains(what, gone) {
		what += ": " + gone
	}
	return what
}

func (e sessionGone) Unwrap() error { return e.cause }

// outFolder makes the folder the bundle will be written to, before
// hours of capture rather than after: a path that cannot be a folder
// fails at once.
func outFolder(dir string) error {
	return os.MkdirAll(dir, 0o700)
}

// backupResult is what a finished backup produced.
type backupResult struct {
	bundle         string
	report         *archive.Report
	media          exporter.MediaStats
	captureSeconds float64
}

// backupStore is the whole job for one store: check the session, capture
// (continuing an interrupted run), derive the records, pack and verify.
func backupStore(ctx context.Context, rc runConfig, gopts *GlobalOptions, p profiles.Profile, st *exporter.Store, only []exporter.Collection, out string) (*backupResult, error) {
	start := time.Now()
	media, err := profiles.Capture(ctx, p, st, rc.session(st, gopts, p), only)
	captureSeconds := time.Since(start).Seconds()
	if errors.Is(err, exporter.ErrNotLoggedIn) {
		return nil, notLoggedIn(p.Name(), err)
	}
	if errors.Is(err, exporter.ErrThrottled) {
		// Every wait spent: the store holds everything so far.
		return nil, i18n.Fail(err, i18n.FailThrottled, i18n.Args{"site": p.Name()})
	}
	if err != nil {
		return nil, err
	}
	if err := p.Records(ctx, st); err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	spec, err := storespec.For(ctx, st.Dir)
	if err != nil {
		return nil, err
	}
	defer limitMemory(archiveMemoryLimit)()
	res, err := archive.Pack(ctx, spec, archive.PackOptions{OutDir: out, Tool: archive.Tool{Name: "farewell", Version: version}})
	if err != nil {
		return nil, err
	}
	rep, err := archive.Verify(ctx, res.Path, archive.VerifyOptions{})
	if err != nil {
		return nil, err
	}
	return &backupResult{bundle: res.Path, report: rep, media: media, captureSeconds: captureSeconds}, nil
}
