package exporter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// SessionConfig sets up a session.
type SessionConfig struct {
	Network    Network
	Visible    bool
	BrowserLog io.Writer
	// Interval is the least time between two requests to the site
	// (default 1.5s), plus up to Jitter×Interval (default 0.3).
	Interval time.Duration
	Jitter   float64
	Backoff  Backoff
	// MediaWorkers is the number of parallel downloads (default 3).
	MediaWorkers int
	// MediaRetryDelay is the first pause between download attempts.
	MediaRetryDelay time.Duration
	Progress        Progress
	// Full makes every collection walk the whole list again, even after
	// a complete backup (see [Session.Since]).
	Full bool
	// Probe runs each step only until its first page is in (see
	// ErrProbed), downloading no media: "farewell doctor".
	Probe bool
	// RenderWait is how long a page may take to render what a step
	// needs before the step runs again after a pause (default 10s).
	RenderWait time.Duration
	// TimeZone is the site's own zone, which the browser's pages live in
	// (see BrowserConfig.TimeZone; "" keeps the computer's).
	TimeZone string
}

// Session is one run against a site: the store it fills, its journal, the
// browser (with the person's session), the media downloader and the
// politeness rules. A profile drives the site through it.
type Session struct {
	Store    *Store
	Journal  *Journal
	Browser  *Browser
	Media    *Downloader
	Index    *MediaIndex
	Progress Progress

	cfg     SessionConfig
	pacer   *Pacer
	fetchMu sync.Mutex
	// side is the tab fetches go from while the main tab's page is
	// broken (fetchMu).
	side     *Browser
	classify func(*Response) error
	ua       string

	mu      sync.Mutex
	gapKeys map[string]Collection // media keys with an open gap -> collection
	// failed are this run's downloads that failed for a reason that may
	// pass (not one that ends the run), by key: the final pass tries
	// them again (FinishDownloads).
	failed map[string]MediaRequest
	cancel context.CancelFunc
	// lost is the first download failure that means the run cannot go
	// on: the session ended, a verification, the browser gone.
	lost error
	// short are the collections whose step this run ended short, and why.
	short  map[Collection]string
	probes probes
	// itemGaps counts the gaps other than downloads this session
	// recorded, by collection (stepGaps).
	itemGaps map[Collection]int
	// lastChance is set for the run's final pass (LastChance).
	lastChance atomic.Bool
	// ownsLock says the session took the store's lock, and so releases
	// it when it closes.
	ownsLock bool
}

// Lost returns the error that ended the session under the media
// downloader (a logout, a verification, a dead browser), or nil. A
// capture that finished its lists still ends with it, so that the
// downloads it could not finish are taken up by the next run.
func (s *Session) Lost() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lost
}

