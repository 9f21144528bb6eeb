package exporter

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// Tab is one browser tab that a session drives on a site the way a
// person does: it opens pages (each a [View]) watching the answers their
// collections need, acts in them with real pointer and wheel input, and
// keeps every other data answer of the site's API in raw/other/.
type Tab struct {
	S    *Session
	B    *Browser
	Site *Site
	// pace spaces the tab's actions: the session's pace on its own tab,
	// a pacer of its own on a second tab.
	pace   func(ctx context.Context, n int) error
	main   bool
	keeper *Watcher

	mu     sync.Mutex
	routes map[*View][]Route // the routes of the views open now
}

// Tab returns the engine on the session's own tab for site. Close it
// when the capture is done.
func (s *Session) Tab(site *Site) (*Tab, error) {
	return s.newTab(s.Browser, site, s.Pace, true)
}

// NewTab opens a second tab of the session's browser for site, paced on
// its own: for a part of the site with a budget of its own, such as a
// chat that does not use the rate-limited API. Close closes it.
func (s *Session) NewTab(ctx context.Context, site *Site) (*Tab, error) {
	b, err := s.Browser.NewTab(ctx)
	if err != nil {
		return nil, err
	}
	t, err := s.newTab(b, site, s.NewPacer().WaitN, false)
	if err != nil {
		b.Close()
		return nil, err
	}
	return t, nil
}

func (s *Session) newTab(b *Browser, site *Site, pace func(context.Context, int) error, main bool) (*Tab, error) {
	t := &Tab{S: s, B: b, Site: site, pace: pace, main: main, routes: map[*View][]Route{}}
	keeper, err := b.Watch(s.Store, t.other)
	if err != nil {
		return nil, err
	}
	t.keeper = keeper
	return t, nil
}

