package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/farewell-app/farewell/archive/viewer/viewertest"
	"github.com/farewell-app/farewell/exporter"
)

// checkReading checks, on the viewer checkViewer opened, what makes a
// backup pleasant to read (issue 18): the lightbox, media that plays,
// direct messages in time order with their zone, the timeline's reading
// order, the album by month, tiles that lead back to their post, and
// comment counts that lead to the comments. It runs served and from
// file://.
func checkReading(ctx context.Context, t *testing.T, br *exporter.Browser, acc *viewertest.Account) {
	t.Run("lightbox", func(t *testing.T) {
		visit(ctx, t, br, page{name: "media", route: "media", ready: `!!document.querySelector('[data-e2e=media][data-state=ready]')`})
		n, err := exporter.Eval[int](ctx, br, `document.querySelectorAll('[data-e2e=media] .lbitem').length`, 30*time.Second)
		if err != nil || n < 3 {
			t.Fatalf("%d tiles in the album (%v)", n, err)
		}
		// A real click on the first tile opens it.
		clickOn(ctx, t, br, `[data-e2e=media] .lbitem`)
		if err := br.WaitFor(ctx, `!!document.querySelector('[data-e2e=lightbox] [data-e2e=lb-media]')`, 20*time.Second); err != nil {
			t.Fatalf("no lightbox after a click: %v", err)
		}
		want := fmt.Sprintf("1 / %d", n)
		if pos := lightboxPos(ctx, t, br); pos != want {
			t.Fatalf("the lightbox shows %q, want %q", pos, want)
		}
		first := lightboxSrc(ctx, t, br)
		for _, step := range []struct {
			key  string
			code int64
			pos  string
		}{{"ArrowRight", 39, "2 / %d"}, {"ArrowRight", 39, "3 / %d"}, {"ArrowLeft", 37, "2 / %d"}, {"ArrowLeft", 37, "1 / %d"}, {"ArrowLeft", 37, "%d / %[1]d"}} {
			press(ctx, t, br, step.key, step.code)
			if pos, want := lightboxPos(ctx, t, br), fmt.Sprintf(step.pos, n); pos != want {
				t.Fatalf("after %s the lightbox shows %q, want %q", step.key, pos, want)
			}
		}
		clickOn(ctx, t, br, `[data-e2e=lb-next]`)
		if pos, src := lightboxPos(ctx, t, br), lightboxSrc(ctx, t, br); pos != want || src != first {
			t.Fatalf("next from the last: %q %s, want %q %s", pos, src, want, first)
		}
		if err := br.WaitFor(ctx, `(() => { const m = document.querySelector('[data-e2e=lb-media]'); return m.tagName !== 'IMG' || (m.complete && m.naturalWidth > 0); })()`, 20*time.Second); err != nil {
			t.Errorf("the lightbox's picture did not load: %v", err)
		}
		noMarkup(ctx, t, br)
		press(ctx, t, br, "Escape", 27)
		if open, _ := exporter.Eval[bool](ctx, br, `!!document.querySelector('[data-e2e=lightbox]')`, 30*time.Second); open {
			t.Fatal("Esc left the lightbox open")
		}
	})

	t.Run("media plays", func(t *testing.T) {
		// Videos: their posters (their covers: Douyin's cover, Weibo's
		// page_pic) load, and a video in the lightbox has its first frame
		// and a duration.
		visit(ctx, t, br, page{name: "videos", route: "media/videos", ready: `!!document.querySelector('[data-e2e=media][data-state=ready]')`})
		if err := br.WaitFor(ctx, `(() => { const p = [...document.querySelectorAll('[data-e2e=media] [data-e2e=poster]')];
			return p.length === 4 && p.every(i => i.complete && i.naturalWidth > 0); })()`, 20*time.Second); err != nil {
			t.Errorf("the videos' posters did not all load: %v", err)
		}
		clickOn(ctx, t, br, `[data-e2e=media] .lbitem`)
		if err := br.WaitFor(ctx, `(() => { const v = document.querySelector('[data-e2e=lightbox] video[data-e2e=lb-media]');
			return !!v && v.readyState >= 2 && v.duration > 0 && v.videoWidth > 0; })()`, 20*time.Second); err != nil {
			state, _ := exporter.Eval[string](ctx, br, `(() => { const v = document.querySelector('video[data-e2e=lb-media]'); return v ? v.readyState + ' ' + v.duration + ' ' + (v.error && v.error.message) : 'none'; })()`, 30*time.Second)
			t.Errorf("the video did not load to its first frame: %s (%v)", state, err)
		}
		press(ctx, t, br, "Escape", 27)
		if acc.Records["sounds"] == 0 {
			return
		}
		// Sounds: a player in a row of its own, which loads and knows its
		// length, and no two players overlap.
		visit(ctx, t, br, page{name: "sounds", route: "sounds", ready: `!!document.querySelector('[data-e2e=sounds][data-state=ready]')`})
		bad, err := exporter.Eval[string](ctx, br, `new Promise(done => {
			const all = [...document.querySelectorAll('[data-e2e=sounds] audio')];
			const r = all.map(a => a.getBoundingClientRect());
			for (let i = 1; i < r.length; i++) if (r[i].top < r[i - 1].bottom - 1) return done('players ' + (i - 1) + ' and ' + i + ' overlap');
			const a = all[0];
			const check = () => a.readyState >= 2 && a.duration > 0 ? done('') : null;
			a.addEventListener('loadeddata', check);
			a.addEventListener('error', () => done('error ' + (a.error && a.error.message)));
			a.preload = 'auto';
			a.load();
			setTimeout(() => done('after 20 s: readyState ' + a.readyState + ', duration ' + a.duration), 20000);
		})`, 30*time.Second)
		if err != nil || bad != "" {
			t.Errorf("sound: %s (%v)", bad, err)
		}
	})

	if acc.ConvID != "" {
		t.Run("messages in time order", func(t *testing.T) {
			visit(ctx, t, br, page{name: "conversation", route: "messages/" + acc.ConvID, ready: `!!document.querySelector('[data-e2e=conversation] .screens')`})
			var got struct {
				Times []string `json:"times"`
				Shots []string `json:"shots"`
			}
			s, err := exporter.Eval[string](ctx, br, `JSON.stringify({
				times: [...document.querySelectorAll('[data-e2e=conversation] [data-e2e=message-time]')].map(e => e.textContent),
				shots: [...document.querySelectorAll('[data-e2e=conversation] [data-e2e=screenshot]')].map(e => e.getAttribute('src'))})`, 30*time.Second)
			if err != nil || json.Unmarshal([]byte(s), &got) != nil {
				t.Fatalf("%s (%v)", s, err)
			}
			if len(got.Times) == 0 || !slices.IsSorted(got.Times) {
				t.Errorf("the messages are not in time order: %q", got.Times)
			}
			for _, tm := range got.Times {
				if !strings.HasSuffix(tm, " (UTC+8)") {
					t.Fatalf("a time without its zone: %q", tm)
				}
			}
			if len(got.Times) > 0 && got.Times[0] != "2026-10-01 09:00 (UTC+8)" {
				t.Errorf("the first message is of %q, want the oldest", got.Times[0])
			}
			// The screenshots were taken newest first (0001 the newest): the
			// page shows the oldest on top.
			if want := sort.Reverse(sort.StringSlice(slices.Clone(got.Shots))); len(got.Shots) < 2 || !sort.IsSorted(want) {
				t.Errorf("the screenshots are not oldest first: %q", got.Shots)
			}
			// Each screenshot opens full size.
			clickOn(ctx, t, br, `[data-e2e=conversation] [data-e2e=screenshot]`)
			if err := br.WaitFor(ctx, `(() => { const m = document.querySelector('[data-e2e=lightbox] img[data-e2e=lb-media]');
				return !!m && m.complete && m.naturalWidth > 0; })()`, 20*time.Second); err != nil {
				t.Fatalf("the screenshot did not open: %v", err)
			}
			if src := lightboxSrc(ctx, t, br); len(got.Shots) == 0 || src != got.Shots[0] {
				t.Errorf("the lightbox shows %s, want %v", src, got.Shots)
			}
			press(ctx, t, br, "Escape", 27)
			noMarkup(ctx, t, br)
		})
	}

	t.Run("reading order", func(t *testing.T) {
		for _, c := range []struct {
			route, order string
			first        int // the generated post shown first
		}{{"posts/oldest", "oldest", acc.Records["posts"] - 1}, {"posts", "newest", 0}} {
			visit(ctx, t, br, page{name: c.route, route: c.route, ready: `!!document.querySelector('[data-e2e=posts][data-state=ready]')`})
			got, err := exporter.Eval[string](ctx, br, `document.querySelector('[data-e2e=order]').getAttribute('data-order') + ' ' +
				document.querySelector('[data-e2e=order] a.on').getAttribute('data-e2e') + ' ' +
				document.querySelector('[data-e2e=posts] > [data-e2e=post]').getAttribute('data-id')`, 30*time.Second)
			if want := fmt.Sprintf("%s %[1]s %d", c.order, 4900000000000000+c.first); err != nil || got != want {
				t.Errorf("#/%s: %q (%v), want %q", c.route, got, err, want)
			}
		}
	})

	t.Run("grids are even", func(t *testing.T) {
		// Two or more pictures: square tiles of one size; one picture:
		// its own shape.
		visit(ctx, t, br, page{name: "posts", route: "posts", ready: `!!document.querySelector('[data-e2e=posts][data-state=ready]')`})
		bad, err := exporter.Eval[string](ctx, br, `(() => {
			const grids = [...document.querySelectorAll('[data-e2e=posts] [data-e2e=gallery]')];
			if (!grids.some(g => g.children.length > 1) || !grids.some(g => g.children.length === 1)) return 'no grids of one and of several';
			for (const g of grids) {
				const r = [...g.children].map(c => c.getBoundingClientRect());
				if (r.length === 1) {
					if (r[0].width < 50 || r[0].height < 50) return 'a single picture of ' + r[0].width + 'x' + r[0].height;
					continue;
				}
				for (const x of r) if (Math.abs(x.width - x.height) > 1 || Math.abs(x.width - r[0].width) > 1) return 'uneven tiles: ' + r.map(x => x.width + 'x' + x.height).join(' ');
			}
			return '';
		})()`, 30*time.Second)
		if err != nil || bad != "" {
			t.Errorf("%s (%v)", bad, err)
		}
	})

	t.Run("album by month", func(t *testing.T) {
		visit(ctx, t, br, page{name: "album", route: "media/pictures", ready: `!!document.querySelector('[data-e2e=media][data-state=ready]')`})
		drawnAll(ctx, t, br, "[data-e2e=media] > [data-e2e=album-item]", sum(acc.PictureMonths))
		s, err := exporter.Eval[string](ctx, br, `JSON.stringify({
			heads: [...document.querySelectorAll('[data-e2e=media] > [data-e2e=month]')].map(h => h.getAttribute('data-month')),
			items: [...document.querySelectorAll('[data-e2e=media] > [data-e2e=album-item]')].map(e => [e.getAttribute('data-month'), e.getAttribute('data-kind')])})`, 30*time.Second)
		var got struct {
			Heads []string    `json:"heads"`
			Items [][2]string `json:"items"`
		}
		if err != nil || json.Unmarshal([]byte(s), &got) != nil {
			t.Fatalf("%s (%v)", s, err)
		}
		months := map[string]int{}
		for _, it := range got.Items {
			months[it[0]]++
			if it[1] != "image" && it[1] != "gif" && it[1] != "livephoto" && it[1] != "cover" {
				t.Errorf("a %s in the pictures", it[1])
			}
		}
		if fmt.Sprint(months) != fmt.Sprint(acc.PictureMonths) {
			t.Errorf("pictures by month %v, want %v", months, acc.PictureMonths)
		}
		want := make([]string, 0, len(acc.PictureMonths))
		for m := range acc.PictureMonths {
			want = append(want, m)
		}
		sort.Sort(sort.Reverse(sort.StringSlice(want)))
		if fmt.Sprint(got.Heads) != fmt.Sprint(want) {
			t.Errorf("months %q, want the latest first: %q", got.Heads, want)
		}
	})

	t.Run("tiles lead to their post", func(t *testing.T) {
		visit(ctx, t, br, page{name: "media", route: "media", ready: `!!document.querySelector('[data-e2e=media][data-state=ready]')`})
		drawnAll(ctx, t, br, "[data-e2e=media] > [data-e2e=album-item]", acc.Media)
		s, err := exporter.Eval[string](ctx, br, `JSON.stringify([...document.querySelectorAll('[data-e2e=media] > [data-e2e=album-item]')].map(e => {
			const a = e.querySelector('[data-e2e=tile-link]'), m = e.querySelector('img, video, audio');
			return [a ? a.getAttribute('href') : '', m ? m.getAttribute('src') : '', e.getAttribute('data-kind')];
		}))`, 30*time.Second)
		var tiles [][3]string
		if err != nil || json.Unmarshal([]byte(s), &tiles) != nil || len(tiles) != acc.Media {
			t.Fatalf("%d tiles: %s (%v)", len(tiles), s, err)
		}
		var post [3]string
		for _, tl := range tiles {
			if !strings.HasPrefix(tl[0], "#/") {
				t.Fatalf("a tile that leads nowhere: %q", tl)
			}
			if post[0] == "" && strings.HasPrefix(tl[0], "#/post/") && tl[2] == "image" {
				post = tl
			}
		}
		if post[0] == "" {
			t.Fatalf("no picture leads to a post: %q", tiles)
		}
		visit(ctx, t, br, page{name: "its post", route: strings.TrimPrefix(post[0], "#/"), ready: `!!document.querySelector('[data-e2e=comments]')`})
		n, err := exporter.Eval[int](ctx, br, fmt.Sprintf(`[...document.querySelectorAll('[data-e2e=post-page] img')].filter(i => i.getAttribute('src') === %q).length`, post[1]), 30*time.Second)
		if err != nil || n == 0 {
			t.Errorf("%s does not show %s (%v)", post[0], post[1], err)
		}
	})

	t.Run("comment counts lead to the comments", func(t *testing.T) {
		visit(ctx, t, br, page{name: "posts", route: "posts", ready: `!!document.querySelector('[data-e2e=posts][data-state=ready]')`})
		href, err := exporter.Eval[string](ctx, br, fmt.Sprintf(`(document.querySelector('[data-e2e=post][data-id="%s"] [data-e2e=comments-link]') || {getAttribute: () => ''}).getAttribute('href')`, acc.PostID), 30*time.Second)
		if want := "#/post/" + acc.PostID + "/comments"; err != nil || href != want {
			t.Fatalf("the comment count links %q (%v), want %q", href, err, want)
		}
		clickOn(ctx, t, br, fmt.Sprintf(`[data-e2e=post][data-id="%s"] [data-e2e=comments-link]`, acc.PostID))
		if err := br.WaitFor(ctx, `(() => { const h = document.querySelector('[data-e2e=comments-head]');
			return !!h && document.querySelectorAll('[data-e2e=comments] [data-e2e=comment]').length === 5 && Math.abs(h.getBoundingClientRect().top) < innerHeight; })()`, 20*time.Second); err != nil {
			t.Errorf("the link did not open the post at its comments: %v", err)
		}
	})
}

