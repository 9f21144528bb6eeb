package exporter

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// RawMeta is the sidecar of one raw capture: where the bytes came from.
// It holds no request headers, so no cookie or token is ever written.
type RawMeta struct {
	URL         string `json:"url"`
	Method      string `json:"method"`
	RequestBody string `json:"request_body,omitempty"`
	// RequestBodyEncoding is "base64" when the request body was binary
	// (a protobuf POST) and RequestBody holds it in base64.
	RequestBodyEncoding string    `json:"request_body_encoding,omitempty"`
	Status              int       `json:"status"`
	ContentType         string    `json:"content_type,omitempty"`
	Time                time.Time `json:"time"`
	// Kind names the parser for the body ("weibo.mymblog").
	Kind       string     `json:"kind"`
	Collection Collection `json:"collection"`
	// Ref is what the capture is about (a post id for its comments).
	Ref string `json:"ref,omitempty"`
	// Source says how it was captured: "page" (a request the page made),
	// "fetch" (an in-page fetch), "html" (the page's own HTML).
	Source string `json:"source"`
}

// SetRequestBody records a request body: as text when it is UTF-8, in
// base64 otherwise.
func (m *RawMeta) SetRequestBody(b []byte) {
	if utf8.Valid(b) {
		m.RequestBody, m.RequestBodyEncoding = string(b), ""
		return
	}
	m.RequestBody, m.RequestBodyEncoding = base64.StdEncoding.EncodeToString(b), "base64"
}

// RawFile is one raw capture in the store.
type RawFile struct {
	Meta RawMeta
	Path string // the body on disk
	Name string // the body's path inside a bundle (raw/<collection>/<n>.<ext>)
	Body []byte // the body, for captures kept in memory only
}

// Read returns the capture's body.
func (f RawFile) Read() ([]byte, error) {
	if f.Path == "" {
		return f.Body, nil
	}
	return os.ReadFile(f.Path)
}

// rawWriter numbers raw captures per collection.
type rawWriter struct {
	mu     sync.Mutex
	next   map[Collection]int
	redact map[string]bool // query parameters whose values are not kept
}

// RedactParams names query parameters that carry a cookie's or a
// device token's value (Douyin's msToken, verifyFp): SaveRaw keeps the
// URLs it records without their values, so that no session secret reaches
// a sidecar, and so a bundle.
func (s *Store) RedactParams(names ...string) {
	s.raw.mu.Lock()
	defer s.raw.mu.Unlock()
	if s.raw.redact == nil {
		s.raw.redact = map[string]bool{}
	}
	for _, n := range names {
		s.raw.redact[n] = true
	}
}

// redactURL replaces the values of the named query parameters with
// "redacted", leaving the rest of the URL as it was.
func redactURL(raw string, names map[string]bool) string {
	base, query, ok := strings.Cut(raw, "?")
	if !ok || len(names) == 0 {
		return raw
	}
	query, frag, hasFrag := strings.Cut(query, "#")
	parts := strings.Split(query, "&")
	for i, p := range parts {
		k, _, _ := strings.Cut(p, "=")
		if name, err := url.QueryUnescape(k); err == nil && names[name] {
			parts[i] = k + "=redacted"
		}
	}
	out := base + "?" + strings.Join(parts, "&")
	if hasFrag {
		out += "#" + frag
	}
	return out
}

