package douyin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"

	"github.com/farewell-app/farewell/exporter"
)

// route says which collection and parser an answer the page receives
// belongs to; open pages watch the routes their collection needs.
type route struct {
	path       string // the URL path, after the host
	collection string
	kind       string
}

// match keeps the page's own API answers (fetch and XHR, not preflights)
// whose path one of the routes names.
func match(routes ...route) exporter.Match {
	return func(raw string, typ network.ResourceType) (string, string, bool) {
		if typ != network.ResourceTypeFetch && typ != network.ResourceTypeXHR {
			return "", "", false
		}
		u, err := url.Parse(raw)
		if err != nil {
			return "", "", false
		}
		for _, r := range routes {
			if u.Host+u.Path == r.path || u.Host+u.Path == r.path+"/" {
				return r.collection, r.kind, true
			}
		}
		return "", "", false
	}
}

// pathOf is an answer's host and path, for telling lists apart.
func pathOf(rf exporter.RawFile) string {
	u, err := url.Parse(rf.Meta.URL)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Host+u.Path, "/")
}

// open loads a page of the site, watching the answers of routes, and
// checks where it landed. A page load makes the page ask for requests
// lists at once, so it is paced as that many requests.
func (c *capture) open(ctx context.Context, page string, requests int, routes ...route) (*exporter.Watcher, error) {
	w, err := c.b.Watch(c.s.Store, match(routes...))
	if err != nil {
		return nil, err
	}
	loc, err := c.navigate(ctx, page, requests)
	if err == nil {
		err = checkLanded(ctx, c.s, c.b, loc)
	}
	if err != nil {
		c.stop(w)
		return nil, err
	}
	return w, nil
}

// stop ends a watch and reports the captures it could not keep.
func (c *capture) stop(w *exporter.Watcher) {
	for _, err := range w.Stop() {
		c.s.Progress.Notef("%v", err)
	}
}

// settle waits until the page's watched requests have been answered and
// kept (a page that keeps requesting is left after 30 seconds).
func (c *capture) settle(ctx context.Context, w *exporter.Watcher) error {
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := w.Settle(sctx, 30*time.Millisecond)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return nil
	}
	return err
}

// answered waits until the page's watched requests have been answered;
// their bodies may still be being kept (a page that keeps requesting is
// left after 30 seconds).
func (c *capture) answered(ctx context.Context, w *exporter.Watcher) error {
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := w.Answered(sctx, 30*time.Millisecond)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return nil
	}
	return err
}

// act does something in the page that makes it send one request (a
// click, a scroll), paced, and waits until the request has started (a
// page sends it at once, from its event handler, if it sends it at all).
func (c *capture) act(ctx context.Context, w *exporter.Watcher, js string) error {
	return c.actWait(ctx, w, js, 500*time.Millisecond)
}

