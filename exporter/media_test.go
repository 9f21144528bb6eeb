package exporter

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// mediaServer serves a JPEG-looking file with Range support. It can cut
// the first full download halfway, demand a Referer, and expire links.
type mediaServer struct {
	mu       sync.Mutex
	data     []byte
	hits     map[string]int
	ranges   []string
	cutFirst bool
}

func (m *mediaServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	m.hits[r.URL.Path]++
	hit := m.hits[r.URL.Path]
	if rg := r.Header.Get("Range"); rg != "" {
		m.ranges = append(m.ranges, rg)
	}
	cut := m.cutFirst && hit == 1
	m.mu.Unlock()
	switch {
	case r.Header.Get("Referer") != "https://site.example/":
		http.Error(w, "no referer", http.StatusForbidden)
	case strings.HasPrefix(r.URL.Path, "/expired"):
		http.Error(w, "expired", http.StatusForbidden)
	case r.URL.Path == "/html.jpg":
		w.Write([]byte("<html>not an image</html>"))
	case r.URL.Path == "/notes.txt":
		w.Write([]byte("plain notes, of no known type"))
	case r.URL.Path == "/error.txt":
		w.Write([]byte(`{"error_code":21301,"error":"auth failed!"}`))
	case cut:
		// Promise the whole file, send half, drop the connection.
		w.Header().Set("Content-Length", strconv.Itoa(len(m.data)))
		w.Write(m.data[:len(m.data)/2])
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		panic(http.ErrAbortHandler)
	default:
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(m.data))
	}
}

func newMediaServer(cut bool) (*mediaServer, *httptest.Server) {
	data := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte("jpegdata"), 20000)...)
	m := &mediaServer{data: data, hits: map[string]int{}, cutFirst: cut}
	return m, httptest.NewServer(m)
}

func runDownloads(t *testing.T, st *Store, reqs ...MediaRequest) (map[string]MediaEntry, map[string]error, MediaStats) {
	t.Helper()
	ix, err := st.OpenMediaIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var mu sync.Mutex
	got, errs := map[string]MediaEntry{}, map[string]error{}
	d := st.NewDownloader(context.Background(), ix, DownloaderConfig{Workers: 2, RetryDelay: 10 * time.Millisecond,
		Done: func(r MediaRequest, e MediaEntry, err error) {
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs[r.Key] = err
			} else {
				got[r.Key] = e
			}
		}})
	for _, r := range reqs {
		d.Add(r)
	}
	d.Close()
	return got, errs, d.Stats()
}

func TestDownloaderResumesAndStoresByHash(t *testing.T) {
	m, srv := newMediaServer(true)
	defer srv.Close()
	st, _ := CreateStore(t.TempDir(), "test", Account{ID: "1"})
	req := MediaRequest{Key: "test:image:a", URL: srv.URL + "/a.jpg", Referer: "https://site.example/", Kind: "image"}
	got, errs, stats := runDownloads(t, st, req, req) // the second Add is a duplicate
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	e := got["test:image:a"]
	sum := sha256.Sum256(m.data)
	if e.SHA256 != hex.EncodeToString(sum[:]) || e.Bytes != int64(len(m.data)) || e.File != "media/"+e.SHA256[:2]+"/"+e.SHA256+".jpg" {
		t.Fatalf("entry %+v", e)
	}
	disk, err := os.ReadFile(st.Path(filepath.FromSlash(e.File)))
	if err != nil || !bytes.Equal(disk, m.data) {
		t.Fatal("stored bytes differ")
	}
	if len(m.ranges) != 1 || m.ranges[0] != fmt.Sprintf("bytes=%d-", len(m.data)/2) {
		t.Fatalf("resume ranges %v", m.ranges)
	}
	if stats.Fetched != 1 || m.hits["/a.jpg"] != 2 {
		t.Fatalf("stats %+v hits %v", stats, m.hits)
	}
	// A second run (a new index and downloader on the same store) fetches
	// nothing again.
	_, _, stats = runDownloads(t, st, req)
	if stats.Fetched != 0 || stats.Skipped != 1 || m.hits["/a.jpg"] != 2 {
		t.Fatalf("second run: stats %+v hits %v", stats, m.hits)
	}
}

func TestDownloaderFailuresAndFreshLinks(t *testing.T) {
	m, srv := newMediaServer(false)
	defer srv.Close()
	st, _ := CreateStore(t.TempDir(), "test", Account{ID: "1"})
	resolved := 0
	got, errs, _ := runDownloads(t, st,
		MediaRequest{Key: "k:expired", URL: srv.URL + "/expired.mp4", Referer: "https://site.example/", Kind: "image",
			Resolve: func(context.Context) (string, error) { resolved++; return srv.URL + "/fresh.jpg", nil }},
		MediaRequest{Key: "k:html", URL: srv.URL + "/html.jpg", Referer: "https://site.example/", Kind: "image"},
		MediaRequest{Key: "k:noref", URL: srv.URL + "/b.jpg", Kind: "image"},
		MediaRequest{Key: "k:notvideo", URL: srv.URL + "/c.jpg", Referer: "https://site.example/", Kind: "video"},
		MediaRequest{Key: "k:file", URL: srv.URL + "/notes.txt", Referer: "https://site.example/", Kind: "file"},
		MediaRequest{Key: "k:fileerror", URL: srv.URL + "/error.txt", Referer: "https://site.example/", Kind: "file"},
	)
	if e, ok := got["k:file"]; !ok || e.Type != "application/octet-stream" || !strings.HasSuffix(e.File, ".bin") {
		t.Errorf("a file of no known type: %+v, %v", e, errs["k:file"])
	}
	if _, ok := got["k:expired"]; !ok || resolved != 1 {
		t.Fatalf("expired link: resolved %d times, errs %v", resolved, errs["k:expired"])
	}
	for key, want := range map[string]string{"k:html": "an HTML page", "k:noref": "403", "k:notvideo": "not a video", "k:fileerror": "not a file"} {
		if err := errs[key]; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one mentioning %q", key, err, want)
		}
	}
	if m.hits["/b.jpg"] != 1 {
		t.Errorf("a 403 without a resolver was retried %d times", m.hits["/b.jpg"])
	}
}

