package exporter

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// MediaRequest asks for one media file.
type MediaRequest struct {
	// Key identifies the file across runs and URL changes (signed links
	// change every time): "weibo:image:<pid>". A key already in the index
	// is never fetched again.
	Key     string
	URL     string
	Referer string
	// Kind is what the bytes must be: "image", "video" or "audio" (""
	// accepts any known media type; "file" any bytes but a page or an
	// API answer, kept as .bin when of no known type).
	Kind       string
	Collection Collection // the collection it belongs to, for gaps
	Ref        string     // the record it belongs to, for gaps
	// Resolve returns a fresh URL when the link stopped working (expired
	// signed links answer 403/404/410). nil: the URL is final.
	Resolve func(ctx context.Context) (string, error)
	// Open turns the bytes the server sends into the file (a site that
	// encrypts some media: Douyin's DM pictures). The bytes as sent are
	// kept in raw/<Collection>/ beside the site's answers. nil: the bytes
	// are the file.
	Open func(sealed []byte) ([]byte, error)
}

// maxSealed is the largest encrypted file Open is given (it is read
// whole).
const maxSealed = 64 << 20

// MediaEntry is a downloaded file.
type MediaEntry struct {
	Key    string `json:"key"`
	File   string `json:"file"` // bundle path: media/<aa>/<sha256>.<ext>
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
	Type   string `json:"type"` // the sniffed content type
	URL    string `json:"url"`  // where it came from
}

// MediaIndexFile is the store file that maps media keys to files.
const MediaIndexFile = "media.index"

// MediaIndex maps media keys to downloaded files. It is an append-only,
// fsynced JSON Lines file, so a crash loses at most the entry in flight.
type MediaIndex struct {
	mu    sync.Mutex
	f     *os.File
	byKey map[string]MediaEntry
}

