package exporter

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// PageRequest is a request the page makes, as a Match is asked about it.
type PageRequest struct {
	URL    string
	Method string
	// API is true for the page's fetch and XHR requests (not documents,
	// scripts, pictures or preflights).
	API bool
	// Farewell is true for farewell's own in-page fetches
	// ([Browser.PageFetch]), which keep their answers themselves.
	Farewell bool
}

// Keep says where a matched answer is kept.
type Keep struct {
	Collection Collection
	Kind       string
	// DataOnly keeps the answer only when it is data (JSON, protobuf,
	// plain text), not a page, a script or a picture.
	DataOnly bool
}

// Match decides whether an answer the page receives is kept, and where.
type Match func(r PageRequest) (Keep, bool)

// Watcher keeps the responses of the requests the page itself makes (the
// site's own scripts, signed as only they can) that a Match wants. Each
// body is read after the browser reports LoadingFinished, so it is whole,
// and stored with its sidecar as a raw capture; a watcher without a store
// keeps the bodies in memory instead (for answers that must not be kept,
// such as a login page's).
type Watcher struct {
	b      *Browser
	st     *Store
	match  Match
	cancel context.CancelFunc
	queue  chan network.RequestID

	mu      sync.Mutex
	pending map[network.RequestID]*watched
	busy    int // bodies queued or being read
	started int // matching requests seen
	last    time.Time
	saved   []RawFile
	errs    []error
	// full is the first answer that could not be kept for want of room
	// or permission: waiting returns it, so no list ends short unseen.
	full error
	// failed are the matching requests that got no answer at all (a
	// cut connection, a network error).
	failed  []RawMeta
	stopped bool
	wg      sync.WaitGroup
}

type watched struct {
	meta     RawMeta
	postData bool
	dataOnly bool
	done     bool
}

// Watch starts keeping the page's matching responses until Stop.
func (b *Browser) Watch(st *Store, match Match) (*Watcher, error) {
	ctx, cancel := context.WithCancel(b.tab)
	w := &Watcher{b: b, st: st, match: match, cancel: cancel, queue: make(chan network.RequestID, 4096),
		pending: map[network.RequestID]*watched{}, last: time.Now()}
	if err := chromedp.Listen(ctx, w.event); err != nil {
		cancel()
		return nil, fmt.Errorf("watch responses: %w", err)
	}
	w.wg.Add(1)
	go w.read()
	return w, nil
}

// event runs in the tab's read loop: bookkeeping only, no commands.
func (w *Watcher) event(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		return
	}
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		keep, ok := w.match(PageRequest{URL: ev.Request.URL, Method: ev.Request.Method,
			API:      ev.Type == network.ResourceTypeFetch || ev.Type == network.ResourceTypeXHR,
			Farewell: ev.Request.URLFragment == fetchMark})
		if !ok {
			return
		}
		w.pending[ev.RequestID] = &watched{meta: RawMeta{URL: ev.Request.URL, Method: ev.Request.Method,
			Kind: keep.Kind, Collection: keep.Collection, Source: "page", Time: time.Now().UTC()}, postData: ev.Request.HasPostData, dataOnly: keep.DataOnly}
		w.started++
		w.last = time.Now()
	case *network.EventResponseReceived:
		if p := w.pending[ev.RequestID]; p != nil {
			p.meta.Status = int(ev.Response.Status)
			p.meta.ContentType = ev.Response.MimeType
		}
	case *network.EventLoadingFinished:
		if p := w.pending[ev.RequestID]; p != nil && !p.done {
			if p.dataOnly && !isData(p.meta.ContentType) {
				delete(w.pending, ev.RequestID)
				return
			}
			p.done = true
			w.busy++
			select {
			case w.queue <- ev.RequestID:
			default:
				w.busy--
				delete(w.pending, ev.RequestID)
				w.errs = append(w.errs, fmt.Errorf("capture %s: too many responses at once", shortURL(p.meta.URL)))
			}
		}
	case *network.EventLoadingFailed:
		if p := w.pending[ev.RequestID]; p != nil && !p.done {
			delete(w.pending, ev.RequestID)
			// A refusal whose body the page did not read (fetch's
			// response.ok false, then a throw) ends canceled, but it
			// was answered: the page will not show it either.
			switch {
			case !ev.Canceled:
				w.errs = append(w.errs, fmt.Errorf("capture %s: %s", shortURL(p.meta.URL), ev.ErrorText))
				w.failed = append(w.failed, p.meta)
			case p.meta.Status >= 400:
				w.failed = append(w.failed, p.meta)
			}
		}
	}
}

// isData reports whether a content type is an API's data (JSON,
// protobuf, plain text), not a page, a script or a picture.
func isData(contentType string) bool {
	ct := strings.ToLower(contentType)
	for _, t := range []string{"json", "protobuf", "octet-stream", "text/plain"} {
		if strings.Contains(ct, t) {
			return true
		}
	}
	return false
}

