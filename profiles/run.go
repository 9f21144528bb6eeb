package profiles

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// Login runs p's login in a fresh login store under home, then adopts it
// as the account's store (see exporter.AdoptLogin).
func Login(ctx context.Context, home string, p Profile, cfg exporter.SessionConfig, ui LoginUI) (*exporter.Store, exporter.Account, error) {
	pending, err := exporter.LoginStore(home, p.Name())
	if err != nil {
		return nil, exporter.Account{}, err
	}
	return LoginIn(ctx, home, p, pending, cfg, ui)
}

// LoginIn runs a profile's login in pending, a login store its caller
// took (and so locked) with exporter.LoginStore, adopts it as the
// account's store, and releases pending's lock, however the login ended.
// The lock is held from before anything in pending is removed until the
// login is adopted, so a second login on the same home is refused and
// leaves the first's browser profile and cookies alone.
func LoginIn(ctx context.Context, home string, p Profile, pending *exporter.Store, cfg exporter.SessionConfig, ui LoginUI) (*exporter.Store, exporter.Account, error) {
	defer pending.Unlock()
	s, err := exporter.OpenSession(ctx, pending, inZone(p, cfg))
	if err != nil {
		return nil, exporter.Account{}, err
	}
	acc, err := p.Login(ctx, s, ui)
	if cerr := s.Close("login"); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, exporter.Account{}, fmt.Errorf("%s login: %w", p.Name(), err)
	}
	st, err := exporter.AdoptLogin(home, p.Name(), pending, acc)
	return st, acc, err
}

// otherAccount is the error of a browser logged in as another account
// than the store's: a login, to the store's account, is what it takes.
func otherAccount(acc exporter.Account, st *exporter.Store) error {
	return i18n.Fail(exporter.ErrNotLoggedIn, i18n.FailOtherAccount, i18n.Args{"got": acc.ID, "want": st.Info.Account.ID})
}

// browserRestarts is how many times one capture starts the browser
// again after it died under it.
const browserRestarts = 5

// Capture runs one capture of a store: it opens a session, checks that it
// is logged in as the store's account, captures (continuing an earlier
// run: only the collections it did not finish, or all of them once a
// backup was complete), and closes the session, however the capture
// ended. When the browser dies under it (a crash, a killed process), it
// starts a new one and continues from the journal. It returns what the
// media downloader did.
func Capture(ctx context.Context, p Profile, st *exporter.Store, cfg exporter.SessionConfig, only []exporter.Collection) (exporter.MediaStats, error) {
	var total exporter.MediaStats
	for restart := 0; ; restart++ {
		stats, crashed, err := captureOnce(ctx, p, st, cfg, only)
		total = total.Add(stats)
		if !crashed {
			return total, err
		}
		if restart == browserRestarts {
			return total, fmt.Errorf("the browser died %d times; what was captured is kept: %w", restart+1, err)
		}
		if cfg.Progress != nil {
			cfg.Progress.Note(i18n.Msg{Code: i18n.NoteBrowserRestart, Args: i18n.Args{"error": err}})
		}
		// Only the collections the journal has not finished are left.
		only = nil
	}
}