// OpenSession locks the store, opens its journal and media index, starts
// the browser on the store's profile with the saved cookie jar, and starts
// the media downloader.
func OpenSession(ctx context.Context, st *Store, cfg SessionConfig) (*Session, error) {
	if cfg.Interval <= 0 {
		cfg.Interval = 1500 * time.Millisecond
	}
	if cfg.Jitter <= 0 {
		cfg.Jitter = 0.3
	}
	if cfg.RenderWait <= 0 {
		cfg.RenderWait = 10 * time.Second
	}
	if cfg.Progress == nil {
		cfg.Progress = NewTextProgress(io.Discard, TextOptions{})
	}
	cfg.Backoff = cfg.Backoff.withDefaults()
	// A store its caller locked (a login's, see LoginStore) stays locked
	// when the session closes: the caller's work on it is not over.
	ownsLock := st.lock == nil
	if ownsLock {
		if err := st.Lock(); err != nil {
			return nil, err
		}
	}
	s := &Session{Store: st, Progress: cfg.Progress, cfg: cfg, pacer: NewPacer(cfg.Interval, cfg.Jitter), classify: DefaultClassify, gapKeys: map[string]Collection{},
		failed: map[string]MediaRequest{}, itemGaps: map[Collection]int{}, ownsLock: ownsLock}
	ok := false
	defer func() {
		if !ok {
			s.closeParts()
		}
	}()
	var err error
	if s.Journal, err = OpenJournal(st.Path(JournalFile)); err != nil {
		return nil, err
	}
	if err := s.Journal.Append(Event{Type: EventRunStart}); err != nil {
		return nil, err
	}
	if s.Index, err = st.OpenMediaIndex(); err != nil {
		return nil, err
	}
	cookies, err := LoadCookies(st.CookiesPath())
	if err != nil {
		return nil, err
	}
	if s.Browser, err = StartBrowser(ctx, BrowserConfig{ProfileDir: st.ProfilePath(), Visible: cfg.Visible, Network: cfg.Network, Log: cfg.BrowserLog,
		TimeZone: cfg.TimeZone}); err != nil {
		return nil, err
	}
	if err := s.Browser.SetCookies(ctx, cookies); err != nil {
		return nil, err
	}
	ua, _ := Eval[string](ctx, s.Browser, `navigator.userAgent`, 10*time.Second)
	s.ua = strings.Replace(ua, "HeadlessChrome", "Chrome", 1)
	events, err := ReadJournal(st.Path(JournalFile))
	if err != nil {
		return nil, err
	}
	states, _ := Fold(events)
	for name, c := range states {
		for _, g := range c.Gaps {
			if g.Kind == "media" {
				s.gapKeys[g.Ref] = name
			}
		}
	}
	mctx, cancel := context.WithCancel(ctx)
	s.cancel = cancel
	s.Media = st.NewDownloader(mctx, s.Index, DownloaderConfig{
		Workers: cfg.MediaWorkers, UserAgent: s.ua, Network: cfg.Network, Jar: HTTPJar(cookies),
		RetryDelay: cfg.MediaRetryDelay, Done: s.mediaDone, Changed: cfg.Progress.Media, Off: cfg.Probe,
	})
	ok = true
	return s, nil
}

// UserAgent is the browser's user agent (without the headless marker).
func (s *Session) UserAgent() string { return s.ua }

// SetClassifier sets how in-page fetch responses are judged: nil for a
// good answer, or an error wrapping ErrNotLoggedIn, ErrThrottled or
// ErrCaptcha (the session acts on those), or any other error (retried a
// few times).
func (s *Session) SetClassifier(f func(*Response) error) { s.classify = f }

// DefaultClassify accepts 2xx answers, treats 401 as logged out and 418
// and 429 as throttling.
func DefaultClassify(r *Response) error {
	switch {
	case r.Status >= 200 && r.Status < 300:
		return nil
	case r.Status == http.StatusUnauthorized:
		return ErrNotLoggedIn
	case r.Status == http.StatusTeapot || r.Status == http.StatusTooManyRequests:
		return fmt.Errorf("HTTP %d: %w", r.Status, ErrThrottled)
	}
	return fmt.Errorf("HTTP %d", r.Status)
}

// Fetch describes one request to the site and where its answer goes.
type Fetch struct {
	Request
	Collection Collection // "" to not keep the answer
	Kind       string
	Ref        string
}

// Fetch makes one request from inside the page, paced, judged by the
// classifier and retried: after throttling it waits (doubling, with a
// countdown), after other failures briefly. A good answer is kept as a raw
// capture and returned with its bundle path. Fetches are made one at a
// time.
func (s *Session) Fetch(ctx context.Context, f Fetch) (*Response, string, error) {
	s.fetchMu.Lock()
	defer s.fetchMu.Unlock()
	for attempt := 0; ; attempt++ {
		if err := s.pacer.Wait(ctx); err != nil {
			return nil, "", err
		}
		if s.Browser.Closed() {
			return nil, "", ErrBrowserGone
		}
		tab, err := s.fetchTab(ctx)
		if err != nil {
			return nil, "", err
		}
		resp, err := tab.PageFetch(ctx, f.Request, 60*time.Second)
		if err == nil {
			err = s.classify(resp)
		}
		switch {
		case err == nil:
			if f.Collection == "" || s.Store == nil {
				return resp, "", nil
			}
			name, err := s.Store.SaveRaw(RawMeta{URL: resp.URL, Method: methodOr(f.Method), RequestBody: f.Body, Status: resp.Status,
				ContentType: resp.ContentType, Time: resp.Time, Kind: f.Kind, Collection: f.Collection, Ref: f.Ref, Source: "fetch"}, resp.Body)
			return resp, name, err
		case ctx.Err() != nil:
			return nil, "", ctx.Err()
		case errors.Is(err, ErrNotLoggedIn), errors.Is(err, ErrCaptcha), errors.Is(err, ErrNotFound), errors.Is(err, ErrRejected):
			return nil, "", err
		case attempt+1 >= s.cfg.Backoff.Attempts:
			return nil, "", fmt.Errorf("%s: giving up after %d tries: %w", shortURL(f.URL), attempt+1, err)
		case errors.Is(err, ErrThrottled):
			if err := s.Progress.Countdown(ctx, i18n.Msg{Code: i18n.WhySlowDown, Args: i18n.Args{"detail": i18n.PlainText(err.Error())}}, s.cfg.Backoff.Delay(attempt)); err != nil {
				return nil, "", err
			}
		default:
			if err := Sleep(ctx, time.Duration(1<<attempt)*time.Second); err != nil {
				return nil, "", err
			}
		}
	}
}

