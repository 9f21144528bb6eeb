package exporter

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// StopFailed is the stop reason of a collection whose step still failed
// after its retries: the run went on with the others, and the next run
// takes it up again.
const StopFailed = "failed"

// ErrAgain asks for a step to be run again from its start: a page did not
// render or load, the site asked to slow down while it loaded, or a
// verification was solved. It comes after the pause the session's
// backoff asks for (see Session.Retry).
var ErrAgain = errors.New("run the step again")

// errGaveUp marks an error after which a step's retries were spent.
var errGaveUp = errors.New("giving up")

// ErrChallenge is a verification a person was told how to solve (see
// Site.Challenge): the step does not meet it again.
var ErrChallenge = fmt.Errorf("a person must solve it: %w", ErrCaptcha)

// maxRuns bounds how often one step runs, however its attempts were
// reset by progress.
const maxRuns = 40

// attemptKey carries a step's attempt in its context.
type attemptKey struct{}

// Attempt returns how many times the current step was run before (0 on
// its first run): Retry pauses longer the higher it is.
func Attempt(ctx context.Context) int {
	n, _ := ctx.Value(attemptKey{}).(int)
	return n
}

// Retry pauses before the current step is run again for a reason other
// than the site's throttling (a page whose code did not load, a page not
// rendered, a request cut off), with the backoff and countdown of
// Throttled, and returns ErrAgain; once the attempts are spent it returns
// an error saying why it gave up.
func (s *Session) Retry(ctx context.Context, why i18n.Msg) error {
	if err := s.Again(ctx, Attempt(ctx), why); err != nil {
		return err
	}
	return ErrAgain
}

// renderAttempts is how many times a step runs for a page that does not
// render what it needs: a page still without it after as many loads,
// spaced by the backoff, is broken, not slow.
const renderAttempts = 3

// RetryRender is Retry for a page that has not rendered what the step
// needs, with fewer attempts (renderAttempts).
func (s *Session) RetryRender(ctx context.Context, why i18n.Msg) error {
	if n := Attempt(ctx) + 1; n >= renderAttempts || s.lastChance.Load() {
		return fmt.Errorf("%s: %w after %d tries", i18n.English(why), errGaveUp, n)
	}
	return s.Retry(ctx, why)
}

// stepRetries is how many more times a step that failed (other than by
// ErrAgain, which has its own budget) runs before it is recorded as
// failed: the site may have served one bad page.
const stepRetries = 2

// RetryThrottled is Retry after the site asked to slow down.
func (s *Session) RetryThrottled(ctx context.Context, detail i18n.Msg) error {
	if err := s.Throttled(ctx, Attempt(ctx), detail); err != nil {
		return err
	}
	return ErrAgain
}

// Fatal reports whether an error ends the run rather than a step: the
// session is gone, the site wants a verification (headless), the store
// cannot be written, the browser died (the capture starts a new one and
// continues), or the run itself was stopped. Everything else fails one
// step, which becomes a gap while the run goes on.
func Fatal(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, ErrNotLoggedIn) || errors.Is(err, ErrCaptcha) || errors.Is(err, ErrStorage) ||
		errors.Is(err, ErrBrowserGone) || errors.Is(err, context.Canceled)
}

// GapOr records a failure of one item of a collection as a gap and
// returns nil, or returns the error when it must end the step or the run
// instead (see Fatal; ErrAgain reruns the step).
func (s *Session) GapOr(ctx context.Context, collection Collection, kind, ref string, err error) error {
	if Fatal(ctx, err) || errors.Is(err, ErrAgain) {
		return err
	}
	return s.Gap(collection, Gap{Kind: kind, Ref: ref, Detail: err.Error()})
}

// Short records that a collection's step ended short of what it should
// have seen (a list that stopped growing without saying it ended): the
// step leaves diagnostics.
func (s *Session) Short(collection Collection, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.short == nil {
		s.short = map[Collection]string{}
	}
	if s.short[collection] == "" {
		s.short[collection] = why
	}
}

// stepGaps counts the gaps other than downloads this session recorded
// for a collection (Gap): a step that records more than there were when
// it began leaves diagnostics, even when its own start cleared the gaps
// of an earlier pass from the journal.
func (s *Session) stepGaps(collection Collection) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.itemGaps[collection]
}

