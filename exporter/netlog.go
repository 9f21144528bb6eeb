package exporter

import (
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
)

// netLogSize is how many of a tab's latest requests its log keeps.
const netLogSize = 600

// NetEntry is one request a tab made, as diagnostics show it: where it
// went and what came back, never its headers, cookies or body, and its
// URL with token-like query values redacted.
type NetEntry struct {
	Time        time.Time `json:"time"`
	Method      string    `json:"method"`
	Host        string    `json:"host"`
	Path        string    `json:"path"` // with the query, token-like values redacted
	Type        string    `json:"type"` // Document, Fetch, XHR, Script, Image, ...
	Status      int       `json:"status,omitempty"`
	ContentType string    `json:"content_type,omitempty"`
	Bytes       int64     `json:"bytes,omitempty"`
	Error       string    `json:"error,omitempty"`
}

// netLog keeps a tab's latest requests, newest last.
type netLog struct {
	mu      sync.Mutex
	entries []*NetEntry
	byID    map[network.RequestID]*NetEntry
}

func newNetLog() *netLog { return &netLog{byID: map[network.RequestID]*NetEntry{}} }

// event runs in the tab's read loop: bookkeeping only.
func (l *netLog) event(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u, err := url.Parse(ev.Request.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		e := &NetEntry{Time: time.Now().UTC(), Method: ev.Request.Method, Host: u.Host, Path: redactedPath(u), Type: string(ev.Type)}
		l.entries = append(l.entries, e)
		l.byID[ev.RequestID] = e
		if len(l.entries) > netLogSize {
			drop := l.entries[0]
			l.entries = l.entries[1:]
			for id, x := range l.byID {
				if x == drop {
					delete(l.byID, id)
				}
			}
		}
	case *network.EventResponseReceived:
		if e := l.byID[ev.RequestID]; e != nil {
			e.Status, e.ContentType = int(ev.Response.Status), ev.Response.MimeType
		}
	case *network.EventLoadingFinished:
		if e := l.byID[ev.RequestID]; e != nil {
			e.Bytes = int64(ev.EncodedDataLength)
			delete(l.byID, ev.RequestID)
		}
	case *network.EventLoadingFailed:
		if e := l.byID[ev.RequestID]; e != nil {
			e.Error = ev.ErrorText
			if ev.Canceled {
				e.Error = "canceled"
			}
			delete(l.byID, ev.RequestID)
		}
	}
}

// last returns copies of the latest n entries keep accepts, oldest first.
func (l *netLog) last(n int, keep func(NetEntry) bool) []NetEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []NetEntry
	for i := len(l.entries) - 1; i >= 0 && len(out) < n; i-- {
		if keep(*l.entries[i]) {
			out = append(out, *l.entries[i])
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Requests returns the tab's latest n requests to hosts owns accepts,
// oldest first.
func (b *Browser) Requests(n int, owns func(host string) bool) []NetEntry {
	if b.net == nil {
		return nil
	}
	return b.net.last(n, func(e NetEntry) bool {
		h, _, _ := strings.Cut(e.Host, ":")
		return owns(h)
	})
}

// tokenish says whether a query parameter's name looks like it carries a
// secret: a token, a signature, a ticket, a session or device id.
func tokenish(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "fp", "sid", "sub", "subp", "code", "t", "st":
		return true
	}
	for _, part := range []string{"token", "bogus", "sign", "sig", "ticket", "session", "auth", "secret", "pass", "cookie", "csrf", "xsrf", "verify", "key", "ttwid", "webid"} {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}

// redactedPath is a URL's path and query with the values of token-like
// parameters replaced by "redacted"; the fragment is dropped.
func redactedPath(u *url.URL) string {
	p := u.EscapedPath()
	if u.RawQuery == "" {
		return p
	}
	parts := strings.Split(u.RawQuery, "&")
	for i, kv := range parts {
		k, _, _ := strings.Cut(kv, "=")
		if name, err := url.QueryUnescape(k); err != nil || tokenish(name) {
			parts[i] = k + "=redacted"
		}
	}
	return p + "?" + strings.Join(parts, "&")
}

// RedactURL is a URL with the values of token-like query parameters
// redacted and without its fragment, for what farewell shows or keeps
// about a page it visited.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an address that does not parse)"
	}
	if u.Scheme == "" {
		return redactedPath(u)
	}
	return u.Scheme + "://" + u.Host + redactedPath(u)
}