// fetchTab returns the tab to fetch from: the session's own, unless its
// page's code did not load (it could not sign the request). That page
// belongs to the step driving it, which loads it again in its own time;
// reloading it under the step would pull the page from under its feet.
// The request goes instead from a side tab on the same address, opened
// the first time it is needed and loaded again while its own code is
// missing. Called with fetchMu held.
func (s *Session) fetchTab(ctx context.Context) (*Browser, error) {
	why := s.Browser.PageBroken()
	if why == "" {
		return s.Browser, nil
	}
	if s.side != nil && !s.side.Closed() && s.side.PageBroken() == "" {
		return s.side, nil // any page of the site signs alike
	}
	loc, err := s.Browser.Location(ctx)
	if err != nil {
		return nil, err
	}
	s.Progress.Note(i18n.Msg{Code: i18n.NoteOtherTab, Args: i18n.Args{"detail": why}})
	if s.side == nil || s.side.Closed() {
		if s.side, err = s.Browser.NewTab(ctx); err != nil {
			return nil, err
		}
	}
	// The page asks the site for what it shows as it loads.
	if err := s.pacer.WaitN(ctx, 2); err != nil {
		return nil, err
	}
	if _, err := s.side.Navigate(ctx, loc); err != nil {
		return nil, err
	}
	return s.side, nil
}

func methodOr(m string) string {
	if m == "" {
		return "GET"
	}
	return m
}

// Pace waits as long as n requests to the site must be spaced: call it
// before an action that makes the page send n requests (a scroll that
// loads a page, a click, a page load that asks for two lists).
func (s *Session) Pace(ctx context.Context, n int) error {
	return s.pacer.WaitN(ctx, n)
}

// NewPacer returns a pacer with the session's interval, for requests to
// another service of the site that has a budget of its own.
func (s *Session) NewPacer() *Pacer { return NewPacer(s.cfg.Interval, s.cfg.Jitter) }

// Throttled pauses after the site said "slow down" for the attempt-th
// time in a row (from 0), with a countdown, and returns an error once the
// attempts are spent.
func (s *Session) Throttled(ctx context.Context, attempt int, detail i18n.Msg) error {
	if attempt+1 >= s.cfg.Backoff.Attempts {
		return fmt.Errorf("%s: %w after %d tries: %w", i18n.English(detail), errGaveUp, attempt+1, ErrThrottled)
	}
	return s.Progress.Countdown(ctx, i18n.Msg{Code: i18n.WhySlowDown, Args: i18n.Args{"detail": detail}}, s.cfg.Backoff.Delay(attempt))
}

// Again pauses before a step is tried again for a reason other than the
// site's throttling (a page whose code did not load, a request cut off),
// with the same backoff and countdown as Throttled.
func (s *Session) Again(ctx context.Context, attempt int, why i18n.Msg) error {
	if attempt+1 >= s.cfg.Backoff.Attempts {
		return fmt.Errorf("%s: %w after %d tries", i18n.English(why), errGaveUp, attempt+1)
	}
	return s.Progress.Countdown(ctx, why, s.cfg.Backoff.Delay(attempt))
}

// Visible reports whether the browser shows a window a person can use.
func (s *Session) Visible() bool { return s.cfg.Visible }

