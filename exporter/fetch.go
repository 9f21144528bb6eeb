package exporter

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// Request is a request made from inside the page with fetch(): it carries
// the page's cookies, origin and Referer, as the site's own scripts do.
type Request struct {
	URL     string
	Method  string            // default GET
	Body    string            // form or JSON body for POST
	Headers map[string]string // e.g. X-XSRF-TOKEN
	// XSRFCookie names a cookie whose value is sent as the X-XSRF-TOKEN
	// header, read in the page at the time of the request.
	XSRFCookie string
}

// Response is what an in-page fetch got.
type Response struct {
	URL         string            `json:"url"`
	Status      int               `json:"status"`
	ContentType string            `json:"type"`
	Headers     map[string]string `json:"headers"`
	Body        []byte            `json:"-"`
	Body64      string            `json:"body"`
	Time        time.Time         `json:"-"`
}

// fetchJS runs fetch() and returns the status, headers and the body as
// base64 (so binary bodies survive).
const fetchJS = `(async (url, init, xsrf) => {
  init = init || {};
  init.credentials = 'include';
  init.headers = init.headers || {};
  if (xsrf) {
    const m = document.cookie.match(new RegExp('(?:^|; )' + xsrf + '=([^;]*)'));
    if (m) init.headers['X-XSRF-TOKEN'] = decodeURIComponent(m[1]);
  }
  const r = await fetch(url, init);
  const buf = new Uint8Array(await r.arrayBuffer());
  let bin = '';
  for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode.apply(null, buf.subarray(i, i + 0x8000));
  const headers = {};
  r.headers.forEach((v, k) => { headers[k] = v; });
  return {url: r.url, status: r.status, type: r.headers.get('content-type') || '', headers: headers, body: btoa(bin)};
})`

// fetchMark is the fragment farewell's in-page fetches carry: it never
// leaves the browser (a fragment is not sent), and tells a Watcher that
// the answer is farewell's own, kept by whoever asked for it.
const fetchMark = "#farewell"

// PageFetch runs one fetch() in the tab's current page. The page must be
// on the site's origin for its cookies to go with the request.
func (b *Browser) PageFetch(ctx context.Context, req Request, timeout time.Duration) (*Response, error) {
	if _, err := url.Parse(req.URL); err != nil {
		return nil, err
	}
	init := map[string]any{"method": "GET"}
	if req.Method != "" {
		init["method"] = req.Method
	}
	if req.Body != "" {
		init["body"] = req.Body
	}
	if len(req.Headers) > 0 {
		init["headers"] = req.Headers
	}
	target := req.URL
	if !strings.Contains(target, "#") {
		target += fetchMark
	}
	args, err := json.Marshal([]any{target, init, req.XSRFCookie})
	if err != nil {
		return nil, err
	}
	expr := fetchJS + "(..." + string(args) + ")"
	sctx, cancel := b.step(ctx, timeout)
	defer cancel()
	start := time.Now()
	resp, err := chromedp.Run(sctx, chromedp.Evaluate[Response](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("fetch %s in the page: %w", shortURL(req.URL), err)
	}
	resp.Body, err = base64.StdEncoding.DecodeString(resp.Body64)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", shortURL(req.URL), err)
	}
	resp.Body64 = ""
	resp.Time = start.UTC()
	return &resp, nil
}

// shortURL trims a URL for messages.
func shortURL(u string) string {
	if i := strings.IndexByte(u, '?'); i > 0 && len(u) > 120 {
		return u[:i] + "?…"
	}
	return u
}