// other keeps the data answers of the site's API that no open view asked
// for, in raw/other/.
func (t *Tab) other(r PageRequest) (Keep, bool) {
	if !r.API || r.Farewell || !t.Site.IsAPI(r.URL) {
		return Keep{}, false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, routes := range t.routes {
		if _, ok := t.Site.routeFor(r.URL, routes); ok {
			return Keep{}, false
		}
	}
	return Keep{Collection: Other, Kind: t.Site.kindOf(PathOf(r.URL)), DataOnly: true}, true
}

// Close stops keeping answers and, for a second tab, closes it.
func (t *Tab) Close() {
	for _, err := range t.keeper.Stop() {
		t.S.Progress.Note(i18n.Msg{Code: i18n.NoteWarning, Args: i18n.Args{"error": err}})
	}
	if !t.main {
		t.B.Close()
	}
}

// navigate loads a page that makes requests requests to the site at
// once, paced as that many. On the session's own tab it waits for an
// in-page fetch to finish first.
func (t *Tab) navigate(ctx context.Context, page string, requests int) (string, error) {
	if t.main {
		return t.S.Open(ctx, page, requests)
	}
	if err := t.pace(ctx, requests); err != nil {
		return "", err
	}
	return t.B.Navigate(ctx, page)
}

// Location returns the tab's address.
func (t *Tab) Location(ctx context.Context) (string, error) { return t.B.Location(ctx) }

// Title returns the page's title.
func (t *Tab) Title(ctx context.Context) (string, error) {
	return Eval[string](ctx, t.B, `document.title`, 10*time.Second)
}

// Open loads a page of the site, keeping the answers of routes in their
// collections, and checks where it landed. A page load makes the page
// ask for requests lists at once, so it is paced as that many.
func (t *Tab) Open(ctx context.Context, page string, requests int, routes ...Route) (*View, error) {
	v := &View{t: t, routes: routes, opened: time.Now()}
	w, err := t.B.Watch(t.S.Store, v.match)
	if err != nil {
		return nil, err
	}
	v.w = w
	t.mu.Lock()
	t.routes[v] = routes
	t.mu.Unlock()
	loc, err := t.navigate(ctx, page, requests)
	if err == nil && t.Site.Landed != nil {
		err = t.Site.Landed(ctx, t, loc)
	}
	if err != nil {
		v.Close()
		return nil, err
	}
	return v, nil
}

// challenge meets a verification the site asks for in this tab.
func (t *Tab) challenge(ctx context.Context) error {
	if t.Site.Challenge == nil {
		return fmt.Errorf("%s wants a verification: %w", t.Site.Name, ErrCaptcha)
	}
	return t.Site.Challenge(ctx, t)
}

// blocked asks the site whether the page is one where it stopped the
// person (a verification, a login wall); a verification is met at once.
func (t *Tab) blocked(ctx context.Context) error {
	if t.Site.Blocked == nil {
		return nil
	}
	err := t.Site.Blocked(ctx, t)
	if errors.Is(err, ErrCaptcha) {
		return t.challenge(ctx)
	}
	return err
}

// View is one page open in a tab: the answers it receives for its routes
// and what is done in it.
type View struct {
	t      *Tab
	w      *Watcher
	routes []Route
	opened time.Time
}

func (v *View) match(r PageRequest) (Keep, bool) {
	if !r.API || r.Farewell {
		return Keep{}, false
	}
	rt, ok := v.t.Site.routeFor(r.URL, v.routes)
	if !ok {
		return Keep{}, false
	}
	return Keep{Collection: rt.Collection, Kind: rt.Kind}, true
}

// Close stops watching the page and reports the answers it could not
// keep.
func (v *View) Close() {
	for _, err := range v.w.Stop() {
		v.t.S.Progress.Note(i18n.Msg{Code: i18n.NoteWarning, Args: i18n.Args{"error": err}})
	}
	v.t.mu.Lock()
	delete(v.t.routes, v)
	v.t.mu.Unlock()
}

// Saved returns the answers kept so far, in order.
func (v *View) Saved() []RawFile { return v.w.Saved() }

// Mark is how many answers are kept so far: answers after it came after
// now.
func (v *View) Mark() int { return len(v.w.Saved()) }

// Broken names the page's script or style sheet that did not load ("" if
// none).
func (v *View) Broken() string { return v.w.Broken() }

// settle waits until the page's watched requests have been answered and
// kept (a page that keeps requesting is left after 30 seconds).
func (v *View) settle(ctx context.Context) error {
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := v.w.Settle(sctx, 30*time.Millisecond)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return nil
	}
	return err
}

// Settle waits until the page's watched requests have been answered and
// kept.
func (v *View) Settle(ctx context.Context) error { return v.settle(ctx) }

// answered waits until the page's watched requests have been answered;
// their bodies may still be being kept (a page that keeps requesting is
// left after 30 seconds).
func (v *View) answered(ctx context.Context) error {
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := v.w.Answered(sctx, 30*time.Millisecond)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return nil
	}
	return err
}

// Act does something in the page that makes it send one request (a
// click, a scroll), paced, and waits until the request has started (a
// page sends it at once, from its event handler, if it sends it at all).
func (v *View) Act(ctx context.Context, a Action) error {
	return v.ActWait(ctx, a, 500*time.Millisecond)
}

