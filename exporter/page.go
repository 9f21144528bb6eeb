package exporter

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// maxCapture is the tallest capture Chromium makes in one piece (in device
// pixels); taller pages are captured in tiles.
const maxCapture = 16384

// Navigate loads url in the tab and returns where it ended (after
// redirects).
func (b *Browser) Navigate(ctx context.Context, url string) (string, error) {
	sctx, cancel := b.step(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, chromedp.Navigate(url)); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("open %s: %w", shortURL(url), err)
	}
	loc, err := chromedp.Run(sctx, chromedp.Location())
	if err != nil {
		return "", fmt.Errorf("open %s: %w", shortURL(url), err)
	}
	return loc, nil
}

// Location returns the tab's current URL.
func (b *Browser) Location(ctx context.Context) (string, error) {
	sctx, cancel := b.step(ctx, 10*time.Second)
	defer cancel()
	return chromedp.Run(sctx, chromedp.Location())
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
func Eval[T any](ctx context.Context, b *Browser, expr string, timeout time.Duration) (T, error) {
	sctx, cancel := b.step(ctx, timeout)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	return v, b.failed(ctx, err)
}

// WaitFor polls a JavaScript condition until it is true or timeout passes.
func (b *Browser) WaitFor(ctx context.Context, cond string, timeout time.Duration) error {
	sctx, cancel := b.step(ctx, timeout+5*time.Second)
	defer cancel()
	_, err := chromedp.Run(sctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(100*time.Millisecond)))
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("waiting for %s: %w", cond, err)
	}
	return nil
}

// ScreenshotPage saves the whole page as PNG tiles
// screens/<name>/0001.png, 0002.png, ... from top to bottom, each at most
// tile CSS pixels tall (0: as tall as Chromium captures in one piece). Old
// tiles of the same name are replaced. It returns the bundle paths.
func (b *Browser) ScreenshotPage(ctx context.Context, st *Store, name string, tile int) ([]string, error) {
	sctx, cancel := b.step(ctx, 120*time.Second)
	defer cancel()
	metrics, err := chromedp.Call(sctx, page.GetLayoutMetrics, cdp.Empty{})
	if err != nil {
		return nil, fmt.Errorf("screenshot %s: %w", name, err)
	}
	dpr, err := chromedp.Run(sctx, chromedp.Evaluate[float64](`window.devicePixelRatio`))
	if err != nil || dpr <= 0 {
		dpr = 1
	}
	width, height := 1280.0, 900.0
	if cs := metrics.CSSContentSize; cs != nil {
		width, height = math.Ceil(cs.Width), math.Ceil(cs.Height)
	}
	if tile <= 0 {
		tile = int(float64(maxCapture)/dpr) - 16
	}
	dir := st.Path(ScreensDir, filepath.FromSlash(name))
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	var out []string
	for y, i := 0.0, 1; y < height; y, i = y+float64(tile), i+1 {
		h := math.Min(float64(tile), height-y)
		res, err := chromedp.Call(sctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			Clip:                  &page.Viewport{X: 0, Y: y, Width: width, Height: h, Scale: 1},
			CaptureBeyondViewport: new(true),
			FromSurface:           new(true),
		})
		if err != nil {
			return nil, fmt.Errorf("screenshot %s tile %d: %w", name, i, err)
		}
		file := fmt.Sprintf("%04d.png", i)
		if err := writeFileAtomic(filepath.Join(dir, file), res.Data, 0o600); err != nil {
			return nil, err
		}
		out = append(out, ScreensDir+"/"+name+"/"+file)
	}
	return out, nil
}

// ElementPNG returns a screenshot of one element (the first match of a
// CSS selector).
func (b *Browser) ElementPNG(ctx context.Context, selector string) ([]byte, error) {
	sctx, cancel := b.step(ctx, 30*time.Second)
	defer cancel()
	data, err := chromedp.Run(sctx, chromedp.Screenshot(chromedp.CSS(selector), chromedp.NodeVisible))
	if err != nil {
		return nil, fmt.Errorf("screenshot %s: %w", selector, err)
	}
	return data, nil
}

// ClipPNG returns a screenshot of a part of the page (CSS pixels from
// the document's top left).
func (b *Browser) ClipPNG(ctx context.Context, x, y, width, height float64) ([]byte, error) {
	sctx, cancel := b.step(ctx, 30*time.Second)
	defer cancel()
	res, err := chromedp.Call(sctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format:                page.CaptureScreenshotFormatPng,
		Clip:                  &page.Viewport{X: x, Y: y, Width: width, Height: height, Scale: 1},
		CaptureBeyondViewport: new(true),
		FromSurface:           new(true),
	})
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", b.failed(ctx, err))
	}
	return res.Data, nil
}

// ViewportPNG returns a screenshot of what the window shows.
func (b *Browser) ViewportPNG(ctx context.Context) ([]byte, error) {
	sctx, cancel := b.step(ctx, 30*time.Second)
	defer cancel()
	data, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	return data, nil
}

// SaveScreen writes a file under screens/ (a screenshot, or the index of
// a set of them) atomically and returns its bundle path.
func (s *Store) SaveScreen(file string, data []byte) (string, error) {
	if !fs.ValidPath(file) {
		return "", fmt.Errorf("save screen: bad name %q", file)
	}
	path := s.Path(ScreensDir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	if err := writeFileAtomic(path, data, 0o600); err != nil {
		return "", err
	}
	return ScreensDir + "/" + file, nil
}

// ClearScreens removes a folder of screens/ (an earlier run's screenshots
// of something about to be taken again).
func (s *Store) ClearScreens(dir string) error {
	if !fs.ValidPath(dir) || dir == "." {
		return fmt.Errorf("clear screens: bad name %q", dir)
	}
	return os.RemoveAll(s.Path(ScreensDir, filepath.FromSlash(dir)))
}

// SaveHTML stores the page's current HTML as a raw capture.
func (b *Browser) SaveHTML(ctx context.Context, st *Store, meta RawMeta) (string, []byte, error) {
	sctx, cancel := b.step(ctx, 30*time.Second)
	defer cancel()
	html, err := chromedp.Run(sctx, chromedp.OuterHTML(chromedp.CSS("html")))
	if err != nil {
		return "", nil, fmt.Errorf("read page HTML: %w", err)
	}
	if meta.URL == "" {
		meta.URL, _ = chromedp.Run(sctx, chromedp.Location())
	}
	meta.Method, meta.Status, meta.ContentType, meta.Source = "GET", 200, "text/html", "html"
	body := []byte("<!DOCTYPE html>\n" + html)
	name, err := st.SaveRaw(meta, body)
	return name, body, err
}

// ClearStorage deletes what an origin's scripts keep in the browser
// profile, of the kinds named ("indexeddb", "local_storage",
// "cache_storage", …; cookies are never named here): a site's SDK may
// show data from its own cache without asking the server, so that no
// answer of it would be captured.
func (b *Browser) ClearStorage(ctx context.Context, origin string, kinds ...string) error {
	sctx, cancel := b.step(ctx, 10*time.Second)
	defer cancel()
	for _, k := range kinds {
		if k == "cookies" || k == "all" {
			return fmt.Errorf("clear storage: %s is not cleared here", k)
		}
	}
	_, err := chromedp.Call(sctx, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: origin, StorageTypes: strings.Join(kinds, ",")})
	return b.failed(ctx, err)
}