// Navigate opens a page, paced like a request.
func (s *Session) Navigate(ctx context.Context, url string) (string, error) {
	return s.Open(ctx, url, 1)
}

// Open opens a page that makes requests requests to the site by itself as
// it loads, paced as that many.
func (s *Session) Open(ctx context.Context, url string, requests int) (string, error) {
	s.fetchMu.Lock()
	defer s.fetchMu.Unlock()
	if err := s.pacer.WaitN(ctx, requests); err != nil {
		return "", err
	}
	return s.Browser.Navigate(ctx, url)
}

// State returns what the journal says about a collection (nil if nothing).
func (s *Session) State(collection Collection) (*CollectionState, error) {
	events, err := ReadJournal(s.Store.Path(JournalFile))
	if err != nil {
		return nil, err
	}
	states, _ := Fold(events)
	return states[collection], nil
}

// Plan records the collections a backup of the platform has, in the
// order they are shown: they keep that order in the manifest, and one
// that never starts counts as not finished.
func (s *Session) Plan(collections []Collection) error {
	return s.Journal.Append(Event{Type: EventPlan, Plan: collections})
}

// Pending returns the collections of plan a run still has to capture:
// those not finished in the current pass (after an interrupted or
// logged-out run, the ones it did not finish; after a complete backup,
// all of them again).
func (s *Session) Pending(plan []Collection) ([]Collection, error) {
	events, err := ReadJournal(s.Store.Path(JournalFile))
	if err != nil {
		return nil, err
	}
	states, _ := Fold(events)
	var out []Collection
	for _, name := range plan {
		if c := states[name]; c == nil || !c.Current {
			out = append(out, name)
		}
	}
	return out, nil
}

// StartCollection records that a collection starts from the top, with the
// site's own count of it (nil: unknown).
func (s *Session) StartCollection(collection Collection, expected *int64) error {
	s.Progress.Collection(collection, expected)
	// A start clears the collection's gaps: a download of it that
	// fails again is a gap of this pass, recorded again.
	s.mu.Lock()
	for key, c := range s.gapKeys {
		if c == collection {
			delete(s.gapKeys, key)
		}
	}
	s.mu.Unlock()
	return s.Journal.Append(Event{Type: EventStart, Collection: collection, Expected: expected})
}

// Continue starts a collection that is walked with a journal cursor or,
// when an earlier run left it unfinished after some pages, continues it.
// The state returned holds the cursor and page count to go on from (and
// what the earlier runs found); it is nil when the collection starts
// afresh.
func (s *Session) Continue(collection Collection, expected *int64) (*CollectionState, error) {
	state, err := s.State(collection)
	if err != nil {
		return nil, err
	}
	if state != nil && !state.Finished() && state.Pages > 0 {
		s.Progress.Collection(collection, expected)
		s.Progress.Note(i18n.Msg{Code: i18n.NoteContinuing, Args: i18n.Args{"collection": collection}})
		return state, nil
	}
	return nil, s.StartCollection(collection, expected)
}

// Page records a page of a collection: the cursor it ended at and the
// items it held.
func (s *Session) Page(collection Collection, page int, cursor string, items int) error {
	if err := s.Journal.Append(Event{Type: EventPage, Collection: collection, Page: page, Cursor: cursor, Items: items}); err != nil {
		return err
	}
	s.Progress.Captured(collection, items)
	return s.probePage(collection, items)
}

// probePage ends a probed step at its first page (ErrProbed).
func (s *Session) probePage(collection Collection, items int) error {
	if !s.cfg.Probe {
		return nil
	}
	s.probes.paged(collection, items)
	return ErrProbed
}

// PageVersion is [Session.Page] for a page that stands for one item
// (cursor is its key), recording what the item looked like (version) so
// that a later pass can skip it while it stays the same.
func (s *Session) PageVersion(collection Collection, page int, cursor string, items int, version string) error {
	if err := s.Journal.Append(Event{Type: EventPage, Collection: collection, Page: page, Cursor: cursor, Items: items, Version: version}); err != nil {
		return err
	}
	s.Progress.Captured(collection, items)
	return s.probePage(collection, items)
}