// OpenMediaIndex reads the store's media index (a torn last line is
// dropped) and opens it for appending.
func (s *Store) OpenMediaIndex() (*MediaIndex, error) {
	path := s.Path(MediaIndexFile)
	if err := repairTail(path); err != nil {
		return nil, err
	}
	ix := &MediaIndex{byKey: map[string]MediaEntry{}}
	if b, err := os.ReadFile(path); err == nil {
		for _, line := range bytes.Split(b, []byte("\n")) {
			var e MediaEntry
			if len(line) > 0 && json.Unmarshal(line, &e) == nil && e.Key != "" {
				// An entry whose file is gone (deleted by hand) does not count.
				if _, err := os.Stat(s.Path(filepath.FromSlash(e.File))); err == nil {
					ix.byKey[e.Key] = e
				}
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	ix.f = f
	return ix, nil
}

// MediaEntries reads the media index without opening it for writing:
// every downloaded file by its key.
func (s *Store) MediaEntries() (map[string]MediaEntry, error) {
	out := map[string]MediaEntry{}
	b, err := os.ReadFile(s.Path(MediaIndexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		var e MediaEntry
		if len(line) > 0 && json.Unmarshal(line, &e) == nil && e.Key != "" {
			out[e.Key] = e
		}
	}
	return out, nil
}

// Get returns the entry of a key.
func (ix *MediaIndex) Get(key string) (MediaEntry, bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	e, ok := ix.byKey[key]
	return e, ok
}

// Len is the number of entries.
func (ix *MediaIndex) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.byKey)
}

func (ix *MediaIndex) put(e MediaEntry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, err := ix.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("media index: %w", err)
	}
	if err := ix.f.Sync(); err != nil {
		return fmt.Errorf("media index: %w", err)
	}
	ix.byKey[e.Key] = e
	return nil
}

// Close closes the index file.
func (ix *MediaIndex) Close() error { return ix.f.Close() }

// DownloaderConfig sets up a Downloader.
type DownloaderConfig struct {
	Workers   int // parallel downloads (default 3)
	UserAgent string
	Network   Network
	Jar       http.CookieJar
	// Attempts per file (default 4) and the first pause between them
	// (default 1s, doubling).
	Attempts   int
	RetryDelay time.Duration
	// Done, if set, is called once per request with its result.
	Done func(req MediaRequest, e MediaEntry, err error)
	// Changed, if set, is called with the counts after a request is
	// queued and after one is done.
	Changed func(MediaStats)
	// Off makes the downloader take no request (a probe).
	Off bool
}

// Downloader fetches media with Go's HTTP client: several at once, with
// the session's cookies and the Referer the site demands, retrying with
// backoff, resuming partial files, checking sizes and magic bytes, and
// storing each file once by its sha256.
type Downloader struct {
	closed sync.Once
	st     *Store
	ix     *MediaIndex
	cfg    DownloaderConfig
	client *http.Client
	ctx    context.Context
	queue  chan MediaRequest
	wg     sync.WaitGroup

	mu         sync.Mutex
	queuedKeys map[string]bool

	queued, fetched, skipped, failed atomic.Int64
	bytes                            atomic.Int64
}

// MediaStats counts what a downloader did.
type MediaStats struct {
	Queued  int64 // files queued for download
	Fetched int64 // files downloaded
	Bytes   int64 // bytes downloaded
	Skipped int64 // requests for files already in the store
	Failed  int64 // files given up on
}

// Add returns the sum of two runs' stats.
func (m MediaStats) Add(o MediaStats) MediaStats {
	return MediaStats{Queued: m.Queued + o.Queued, Fetched: m.Fetched + o.Fetched, Bytes: m.Bytes + o.Bytes, Skipped: m.Skipped + o.Skipped,
		Failed: m.Failed + o.Failed}
}

// NewDownloader starts the workers. They stop when ctx ends or after Close.
func (s *Store) NewDownloader(ctx context.Context, ix *MediaIndex, cfg DownloaderConfig) *Downloader {
	if cfg.Workers <= 0 {
		cfg.Workers = 3
	}
	if cfg.Attempts <= 0 {
		cfg.Attempts = 4
	}
	if cfg.RetryDelay <= 0 {
		cfg.RetryDelay = time.Second
	}
	d := &Downloader{st: s, ix: ix, cfg: cfg, ctx: ctx, queue: make(chan MediaRequest, 1<<16), queuedKeys: map[string]bool{}}
	d.client = &http.Client{Transport: newTransport(cfg.Network), Jar: cfg.Jar, Timeout: 10 * time.Minute}
	for range cfg.Workers {
		d.wg.Add(1)
		go d.work()
	}
	return d
}

// newTransport is an HTTP transport that honours a Network's overrides.
func newTransport(n Network) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.MaxIdleConnsPerHost = 8
	t.ResponseHeaderTimeout = 60 * time.Second
	if n.Dial != nil {
		t.DialContext = n.Dial
	} else {
		t.DialContext = (&net.Dialer{Timeout: 30 * time.Second}).DialContext
	}
	if n.RootCAs != nil {
		t.TLSClientConfig = &tls.Config{RootCAs: n.RootCAs}
	}
	return t
}

// Add queues a request. It returns false, and does nothing, when the file
// is already in the store or already queued.
func (d *Downloader) Add(req MediaRequest) bool {
	if d.cfg.Off || req.Key == "" || req.URL == "" {
		return false
	}
	if _, ok := d.ix.Get(req.Key); ok {
		d.skipped.Add(1)
		return false
	}
	d.mu.Lock()
	if d.queuedKeys[req.Key] {
		d.mu.Unlock()
		return false
	}
	d.queuedKeys[req.Key] = true
	d.mu.Unlock()
	// Counted before a worker can take it, so that no count of done
	// files exceeds it.
	d.queued.Add(1)
	select {
	case d.queue <- req:
		d.changed()
		return true
	case <-d.ctx.Done():
		d.queued.Add(-1)
		return false
	}
}