// clickOn scrolls the first element sel finds into view and clicks its
// middle with the pointer.
func clickOn(ctx context.Context, t *testing.T, br *exporter.Browser, sel string) {
	t.Helper()
	s, err := exporter.Eval[string](ctx, br, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return '';
		e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); return (r.left + r.width / 2) + ' ' + (r.top + r.height / 2); })()`, sel), 30*time.Second)
	var x, y float64
	if _, serr := fmt.Sscanf(s, "%g %g", &x, &y); err != nil || serr != nil {
		t.Fatalf("nothing to click at %s (%v)", sel, err)
	}
	if err := br.ClickAt(ctx, x, y); err != nil {
		t.Fatal(err)
	}
}

// press presses and releases a key.
func press(ctx context.Context, t *testing.T, br *exporter.Browser, key string, code int64) {
	t.Helper()
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		if _, err := chromedp.Call(br.Tab(), input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: key, Code: key, WindowsVirtualKeyCode: code, NativeVirtualKeyCode: code,
		}); err != nil {
			t.Fatal(err)
		}
	}
}

func lightboxPos(ctx context.Context, t *testing.T, br *exporter.Browser) string {
	t.Helper()
	s, err := exporter.Eval[string](ctx, br, `(document.querySelector('[data-e2e=lightbox] [data-e2e=lb-pos]') || {textContent: 'closed'}).textContent`, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func lightboxSrc(ctx context.Context, t *testing.T, br *exporter.Browser) string {
	t.Helper()
	s, err := exporter.Eval[string](ctx, br, `(document.querySelector('[data-e2e=lb-media]') || {getAttribute: () => 'none'}).getAttribute('src')`, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