func TestSniff(t *testing.T) {
	cases := map[string]string{
		"\xff\xd8\xff\xe0":                 "image/jpeg",
		"\x89PNG\r\n\x1a\n":                "image/png",
		"GIF89a":                           "image/gif",
		"RIFF\x00\x00\x00\x00WEBPVP8 ":     "image/webp",
		"\x00\x00\x00\x18ftypisom\x00\x00": "video/mp4",
		"\x00\x00\x00\x18ftypqt  \x00\x00": "video/quicktime",
		"ID3\x03":                          "audio/mpeg",
		"<html>":                           "",
		"%PDF-1.7":                         "application/pdf",
		"PK\x03\x04":                       "application/zip",
	}
	for in, want := range cases {
		if got, _ := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %q, want %q", in, got, want)
		}
	}
}

// flakyServer answers a JPEG, or HTTP 500 on a fifth of the requests: the
// same ones every time (each path's n-th request fails or not by a hash
// of both), and always on paths under /dead/.
type flakyServer struct {
	mu   sync.Mutex
	hits map[string]int
	data []byte
}

func (f *flakyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.hits[r.URL.Path]++
	sum := sha256.Sum256(fmt.Appendf(nil, "%s#%d", r.URL.Path, f.hits[r.URL.Path]))
	f.mu.Unlock()
	if sum[0]%5 == 0 || strings.HasPrefix(r.URL.Path, "/dead/") {
		http.Error(w, "busy", http.StatusInternalServerError)
		return
	}
	w.Write(f.data)
}

// TestFinishDownloadsRetriesWhatFailed: under a 5xx rate at which a file
// now and then fails all its attempts, the run's final pass
// (FinishDownloads) tries those files again, so that, over many runs in
// a row, no file that a later request could fetch is left a gap; a file
// that fails across the whole run stays one gap, counted failed once.
func TestFinishDownloadsRetriesWhatFailed(t *testing.T) {
	f := &flakyServer{hits: map[string]int{}, data: append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte("jpeg"), 100)...)}
	srv := httptest.NewServer(f)
	defer srv.Close()
	const runs, files = 12, 120
	retried := 0
	for run := range runs {
		st, err := CreateStore(t.TempDir(), "test", Account{ID: "1"})
		if err != nil {
			t.Fatal(err)
		}
		s := &Session{Store: st, Progress: NewTextProgress(io.Discard, TextOptions{}), gapKeys: map[string]Collection{}, failed: map[string]MediaRequest{}}
		if s.Journal, err = OpenJournal(st.Path(JournalFile)); err != nil {
			t.Fatal(err)
		}
		if s.Index, err = st.OpenMediaIndex(); err != nil {
			t.Fatal(err)
		}
		s.Media = st.NewDownloader(context.Background(), s.Index, DownloaderConfig{Workers: 3, RetryDelay: time.Millisecond, Done: s.mediaDone})
		for i := range files {
			s.Media.Add(MediaRequest{Key: fmt.Sprintf("k%d", i), URL: fmt.Sprintf("%s/%d/%d.jpg", srv.URL, run, i), Kind: "image", Collection: "posts"})
		}
		s.Media.Add(MediaRequest{Key: "dead", URL: fmt.Sprintf("%s/dead/%d.jpg", srv.URL, run), Kind: "image", Collection: "posts"})
		if err := s.FinishDownloads(context.Background()); err != nil {
			t.Fatal(err)
		}
		s.Journal.Close()
		s.Index.Close()
		events, err := ReadJournal(st.Path(JournalFile))
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range events {
			if ev.Type == EventGapResolved {
				retried++
			}
		}
		states, _ := Fold(events)
		var gaps []string
		for _, g := range states["posts"].Gaps {
			gaps = append(gaps, g.Ref)
		}
		if !slices.Equal(gaps, []string{"dead"}) {
			t.Fatalf("run %d: gaps %v, want only the file that never answers", run, gaps)
		}
		if stats := s.Media.Stats(); stats.Fetched != files || stats.Failed != 1 {
			t.Fatalf("run %d: stats %+v, want %d fetched and 1 failed", run, stats, files)
		}
	}
	// The rate is high enough that the attempts of the first pass alone
	// lose files: the final pass is what kept them.
	if retried == 0 {
		t.Fatal("no file failed all its first attempts: the test shows nothing")
	}
	t.Logf("%d file(s) failed every first attempt and were fetched by the final pass", retried)
}