// changed tells the config's Changed of the counts.
func (d *Downloader) changed() {
	if d.cfg.Changed != nil {
		d.cfg.Changed(d.Stats())
	}
}

// Close waits for the queued downloads and stops the workers.
func (d *Downloader) Close() {
	d.closed.Do(func() { close(d.queue) })
	d.wg.Wait()
}

// Stats returns the counts so far.
func (d *Downloader) Stats() MediaStats {
	return MediaStats{Queued: d.queued.Load(), Fetched: d.fetched.Load(), Bytes: d.bytes.Load(), Skipped: d.skipped.Load(), Failed: d.failed.Load()}
}

func (d *Downloader) work() {
	defer d.wg.Done()
	for req := range d.queue {
		if d.ctx.Err() != nil {
			continue // drain without working
		}
		d.one(req, false)
	}
}

// one downloads req and reports the result; again says it was counted as
// failed before (Again), so a success takes that back.
func (d *Downloader) one(req MediaRequest, again bool) {
	e, err := d.get(req)
	switch {
	case err == nil:
		d.fetched.Add(1)
		if again {
			d.failed.Add(-1)
		}
	case d.ctx.Err() != nil:
		err = d.ctx.Err()
	case !again:
		d.failed.Add(1)
	}
	if d.cfg.Done != nil {
		d.cfg.Done(req, e, err)
	}
	d.changed()
}

// Again closes the downloader (waiting for what is queued) and then tries
// reqs once more, each with its full attempts, as many at once as the
// workers: the run's last look at files whose every attempt failed while
// it went on. Files in the store by then are skipped. It returns when all
// are done; Done reports each result as before.
func (d *Downloader) Again(reqs []MediaRequest) {
	d.Close()
	sem := make(chan struct{}, d.cfg.Workers)
	var wg sync.WaitGroup
	for _, req := range reqs {
		if _, ok := d.ix.Get(req.Key); ok || d.ctx.Err() != nil {
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			d.one(req, true)
		}()
	}
	wg.Wait()
}

// errGone marks an answer that means the link no longer works.
type errGone struct{ status int }

func (e errGone) Error() string { return fmt.Sprintf("HTTP %d: the link no longer works", e.status) }

// get fetches one file with retries and re-resolution.
func (d *Downloader) get(req MediaRequest) (MediaEntry, error) {
	url := req.URL
	resolves := 0
	var last error
	for attempt := 0; attempt < d.cfg.Attempts; attempt++ {
		e, err := d.fetch(req, url)
		if err == nil {
			err = StorageError(d.ix.put(e))
			if err != nil {
				return MediaEntry{}, fmt.Errorf("%s: %w", req.Key, err)
			}
			return e, nil
		}
		if err := StorageError(err); errors.Is(err, ErrStorage) {
			return MediaEntry{}, fmt.Errorf("%s: %w", req.Key, err) // retrying will not make room
		}
		last = err
		var gone errGone
		if errors.As(err, &gone) && req.Resolve != nil && resolves < 2 {
			resolves++
			fresh, rerr := req.Resolve(d.ctx)
			if rerr != nil {
				return MediaEntry{}, fmt.Errorf("%s: %v; fetching a fresh link failed: %w", req.Key, err, rerr)
			}
			url = fresh
			attempt--
			continue
		}
		if errors.As(err, &gone) {
			break // waiting will not revive a dead link; the next run tries again
		}
		if Sleep(d.ctx, d.cfg.RetryDelay<<attempt) != nil {
			return MediaEntry{}, d.ctx.Err()
		}
	}
	return MediaEntry{}, fmt.Errorf("%s: %w", req.Key, last)
}

// partPath is where a download in progress lives; the name depends only
// on the key, so the next run resumes it.
func (d *Downloader) partPath(key string) string {
	sum := sha256.Sum256([]byte(key))
	return d.st.Path(".downloads", hex.EncodeToString(sum[:12])+".part")
}

