package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/viewer"
	"github.com/farewell-app/farewell/archive/viewer/viewertest"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/profiles/profiletest"
)

// artifacts is where the viewer tests leave their screenshots for a
// person to look at: $FAREWELL_ARTIFACTS, else artifacts/ at the top of
// the repository.
func artifacts(t *testing.T, sub string) string {
	dir := os.Getenv("FAREWELL_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "artifacts")
	}
	dir = filepath.Join(dir, sub)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

var viewerOptions = map[string]viewertest.Options{
	"weibo":  {Platform: "weibo", Posts: 75, Commented: 4, Likes: 55, Favorites: 30, Following: 25, Followers: 60, Apps: 6, Boxed: 9, Conversations: 3, Messages: 11, Articles: 3},
	"douyin": {Platform: "douyin", Posts: 60, Commented: 3, Likes: 40, Favorites: 21, Following: 12, Followers: 30, Conversations: 4, Messages: 23, Activity: 8},
}

// TestViewerInChromium opens a generated bundle in headless Chromium, served
// by browse and from file:// after extract, and checks that every page
// shows every record (DOM counts equal record counts), every eleventh
// with fields of the wrong type (viewertest's wrongTypes: a name that is
// an object, counts that are strings, a media list that is not a list),
// and that hostile text stays text.
func TestViewerInChromium(t *testing.T) {
	t.Parallel() // mostly waiting on the replica\'s pace: it overlaps the others
	profiletest.NeedBrowser(t)
	ctx := context.Background()
	br, err := exporter.StartBrowser(ctx, exporter.BrowserConfig{ProfileDir: t.TempDir(), Width: 1100, Height: 1300})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	for _, platform := range []string{"weibo", "douyin"} {
		t.Run(platform, func(t *testing.T) {
			acc, bundle, b := packed(ctx, t, viewerOptions[platform])
			srv, err := viewer.Listen(b, "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			t.Run("browse", func(t *testing.T) {
				checkViewer(ctx, t, br, srv.URL(), acc)
			})
			dir := filepath.Join(t.TempDir(), "x")
			if _, err := archive.Extract(ctx, bundle, dir, archive.ExtractOptions{}); err != nil {
				t.Fatal(err)
			}
			// Opened from the extracted folder, every page is checked
			// as served (TestViewerPhone keeps their screenshots).
			t.Run("file", func(t *testing.T) {
				checkViewer(ctx, t, br, "file://"+filepath.ToSlash(dir)+"/index.html", acc)
			})
		})
	}
}

