package exporter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// needBrowser skips a browser test on a developer machine without
// Chromium, and fails it in CI, where a missing browser is a failure.
func needBrowser(t *testing.T) {
	t.Helper()
	if _, err := FindBrowser(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI needs Chromium: %v", err)
		}
		t.Skip(err)
	}
}

func startBrowser(t *testing.T, profile string) *Browser {
	t.Helper()
	needBrowser(t)
	b, err := StartBrowser(context.Background(), BrowserConfig{ProfileDir: profile})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// TestBrowserTempCleared checks that Chromium's temporary folder (its
// singleton socket's, left behind whenever the browser is killed) is one
// farewell made and named in the profile, that a start removes the one a
// killed browser left, that it never removes a folder of another name,
// and that a clean close leaves nothing.
func TestBrowserTempCleared(t *testing.T) {
	profile := t.TempDir()
	left, err := os.MkdirTemp("", browserTempPrefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(left) })
	if err := os.WriteFile(filepath.Join(left, "SingletonSocket"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, BrowserTempNote), []byte(left+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, profile)
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("a killed browser's folder is still there: %v", err)
	}
	note, err := os.ReadFile(filepath.Join(profile, BrowserTempNote))
	if err != nil {
		t.Fatal(err)
	}
	tmp := strings.TrimSpace(string(note))
	sock, err := os.Readlink(filepath.Join(profile, "SingletonSocket"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sock, tmp+string(filepath.Separator)) {
		t.Errorf("the singleton socket is at %s, outside %s", sock, tmp)
	}
	b.Close()
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("%s is still there after a clean close: %v", tmp, err)
	}

	// A note that names anything else is not followed.
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(profile, BrowserTempNote), []byte(other+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	startBrowser(t, profile)
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a folder farewell did not make was removed: %v", err)
	}
}