// fetch makes one attempt: resume or start the part file, check it, hash
// it, and move it to its content address.
func (d *Downloader) fetch(req MediaRequest, url string) (MediaEntry, error) {
	part := d.partPath(req.Key)
	if err := os.MkdirAll(filepath.Dir(part), 0o700); err != nil {
		return MediaEntry{}, err
	}
	var have int64
	if st, err := os.Stat(part); err == nil {
		have = st.Size()
	}
	hreq, err := http.NewRequestWithContext(d.ctx, http.MethodGet, url, nil)
	if err != nil {
		return MediaEntry{}, err
	}
	if req.Referer != "" {
		hreq.Header.Set("Referer", req.Referer)
	}
	if d.cfg.UserAgent != "" {
		hreq.Header.Set("User-Agent", d.cfg.UserAgent)
	}
	if have > 0 {
		hreq.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
	}
	resp, err := d.client.Do(hreq)
	if err != nil {
		return MediaEntry{}, err
	}
	defer resp.Body.Close()
	flags := os.O_WRONLY | os.O_CREATE | os.O_APPEND
	var total int64
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		start, size, ok := contentRange(resp.Header.Get("Content-Range"))
		if !ok || start != have {
			os.Remove(part)
			return MediaEntry{}, fmt.Errorf("resume: unexpected Content-Range %q", resp.Header.Get("Content-Range"))
		}
		total = size
	case resp.StatusCode == http.StatusOK:
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC // the server started over
		have = 0
		total = resp.ContentLength
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable:
		os.Remove(part)
		return MediaEntry{}, fmt.Errorf("resume refused (416); starting over")
	case resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return MediaEntry{}, errGone{resp.StatusCode}
	default:
		return MediaEntry{}, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	f, err := os.OpenFile(part, flags, 0o600)
	if err != nil {
		return MediaEntry{}, err
	}
	n, cerr := io.Copy(f, resp.Body)
	d.bytes.Add(n)
	if err := f.Sync(); err != nil && cerr == nil {
		cerr = err
	}
	if err := f.Close(); err != nil && cerr == nil {
		cerr = err
	}
	if cerr != nil {
		return MediaEntry{}, fmt.Errorf("download: %w", cerr) // the part is kept for resuming
	}
	got := have + n
	if total >= 0 && got != total {
		return MediaEntry{}, fmt.Errorf("got %d of %d bytes", got, total)
	}
	if got == 0 {
		os.Remove(part)
		return MediaEntry{}, errors.New("empty file")
	}
	if req.Open != nil {
		if err := d.open(req, url, part, resp.Header.Get("Content-Type")); err != nil {
			return MediaEntry{}, err
		}
	}
	return d.finish(req, url, part)
}

// open keeps an encrypted download in raw/ and replaces the part with
// what Open makes of it.
func (d *Downloader) open(req MediaRequest, url, part, ctype string) error {
	st, err := os.Stat(part)
	if err != nil {
		return err
	}
	if st.Size() > maxSealed {
		os.Remove(part)
		return fmt.Errorf("an encrypted file of %d bytes is larger than %d", st.Size(), maxSealed)
	}
	sealed, err := os.ReadFile(part)
	if err != nil {
		return err
	}
	if _, err := d.st.SaveRaw(RawMeta{URL: url, Method: http.MethodGet, Status: http.StatusOK, ContentType: ctype, Kind: "media.sealed",
		Collection: req.Collection, Ref: req.Ref, Source: "media"}, sealed); err != nil {
		return err
	}
	plain, err := req.Open(sealed)
	if err != nil {
		os.Remove(part)
		return err
	}
	return writeFileAtomic(part, plain, 0o600)
}

