package exporter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// The engine's tests drive real Chromium over pages written to behave as
// the real sites are documented to: lists that page only on trusted wheel
// events and keep few items in the page, buttons that ignore a script's
// click(), elements without hooks.

// engineSession opens a session on a fresh store with quick pauses.
func engineSession(t *testing.T) *Session {
	t.Helper()
	needBrowser(t)
	st, err := CreateStore(t.TempDir(), "test", Account{ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenSession(context.Background(), st, SessionConfig{Interval: time.Millisecond,
		Backoff: Backoff{Initial: 10 * time.Millisecond, Max: 20 * time.Millisecond, Attempts: 3}, RenderWait: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close("test") })
	return s
}

// testSite is the engine's view of a test server on 127.0.0.1.
func testSite() *Site {
	return &Site{Name: "test", Domains: []string{"127.0.0.1"}, API: []string{"/api/"},
		Kind: func(p string) string {
			if p == "/api/extra" {
				return "test.extra"
			}
			return ""
		}}
}

// virtualList is a page whose list lives in a scroll box two wrappers
// below its items' parent, keeps only the rows near the view in the page,
// and asks for the next page only on a trusted wheel event near its end
// (a scrollTop set from script or a synthetic scroll event does nothing).
// At load it also asks /api/extra, which no route wants.
const virtualList = `<!doctype html><html><body style="margin:0">
<div class="x8Kd"><div class="Qz1p" id="box" style="height:400px;overflow-y:auto"><div class="w1"><div class="w2" id="rows" style="position:relative"></div></div></div></div>
<script>
var box = document.getElementById('box'), rows = document.getElementById('rows'), items = [], more = true, busy = false, cursor = 0;
fetch('/api/extra?token=tok123').then(function (r) { return r.json(); });
function render() {
  rows.style.height = (items.length * 40) + 'px';
  rows.textContent = '';
  var first = Math.max(0, Math.floor(box.scrollTop / 40) - 5), last = Math.min(items.length, first + 20);
  window.maxRows = Math.max(window.maxRows || 0, last - first);
  for (var i = first; i < last; i++) {
    var r = document.createElement('div');
    r.className = 'itemRow--k3';
    r.style.cssText = 'position:absolute;top:' + (i * 40) + 'px;height:40px';
    r.textContent = items[i];
    rows.appendChild(r);
  }
}
function next() {
  if (busy || !more) return;
  busy = true;
  fetch('/api/page?cursor=' + cursor).then(function (r) { return r.json(); }).then(function (j) {
    items = items.concat(j.items); more = j.more; cursor = j.cursor; render();
  }).finally(function () { busy = false; });
}
box.addEventListener('wheel', function (e) {
  if (e.isTrusted && e.deltaY > 0 && box.scrollTop + box.clientHeight >= box.scrollHeight - 200) next();
});
box.addEventListener('scroll', render);
next();
</script></body></html>`

// endList pages on the window's scroll near the end, but a transparent
// layer over the list swallows wheel events: only the End key moves it.
const endList = `<!doctype html><html><body style="margin:0">
<div id="veil" style="position:fixed;inset:0;z-index:5"></div>
<ul id="list" style="margin:0"></ul>
<script>
var list = document.getElementById('list'), more = true, busy = false, cursor = 0;
document.getElementById('veil').addEventListener('wheel', function (e) { e.preventDefault(); }, {passive: false});
function next() {
  if (busy || !more) return;
  busy = true;
  fetch('/api/page?cursor=' + cursor).then(function (r) { return r.json(); }).then(function (j) {
    j.items.forEach(function (t) { var li = document.createElement('li'); li.className = 'row'; li.style.height = '60px'; li.textContent = t; list.appendChild(li); });
    more = j.more; cursor = j.cursor;
  }).finally(function () { busy = false; });
}
window.addEventListener('scroll', function () { if (innerHeight + scrollY >= document.body.scrollHeight - 100) next(); });
next();
</script></body></html>`

// buttons has two 关注 texts: the top bar's link and the header's count;
// only a trusted click on the count asks /api/follow.
const buttons = `<!doctype html><html><body>
<nav><a href="#nav">关注</a></nav>
<div class="h7Gq"><div class="stats"><div class="s1"><b>12</b>关注</div><div class="s2"><b>3</b>粉丝</div></div></div>
<p id="hidden" style="display:none">粉丝</p>
<script>
document.querySelector('.s1').addEventListener('click', function (e) {
  if (!e.isTrusted) return;
  fetch('/api/follow');
});
</script></body></html>`

// engineServer serves the pages and a paged list of 100 items.
func engineServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var pages atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/list":
			fmt.Fprint(w, virtualList)
		case "/end":
			fmt.Fprint(w, endList)
		case "/buttons":
			fmt.Fprint(w, buttons)
		case "/refused":
			// The page reads only answers that are ok: a refusal's body
			// is never read, and the browser cancels it.
			fmt.Fprint(w, `<!doctype html><html><body><script>fetch('/api/follow?refuse=1').then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); }).catch(function () {});</script></body></html>`)
		case "/api/page":
			pages.Add(1)
			c, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
			var items []string
			for i := c; i < min(c+20, 100); i++ {
				items = append(items, fmt.Sprintf("item %03d", i))
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{"items": items, "cursor": c + len(items), "more": c+20 < 100})
		case "/api/follow":
			if r.URL.Query().Get("refuse") != "" {
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"ok":1}`)
		case "/api/extra":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"ok":1}`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &pages
}

var rPage = Route{Path: "/api/page", Collection: "posts", Kind: "test.page"}

// readPages is a List's page reader that counts distinct items.
func readPages(seen map[string]bool) func(RawFile, []byte) (int, bool, error) {
	return func(_ RawFile, body []byte) (int, bool, error) {
		var p struct {
			Items []string
			More  bool
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return 0, false, err
		}
		n := 0
		for _, it := range p.Items {
			if !seen[it] {
				seen[it] = true
				n++
			}
		}
		return n, p.More, nil
	}
}

// TestDriveVirtualisedWheel: the list pages only on trusted wheel input
// and keeps about 20 rows in the page; the engine finds its scroll box
// (two wrappers above the rows) by the rows' class substring, reads all
// 100 items through the answers, keeps them in raw/posts, and keeps the
// page's other API answer in raw/other with its kind and its token
// redacted in the request log.
func TestDriveVirtualisedWheel(t *testing.T) {
	s := engineSession(t)
	srv, _ := engineServer(t)
	ctx := context.Background()
	tab, err := s.Tab(testSite())
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	v, err := tab.Open(ctx, srv.URL+"/list", 2, rPage)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	rows := Find{Name: "the rows", CSS: []string{"[data-e2e=list-item]"}, Class: []string{"itemRow"}}
	ended, err := v.Drive(ctx, &List{Want: rPage.Is, Page: readPages(seen), Next: ScrollDown(rows), Patience: 4})
	v.Close()
	if err != nil || !ended || len(seen) != 100 {
		t.Fatalf("ended %v, %d items, %v", ended, len(seen), err)
	}
	most, err := Eval[int](ctx, s.Browser, `window.maxRows`, 5*time.Second)
	if err != nil || most > 25 {
		t.Fatalf("the page held up to %d rows (%v): the list is not virtualised, the test proves less", most, err)
	}
	raws, err := s.Store.Raws("posts")
	if err != nil || len(raws) != 5 {
		t.Fatalf("%d raw pages, %v", len(raws), err)
	}
	// Farewell's own fetch of an API path is kept by whoever asked, not
	// again by the tab.
	if _, err := s.Browser.PageFetch(ctx, Request{URL: srv.URL + "/api/extra?mine=1"}, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	tab.Close()
	others, err := s.Store.Raws(Other)
	if err != nil || len(others) != 1 || others[0].Meta.Kind != "test.extra" || strings.Contains(others[0].Meta.URL, "mine") {
		t.Fatalf("raw/other: %+v, %v", others, err)
	}
	for _, e := range s.Browser.Requests(100, testSite().Owns) {
		if strings.Contains(e.Path, "tok123") {
			t.Errorf("the request log keeps a token: %s", e.Path)
		}
	}
}

// TestEndKeyFallback: a layer over the list swallows the wheel; the
// engine presses End, which scrolls the window, and the list pages on.
func TestEndKeyFallback(t *testing.T) {
	s := engineSession(t)
	srv, _ := engineServer(t)
	ctx := context.Background()
	tab, err := s.Tab(testSite())
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	v, err := tab.Open(ctx, srv.URL+"/end", 1, rPage)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	seen := map[string]bool{}
	ended, err := v.Drive(ctx, &List{Want: rPage.Is, Page: readPages(seen), Next: ScrollDown(Find{CSS: []string{"#list li"}}), Patience: 4})
	if err != nil || !ended || len(seen) != 100 {
		t.Fatalf("ended %v, %d items, %v", ended, len(seen), err)
	}
}

// followRoute is the test server's /api/follow as a route.
func followRoute() Route {
	return Route{Path: "/api/follow", Collection: "following", Kind: "test.follow"}
}

// followView opens the test server's page at path, which makes requests
// requests as it loads, in a tab of a new session, watching follow; all
// are closed when the test ends.
func followView(t *testing.T, path string, requests int) (*Session, *Tab, *View) {
	t.Helper()
	s := engineSession(t)
	srv, _ := engineServer(t)
	tab, err := s.Tab(testSite())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tab.Close)
	v, err := tab.Open(context.Background(), srv.URL+path, requests, followRoute())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(v.Close)
	return s, tab, v
}

// TestFindAndClick: a hook that is not there gives way to the text; the
// text is looked for in the scope only (the top bar's 关注 is not the
// count); hidden elements do not count; the click is a trusted pointer
// event the page acts on.
func TestFindAndClick(t *testing.T) {
	s, tab, v := followView(t, "/buttons", 0)
	follow, ctx := followRoute(), context.Background()
	header := Find{CSS: []string{"[data-e2e=user-info]"}, Class: []string{"h7Gq"}}
	stat := Find{Name: "the 关注 count", Scope: &header, CSS: []string{"[data-e2e=user-info-follow]"}, Text: []string{"关注"}}
	for _, c := range []struct {
		f    Find
		want []string
	}{
		{stat, []string{"12关注"}},
		{Find{Text: []string{"关注"}}, []string{"关注", "12关注"}},
		{Find{Text: []string{"粉丝"}}, []string{"3粉丝"}},
		{Find{CSS: []string{"#nothing"}, Class: []string{"s2"}}, []string{"3粉丝"}},
		{Find{CSS: []string{"#nothing"}, Role: "button"}, nil},
	} {
		got, err := tab.Text(ctx, c.f)
		if err != nil || strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s finds %q (%v), want %q", c.f, got, err, c.want)
		}
	}
	if _, err := Eval[bool](ctx, s.Browser, `document.querySelector('.s1').click(), true`, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := v.Act(ctx, Click(stat, 0)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Answer(ctx, 0, follow.Is); err != nil {
		t.Fatal(err)
	}
	if n := len(v.Saved()); n != 1 {
		t.Fatalf("%d follow requests: the script's click() must do nothing, the pointer's one thing", n)
	}
	// A second answer never comes: the page asks for nothing more, and
	// Answer says so (a step run again), not after its 30-second limit
	// but once the page has been idle a while.
	var said bytes.Buffer
	s.Progress = NewTextProgress(&said, TextOptions{})
	if _, _, err := v.Answer(ctx, 1, follow.Is); !errors.Is(err, ErrAgain) {
		t.Fatalf("an answer the page never asks for: %v, want ErrAgain", err)
	}
	if !strings.Contains(said.String(), "the page stopped asking") {
		t.Fatalf("the step's pause says %q, want why", said.String())
	}
}

// TestRefusalNotRead: the site refuses the page's request with a 429 and
// no body, and the page, reading only answers that are ok, drops it (the
// browser reports the load canceled). Answer does not wait for an answer
// that will not come: the step runs again after the pause a refusal asks
// for, and says so.
func TestRefusalNotRead(t *testing.T) {
	s, _, v := followView(t, "/refused", 1)
	follow, ctx := followRoute(), context.Background()
	var said bytes.Buffer
	s.Progress = NewTextProgress(&said, TextOptions{})
	if _, _, err := v.Answer(ctx, 0, follow.Is); !errors.Is(err, ErrAgain) {
		t.Fatalf("a refusal the page dropped: %v, want ErrAgain", err)
	}
	if out := said.String(); !strings.Contains(out, "slow down") || !strings.Contains(out, "HTTP 429") {
		t.Fatalf("the step's pause says %q, want a slow-down naming the 429", out)
	}
}

// TestRunStepFailedGoesOn: a step whose page never renders what it
// needs is run again after pauses, then recorded as failed with its
// diagnostics, and RunStep returns nil so the run goes on. The
// diagnostics hold no form value, no script and no token; a logout is
// not a step's failure but the run's end.
func TestRunStepFailedGoesOn(t *testing.T) {
	s := engineSession(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><head><title>likes</title><script>window.k = "script-secret";</script></head><body>
<form><input name="q" value="typed-secret"><textarea>area-secret</textarea></form><div data-e2e="empty-state" role="status">暂无内容</div>
<script>fetch('/api/likes?msToken=tok-secret&count=20')</script></body></html>`)
	}))
	defer srv.Close()
	ctx := context.Background()
	tab, err := s.Tab(testSite())
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	runs := 0
	err = s.RunStep(ctx, "likes", tab, func(ctx context.Context) error {
		runs++
		if err := s.StartCollection("likes", nil); err != nil {
			return err
		}
		v, err := tab.Open(ctx, srv.URL+"/likes", 1)
		if err != nil {
			return err
		}
		defer v.Close()
		return v.Act(ctx, ScrollDown(Find{Name: "the likes list", CSS: []string{"[data-e2e=scroll-list]"}}))
	})
	if err != nil {
		t.Fatalf("RunStep: %v, want nil (the run goes on)", err)
	}
	if runs != renderAttempts {
		t.Errorf("the step ran %d times, want %d", runs, renderAttempts)
	}
	st, err := s.State("likes")
	if err != nil || st == nil || st.StopReason != StopFailed || st.Finished() || !strings.Contains(st.StopDetail, "has not rendered what it takes to scroll the likes list") ||
		!strings.Contains(st.StopDetail, "diagnostics/likes/") || len(st.Gaps) != 1 {
		t.Fatalf("state %+v, %v", st, err)
	}
	dir := s.Store.DiagnosticsPath("likes")
	for _, f := range []string{diagScreenshot, diagPage, diagDOM, diagRequests} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("diagnostics %s: %v", f, err)
		}
	}
	dom, _ := os.ReadFile(filepath.Join(dir, diagDOM))
	all := dom
	for _, f := range []string{diagPage, diagRequests} {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		all = append(all, b...)
	}
	for _, secret := range []string{"typed-secret", "area-secret", "script-secret", "tok-secret"} {
		if bytes.Contains(all, []byte(secret)) {
			t.Errorf("the diagnostics hold %q", secret)
		}
	}
	for _, want := range []string{`[data-e2e="empty-state"]`, `[role="status"]`, `"暂无内容"`, "input"} {
		if !bytes.Contains(dom, []byte(want)) {
			t.Errorf("the outline lacks %s:\n%s", want, dom)
		}
	}
	// The run's final pass finds it and runs it once more, without the
	// retries its first run spent.
	if failed, err := s.Failed([]Collection{"following", "likes"}); err != nil || !slices.Equal(failed, []Collection{"likes"}) {
		t.Fatalf("Failed = %v, %v; want [likes]", failed, err)
	}
	s.LastChance()
	runs = 0
	if err := s.RunStep(ctx, "likes", tab, func(ctx context.Context) error {
		runs++
		return s.RetryRender(ctx, i18n.PlainText("the likes list did not render"))
	}); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.State("likes"); runs != 1 || st.StopReason != StopFailed || len(st.Gaps) != 1 {
		t.Fatalf("the final pass ran the step %d times (want 1) and left %+v", runs, st)
	}
	// A later success of the step takes the failure back.
	if err := s.RunStep(ctx, "likes", tab, func(context.Context) error {
		return s.Done("likes", StopEnd, i18n.Msg{}, 0)
	}); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.State("likes"); !st.Finished() || len(st.Gaps) != 0 {
		t.Fatalf("after a good run: %+v", st)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the failed run's diagnostics outlived the good run: %v", err)
	}
	// A step that leaves an item out leaves diagnostics, and again when
	// it runs once more (the final pass) and its start cleared the gap
	// of its first run.
	for run := range 2 {
		if err := s.RunStep(ctx, "mentions", tab, func(context.Context) error {
			if err := s.StartCollection("mentions", nil); err != nil {
				return err
			}
			if err := s.Gap("mentions", Gap{Kind: "page", Ref: "2", Detail: "HTTP 500"}); err != nil {
				return err
			}
			return s.Done("mentions", StopEnd, i18n.Msg{}, 0)
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(s.Store.DiagnosticsPath("mentions"), diagDOM)); err != nil {
			t.Errorf("run %d of a step that left an item out: no diagnostics (%v)", run+1, err)
		}
	}
	// The run's end is not a step's failure.
	err = s.RunStep(ctx, "following", tab, func(context.Context) error { return fmt.Errorf("gone: %w", ErrNotLoggedIn) })
	if !errors.Is(err, ErrNotLoggedIn) {
		t.Fatalf("a logout: %v", err)
	}
}

func TestTokenish(t *testing.T) {
	for name, want := range map[string]bool{"msToken": true, "a_bogus": true, "X-Bogus": true, "verifyFp": true, "fp": true, "_signature": true,
		"ssig": true, "ticket": true, "sessionid": true, "count": false, "cursor": false, "sec_user_id": false, "aweme_id": false} {
		if tokenish(name) != want {
			t.Errorf("tokenish(%q) = %v", name, !want)
		}
	}
	if got := RedactURL("https://www.douyin.com/aweme/v1/web/aweme/post/?count=18&msToken=abc&a_bogus=x#frag"); got != "https://www.douyin.com/aweme/v1/web/aweme/post/?count=18&msToken=redacted&a_bogus=redacted" {
		t.Errorf("RedactURL: %s", got)
	}
}