func TestCookieJarSurvivesRestart(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "persist", Value: "p1", Path: "/", Expires: time.Now().Add(time.Hour)})
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "s1", Path: "/", HttpOnly: true}) // no expiry
		case "/check":
			mu.Lock()
			seen = append(seen, r.Header.Get("Cookie"))
			mu.Unlock()
		}
		fmt.Fprint(w, "<html><body>ok</body></html>")
	}))
	defer srv.Close()
	profile := t.TempDir()
	ctx := context.Background()

	b, err := StartBrowser(ctx, BrowserConfig{ProfileDir: profile})
	if err != nil {
		needBrowser(t)
		t.Fatal(err)
	}
	if _, err := b.Navigate(ctx, srv.URL+"/login"); err != nil {
		t.Fatal(err)
	}
	jar, err := b.Cookies(ctx)
	if err != nil || len(jar) != 2 {
		t.Fatalf("cookies %+v %v", jar, err)
	}
	jarFile := filepath.Join(t.TempDir(), "cookies.json")
	if err := SaveCookies(jarFile, jar); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(jarFile); st.Mode().Perm() != 0o600 {
		t.Fatalf("jar mode %v", st.Mode().Perm())
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	// After a restart the browser has lost the session cookie...
	b = startBrowser(t, profile)
	b.Navigate(ctx, srv.URL+"/check")
	// ...and the saved jar brings it back.
	loaded, err := LoadCookies(jarFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetCookies(ctx, loaded); err != nil {
		t.Fatal(err)
	}
	b.Navigate(ctx, srv.URL+"/check")
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 2 || strings.Contains(seen[0], "session=s1") || !strings.Contains(seen[0], "persist=p1") {
		t.Fatalf("after restart the browser sent %q (want the persistent cookie only)", seen)
	}
	if !strings.Contains(seen[1], "session=s1") || !strings.Contains(seen[1], "persist=p1") {
		t.Fatalf("after restoring the jar the browser sent %q", seen[1])
	}
}

func TestWatchAndPageFetch(t *testing.T) {
	binary := make([]byte, 256)
	for i := range binary {
		binary[i] = byte(i)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><body><script>
for (let p = 1; p <= 3; p++) fetch('/api/list?page=' + p).then(r => r.text());
fetch('/api/search', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'cursor=0&count=20'}).then(r => r.text());
fetch('/other').then(r => r.text());
</script></body></html>`)
		case "/api/list":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"page":%s,"items":["一","二"]}`, r.URL.Query().Get("page"))
		case "/api/search":
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"echo":%q}`, body)
		case "/bin":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(binary)
		default:
			fmt.Fprint(w, "other")
		}
	}))
	defer srv.Close()
	b := startBrowser(t, t.TempDir())
	st, err := CreateStore(t.TempDir(), "test", Account{ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	w, err := b.Watch(st, func(r PageRequest) (Keep, bool) {
		if strings.Contains(r.URL, "/api/") {
			return Keep{Collection: "posts", Kind: "test.list"}, true
		}
		return Keep{}, false
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Navigate(ctx, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if err := w.Settle(ctx, 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if errs := w.Stop(); len(errs) > 0 {
		t.Fatal(errs)
	}
	raws, err := st.Raws("posts")
	if err != nil || len(raws) != 4 {
		t.Fatalf("stored %d captures (%v), want 4", len(raws), err)
	}
	pages := map[string]bool{}
	for _, r := range raws {
		body, _ := os.ReadFile(r.Path)
		var v struct {
			Page json.Number
			Echo string
		}
		if err := json.Unmarshal(body, &v); err != nil || r.Meta.Status != 200 || r.Meta.Kind != "test.list" || r.Meta.Source != "page" {
			t.Fatalf("capture %+v body %s", r.Meta, body)
		}
		pages[v.Page.String()] = true
		if r.Meta.Method == "POST" && (r.Meta.RequestBody != "cursor=0&count=20" || v.Echo != "cursor=0&count=20") {
			t.Fatalf("POST capture %+v %s", r.Meta, body)
		}
		if !strings.HasSuffix(r.Name, ".json") {
			t.Fatalf("capture stored as %s", r.Name)
		}
	}
	if !pages["1"] || !pages["2"] || !pages["3"] {
		t.Fatalf("pages %v", pages)
	}
	resp, err := b.PageFetch(ctx, Request{URL: "/bin"}, 10*time.Second)
	if err != nil || resp.Status != 200 || !bytes.Equal(resp.Body, binary) {
		t.Fatalf("binary fetch: %v %d %d bytes", err, resp.Status, len(resp.Body))
	}
}

func TestScreenshotTiles(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body style="margin:0"><div style="height:20000px;background:linear-gradient(red,blue)">tall</div></body></html>`)
	}))
	defer srv.Close()
	b := startBrowser(t, t.TempDir())
	st, _ := CreateStore(t.TempDir(), "test", Account{ID: "1"})
	ctx := context.Background()
	if _, err := b.Navigate(ctx, srv.URL); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ tile, want int }{{0, 2}, {6000, 4}} {
		tiles, err := b.ScreenshotPage(ctx, st, "tall", tc.tile)
		if err != nil {
			t.Fatal(err)
		}
		if len(tiles) != tc.want {
			t.Fatalf("tile %d: %d tiles, want %d", tc.tile, len(tiles), tc.want)
		}
		total := 0
		for _, name := range tiles {
			f, err := os.Open(st.Path(filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			// The header says the tile's size; decoding every pixel
			// of 20000 rows (twice, under the race detector) took a
			// minute and proved nothing more.
			cfg, err := png.DecodeConfig(f)
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			total += cfg.Height
		}
		if total != 20000 {
			t.Fatalf("tile %d: tiles cover %d px of 20000", tc.tile, total)
		}
	}
}

func TestSessionFetchBacksOff(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api" && r.URL.Path != "/gone" {
			fmt.Fprint(w, "<html></html>") // the page, and the browser's own favicon request
			return
		}
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if n <= 2 {
			w.WriteHeader(http.StatusTeapot)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"ok":1}`)
	}))
	defer srv.Close()
	needBrowser(t)
	st, _ := CreateStore(t.TempDir(), "test", Account{ID: "1"})
	waits := &recordingProgress{}
	ctx := context.Background()
	s, err := OpenSession(ctx, st, SessionConfig{Interval: time.Millisecond, Backoff: Backoff{Initial: 20 * time.Millisecond, Attempts: 5}, Progress: waits})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close("test")
	if _, err := s.Navigate(ctx, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	resp, name, err := s.Fetch(ctx, Fetch{Request: Request{URL: "/api"}, Collection: "posts", Kind: "test"})
	if err != nil || string(resp.Body) != `{"ok":1}` || name == "" {
		t.Fatalf("fetch: %v %q", err, name)
	}
	if waits.countdowns != 2 {
		t.Fatalf("%d countdowns, want 2 (two 418s)", waits.countdowns)
	}
	if _, _, err := s.Fetch(ctx, Fetch{Request: Request{URL: "/gone"}}); err != ErrNotLoggedIn {
		t.Fatalf("401 gave %v, want ErrNotLoggedIn", err)
	}
}

type recordingProgress struct {
	mu         sync.Mutex
	countdowns int
}

func (p *recordingProgress) Plan([]Collection)                  {}
func (p *recordingProgress) Collection(Collection, *int64)      {}
func (p *recordingProgress) Captured(Collection, int)           {}
func (p *recordingProgress) Finish(Collection, int64, i18n.Msg) {}
func (p *recordingProgress) Media(MediaStats)                   {}
func (p *recordingProgress) Note(i18n.Msg)                      {}
func (p *recordingProgress) Countdown(ctx context.Context, _ i18n.Msg, d time.Duration) error {
	p.mu.Lock()
	p.countdowns++
	p.mu.Unlock()
	return Sleep(ctx, d)
}

// TestSecondTabAndMemoryWatch: a second tab of the same browser shares
// its cookies and runs its own page; a watcher without a store keeps
// bodies in memory; a binary request body is kept as base64; Started,
// Answered and Busy follow the page's requests.
func TestSecondTabAndMemoryWatch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/set":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "abc", Path: "/"})
			fmt.Fprint(w, `<html><body>set</body></html>`)
		case "/pb":
			body, _ := io.ReadAll(r.Body)
			c, _ := r.Cookie("sid")
			w.Header().Set("Content-Type", "application/x-protobuf")
			fmt.Fprintf(w, "%s|%d", c.Value, len(body))
		default:
			fmt.Fprint(w, `<html><body><button id=go onclick="fetch('/pb', {method: 'POST', body: new Uint8Array([0, 255, 8, 1])}).then(r => r.text())">go</button></body></html>`)
		}
	}))
	defer srv.Close()
	b := startBrowser(t, t.TempDir())
	ctx := context.Background()
	if _, err := b.Navigate(ctx, srv.URL+"/set"); err != nil {
		t.Fatal(err)
	}
	tab, err := b.NewTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	w, err := tab.Watch(nil, func(r PageRequest) (Keep, bool) {
		return Keep{Collection: "im", Kind: "test.pb"}, strings.Contains(r.URL, "/pb")
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tab.Navigate(ctx, srv.URL+"/chat"); err != nil {
		t.Fatal(err)
	}
	if n := w.Started(); n != 0 {
		t.Fatalf("%d requests before the click", n)
	}
	if _, err := Eval[bool](ctx, tab, `document.getElementById('go').click(), true`, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if ok, err := w.WaitStarted(ctx, 0, 5*time.Second); err != nil || !ok {
		t.Fatalf("the click's request did not start (%v)", err)
	}
	if err := w.Answered(ctx, 20*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if err := w.Settle(ctx, 20*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if w.Busy() != 0 {
		t.Fatalf("busy %d after Settle", w.Busy())
	}
	w.Stop()
	saved := w.Saved()
	if len(saved) != 1 || saved[0].Path != "" {
		t.Fatalf("saved %+v, want one capture in memory", saved)
	}
	body, err := saved[0].Read()
	if err != nil || string(body) != "abc|4" {
		t.Fatalf("body %q (%v): the second tab should send the first tab's cookie and the 4-byte body", body, err)
	}
	if m := saved[0].Meta; m.RequestBodyEncoding != "base64" || m.RequestBody != "AP8IAQ==" {
		t.Fatalf("request body %q encoding %q", m.RequestBody, m.RequestBodyEncoding)
	}
	// The first tab still works.
	if title, err := Eval[string](ctx, b, `document.body.innerText`, 5*time.Second); err != nil || title != "set" {
		t.Fatalf("first tab: %q %v", title, err)
	}
}

// TestBrowserKilled kills the browser as a crash would: the Browser says
// it went away, steps fail with ErrBrowserGone rather than looking like
// the person's Ctrl-C, and a new browser starts on the same profile.
func TestBrowserKilled(t *testing.T) {
	profile := t.TempDir()
	b := startBrowser(t, profile)
	ctx := context.Background()
	if _, err := Eval[int](ctx, b, `1`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if _, err := KillBrowser(profile); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !b.Closed() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !b.Closed() {
		t.Fatal("the browser was killed but says it is there")
	}
	_, err := Eval[int](ctx, b, `1`, 10*time.Second)
	if !errors.Is(err, ErrBrowserGone) || errors.Is(err, context.Canceled) {
		t.Errorf("a step on a dead browser: %v, want ErrBrowserGone", err)
	}
	if _, err := KillBrowser(profile); err == nil {
		t.Error("a second kill found a browser")
	}
	b2 := startBrowser(t, profile)
	if v, err := Eval[int](ctx, b2, `6*7`, 10*time.Second); err != nil || v != 42 {
		t.Errorf("the restarted browser: %v %v", v, err)
	}
}

// TestWaitEndsWhenBrowserDies: a page's request that the browser was
// still waiting for when it died is never answered; waiting for the page
// to settle ends with ErrBrowserGone, not at the wait's deadline (which
// held a crashed run still for half a minute before it started the
// browser again).
func TestWaitEndsWhenBrowserDies(t *testing.T) {
	hold := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			fmt.Fprint(w, `<html><body><script>fetch('/api/slow').then(r => r.text());</script></body></html>`)
			return
		}
		select { // an answer that does not come while the test runs
		case <-hold:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(hold)
	profile := t.TempDir()
	b := startBrowser(t, profile)
	w, err := b.Watch(nil, func(r PageRequest) (Keep, bool) {
		return Keep{Collection: "posts", Kind: "test.list"}, strings.Contains(r.URL, "/api/")
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	ctx := context.Background()
	if _, err := b.Navigate(ctx, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	for w.Started() == 0 {
		if err := Sleep(ctx, 20*time.Millisecond); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := KillBrowser(profile); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := w.Settle(wctx, 30*time.Millisecond); !errors.Is(err, ErrBrowserGone) {
		t.Fatalf("settling on a dead browser: %v, want ErrBrowserGone", err)
	}
}

// TestBrokenPageLoadedAgain: a page whose script did not load (the
// script's server answered 502 or cut the connection) is known as broken
// until a new page loads; an in-page fetch meanwhile goes from a side tab
// on the same address, where the page's code (here: a header it adds to
// every fetch, as a site's signing script does) is there for the request,
// and leaves the broken page to the step that drives it.
func TestBrokenPageLoadedAgain(t *testing.T) {
	for _, how := range []string{"502", "cut"} {
		t.Run(how, func(t *testing.T) {
			var mu sync.Mutex
			pages := 0 // the script fails while the page is on its first load
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/app.js":
					mu.Lock()
					n := pages
					mu.Unlock()
					if n == 1 {
						if how == "502" {
							w.WriteHeader(http.StatusBadGateway)
							return
						}
						hj, _ := w.(http.Hijacker)
						conn, _, _ := hj.Hijack()
						conn.Close()
						return
					}
					w.Header().Set("Content-Type", "application/javascript")
					fmt.Fprint(w, `const f = window.fetch; window.fetch = (u, i) => { i = i || {}; i.headers = Object.assign({}, i.headers, {'X-Signed': '1'}); return f(u, i); };`)
				case "/api":
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprintf(w, `{"signed":%q}`, r.Header.Get("X-Signed"))
				case "/":
					mu.Lock()
					pages++
					mu.Unlock()
					fmt.Fprint(w, `<html><head><script src="/app.js"></script></head><body>page</body></html>`)
				default:
					http.NotFound(w, r)
				}
			}))
			defer srv.Close()
			needBrowser(t)
			st, _ := CreateStore(t.TempDir(), "test", Account{ID: "1"})
			ctx := context.Background()
			s, err := OpenSession(ctx, st, SessionConfig{Interval: time.Millisecond, Backoff: Backoff{Initial: 20 * time.Millisecond, Attempts: 3}, Progress: &recordingProgress{}})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close("test")
			if _, err := s.Navigate(ctx, srv.URL+"/"); err != nil {
				t.Fatal(err)
			}
			if b := s.Browser.PageBroken(); !strings.Contains(b, "app.js") {
				t.Fatalf("PageBroken = %q after the script failed", b)
			}
			resp, _, err := s.Fetch(ctx, Fetch{Request: Request{URL: "/api"}})
			if err != nil || string(resp.Body) != `{"signed":"1"}` {
				t.Fatalf("fetch on the broken page: %v %s", err, resp.Body)
			}
			mu.Lock()
			defer mu.Unlock()
			if b := s.Browser.PageBroken(); b == "" || pages != 2 {
				t.Fatalf("after the fetch: main page broken %q, %d page loads; want it left broken and one load in the side tab", b, pages)
			}
			mu.Unlock()
			resp, _, err = s.Fetch(ctx, Fetch{Request: Request{URL: "/api"}})
			mu.Lock()
			if err != nil || string(resp.Body) != `{"signed":"1"}` || pages != 2 {
				t.Fatalf("second fetch: %v %s, %d page loads (the side tab is kept)", err, resp.Body, pages)
			}
			mu.Unlock()
			if _, err := s.Navigate(ctx, srv.URL+"/"); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			if b := s.Browser.PageBroken(); b != "" {
				t.Fatalf("a new page is still broken: %q", b)
			}
		})
	}
}

// TestBrowserTimeZone: a browser started with the site's zone shows its
// pages in that zone, in every tab, whatever the computer's zone is (the
// test's process says America/New_York); without one, pages follow the
// computer. A page draws a moment the way a screenshot would show it.
func TestBrowserTimeZone(t *testing.T) {
	needBrowser(t)
	t.Setenv("TZ", "America/New_York")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><p id=t></p><script>
			const d = new Date(Date.UTC(2024, 4, 1, 13, 3));
			document.getElementById('t').textContent = [Intl.DateTimeFormat().resolvedOptions().timeZone, d.getTimezoneOffset(),
				d.getHours() + ':' + String(d.getMinutes()).padStart(2, '0')].join(' ');
		</script></body></html>`)
	}))
	defer srv.Close()
	for _, tc := range []struct {
		zone, want string
	}{
		{"Asia/Shanghai", "Asia/Shanghai -480 21:03"},
		{"", "America/New_York 240 9:03"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			ctx := context.Background()
			b, err := StartBrowser(ctx, BrowserConfig{ProfileDir: t.TempDir(), TimeZone: tc.zone})
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			tab, err := b.NewTab(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tab.Close()
			for name, br := range map[string]*Browser{"first tab": b, "second tab": tab} {
				if _, err := br.Navigate(ctx, srv.URL); err != nil {
					t.Fatal(err)
				}
				got, err := Eval[string](ctx, br, `document.getElementById('t').textContent`, 5*time.Second)
				if err != nil || got != tc.want {
					t.Errorf("%s: the page says %q (%v), want %q", name, got, err, tc.want)
				}
			}
		})
	}
}