// captureOnce is one session of Capture; crashed says the browser died
// under it (the caller's context still live).
func captureOnce(ctx context.Context, p Profile, st *exporter.Store, cfg exporter.SessionConfig, only []exporter.Collection) (exporter.MediaStats, bool, error) {
	s, err := exporter.OpenSession(ctx, st, inZone(p, cfg))
	if err != nil {
		return exporter.MediaStats{}, false, err
	}
	acc, err := p.Account(ctx, s)
	if err == nil && acc.ID != st.Info.Account.ID {
		err = otherAccount(acc, st)
	}
	if err == nil {
		err = s.Plan(p.Collections())
	}
	if err == nil && len(only) == 0 {
		// Continue the pass an earlier run did not finish.
		only, err = s.Pending(p.Collections())
	}
	if err == nil {
		s.Progress.Plan(runPlan(p, only))
		err = p.Capture(ctx, s, only)
	}
	if err == nil && !cfg.Probe {
		err = lastChance(ctx, p, s)
	}
	if err == nil {
		// Let the downloads finish, and try the ones that failed
		// once more: one that met a logout, a verification or a dead
		// browser ends the run like the lists.
		err = s.FinishDownloads(ctx)
	}
	crashed := err != nil && ctx.Err() == nil && s.Browser.Closed()
	if crashed && !errors.Is(err, exporter.ErrBrowserGone) {
		err = fmt.Errorf("%w: %v", exporter.ErrBrowserGone, err)
	}
	how := "finished"
	switch {
	case crashed:
		how = "browser crashed"
	case errors.Is(err, context.Canceled):
		how = "interrupted"
	case errors.Is(err, exporter.ErrNotLoggedIn):
		how = "logged out"
	case err != nil:
		how = "failed: " + err.Error()
	}
	closeErr := s.Close(how)
	stats := s.Media.Stats()
	if err != nil {
		return stats, crashed, err
	}
	return stats, false, closeErr
}

// runPlan is what a capture of only runs, in the profile's order: every
// collection when only is empty.
func runPlan(p Profile, only []exporter.Collection) []exporter.Collection {
	if len(only) == 0 {
		return p.Collections()
	}
	var plan []exporter.Collection
	for _, c := range p.Collections() {
		if slices.Contains(only, c) {
			plan = append(plan, c)
		}
	}
	return plan
}

// lastChance is the run's final pass over its failed steps: a step that
// failed after its retries (a page that would not render, answers cut
// off) may have met a moment's trouble, so each runs once more after the
// others, and only one that fails again stays failed.
func lastChance(ctx context.Context, p Profile, s *exporter.Session) error {
	failed, err := s.Failed(p.Collections())
	if err != nil || len(failed) == 0 {
		return err
	}
	s.Progress.Note(i18n.Msg{Code: i18n.NoteOnceMore, Args: i18n.Args{"collections": failed}})
	s.LastChance()
	return p.Capture(ctx, s, failed)
}

// DoctorDir is the folder of a store where probes keep their scratch
// stores (never packed into a bundle).
const DoctorDir = "doctor"

// Doctor probes every collection of p in the account's real session:
// each step runs until its first page is in (see exporter.Probe), with
// no media downloaded, in a scratch store under the account's store that
// borrows its browser profile and cookies, so the account's own journal
// and captures are left as they were. It returns the probes in the
// profile's order and the scratch store's folder (where the failing
// probes' diagnostics are).
func Doctor(ctx context.Context, p Profile, st *exporter.Store, cfg exporter.SessionConfig) ([]exporter.Probe, string, error) {
	dir := filepath.Join(st.Dir, DoctorDir, time.Now().UTC().Format("20060102T150405.000Z"))
	scratch, err := st.Scratch(dir)
	if err != nil {
		return nil, "", err
	}
	cfg.Probe = true
	s, err := exporter.OpenSession(ctx, scratch, inZone(p, cfg))
	if err != nil {
		return nil, dir, err
	}
	acc, err := p.Account(ctx, s)
	if err == nil && acc.ID != st.Info.Account.ID {
		err = otherAccount(acc, st)
	}
	if err == nil {
		err = s.Plan(p.Collections())
	}
	if err == nil {
		s.Progress.Plan(p.Collections())
		err = p.Capture(ctx, s, nil)
	}
	probes := s.Probes()
	if cerr := s.Close("doctor"); err == nil {
		err = cerr
	}
	order := map[exporter.Collection]int{}
	for i, c := range p.Collections() {
		order[c] = i
	}
	sort.SliceStable(probes, func(i, j int) bool { return order[probes[i].Collection] < order[probes[j].Collection] })
	return probes, dir, err
}