// SaveRaw stores a response body and its sidecar under
// raw/<collection>/<n>.<ext> and <n>.meta.json, each written atomically,
// body first: a body without a sidecar (a crash in between) is ignored by
// [Store.Raws]. It returns the bundle path of the body.
func (s *Store) SaveRaw(meta RawMeta, body []byte) (string, error) {
	if meta.Collection == "" || strings.ContainsAny(string(meta.Collection), `/\.`) {
		return "", fmt.Errorf("save raw: bad collection %q", meta.Collection)
	}
	dir := s.Path(RawDir, string(meta.Collection))
	s.raw.mu.Lock()
	if s.raw.next == nil {
		s.raw.next = map[Collection]int{}
	}
	n, ok := s.raw.next[meta.Collection]
	if !ok {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			s.raw.mu.Unlock()
			return "", fmt.Errorf("save raw: %w", StorageError(err))
		}
		n = lastRawNumber(dir) + 1
	}
	s.raw.next[meta.Collection] = n + 1
	meta.URL = redactURL(meta.URL, s.raw.redact)
	s.raw.mu.Unlock()
	if meta.Time.IsZero() {
		meta.Time = time.Now().UTC()
	}
	ext := rawExt(meta.ContentType, body)
	base := fmt.Sprintf("%06d", n)
	if err := writeFileAtomic(filepath.Join(dir, base+ext), body, 0o600); err != nil {
		return "", fmt.Errorf("save raw: %w", err)
	}
	mb, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return "", err
	}
	if err := writeFileAtomic(filepath.Join(dir, base+".meta.json"), append(mb, '\n'), 0o600); err != nil {
		return "", fmt.Errorf("save raw: %w", err)
	}
	return RawDir + "/" + string(meta.Collection) + "/" + base + ext, nil
}

// rawExt picks the extension of a raw body: JSON, HTML or binary.
func rawExt(contentType string, body []byte) string {
	ct := strings.ToLower(contentType)
	trimmed := strings.TrimSpace(string(body[:min(len(body), 64)]))
	switch {
	case strings.Contains(ct, "json") && json.Valid(body):
		return ".json"
	case strings.Contains(ct, "html"):
		return ".html"
	case (strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[")) && json.Valid(body):
		return ".json"
	case strings.HasPrefix(ct, "text/"):
		return ".txt"
	}
	return ".bin"
}

func lastRawNumber(dir string) int {
	entries, _ := os.ReadDir(dir)
	last := 0
	for _, e := range entries {
		name := e.Name()
		if i := strings.IndexByte(name, '.'); i > 0 {
			if n, err := strconv.Atoi(name[:i]); err == nil && n > last {
				last = n
			}
		}
	}
	return last
}

// Raws lists the raw captures of a collection in the order they were
// made. Captures whose sidecar is missing or unreadable (torn by a crash)
// are skipped.
func (s *Store) Raws(collection Collection) ([]RawFile, error) {
	dir := s.Path(RawDir, string(collection))
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	bodies := map[string]string{}
	var metas []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
		case strings.HasSuffix(name, ".meta.json"):
			metas = append(metas, strings.TrimSuffix(name, ".meta.json"))
		default:
			if i := strings.IndexByte(name, '.'); i > 0 {
				bodies[name[:i]] = name
			}
		}
	}
	sort.Strings(metas)
	var out []RawFile
	for _, base := range metas {
		body, ok := bodies[base]
		if !ok {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, base+".meta.json"))
		if err != nil {
			continue
		}
		var m RawMeta
		if json.Unmarshal(b, &m) != nil {
			continue
		}
		out = append(out, RawFile{Meta: m, Path: filepath.Join(dir, body), Name: RawDir + "/" + string(collection) + "/" + body})
	}
	return out, nil
}

// WriteRecords replaces a collection's records file with one JSON Lines
// record per line, atomically.
func (s *Store) WriteRecords(collection Collection, lines [][]byte) error {
	if err := os.MkdirAll(s.Path(RecordsDir), 0o700); err != nil {
		return err
	}
	var n int
	for _, l := range lines {
		n += len(l)
	}
	buf := make([]byte, 0, n)
	for _, l := range lines {
		buf = append(buf, l...)
	}
	return writeFileAtomic(s.RecordsPath(collection), buf, 0o600)
}

// EachRaw calls fn with every raw capture of the collections and its
// body, in capture order, one collection after the other.
func (s *Store) EachRaw(ctx context.Context, collections []Collection, fn func(c Collection, rf RawFile, body []byte)) error {
	for _, c := range collections {
		raws, err := s.Raws(c)
		if err != nil {
			return err
		}
		for _, rf := range raws {
			if err := ctx.Err(); err != nil {
				return err
			}
			body, err := rf.Read()
			if err != nil {
				return err
			}
			fn(c, rf, body)
		}
	}
	return nil
}