// actWait is act, waiting at most wait for the request to start (for an
// action that often sends none, such as a scroll within a long list).
func (c *capture) actWait(ctx context.Context, w *exporter.Watcher, js string, wait time.Duration) error {
	if err := c.pace(ctx, 1); err != nil {
		return err
	}
	before := w.Started()
	ok, err := exporter.Eval[bool](ctx, c.b, js, 10*time.Second)
	if err != nil {
		return err
	}
	if !ok {
		// The page went somewhere else: the verification page, or the
		// login wall.
		title, _ := exporter.Eval[string](ctx, c.b, `document.title + (document.querySelector('[data-e2e=login-wall]') ? ' login-wall' : '')`, 10*time.Second)
		switch {
		case strings.Contains(title, "验证码"):
			return captcha(ctx, c.s, c.b)
		case strings.Contains(title, "login-wall"):
			return fmt.Errorf("the page asks to log in: %w", exporter.ErrNotLoggedIn)
		}
		return fmt.Errorf("the page has no element for %s", shorten(js))
	}
	_, err = w.WaitStarted(ctx, before, wait)
	return err
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// click returns JavaScript that clicks the i-th element matching a CSS
// selector and reports whether there was one.
func click(selector string, i int) string {
	sel, _ := json.Marshal(selector)
	return fmt.Sprintf(`(() => { const e = document.querySelectorAll(%s)[%d]; if (e) e.click(); return !!e; })()`, sel, i)
}

// scrollEnd returns JavaScript that scrolls a container to its end and
// tells the page so (the page loads the next page when it sees the end).
func scrollEnd(selector string) string {
	sel, _ := json.Marshal(selector)
	return fmt.Sprintf(`(() => { const e = document.querySelector(%s); if (!e) return false; e.scrollTop = e.scrollHeight; e.dispatchEvent(new Event('scroll')); return true; })()`, sel)
}

// list is one list of an open page: which of the watcher's answers are
// its pages, what each page holds, and how to ask for the next one.
type list struct {
	w    *exporter.Watcher
	from int // the first of the watcher's captures that may be one of its pages
	want func(exporter.RawFile) bool
	// judge tells good answers from refusals (default: the web API's).
	judge func(status int, body []byte) error
	// page reads one good answer: how many new items it brought, and
	// whether the site says more follow.
	page func(rf exporter.RawFile, body []byte) (items int, more bool, err error)
	// next asks the page for more (JavaScript for act).
	next string
	// ask says the list's first page, too, is asked for by next; else an
	// earlier action (the page load, a click) asked for it.
	ask bool
	// done, if set, is a JavaScript condition that ends the list even
	// though no page said so (no 展开 button left).
	done string
	// patience is how many rounds in a row may bring nothing before the
	// list is given up as ended (a time-window list can have empty pages).
	patience int
}

// drive reads the list's pages as the page receives them and asks for
// the next one, until a page says the list has ended (true), done holds
// (true), or patience runs out (false). A throttled answer pauses with a
// countdown and asks again; a verification page or a lost session ends
// it with the error. It asks for the next page as soon as the last one
// has arrived, while its body is still being kept: the page itself knows
// whether there is a next one, and does not ask when there is not.
func (c *capture) drive(ctx context.Context, l *list) (bool, error) {
	idle, throttled, waited := 0, 0, l.ask
	judged := l.judge
	if judged == nil {
		judged = judge
	}
	// Once the list is over by done or by patience, every body still
	// being kept is read before drive returns what it found.
	finishing, result := false, false
	for {
		wait := c.answered
		if finishing {
			wait = c.settle
		}
		if err := wait(ctx, l.w); err != nil {
			return false, err
		}
		saved := l.w.Saved()
		got, ended, seen, slowed := false, false, false, false
		for _, rf := range saved[l.from:] {
			if !l.want(rf) {
				continue
			}
			seen = true
			body, err := rf.Read()
			if err != nil {
				return false, err
			}
			if err := judged(rf.Meta.Status, body); err != nil {
				switch {
				case errors.Is(err, exporter.ErrCaptcha):
					return false, captcha(ctx, c.s, c.b)
				case errors.Is(err, exporter.ErrThrottled):
					if err := c.s.Throttled(ctx, throttled, err.Error()); err != nil {
						return false, err
					}
					throttled++
					slowed = true
					continue
				}
				return false, err
			}
			throttled = 0
			n, more, err := l.page(rf, body)
			if err != nil {
				return false, fmt.Errorf("%s: %w", rf.Name, err)
			}
			got = got || n > 0
			ended = ended || !more
		}
		l.from = len(saved)
		switch {
		case ended:
			return true, nil
		case finishing:
			return result, nil
		}
		if b := l.w.Broken(); b != "" {
			// A page whose code did not load neither shows nor asks
			// for anything: the step loads it again.
			return false, c.again(ctx, 0, "the page's code did not load: "+b)
		}
		if !seen && !waited {
			// The first page may still be on its way (the page asks for
			// it after others): give it time once.
			waited = true
			deadline := time.Now().Add(10 * time.Second)
			failed := len(l.w.Failed())
			for !l.arrived() && !l.lost(failed) && l.w.Broken() == "" && time.Now().Before(deadline) {
				if err := exporter.Sleep(ctx, 50*time.Millisecond); err != nil {
					return false, err
				}
			}
			continue
		}
		if l.done != "" {
			if done, err := exporter.Eval[bool](ctx, c.b, l.done, 10*time.Second); err != nil {
				return false, err
			} else if done {
				finishing, result = true, true
				continue
			}
		}
		switch {
		case got:
			idle = 0
		case slowed, l.w.Busy() > 0:
		default:
			idle++
		}
		if idle > l.patience {
			finishing, result = true, false
			continue
		}
		if err := c.act(ctx, l.w, l.next); err != nil {
			return false, err
		}
	}
}

// arrived reports whether one of the list's pages is among the
// watcher's captures not read yet, or on its way.
func (l *list) arrived() bool {
	for _, rf := range l.w.Saved()[l.from:] {
		if l.want(rf) {
			return true
		}
	}
	return false
}

// lost reports whether one of the list's requests after the first
// skip failures of the watcher got no answer at all: the page will ask
// again when it is scrolled, so there is no point waiting for it.
func (l *list) lost(skip int) bool {
	failed := l.w.Failed()
	return failedFor(failed[min(skip, len(failed)):], l.want) != ""
}

// failedFor returns the address of the first of failed that want
// matches ("" if none).
func failedFor(failed []exporter.RawMeta, want func(exporter.RawFile) bool) string {
	for _, m := range failed {
		if want(exporter.RawFile{Meta: m}) {
			return m.URL
		}
	}
	return ""
}

// pageFailed says why a loaded page will not show what it is for: its
// code did not load, or its request for the answer wanted got none.
func pageFailed(w *exporter.Watcher, want func(exporter.RawFile) bool) string {
	if b := w.Broken(); b != "" {
		return "the page's code did not load: " + b
	}
	if u := failedFor(w.Failed(), want); u != "" {
		return "the page's request got no answer: " + u
	}
	return ""
}

// answer waits for the first answer of a kind after from, judged; a
// throttled page load is reported as errAgain, after a pause.
func (c *capture) answer(ctx context.Context, w *exporter.Watcher, from int, want func(exporter.RawFile) bool, attempt int) (exporter.RawFile, []byte, error) {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if err := c.settle(ctx, w); err != nil {
			return exporter.RawFile{}, nil, err
		}
		for _, rf := range w.Saved()[from:] {
			if !want(rf) {
				continue
			}
			body, err := rf.Read()
			if err != nil {
				return rf, nil, err
			}
			if err := judge(rf.Meta.Status, body); err != nil {
				switch {
				case errors.Is(err, exporter.ErrCaptcha):
					return rf, nil, captcha(ctx, c.s, c.b)
				case errors.Is(err, exporter.ErrThrottled):
					if err := c.s.Throttled(ctx, attempt, err.Error()); err != nil {
						return rf, nil, err
					}
					return rf, nil, errAgain
				}
				return rf, nil, err
			}
			return rf, body, nil
		}
		if why := pageFailed(w, want); why != "" {
			// No answer will come: load the page again after a pause.
			return exporter.RawFile{}, nil, c.again(ctx, attempt, why)
		}
		if err := exporter.Sleep(ctx, 100*time.Millisecond); err != nil {
			return exporter.RawFile{}, nil, err
		}
	}
	// The page neither answered nor failed: load it again, as a person
	// would, until the backoff gives up.
	return exporter.RawFile{}, nil, c.again(ctx, attempt, "the page did not ask for what it shows (no answer in 30 seconds)")
}
