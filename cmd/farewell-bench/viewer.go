package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/viewer"
	"github.com/farewell-app/farewell/archive/viewer/viewertest"
	"github.com/farewell-app/farewell/exporter"
)

// viewerConfig sizes the viewer benchmark.
type viewerConfig struct {
	posts int
	reps  int
}

// benchViewer packs a generated account of n posts, serves it as browse
// does, and measures in Chromium, each time in a fresh browser (cold
// cache): the time from navigation to the timeline's first screen, and
// the time a search takes from the keystroke to the results drawn, once
// the records are in. Targets: first screen under 1.5 s, search under
// 300 ms.
func benchViewer(ctx context.Context, cfg viewerConfig) error {
	dir, err := os.MkdirTemp("", "farewell-bench-viewer-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	start := time.Now()
	_, bundle, err := viewertest.Pack(ctx, dir, viewertest.Options{Platform: "weibo", Posts: cfg.posts, Commented: 200,
		Likes: 2000, Favorites: 500, Following: 500, Followers: 2000, Apps: 10})
	if err != nil {
		return err
	}
	st, err := os.Stat(bundle)
	if err != nil {
		return err
	}
	fmt.Printf("viewer: %d posts, bundle %.1f MB, generated and packed in %.1f s\n", cfg.posts, float64(st.Size())/1e6, time.Since(start).Seconds())
	b, err := archive.Open(ctx, bundle)
	if err != nil {
		return err
	}
	defer b.Close()
	srv, err := viewer.Listen(b, "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer srv.Close()
	var first, loaded []float64
	var searches []float64
	queries := []string{"帖子 4242 今天", "天气不错", "<script>", "example.com/p/1", "没有这个词"}
	for rep := 0; rep < cfg.reps; rep++ {
		f, l, s, err := viewerRun(ctx, srv.URL(), queries)
		if err != nil {
			return err
		}
		first, loaded = append(first, f), append(loaded, l)
		searches = append(searches, s...)
	}
	sort.Float64s(first)
	sort.Float64s(loaded)
	sort.Float64s(searches)
	med := func(v []float64) float64 { return v[len(v)/2] }
	fmt.Printf("  first screen of the timeline: median %.0f ms, worst %.0f ms (target < 1500 ms): ratio %.2f\n",
		med(first), first[len(first)-1], first[len(first)-1]/1500)
	fmt.Printf("  all %d posts loaded and indexed: median %.0f ms\n", cfg.posts, med(loaded))
	fmt.Printf("  search (%d queries x %d runs): median %.0f ms, worst %.0f ms (target < 300 ms): ratio %.2f\n",
		len(queries), cfg.reps, med(searches), searches[len(searches)-1], searches[len(searches)-1]/300)
	return nil
}

// viewerRun opens the timeline in a fresh browser and returns the first
// screen's time, the time until every post was in, and each query's time,
// all in milliseconds as the page's own clock measured them.
func viewerRun(ctx context.Context, url string, queries []string) (float64, float64, []float64, error) {
	profile, err := os.MkdirTemp("", "farewell-bench-chrome-")
	if err != nil {
		return 0, 0, nil, err
	}
	defer os.RemoveAll(profile)
	br, err := exporter.StartBrowser(ctx, exporter.BrowserConfig{ProfileDir: profile, Width: 1280, Height: 900})
	if err != nil {
		return 0, 0, nil, err
	}
	defer br.Close()
	if _, err := br.Navigate(ctx, url+"#/posts"); err != nil {
		return 0, 0, nil, err
	}
	if err := br.WaitFor(ctx, `performance.getEntriesByName('fw-all-loaded').length > 0 && performance.getEntriesByName('fw-first-screen').length > 0`, 60*time.Second); err != nil {
		return 0, 0, nil, err
	}
	first, err := exporter.Eval[float64](ctx, br, `performance.getEntriesByName('fw-first-screen')[0].startTime`, 5*time.Second)
	if err != nil {
		return 0, 0, nil, err
	}
	loaded, err := exporter.Eval[float64](ctx, br, `performance.getEntriesByName('fw-all-loaded')[0].startTime`, 5*time.Second)
	if err != nil {
		return 0, 0, nil, err
	}
	var times []float64
	for _, q := range queries {
		// From the input event to the next frame, with the results drawn.
		ms, err := exporter.Eval[float64](ctx, br, fmt.Sprintf(`new Promise(resolve => {
			const s = document.querySelector('[data-e2e=search]');
			const t0 = performance.now();
			s.value = %q;
			s.dispatchEvent(new Event('input'));
			requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
		})`, q), 30*time.Second)
		if err != nil {
			return 0, 0, nil, err
		}
		times = append(times, ms)
	}
	return first, loaded, times, nil
}