// packed generates and packs an account and opens its bundle (closed when
// the test ends).
func packed(ctx context.Context, t *testing.T, o viewertest.Options) (*viewertest.Account, string, *archive.Bundle) {
	t.Helper()
	acc, bundle, err := viewertest.Pack(ctx, t.TempDir(), o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := archive.Open(ctx, bundle)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return acc, bundle, b
}

// page is one viewer page and what it must show.
type page struct {
	name, route string
	ready       string // a JS condition for "drawn"
	count       string // a CSS selector of the items
	want        int
}

// viewerPages are the pages of acc's viewer and what each must show.
func viewerPages(acc *viewertest.Account) []page {
	o := acc.Records
	pages := []page{
		{"overview", "", `!!document.querySelector('[data-e2e=verdict]')`, "[data-e2e=collection-row]", len(acc.Spec.Collections)},
		{"posts", "posts", `!!document.querySelector('[data-e2e=posts][data-state=ready]')`, "[data-e2e=posts] > [data-e2e=post]", o["posts"]},
		{"post", "post/" + acc.PostID, `!!document.querySelector('[data-e2e=comments]')`, "[data-e2e=comments] [data-e2e=comment]", 5},
		{"likes", "likes", `!!document.querySelector('[data-e2e=likes][data-state=ready]')`, "[data-e2e=likes] > [data-e2e=saved]", o["likes"]},
		{"favorites", "favorites", `!!document.querySelector('[data-e2e=favorites][data-state=ready]')`, "[data-e2e=favorites] > [data-e2e=saved]", o["favorites"]},
		{"following", "following", `!!document.querySelector('[data-e2e=following] table')`, "[data-e2e=user-row]", o["following"]},
		{"followers", "followers", `!!document.querySelector('[data-e2e=followers] table')`, "[data-e2e=user-row]", o["followers"]},
		{"media", "media", `!!document.querySelector('[data-e2e=media][data-state=ready]')`, "[data-e2e=media] > [data-e2e=album-item]", acc.Media},
		{"album", "media/pictures", `!!document.querySelector('[data-e2e=media][data-state=ready]')`, "[data-e2e=media] > [data-e2e=album-item]", sum(acc.PictureMonths)},
		{"posts oldest first", "posts/oldest", `!!document.querySelector('[data-e2e=posts][data-state=ready]')`, "[data-e2e=posts] > [data-e2e=post]", o["posts"]},
	}
	for _, coll := range []string{"my_comments", "received_comments", "mentions"} {
		if acc.Records[coll] > 0 {
			pages = append(pages, page{coll, coll, fmt.Sprintf(`!!document.querySelector('[data-e2e=%s][data-state=ready]')`, coll),
				fmt.Sprintf("[data-e2e=%s] > article", coll), o[coll]})
		}
	}
	if acc.ArticleID != "" {
		pages = append(pages,
			page{"articles", "articles", `!!document.querySelector('[data-e2e=articles] ul')`, "[data-e2e=article-item]", o["articles"]},
			page{"article", "articles/" + acc.ArticleID, `!!document.querySelector('[data-e2e=article] .article')`, "[data-e2e=article-block]", acc.ArticleBlocks},
			page{"article picture", "articles/" + acc.ArticleID, `!!document.querySelector('[data-e2e=article] .article')`, "[data-e2e=article-image] img[src^='media/']", 1},
		)
	}
	for _, p := range []struct{ coll, item string }{{"history", "> [data-e2e=saved]"}, {"watch_later", "> [data-e2e=saved]"},
		{"notifications", "[data-e2e=notification]"}, {"series", "> [data-e2e=series-item]"}, {"sounds", "> [data-e2e=sound] audio"}} {
		if acc.Records[p.coll] > 0 {
			pages = append(pages, page{p.coll, p.coll, fmt.Sprintf(`!!document.querySelector('[data-e2e=%s][data-state=ready]')`, p.coll),
				fmt.Sprintf("[data-e2e=%s] %s", p.coll, p.item), o[p.coll]})
		}
	}
	if acc.Records["apps"] > 0 {
		pages = append(pages, page{"apps", "apps", `!!document.querySelector('[data-e2e=apps] table')`, "[data-e2e=app-row]", o["apps"]})
	}
	if acc.ConvID != "" {
		convs := viewerOptions[acc.Spec.Platform].Conversations
		per := o["messages"] / convs
		pages = append(pages,
			page{"conversations", "messages", `!!document.querySelector('[data-e2e=conversations] ul')`, "[data-e2e=conversation-item]", convs},
			page{"conversation", "messages/" + acc.ConvID, `!!document.querySelector('[data-e2e=conversation] .screens')`, "[data-e2e=message]", per},
		)
	}
	return pages
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// visit shows a page of the viewer already open in br and waits until it
// is drawn.
func visit(ctx context.Context, t *testing.T, br *exporter.Browser, p page) {
	t.Helper()
	if _, err := exporter.Eval[bool](ctx, br, fmt.Sprintf(`(location.hash = %q, true)`, "#/"+escapeRoute(p.route)), 30*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := br.WaitFor(ctx, p.ready, 20*time.Second); err != nil {
		t.Fatalf("%s: the page was not drawn: %v", p.name, err)
	}
}

// checkViewer opens every page of acc's viewer at base and checks what it
// draws.
func checkViewer(ctx context.Context, t *testing.T, br *exporter.Browser, base string, acc *viewertest.Account) {
	if _, err := br.Navigate(ctx, base); err != nil {
		t.Fatal(err)
	}
	o := acc.Records
	for _, p := range viewerPages(acc) {
		t.Run(p.name, func(t *testing.T) {
			visit(ctx, t, br, p)
			got := drawnAll(ctx, t, br, p.count, p.want)
			if got != p.want {
				t.Errorf("%d items of %q drawn, want %d", got, p.count, p.want)
			}
			noMarkup(ctx, t, br)
		})
	}
	if acc.Spec.Platform == "weibo" {
		// The site's emoticons show as their pictures from the bundle;
		// an unknown phrase stays text, and a hostile entry is neither
		// markup nor a picture from outside the bundle.
		t.Run("emoticons", func(t *testing.T) {
			exporter.Eval[bool](ctx, br, `(location.hash = '#/posts', true)`, 30*time.Second)
			if err := br.WaitFor(ctx, `!!document.querySelector('[data-e2e=posts][data-state=ready]')`, 20*time.Second); err != nil {
				t.Fatal(err)
			}
			bad, err := exporter.Eval[string](ctx, br, `(() => {
				const im = [...document.querySelectorAll('[data-e2e=post] img.emoticon')];
				if (!im.length) return 'no emoticon drawn';
				for (const i of im) {
					if (i.alt !== '[doge]') return 'an emoticon for ' + i.alt;
					if (!/^media\//.test(i.getAttribute('src'))) return 'an emoticon from ' + i.getAttribute('src');
					if (!i.complete || i.naturalWidth === 0) return 'an emoticon that did not load: ' + i.getAttribute('src');
				}
				const texts = [...document.querySelectorAll('[data-e2e=post] p.text')].filter(p => p.textContent.includes('今天天气不错'));
				if (!texts.length || texts.some(p => !p.textContent.includes('[未知]') || p.textContent.includes('[doge]'))) return 'a phrase was dropped or left as text';
				return '';
			})()`, 30*time.Second)
			if err != nil || bad != "" {
				t.Fatalf("%s (%v)", bad, err)
			}
			noMarkup(ctx, t, br)
		})
	}
	if acc.Spec.Platform == "weibo" {
		// A group chat is listed by its name, shown as text.
		t.Run("group chat", func(t *testing.T) {
			exporter.Eval[bool](ctx, br, `(location.hash = '#/messages', true)`, 30*time.Second)
			if err := br.WaitFor(ctx, `!!document.querySelector('[data-e2e=conversations] ul')`, 20*time.Second); err != nil {
				t.Fatal(err)
			}
			n, err := exporter.Eval[int](ctx, br, `[...document.querySelectorAll('[data-e2e=conversation-item] a')].filter(a => a.textContent.startsWith('群聊')).length`, 30*time.Second)
			if err != nil || n != 1 {
				t.Fatalf("%d conversations named as the group (%v), want 1", n, err)
			}
			noMarkup(ctx, t, br)
		})
		t.Run("follow groups", func(t *testing.T) {
			exporter.Eval[bool](ctx, br, `(location.hash = '#/following', true)`, 30*time.Second)
			if err := br.WaitFor(ctx, `!!document.querySelector('[data-e2e=following] table')`, 20*time.Second); err != nil {
				t.Fatal(err)
			}
			n, err := exporter.Eval[int](ctx, br, `[...document.querySelectorAll('[data-e2e=groups]')].filter(td => td.textContent.includes('同学')).length`, 30*time.Second)
			if want := (acc.Records["following"] + 2) / 3; err != nil || n != want {
				t.Fatalf("%d followed accounts show their groups (%v), want %d", n, err, want)
			}
			// Special follows (特别关注) are marked.
			n, err = exporter.Eval[int](ctx, br, `document.querySelectorAll('[data-e2e=groups] [data-e2e=special]').length`, 30*time.Second)
			if want := (acc.Records["following"] + 3) / 5; err != nil || n != want {
				t.Fatalf("%d special follows marked (%v), want %d", n, err, want)
			}
			noMarkup(ctx, t, br)
		})
	}
	t.Run("earlier versions", func(t *testing.T) {
		exporter.Eval[bool](ctx, br, fmt.Sprintf(`(location.hash = %q, true)`, "#/post/"+acc.PostID), 30*time.Second)
		if err := br.WaitFor(ctx, `!!document.querySelector('[data-e2e=comments]')`, 20*time.Second); err != nil {
			t.Fatal(err)
		}
		n, err := exporter.Eval[int](ctx, br, `document.querySelectorAll('[data-e2e=edits] [data-e2e=edit]').length`, 30*time.Second)
		if err != nil || n != 2 {
			t.Fatalf("%d earlier versions under the edited post (%v), want 2", n, err)
		}
		noMarkup(ctx, t, br)
	})
	t.Run("replies threaded", func(t *testing.T) {
		exporter.Eval[bool](ctx, br, fmt.Sprintf(`(location.hash = %q, true)`, "#/post/"+acc.PostID), 30*time.Second)
		if err := br.WaitFor(ctx, `!!document.querySelector('[data-e2e=comments]')`, 20*time.Second); err != nil {
			t.Fatal(err)
		}
		n, err := exporter.Eval[int](ctx, br, `document.querySelectorAll('[data-e2e=comment] > [data-e2e=comment].reply').length`, 30*time.Second)
		if err != nil || n != 2 {
			t.Fatalf("%d replies under their parent (%v), want 2", n, err)
		}
	})
	t.Run("search and filters", func(t *testing.T) {
		exporter.Eval[bool](ctx, br, `(location.hash = '#/posts', true)`, 30*time.Second)
		if err := br.WaitFor(ctx, `!!document.querySelector('[data-e2e=posts][data-state=ready]')`, 20*time.Second); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			js   string
			want int
		}{
			// One post says "帖子 15 今天…"; "帖子 115" does not match.
			{`(() => { const s = document.querySelector('[data-e2e=search]'); s.value = '帖子 15 今天'; s.dispatchEvent(new Event('input')); })()`, 1},
			// Every seventh post carries a hostile text; searching for markup finds text.
			{`(() => { const s = document.querySelector('[data-e2e=search]'); s.value = '<script>'; s.dispatchEvent(new Event('input')); })()`, countHostile(acc, "<script>")},
			{`(() => { const s = document.querySelector('[data-e2e=search]'); s.value = ''; s.dispatchEvent(new Event('input'));
				const y = document.querySelector('[data-e2e=year]'); y.value = '2026'; y.dispatchEvent(new Event('change')); })()`, postsIn(acc, "2026")},
			{`(() => { const y = document.querySelector('[data-e2e=year]'); y.value = ''; y.dispatchEvent(new Event('change'));
				const k = document.querySelector('[data-e2e=type]'); k.value = 'video'; k.dispatchEvent(new Event('change')); })()`, (o["posts"] + 2) / 5},
		} {
			if _, err := exporter.Eval[any](ctx, br, c.js, 30*time.Second); err != nil {
				t.Fatal(err)
			}
			got, err := exporter.Eval[string](ctx, br, `document.querySelector('[data-e2e=posts]').getAttribute('data-count')`, 30*time.Second)
			if err != nil || got != fmt.Sprint(c.want) {
				t.Errorf("after %s: %s posts (%v), want %d", c.js, got, err, c.want)
			}
		}
	})
	checkReading(ctx, t, br, acc)
}

func escapeRoute(r string) string {
	parts := strings.Split(r, "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(p, ":", "%3A")
	}
	return strings.Join(parts, "/")
}

// drawnAll scrolls to the end until want items are drawn or the count
// stops growing, and returns the count.
func drawnAll(ctx context.Context, t *testing.T, br *exporter.Browser, sel string, want int) int {
	t.Helper()
	last, still := -1, 0
	for still < 5 {
		n, err := exporter.Eval[int](ctx, br, fmt.Sprintf(`(window.scrollTo(0, document.body.scrollHeight), document.querySelectorAll(%q).length)`, sel), 30*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if n >= want && n == last {
			return n
		}
		if n == last {
			still++
		} else {
			still = 0
		}
		last = n
		exporter.Sleep(ctx, 150*time.Millisecond)
	}
	return last
}

// noMarkup checks that nothing hostile ran or became markup.
func noMarkup(ctx context.Context, t *testing.T, br *exporter.Browser) {
	t.Helper()
	bad, err := exporter.Eval[string](ctx, br, `(() => {
		if (window.__pwned !== undefined) return 'a hostile script ran';
		const scripts = [...document.querySelectorAll('script')].map(s => s.getAttribute('src'));
		if (scripts.some(s => !s || !/^viewer\//.test(s))) return 'a foreign script element: ' + scripts.join(' ');
		for (const e of document.querySelectorAll('*')) {
			for (const a of e.attributes) if (/^on/i.test(a.name)) return 'an event attribute ' + a.name + ' on ' + e.tagName;
		}
		for (const a of document.querySelectorAll('a[href]')) {
			const h = a.getAttribute('href');
			if (!/^(https?:\/\/|#\/|(media|screens)\/[A-Za-z0-9_\-\/.]+$)/i.test(h) || h.includes('..')) return 'a link to ' + h;
		}
		for (const m of document.querySelectorAll('img[src], video[src], video[poster], audio[src]')) {
			for (const a of ['src', 'poster']) {
				const v = m.getAttribute(a);
				if (v !== null && (!/^(media|screens)\/[A-Za-z0-9_\-\/.]+$/.test(v) || v.includes('..'))) return m.tagName + ' ' + a + ' ' + v;
			}
		}
		const ours = /^(HTML|HEAD|META|TITLE|LINK|SCRIPT|BODY|HEADER|NAV|A|MAIN|H1|H2|SMALL|P|TABLE|THEAD|TBODY|TR|TH|TD|DIV|SPAN|B|UL|LI|SECTION|ARTICLE|IMG|VIDEO|AUDIO|INPUT|SELECT|OPTION|BUTTON)$/;
		for (const e of document.querySelectorAll('*')) if (!ours.test(e.tagName)) return 'markup from the data: ' + e.tagName;
		return '';
	})()`, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if bad != "" {
		t.Error(bad)
	}
}

func countHostile(acc *viewertest.Account, needle string) int {
	n := 0
	for i := 0; i < acc.Records["posts"]; i++ {
		if viewertest.PostText(i, needle) {
			n++
		}
	}
	return n
}

func postsIn(acc *viewertest.Account, year string) int {
	n := 0
	for i := 0; i < acc.Records["posts"]; i++ {
		if viewertest.PostYear(i) == year {
			n++
		}
	}
	return n
}

// TestBrowseServer checks what browse refuses: other hosts (DNS
// rebinding), a missing or wrong token, paths outside the bundle, writes.
func TestBrowseServer(t *testing.T) {
	ctx := context.Background()
	_, _, b := packed(ctx, t, viewertest.Options{Platform: "weibo", Posts: 3, Commented: 1})
	if _, err := viewer.Listen(b, "0.0.0.0:0"); err == nil {
		t.Fatal("browse listened on every interface")
	}
	srv, err := viewer.Listen(b, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	u := srv.URL()
	host := strings.TrimPrefix(strings.SplitN(u, "/", 4)[2], "")
	token := strings.SplitN(u, "/", 5)[3]
	_, port, _ := net.SplitHostPort(host)
	cases := []struct {
		name, method, host, path string
		want                     int
	}{
		{"index", "GET", host, "/" + token + "/", 200},
		{"index by localhost", "GET", "localhost:" + port, "/" + token + "/", 200},
		{"a data script", "GET", host, "/" + token + "/viewer/data/index.js", 200},
		{"HEAD", "HEAD", host, "/" + token + "/index.html", 200},
		{"no token", "GET", host, "/index.html", 404},
		{"wrong token", "GET", host, "/0123456789abcdef0123456789abcdef/index.html", 404},
		{"foreign host", "GET", "evil.example:" + port, "/" + token + "/", 403},
		{"rebinding host without port", "GET", "127.0.0.1", "/" + token + "/", 403},
		{"dot-dot", "GET", host, "/" + token + "/../../etc/passwd", 404},
		{"encoded dot-dot", "GET", host, "/" + token + "/viewer/%2e%2e/%2e%2e/etc/passwd", 404},
		{"absolute", "GET", host, "/" + token + "//etc/passwd", 404},
		{"not a member", "GET", host, "/" + token + "/go.mod", 404},
		{"POST", "POST", host, "/" + token + "/index.html", 405},
		{"PUT", "PUT", host, "/" + token + "/index.html", 405},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range cases {
		req, _ := http.NewRequestWithContext(ctx, c.method, "http://"+host+c.path, nil)
		req.URL.Opaque = c.path // send the path as written, unclean
		req.Host = c.host
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s: HTTP %d, want %d", c.name, resp.StatusCode, c.want)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s: CSP %q", c.name, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", c.name)
		}
	}
}

// TestBrowseRefuses: an address off the loopback interface is a usage
// error; a bundle with no viewer (a plain folder's) says so.
func TestBrowseRefuses(t *testing.T) {
	ctx := context.Background()
	_, bundle, err := viewertest.Pack(ctx, t.TempDir(), viewertest.Options{Platform: "weibo", Posts: 2})
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := farewell(t, ctx, "browse", "--no-open", "--addr", "0.0.0.0:0", bundle)
	if code != ExitUsage || !strings.Contains(stderr, "loopback") {
		t.Errorf("browse on 0.0.0.0: exit %d: %s", code, stderr)
	}
	src, out := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"a.txt": "a"})
	if code, _, stderr := farewell(t, ctx, "pack", src, "--out", out); code != ExitOK {
		t.Fatalf("pack: %s", stderr)
	}
	plain, _ := filepath.Glob(filepath.Join(out, "*.tar.zst"))
	code, _, stderr = farewell(t, ctx, "browse", "--no-open", plain[0])
	if code != ExitError || !strings.Contains(stderr, "no viewer") {
		t.Errorf("browse of a plain folder's bundle: exit %d: %s", code, stderr)
	}
}

// look is a window the viewer's pages are photographed in.
type look struct {
	name          string // the screenshots' folder: <name>-<platform>
	width, height int64
	mobile        bool
	lang          string // Accept-Language: the viewer speaks its first
}

// screenshots says whether TestViewerPhone photographs every page it
// checks: FAREWELL_SCREENSHOTS=1, which make screenshots sets (CI runs it
// and keeps them). The photographs are for a person to look at, and half
// the test's time: make test checks the same pages without them.
func screenshots() bool { return os.Getenv("FAREWELL_SCREENSHOTS") == "1" }

// looks are the windows and languages every viewer page is looked at
// in: each width and each language once in make test, and for make
// screenshots every width in every language.
func looks() []look {
	desktop, phone := look{width: 1100, height: 1300}, look{width: 390, height: 844, mobile: true}
	in := func(l look, name, lang string) look {
		l.name, l.lang = name, lang
		return l
	}
	all := []look{in(desktop, "desktop-en", "en-US,en"), in(phone, "phone-zh", "zh-CN,zh")}
	if screenshots() {
		all = append(all, in(desktop, "desktop-zh", "zh-CN,zh"), in(phone, "phone-en", "en-US,en"))
	}
	return all
}

// TestViewerPhone opens every page of the viewer in each look (a desktop
// window and a phone, in their languages): each page is in the look's
// language, says nothing in the other one once the account's own words
// are taken out (no English word on a Chinese page, no Chinese without
// its gloss on an English one), and is no wider than its window. For make
// screenshots it keeps a screenshot of every page, and of the lightbox,
// for a person to look at (artifacts/viewer/<look>-<platform>/).
func TestViewerPhone(t *testing.T) {
	t.Parallel() // mostly waiting on the replica\'s pace: it overlaps the others
	profiletest.NeedBrowser(t)
	ctx := context.Background()
	br, err := exporter.StartBrowser(ctx, exporter.BrowserConfig{ProfileDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	ua, err := exporter.Eval[string](ctx, br, `navigator.userAgent`, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for _, platform := range []string{"weibo", "douyin"} {
		t.Run(platform, func(t *testing.T) {
			acc, bundle, b := packed(ctx, t, viewerOptions[platform])
			content := bundleStrings(ctx, t, bundle)
			srv, err := viewer.Listen(b, "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			pages := append(viewerPages(acc), page{"lightbox", "media", `(() => { const e = document.querySelector('[data-e2e=media][data-state=ready] .lbitem'); if (e && !document.querySelector('[data-e2e=lightbox]')) e.click(); return !!document.querySelector('[data-e2e=lb-media]'); })()`, "", 0})
			for _, lk := range looks() {
				t.Run(lk.name, func(t *testing.T) {
					scale := 1.0
					if lk.mobile {
						scale = 2
					}
					if _, err := chromedp.Call(br.Tab(), emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: lk.width, Height: lk.height, DeviceScaleFactor: scale, Mobile: lk.mobile}); err != nil {
						t.Fatal(err)
					}
					if _, err := chromedp.Call(br.Tab(), emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: lk.lang}); err != nil {
						t.Fatal(err)
					}
					if _, err := br.Navigate(ctx, srv.URL()); err != nil {
						t.Fatal(err)
					}
					var shots string
					if screenshots() {
						shots = artifacts(t, "viewer/"+lk.name+"-"+platform)
					}
					want := strings.SplitN(lk.lang, "-", 2)[0]
					for _, p := range pages {
						visit(ctx, t, br, p)
						// The pictures on screen, for the screenshot.
						if err := br.WaitFor(ctx, `[...document.images].filter(i => { const r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }).every(i => i.complete)`, 20*time.Second); err != nil {
							t.Errorf("%s: pictures on screen did not load: %v", p.name, err)
						}
						if shots != "" {
							png, err := br.ViewportPNG(ctx)
							if err != nil {
								t.Fatal(err)
							}
							if err := os.WriteFile(filepath.Join(shots, p.name+".png"), png, 0o644); err != nil {
								t.Fatal(err)
							}
						}
						var state struct {
							Lang         string `json:"lang"`
							Width, Inner int
						}
						s, err := exporter.Eval[string](ctx, br, `JSON.stringify({lang: document.documentElement.lang, width: document.documentElement.scrollWidth, inner: window.innerWidth})`, 30*time.Second)
						if err != nil || json.Unmarshal([]byte(s), &state) != nil {
							t.Fatalf("%s: %s (%v)", p.name, s, err)
						}
						if state.Lang != want {
							t.Errorf("%s: the page is in %q, want %q", p.name, state.Lang, want)
						}
						text, err := exporter.Eval[string](ctx, br, `document.body.innerText`, 30*time.Second)
						if err != nil {
							t.Fatal(err)
						}
						if other := otherLanguage(want, text, content); len(other) > 0 {
							t.Errorf("%s: the %s page shows the other language: %q", p.name, want, other)
						}
						if state.Inner == 0 || state.Width > state.Inner {
							t.Errorf("%s: the page is %d px wide in a %d px window", p.name, state.Width, state.Inner)
						}
					}
				})
			}
		})
	}
}

// TestBrowseLiveVerify runs farewell browse on a complete and on an
// incomplete bundle: the overview shows the full check that browse ran,
// with its verdict and reasons, not only what was recorded at packing.
func TestBrowseLiveVerify(t *testing.T) {
	profiletest.NeedBrowser(t)
	ctx := context.Background()
	br, err := exporter.StartBrowser(ctx, exporter.BrowserConfig{ProfileDir: t.TempDir(), Width: 1000, Height: 900})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	for _, c := range []struct {
		complete bool
		verdict  string
		reason   string
	}{{true, "safe", ""}, {false, "not_safe", "posts: "}} {
		t.Run(c.verdict, func(t *testing.T) {
			bundle := packStore(t, makeStore(t, c.complete))
			bctx, cancel := context.WithCancel(ctx)
			var out, errb lockedBuffer
			done := make(chan int, 1)
			go func() { done <- run(bctx, []string{"browse", "--no-open", "--json", bundle}, &out, &errb) }()
			defer func() {
				cancel()
				if code := <-done; code != ExitOK {
					t.Errorf("browse ended with exit %d: %s", code, errb.String())
				}
			}()
			var msg struct {
				URL string `json:"url"`
			}
			for i := 0; msg.URL == "" && i < 100; i++ {
				json.Unmarshal([]byte(out.String()), &msg)
				exporter.Sleep(ctx, 50*time.Millisecond)
			}
			if msg.URL == "" {
				t.Fatalf("browse printed no address: %q %q", out.String(), errb.String())
			}
			if _, err := br.Navigate(ctx, msg.URL); err != nil {
				t.Fatal(err)
			}
			// The full check replaces the quick one without a reload.
			if err := br.WaitFor(ctx, `(document.querySelector('[data-e2e=checked]')||{}).textContent === 'Checked just now: every byte re-hashed.'`, 20*time.Second); err != nil {
				t.Fatalf("the overview never showed the full check: %v", err)
			}
			state, _ := exporter.Eval[string](ctx, br, `document.querySelector('[data-e2e=verdict]').getAttribute('data-state')`, 30*time.Second)
			if state != c.verdict {
				t.Errorf("verdict %q, want %q", state, c.verdict)
			}
			reasons, _ := exporter.Eval[string](ctx, br, `(document.querySelector('[data-e2e=reasons]')||{textContent:''}).textContent`, 30*time.Second)
			if (c.reason == "") != (reasons == "") || !strings.Contains(reasons, c.reason) {
				t.Errorf("reasons %q, want %q", reasons, c.reason)
			}
			png, err := br.ViewportPNG(ctx)
			if err == nil {
				os.WriteFile(filepath.Join(artifacts(t, "viewer/live-verify"), c.verdict+".png"), png, 0o644)
			}
		})
	}
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader in two
// goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