// Broken names the first script or style sheet of the page that did not
// load ("" if none; see Browser.PageBroken): such a page shows nothing
// and asks for nothing, so it is loaded again rather than waited for.
func (w *Watcher) Broken() string { return w.b.PageBroken() }

// Failed returns the matching requests of the page that got no answer at
// all (a cut connection, a network error, a body the browser no longer
// had) or a refusal whose body the page never read (its Status set), in
// order: the page will not show what they were for until it
// asks again.
func (w *Watcher) Failed() []RawMeta {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]RawMeta(nil), w.failed...)
}

// read fetches finished bodies, outside the read loop.
func (w *Watcher) read() {
	defer w.wg.Done()
	for id := range w.queue {
		w.mu.Lock()
		p := w.pending[id]
		w.mu.Unlock()
		err := w.store(id, p)
		w.mu.Lock()
		delete(w.pending, id)
		w.busy--
		w.last = time.Now()
		if err != nil {
			w.errs = append(w.errs, err)
			switch {
			case errors.Is(err, ErrStorage):
				if w.full == nil {
					w.full = err
				}
			default:
				// The browser no longer had the body: for the
				// page that asked, the answer is lost as surely
				// as one cut off.
				w.failed = append(w.failed, p.meta)
			}
		}
		w.mu.Unlock()
	}
}

func (w *Watcher) store(id network.RequestID, p *watched) error {
	ctx, cancel := context.WithTimeout(w.b.tab, 20*time.Second)
	defer cancel()
	res, err := chromedp.Call(ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: id})
	if err != nil {
		return fmt.Errorf("capture %s: read body: %w", shortURL(p.meta.URL), err)
	}
	if p.postData {
		if pd, err := chromedp.Call(ctx, network.GetRequestPostData, network.GetRequestPostDataParams{RequestID: id}); err == nil {
			p.meta.SetRequestBody(pd.PostData)
		}
	}
	rf := RawFile{Meta: p.meta}
	if w.st == nil {
		rf.Body = res.Body
	} else {
		name, err := w.st.SaveRaw(p.meta, res.Body)
		if err != nil {
			return err
		}
		rf.Name, rf.Path = name, w.st.Path(filepath.FromSlash(name))
	}
	w.mu.Lock()
	w.saved = append(w.saved, rf)
	w.mu.Unlock()
	return nil
}

// Settle waits until no matching request is in flight and none has
// started for quiet, or until ctx ends.
func (w *Watcher) Settle(ctx context.Context, quiet time.Duration) error {
	return w.until(ctx, 25*time.Millisecond, func() bool {
		return len(w.pending) == 0 && w.busy == 0 && time.Since(w.last) >= quiet
	})
}

// until checks cond, under the watcher's lock, every tick until it holds
// or ctx ends. A browser that died answers nothing more: waiting ends
// with ErrBrowserGone at once, not when ctx's deadline comes.
func (w *Watcher) until(ctx context.Context, tick time.Duration, cond func() bool) error {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		if w.b.Closed() {
			return ErrBrowserGone
		}
		w.mu.Lock()
		ok, full := cond(), w.full
		w.mu.Unlock()
		if full != nil {
			return full
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-w.b.tab.Done():
		case <-t.C:
		}
	}
}

// Answered waits until every matching request the page made has been
// answered (its body may still be being read and kept) and none has
// started for quiet, or until ctx ends. It lets a driver ask for the next
// page while the last one is being stored.
func (w *Watcher) Answered(ctx context.Context, quiet time.Duration) error {
	return w.until(ctx, 10*time.Millisecond, func() bool {
		for _, p := range w.pending {
			if !p.done {
				return false
			}
		}
		return time.Since(w.last) >= quiet
	})
}

// Last returns when the page last made a matching request (zero if
// never).
func (w *Watcher) Last() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.last
}

// Busy returns how many answered bodies are still being read and kept.
func (w *Watcher) Busy() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.busy
}

// Started returns how many matching requests the page has made so far,
// finished or not.
func (w *Watcher) Started() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.started
}

// WaitStarted waits until the page has made more than n matching
// requests, or until timeout; it reports whether it did.
func (w *Watcher) WaitStarted(ctx context.Context, n int, timeout time.Duration) (bool, error) {
	deadline := time.Now().Add(timeout)
	for {
		if w.Started() > n {
			return true, nil
		}
		if time.Now().After(deadline) {
			return false, nil
		}
		if err := Sleep(ctx, 20*time.Millisecond); err != nil {
			return false, err
		}
	}
}

// Saved returns the captures stored so far.
func (w *Watcher) Saved() []RawFile {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]RawFile(nil), w.saved...)
}

// Stop ends the watch after the bodies already queued are stored, and
// returns the errors met (none the second time).
func (w *Watcher) Stop() []error {
	w.cancel()
	w.mu.Lock()
	if w.stopped {
		w.mu.Unlock()
		return nil
	}
	w.stopped = true
	close(w.queue)
	w.mu.Unlock()
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.errs
}