// ActWait is Act, waiting at most wait for the request to start (for an
// action that often sends none, such as a scroll within a long list).
// When the page has not rendered what the action needs, it waits for it
// a while; a page that still lacks it is looked at (the site's
// verification or login wall end the step) and otherwise the step is run
// again after a pause (ErrAgain): a page not rendered is not an error.
func (v *View) ActWait(ctx context.Context, a Action, wait time.Duration) error {
	if err := v.t.pace(ctx, 1); err != nil {
		return err
	}
	before := v.w.Started()
	deadline := time.Now().Add(v.t.S.cfg.RenderWait)
	for {
		ok, err := a.do(ctx, v)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		if ok {
			break
		}
		if err := v.t.blocked(ctx); err != nil {
			return err
		}
		if b := v.Broken(); b != "" {
			return v.t.S.Retry(ctx, i18n.Msg{Code: i18n.WhyCodeNotLoaded, Args: i18n.Args{"detail": b}})
		}
		if time.Now().After(deadline) {
			return v.t.S.RetryRender(ctx, i18n.Msg{Code: i18n.WhyNotRenderedTo, Args: i18n.Args{"action": a.Name}})
		}
		if err := Sleep(ctx, 250*time.Millisecond); err != nil {
			return err
		}
	}
	_, err := v.w.WaitStarted(ctx, before, wait)
	return err
}

// Await waits until the page shows f, or says why it does not: the
// site stopped it (verification, login wall), its code did not load, or
// it has not rendered f in time (the step is run again after a pause).
func (v *View) Await(ctx context.Context, f Find, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		n, err := v.t.Count(ctx, f)
		if err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if err := v.t.blocked(ctx); err != nil {
			return err
		}
		if b := v.Broken(); b != "" {
			return v.t.S.Retry(ctx, i18n.Msg{Code: i18n.WhyCodeNotLoaded, Args: i18n.Args{"detail": b}})
		}
		if time.Since(v.opened) > 3*time.Second {
			// The page may wait for an answer the site refused: a person
			// sees its placeholder and loads the page again.
			if why, throttled := v.refused(); why.Code != "" {
				if throttled {
					return v.t.S.RetryThrottled(ctx, why)
				}
				return v.t.S.Retry(ctx, why)
			}
		}
		if time.Now().After(deadline) {
			return v.t.S.RetryRender(ctx, i18n.Msg{Code: i18n.WhyNotRendered, Args: i18n.Args{"what": f.String()}})
		}
		if err := Sleep(ctx, 200*time.Millisecond); err != nil {
			return err
		}
	}
}

// refused names the first of the site's API calls since the page opened
// that the site refused or that got no answer, and whether the site
// asked to slow down.
func (v *View) refused() (i18n.Msg, bool) {
	for _, e := range v.t.B.Requests(netLogSize, v.t.Site.Owns) {
		if e.Time.Before(v.opened) || (e.Type != "Fetch" && e.Type != "XHR") {
			continue
		}
		path, _, _ := strings.Cut(e.Path, "?")
		switch {
		case throttledStatus(e.Status):
			return i18n.Msg{Code: i18n.WhySiteRefused, Args: i18n.Args{"address": e.Host + path, "status": e.Status}}, true
		case e.Status >= 500:
			return i18n.Msg{Code: i18n.WhySiteFailed, Args: i18n.Args{"address": e.Host + path, "status": e.Status}}, false
		case e.Error != "" && e.Error != "canceled":
			return i18n.Msg{Code: i18n.WhyGotNoAnswer, Args: i18n.Args{"address": e.Host + path, "error": e.Error}}, false
		}
	}
	return i18n.Msg{}, false
}

// failedFor returns the address of the first of failed that want
// matches ("" if none).
func failedFor(failed []RawMeta, want func(RawFile) bool) string {
	for _, m := range failed {
		if want(RawFile{Meta: m}) {
			return m.URL
		}
	}
	return ""
}

// pageFailed says why a loaded page will not show what it is for (its
// code did not load, or its request for the answer wanted got none or a
// refusal the page did not read), and whether the site asked to slow
// down.
func (v *View) pageFailed(want func(RawFile) bool) (i18n.Msg, bool) {
	if b := v.Broken(); b != "" {
		return i18n.Msg{Code: i18n.WhyCodeNotLoaded, Args: i18n.Args{"detail": b}}, false
	}
	for _, m := range v.w.Failed() {
		if !want(RawFile{Meta: m}) {
			continue
		}
		if m.Status != 0 {
			return i18n.Msg{Code: i18n.WhySiteRefused, Args: i18n.Args{"address": shortURL(m.URL), "status": m.Status}}, throttledStatus(m.Status)
		}
		return i18n.Msg{Code: i18n.WhyRequestFailed, Args: i18n.Args{"detail": m.URL}}, false
	}
	return i18n.Msg{}, false
}