// finish checks the part's magic bytes and moves it to its content address.
func (d *Downloader) finish(req MediaRequest, url, part string) (MediaEntry, error) {
	f, err := os.Open(part)
	if err != nil {
		return MediaEntry{}, err
	}
	head := make([]byte, 64)
	k, _ := io.ReadFull(f, head)
	head = head[:k]
	ctype, ext := Sniff(head)
	if ctype == "" && req.Kind == "file" && !sentPage(head) {
		// A file sent in a message may be of any type: kept as it is.
		ctype, ext = "application/octet-stream", ".bin"
	}
	if !kindAccepts(req.Kind, ctype) {
		f.Close()
		os.Remove(part)
		return MediaEntry{}, fmt.Errorf("not a %s: the server sent %s", kindName(req.Kind), describeHead(head, ctype))
	}
	f.Seek(0, io.SeekStart)
	h := sha256.New()
	size, err := io.Copy(h, bufio.NewReaderSize(f, 1<<20))
	f.Close()
	if err != nil {
		return MediaEntry{}, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	rel := "media/" + sum[:2] + "/" + sum + ext
	final := d.st.Path(filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return MediaEntry{}, err
	}
	if _, err := os.Stat(final); err == nil {
		os.Remove(part) // the same bytes came under another key
	} else if err := os.Rename(part, final); err != nil {
		return MediaEntry{}, err
	}
	syncDir(filepath.Dir(final))
	return MediaEntry{Key: req.Key, File: rel, SHA256: sum, Bytes: size, Type: ctype, URL: url}, nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// contentRange parses "bytes a-b/total".
func contentRange(s string) (start, total int64, ok bool) {
	s, ok = strings.CutPrefix(s, "bytes ")
	if !ok {
		return 0, 0, false
	}
	rng, tot, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, false
	}
	a, _, ok := strings.Cut(rng, "-")
	if !ok {
		return 0, 0, false
	}
	start, err1 := strconv.ParseInt(a, 10, 64)
	total, err2 := strconv.ParseInt(tot, 10, 64)
	return start, total, err1 == nil && err2 == nil
}

// Sniff names the media type of a file from its first bytes, and the
// extension to store it under ("" type: unknown).
func Sniff(b []byte) (ctype, ext string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg", ".jpg"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png", ".png"
	case bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a")):
		return "image/gif", ".gif"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "image/webp", ".webp"
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "heic", "heix", "mif1":
			return "image/heic", ".heic"
		case "avif":
			return "image/avif", ".avif"
		case "qt  ":
			return "video/quicktime", ".mov"
		case "M4A ":
			return "audio/mp4", ".m4a"
		default:
			return "video/mp4", ".mp4"
		}
	case bytes.HasPrefix(b, []byte("FLV")):
		return "video/x-flv", ".flv"
	case bytes.HasPrefix(b, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return "video/webm", ".webm"
	case bytes.HasPrefix(b, []byte("ID3")) || (len(b) > 1 && b[0] == 0xFF && b[1]&0xE0 == 0xE0):
		return "audio/mpeg", ".mp3"
	case bytes.HasPrefix(b, []byte("OggS")):
		return "audio/ogg", ".ogg"
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "application/pdf", ".pdf"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "application/zip", ".zip"
	}
	return "", ""
}

// sentPage reports whether bytes look like a page or an API answer (an
// error the server sent instead of a file) rather than a file.
func sentPage(b []byte) bool {
	t := bytes.TrimLeft(b, " \t\r\n\ufeff")
	return len(t) == 0 || t[0] == '<' || t[0] == '{' || t[0] == '['
}

func kindAccepts(kind, ctype string) bool {
	if ctype == "" {
		return false
	}
	switch kind {
	case "image":
		return strings.HasPrefix(ctype, "image/")
	case "video":
		return strings.HasPrefix(ctype, "video/")
	case "audio":
		return strings.HasPrefix(ctype, "audio/") || ctype == "video/mp4"
	}
	return true
}

func kindName(kind string) string {
	if kind == "" {
		return "media file"
	}
	return kind
}

func describeHead(b []byte, ctype string) string {
	if ctype != "" {
		return ctype
	}
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, "<") {
		return "an HTML page"
	}
	return fmt.Sprintf("unknown bytes %q", b[:min(len(b), 8)])
}