// Done records how a collection ended.
func (s *Session) Done(collection Collection, reason string, detail i18n.Msg, captured int64) error {
	s.Progress.Finish(collection, captured, detail)
	text := ""
	if detail.Code != "" {
		text = i18n.English(detail)
	}
	return s.Journal.Append(Event{Type: EventDone, Collection: collection, StopReason: reason, Detail: text})
}

// Expect records the site's count of a collection learned after it
// started.
func (s *Session) Expect(collection Collection, n int64) error {
	return s.Journal.Append(Event{Type: EventExpected, Collection: collection, Expected: &n})
}

// Gap records something a collection could not capture.
func (s *Session) Gap(collection Collection, g Gap) error {
	if g.Kind != "media" {
		s.mu.Lock()
		s.itemGaps[collection]++
		s.mu.Unlock()
	}
	return s.Journal.Append(Event{Type: EventGap, Collection: collection, Gap: &g})
}

// ServerLimit records items the site itself would not serve.
func (s *Session) ServerLimit(collection Collection, l ServerLimit) error {
	return s.Journal.Append(Event{Type: EventServerLimit, Collection: collection, Limit: &l})
}

// SaveCookies writes the browser's cookies to the store's jar (0600).
func (s *Session) SaveCookies(ctx context.Context) error {
	cookies, err := s.Browser.Cookies(ctx)
	if err != nil {
		return err
	}
	return SaveCookies(s.Store.CookiesPath(), cookies)
}

// Close waits for the downloads, saves the cookie jar, shuts the browser
// down gracefully, ends the journal's run and unlocks the store. It works
// after the run's context was cancelled.
func (s *Session) Close(how string) error {
	var errs []error
	if s.Media != nil {
		s.Media.Close()
	}
	if s.cancel != nil {
		s.cancel()
	}
	if s.Browser != nil && !s.Browser.Closed() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		if err := s.SaveCookies(ctx); err != nil {
			errs = append(errs, err)
		}
		cancel()
	}
	if s.Journal != nil {
		s.Journal.Append(Event{Type: EventRunEnd, Detail: how})
	}
	errs = append(errs, s.closeParts())
	return errors.Join(errs...)
}

func (s *Session) closeParts() error {
	var errs []error
	if s.side != nil {
		s.side.Close()
	}
	if s.Browser != nil {
		errs = append(errs, s.Browser.Close())
	}
	if s.Index != nil {
		errs = append(errs, s.Index.Close())
	}
	if s.Journal != nil {
		errs = append(errs, s.Journal.Close())
	}
	if s.ownsLock {
		errs = append(errs, s.Store.Unlock())
	}
	return errors.Join(errs...)
}

// PageResult is what one page of a paged list held.
type PageResult struct {
	Items int    // items on the page
	Next  string // the cursor of the next page; "" when the list says it has ended
}

// Paginate walks a paged list from cursor start (or, when the journal
// says an earlier run of the collection stopped half way, from where it
// stopped), calling fetch for each page. It records every page in the
// journal with the cursor to resume from, and stops when a page has no
// next cursor, or after patience pages in a row without items (some lists
// never say they ended). It returns the items seen in this run.
func (s *Session) Paginate(ctx context.Context, collection Collection, expected *int64, start string, patience int,
	fetch func(ctx context.Context, cursor string) (PageResult, error)) (int64, error) {
	prev, err := s.Continue(collection, expected)
	if err != nil {
		return 0, err
	}
	cursor, pages := start, 0
	if prev != nil && prev.Cursor != "" {
		cursor, pages = prev.Cursor, prev.Pages
	}
	if patience <= 0 {
		patience = 3
	}
	var items int64
	empty := 0
	for {
		res, err := fetch(ctx, cursor)
		if err != nil {
			return items, err
		}
		items += int64(res.Items)
		pages++
		if res.Items == 0 {
			empty++
		} else {
			empty = 0
		}
		if res.Next == "" || empty >= patience {
			// The final page is journalled without a cursor to resume
			// from: the collection is finished once Done is recorded.
			return items, s.Page(collection, pages, "", res.Items)
		}
		if err := s.Page(collection, pages, res.Next, res.Items); err != nil {
			return items, err
		}
		cursor = res.Next
	}
}