// throttledStatus says whether an HTTP status asks a client to slow
// down (429; 403 and 418 are the sites' own ways of saying it).
func throttledStatus(status int) bool { return status == 429 || status == 403 || status == 418 }

// judge reads an answer with judge, or the site's Judge.
func (v *View) judge(judge func(*Response) error, rf RawFile, body []byte) error {
	if judge == nil {
		judge = v.t.Site.Judge
	}
	if judge == nil {
		return nil
	}
	return judge(&Response{URL: rf.Meta.URL, Status: rf.Meta.Status, ContentType: rf.Meta.ContentType, Body: body, Time: rf.Meta.Time})
}

// siteFailed says the site answered a request with a 5xx.
func siteFailed(rf RawFile) i18n.Msg {
	return i18n.Msg{Code: i18n.WhySiteFailed, Args: i18n.Args{"address": shortURL(rf.Meta.URL), "status": rf.Meta.Status}}
}

// answerIdle is how long Answer waits on a page that has nothing in
// flight and asks for nothing: a click it ignored leaves it so.
const answerIdle = 8 * time.Second

// Answer waits for the first answer want accepts after the from-th kept
// one, judged by the site. A throttled answer, a page whose code did not
// load, a request cut off or refused, or a page that stops asking run the
// step again after a pause (ErrAgain); a verification is met at once.
func (v *View) Answer(ctx context.Context, from int, want func(RawFile) bool) (RawFile, []byte, error) {
	began := time.Now()
	deadline := began.Add(30 * time.Second)
	why := i18n.Msg{Code: i18n.WhyNoAnswer, Args: i18n.Args{"seconds": 30}}
	for time.Now().Before(deadline) {
		if err := v.settle(ctx); err != nil {
			return RawFile{}, nil, err
		}
		for _, rf := range v.w.Saved()[from:] {
			if !want(rf) {
				continue
			}
			body, err := rf.Read()
			if err != nil {
				return rf, nil, err
			}
			if err := v.judge(nil, rf, body); err != nil {
				switch {
				case errors.Is(err, ErrCaptcha):
					return rf, nil, v.t.challenge(ctx)
				case errors.Is(err, ErrThrottled):
					return rf, nil, v.t.S.RetryThrottled(ctx, i18n.PlainText(err.Error()))
				case rf.Meta.Status >= 500:
					// A moment's failure of the site: load the page
					// again after a pause.
					return rf, nil, v.t.S.Retry(ctx, siteFailed(rf))
				}
				return rf, nil, err
			}
			return rf, body, nil
		}
		if why, throttled := v.pageFailed(want); why.Code != "" {
			// No answer will come: load the page again after a pause.
			if throttled {
				return RawFile{}, nil, v.t.S.RetryThrottled(ctx, why)
			}
			return RawFile{}, nil, v.t.S.Retry(ctx, why)
		}
		// Settled: nothing is in flight. A page that has asked for
		// nothing since will not answer.
		if last := v.w.Last(); time.Since(began) > answerIdle && time.Since(last) > answerIdle {
			why = i18n.Msg{Code: i18n.WhyStoppedAsking, Args: i18n.Args{"seconds": int(answerIdle.Seconds())}}
			break
		}
		if err := Sleep(ctx, 100*time.Millisecond); err != nil {
			return RawFile{}, nil, err
		}
	}
	if err := v.t.blocked(ctx); err != nil {
		return RawFile{}, nil, err
	}
	// The page neither answered nor failed: load it again, as a person
	// would, until the backoff gives up.
	return RawFile{}, nil, v.t.S.Retry(ctx, why)
}