// resolveFailed takes back the gap an earlier run's failed step of a
// collection left: the step is tried again now, and leaves a new one if
// it fails again.
func (s *Session) resolveFailed(collection Collection) error {
	st, err := s.State(collection)
	if err != nil || st == nil {
		return err
	}
	for _, g := range st.Gaps {
		if g.Kind == "step" {
			if err := s.Journal.Append(Event{Type: EventGapResolved, Collection: collection, Gap: &Gap{Kind: g.Kind, Ref: g.Ref}}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Failed returns the collections of names whose step failed (stop reason
// "failed") or recorded gaps other than downloads (an item the site would
// not give): the run's final pass runs them once more (LastChance). A
// step that walks its list again asks only for what it lacks where it
// keeps what it has.
func (s *Session) Failed(names []Collection) ([]Collection, error) {
	events, err := ReadJournal(s.Store.Path(JournalFile))
	if err != nil {
		return nil, err
	}
	states, _ := Fold(events)
	var failed []Collection
	for _, name := range names {
		c := states[name]
		if c == nil {
			continue
		}
		items := slices.ContainsFunc(c.Gaps, func(g Gap) bool { return g.Kind != "media" })
		if c.StopReason == StopFailed || (c.Finished() && items) {
			failed = append(failed, name)
		}
	}
	return failed, nil
}

// LastChance marks the rest of the session as the run's final pass over
// the steps that failed: a step that fails again is recorded at once,
// without the retries its first run had (those were spent, and the time
// since was the pause).
func (s *Session) LastChance() { s.lastChance.Store(true) }

// pages is how many pages the journal holds for a collection in the
// current pass: a step that is run again continues after them.
func (s *Session) pages(collection Collection) int {
	st, err := s.State(collection)
	if err != nil || st == nil {
		return 0
	}
	return st.Pages
}

// RunStep runs the step that captures one collection in tab t, again
// while it asks to be (ErrAgain; its attempts start over when it got
// further), and meets what the site does on the way: a verification the
// step did not meet itself, a page that went elsewhere under it.
//
// A step that still fails is not the end of the run: the collection is
// recorded as failed (stop reason "failed", with the error and a gap),
// its diagnostics are kept in diagnostics/<collection>/, and RunStep
// returns nil so the run goes on with the others. A step that ends short
// (Short, or gaps recorded) leaves diagnostics too. Only what Fatal names
// is returned.
func (s *Session) RunStep(ctx context.Context, collection Collection, t *Tab, step func(context.Context) error) error {
	if err := s.Store.ClearDiagnostics(collection); err != nil {
		return err
	}
	s.mu.Lock()
	delete(s.short, collection)
	s.mu.Unlock()
	if err := s.resolveFailed(collection); err != nil {
		return err
	}
	gaps := s.stepGaps(collection)
	start := time.Now()
	var err error
	for attempt, runs, failures := 0, 0, 0; ; attempt, runs = attempt+1, runs+1 {
		before := s.pages(collection)
		err = step(context.WithValue(ctx, attemptKey{}, attempt))
		actx := context.WithValue(ctx, attemptKey{}, attempt)
		if errors.Is(err, ErrCaptcha) && !errors.Is(err, ErrChallenge) {
			// A verification met by a request of farewell's own (not a
			// list the page drives): the same wait, or the same
			// advice, as there.
			err = t.challenge(actx)
		}
		if errors.Is(err, ErrPageChanged) {
			// The page went elsewhere under the step: to the
			// verification page, a login wall, or it reloaded itself.
			if berr := t.blocked(actx); berr != nil {
				err = berr
			} else {
				err = s.Retry(actx, i18n.PlainText(err.Error()))
			}
		}
		if runs >= maxRuns || err == nil || errors.Is(err, ErrProbed) || Fatal(ctx, err) {
			break
		}
		if s.pages(collection) > before {
			// The step got further before it met trouble: the trouble
			// is new, and so are its attempts.
			attempt, failures = -1, 0
		}
		if errors.Is(err, ErrAgain) {
			continue
		}
		if failures == stepRetries || errors.Is(err, errGaveUp) || s.lastChance.Load() {
			break
		}
		if perr := s.Again(ctx, failures, i18n.Msg{Code: i18n.WhyStepFailed, Args: i18n.Args{"collection": collection, "error": err}}); perr != nil {
			err = perr
			break
		}
		failures++
	}
	if s.cfg.Probe && !Fatal(ctx, err) && (err == nil || errors.Is(err, ErrProbed)) {
		s.probed(collection, start, nil, "")
		return nil
	}
	if err == nil {
		s.mu.Lock()
		why := s.short[collection]
		s.mu.Unlock()
		if why == "" && s.stepGaps(collection) > gaps {
			why = "gaps were recorded"
		}
		if why != "" {
			t.Diagnose(ctx, collection, why, nil)
		}
		return nil
	}
	if Fatal(ctx, err) {
		return err
	}
	err = fmt.Errorf("%s %s: %w", s.Store.Info.Platform, collection, err)
	dir := t.Diagnose(ctx, collection, "the step failed", err)
	detail := err.Error()
	if dir != "" {
		detail += " (see " + dir + ")"
	}
	if s.cfg.Probe {
		s.probed(collection, start, err, dir)
	}
	s.Progress.Note(i18n.Msg{Code: i18n.NoteStepFailed, Args: i18n.Args{"collection": collection, "error": err}})
	if gerr := s.Gap(collection, Gap{Kind: "step", Ref: dir, Detail: err.Error()}); gerr != nil {
		return gerr
	}
	return s.Done(collection, StopFailed, i18n.PlainText(detail), 0)
}
