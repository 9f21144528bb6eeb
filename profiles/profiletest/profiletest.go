// Package profiletest is the conformance suite every profile runs
// against its site replica, in real headless Chromium: log in through the
// site's real QR flow, capture everything (interrupting the first run in
// the middle of posts and finishing with a second), derive the records,
// pack and verify a bundle, and compare it with what the replica
// generated: every item exactly once with the right fields, every media
// file byte for byte, every collection's expected count, and no finished
// media file fetched twice.
package profiletest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/storespec"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles"
	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

// Site is a running replica the suite drives a profile against.
type Site interface {
	// Network lets the browser and the downloader reach the replica.
	Network() exporter.Network
	// Approve plays the person's phone: it scans and confirms the login
	// QR code that encodes scanURL.
	Approve(ctx context.Context, scanURL string) error
	// Truth is what a complete backup holds.
	Truth() replicakit.Truth
	// Served counts media downloads by MediaKey (not the pictures a
	// page loads to show them).
	Served() map[string]int
	// MediaKey names the media file a URL points at, however the link
	// was issued (the keys of Truth().Media and Served).
	MediaKey(url string) string
	// Interval is how fast the replica lets a client go.
	Interval() time.Duration
	// Requests counts every request the replica answered.
	Requests() int
	// Grow adds n new own posts (works), newer than the rest, with
	// media; the first has comments.
	Grow(n int)
}

// Options tune a run of the suite.
type Options struct {
	// InterruptAfter is how many posts the first run captures before it is
	// cancelled (default 25).
	InterruptAfter int
	// Straight makes the first backup one run, not interrupted (for
	// variants of a site whose interruption other runs prove).
	Straight bool
}

// NeedBrowser skips a browser test on a developer machine without
// Chromium, and fails it in CI, where a missing browser is a failure.
func NeedBrowser(t testing.TB) {
	t.Helper()
	if _, err := exporter.FindBrowser(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI needs Chromium: %v", err)
		}
		t.Skip(err)
	}
}

// DriftSeed returns the drift seed of a test: $FAREWELL_DRIFT_SEED, or a
// new random one each run, logged so that a failure can be repeated.
func DriftSeed(t testing.TB) uint64 {
	t.Helper()
	if v := os.Getenv("FAREWELL_DRIFT_SEED"); v != "" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil || seed == 0 {
			t.Fatalf("FAREWELL_DRIFT_SEED=%q: want a positive number", v)
		}
		t.Logf("drift seed %d (from FAREWELL_DRIFT_SEED)", seed)
		return seed
	}
	seed := rand.Uint64()%1_000_000 + 1
	t.Logf("drift seed %d (FAREWELL_DRIFT_SEED=%d repeats it)", seed, seed)
	return seed
}

// Run runs the suite for profile p against the site start returns.
func Run(t *testing.T, p profiles.Profile, start func(t *testing.T) Site, opts Options) {
	NeedBrowser(t)
	if opts.InterruptAfter <= 0 {
		opts.InterruptAfter = 25
	}
	began, last := time.Now(), time.Now()
	// phase logs how long each step of the suite took (go test -v).
	phase := func(name string) {
		t.Logf("%-28s %5.1f s (at %5.1f s)", name, time.Since(last).Seconds(), time.Since(began).Seconds())
		last = time.Now()
	}
	site := start(t)
	truth := site.Truth()
	home := t.TempDir()
	ctx := context.Background()
	cfg := func(progress exporter.Progress) exporter.SessionConfig {
		return exporter.SessionConfig{Network: site.Network(), Interval: site.Interval(), Jitter: 0.1,
			Backoff: exporter.Backoff{Initial: time.Second, Max: 5 * time.Second, Attempts: 8}, MediaWorkers: 4,
			MediaRetryDelay: 100 * time.Millisecond, Progress: progress}
	}

	// Log in through the site's QR flow, the replica's phone approving.
	st, acc, err := profiles.Login(ctx, home, p, cfg(nil), &phone{t: t, ctx: ctx, site: site})
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	if acc.ID != truth.Account {
		t.Fatalf("logged in as %s, the replica's account is %s", acc.ID, truth.Account)
	}
	phase("replica and login")

	if opts.Straight {
		if _, err := profiles.Capture(ctx, p, st, cfg(nil), nil); err != nil {
			t.Fatalf("run: %v", err)
		}
		phase("run")
		checkRun(ctx, t, p, st, truth, site.MediaKey)
		return
	}

	// A first run, cancelled in the middle of posts.
	cctx, cancel := context.WithCancel(ctx)
	stop := &cancelAfter{name: "posts", after: opts.InterruptAfter, cancel: cancel}
	_, err = profiles.Capture(cctx, p, st, cfg(stop), nil)
	cancel()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the interrupted run ended with %v, want context.Canceled", err)
	}
	if !stop.fired() {
		t.Fatal("the first run was never interrupted")
	}
	finished, err := st.MediaEntries()
	if err != nil {
		t.Fatal(err)
	}
	if len(finished) == 0 {
		t.Fatal("the interrupted run finished no media file: the resume check would prove nothing")
	}
	servedBefore := site.Served()
	phase("interrupted run")

	// The second run continues and completes.
	if _, err := profiles.Capture(ctx, p, st, cfg(nil), nil); err != nil {
		t.Fatalf("second run: %v", err)
	}
	served := site.Served()
	for key, e := range finished {
		u := site.MediaKey(e.URL)
		if served[u] != servedBefore[u] {
			t.Errorf("media %s, finished in the first run, was fetched again (%d times before, %d after)", key, servedBefore[u], served[u])
		}
	}

	phase("second run")

	// Records, bundle, verify.
	if err := p.Records(ctx, st); err != nil {
		t.Fatalf("records: %v", err)
	}
	bundle, rep := PackVerify(ctx, t, st.Dir)
	checkVerdict(t, rep, truth)
	checkBundle(t, bundle, truth, site.MediaKey)
	if t.Failed() {
		return
	}

	phase("records, pack, verify")

	// A rerun on the unchanged account looks only for what is new: it
	// fetches no media file again and asks far less of the site.
	backup := site.Requests()
	served = site.Served()
	stats, err := profiles.Capture(ctx, p, st, cfg(nil), nil)
	if err != nil {
		t.Fatalf("rerun: %v", err)
	}
	if stats.Fetched != 0 {
		t.Errorf("the rerun says it downloaded %d media file(s), want 0", stats.Fetched)
	}
	rerun := site.Requests() - backup
	for key := range truth.Media {
		if n := site.Served()[key]; n != served[key] {
			t.Errorf("the rerun fetched media %s again", key)
		}
	}
	t.Logf("requests: backup %d, rerun on the unchanged account %d (%.2f)", backup, rerun, float64(rerun)/float64(backup))
	if rerun*3 > backup {
		t.Errorf("the rerun made %d requests, the backup %d: more than a third", rerun, backup)
	}
	phase("rerun")
	checkRun(ctx, t, p, st, truth, site.MediaKey)
	phase("records, pack, verify")

	// New posts since: the next run fetches theirs and no other media.
	site.Grow(3)
	grown := site.Truth()
	served = site.Served()
	stats, err = profiles.Capture(ctx, p, st, cfg(nil), nil)
	if err != nil {
		t.Fatalf("run after new posts: %v", err)
	}
	now := site.Served()
	fresh := 0
	for key := range grown.Media {
		_, old := truth.Media[key]
		switch {
		case old && now[key] != served[key]:
			t.Errorf("the run after new posts fetched media %s again", key)
		case !old && now[key] == served[key]:
			t.Errorf("the run after new posts did not fetch the new media %s", key)
		case !old:
			fresh++
		}
	}
	if fresh == 0 {
		t.Error("the new posts brought no media: the check proves nothing")
	}
	if stats.Fetched != int64(fresh) {
		t.Errorf("the run after new posts says it downloaded %d media file(s), the new posts have %d", stats.Fetched, fresh)
	}
	phase("run after new posts")
	checkRun(ctx, t, p, st, grown, site.MediaKey)
	phase("records, pack, verify")
}

// checkRun derives the records, packs and verifies the store, and
// compares the bundle with the truth.
func checkRun(ctx context.Context, t *testing.T, p profiles.Profile, st *exporter.Store, truth replicakit.Truth, mediaKey func(string) string) {
	t.Helper()
	if err := p.Records(ctx, st); err != nil {
		t.Fatalf("records: %v", err)
	}
	bundle, rep := PackVerify(ctx, t, st.Dir)
	checkVerdict(t, rep, truth)
	checkBundle(t, bundle, truth, mediaKey)
}

// checkVerdict fails the test unless verify's verdict is what the truth
// calls for: safe, or, when the replica shows a collection nobody can
// read (Unreadable), not_safe for that collection alone.
func checkVerdict(t *testing.T, rep *archive.Report, truth replicakit.Truth) {
	t.Helper()
	var unreadable []string
	for name, c := range truth.Collections {
		if c.Unreadable {
			unreadable = append(unreadable, name)
		}
	}
	want := archive.VerdictSafe
	if len(unreadable) > 0 {
		want = archive.VerdictNotSafe
	}
	bad := rep.Verdict != want
	for _, c := range rep.Collections {
		if !c.Complete && !slices.Contains(unreadable, c.Name) {
			bad = true
		}
	}
	if bad {
		t.Errorf("verdict %s, want %s (unreadable: %v): %v %+v", rep.Verdict, want, unreadable, rep.Reasons, rep.Integrity.Problems)
		for _, c := range rep.Collections {
			for _, g := range c.Gaps {
				t.Logf("%s: gap %s %s: %s", c.Name, g.Kind, g.Ref, g.Detail)
			}
		}
	}
}

// PackVerify packs a store into a bundle in a temporary directory and
// verifies it, as `farewell backup` does after a run: the bundle's path
// and verify's report. Profile tests use it to ask what a person would be
// told.
func PackVerify(ctx context.Context, t *testing.T, store string) (string, *archive.Report) {
	t.Helper()
	spec, err := storespec.For(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	res, err := archive.Pack(ctx, spec, archive.PackOptions{OutDir: t.TempDir(), Tool: archive.Tool{Name: "farewell", Version: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := archive.Verify(ctx, res.Path, archive.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Path, rep
}

// CheckSafe packs and verifies a store and fails the test unless verify
// says "safe to delete".
func CheckSafe(ctx context.Context, t *testing.T, store string) {
	t.Helper()
	if _, rep := PackVerify(ctx, t, store); rep.Verdict != archive.VerdictSafe {
		t.Errorf("verdict %s: %v %+v", rep.Verdict, rep.Reasons, rep.Integrity.Problems)
	}
}

// checkBundle compares the bundle's records and media with the truth.
func checkBundle(t *testing.T, bundle string, truth replicakit.Truth, mediaKey func(string) string) {
	t.Helper()
	b, err := archive.Open(context.Background(), bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	m, err := b.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]archive.File{}
	for _, f := range m.Files {
		files[f.Path] = f
		if what, ok := truth.Forbidden[f.SHA256]; ok {
			t.Errorf("%s is %s", f.Path, what)
		}
	}
	checkScreens(t, b, truth.Screens)
	mediaSeen := map[string]bool{}
	// checkMedia checks the media of one record against the replica's
	// originals.
	checkMedia := func(name string, rec map[string]any) {
		collectMedia(rec, func(url, file, sum string) {
			key := mediaKey(url)
			wantSum, ok := truth.Media[key]
			switch {
			case !ok:
				t.Errorf("%s: media %s is not one of the replica's originals", name, key)
			case files[file].SHA256 != wantSum:
				t.Errorf("%s: media %s: the bundle's file has sha256 %s, the original %s", name, key, files[file].SHA256, wantSum)
			case sum != wantSum:
				t.Errorf("%s: media %s: the record says sha256 %s, the original %s", name, key, sum, wantSum)
			}
			mediaSeen[key] = true
		})
	}
	// Records written beside the collections (a site's emoticons) hold
	// media too.
	for _, f := range m.Files {
		name, ok := strings.CutSuffix(strings.TrimPrefix(f.Path, "data/"), ".jsonl")
		if _, isColl := truth.Collections[name]; !ok || isColl || !strings.HasPrefix(f.Path, "data/") {
			continue
		}
		data, err := b.ReadFile(f.Path, 1<<30)
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		for i, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			var rec map[string]any
			if err := json.Unmarshal(line, &rec); err != nil {
				t.Fatalf("%s line %d: %v", f.Path, i+1, err)
			}
			checkMedia(name, rec)
		}
	}
	for name, want := range truth.Collections {
		col := m.Collections.Get(name)
		if col == nil {
			t.Errorf("%s: not in the manifest", name)
			continue
		}
		switch {
		case (want.Expected == nil) != (col.Expected == nil), want.Expected != nil && *want.Expected != *col.Expected:
			t.Errorf("%s: expected %v, the site's counter says %v", name, ptr(col.Expected), ptr(want.Expected))
		case col.Captured != int64(len(want.Items)):
			t.Errorf("%s: captured %d, the replica generated %d", name, col.Captured, len(want.Items))
		}
		var withheld int64
		if col.ServerLimit != nil {
			withheld = col.ServerLimit.Unavailable
		}
		if withheld != want.Withheld {
			t.Errorf("%s: server limit withholds %d, the replica withholds %d", name, withheld, want.Withheld)
		}
		if want.Unreadable {
			if len(col.Gaps) == 0 || col.Diagnostics == "" {
				t.Errorf("%s: the replica's page cannot be read, and the bundle has no gap (%d) or diagnostics (%q) for it", name, len(col.Gaps), col.Diagnostics)
			}
			continue
		}
		data, err := b.ReadFile("data/"+name+".jsonl", 1<<30)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := map[string]int{}
		for i, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			var rec map[string]any
			if err := json.Unmarshal(line, &rec); err != nil {
				t.Fatalf("%s line %d: %v", name, i+1, err)
			}
			checkMedia(name, rec)
			id := ""
			for _, k := range strings.Split(want.Key, "|") {
				if v := lookup(rec, k); v != nil {
					id = fmt.Sprint(v)
					break
				}
			}
			got[id]++
			fields, ok := want.Items[id]
			if !ok {
				t.Errorf("%s: record %s is not one the replica generated", name, id)
				continue
			}
			for path, wantVal := range fields {
				gotVal := lookup(rec, path)
				if !equal(gotVal, wantVal) {
					t.Errorf("%s %s: %s = %#v, want %#v", name, id, path, gotVal, wantVal)
				}
			}
		}
		var missing []string
		for id := range want.Items {
			switch got[id] {
			case 0:
				missing = append(missing, id)
			case 1:
			default:
				t.Errorf("%s: %s captured %d times", name, id, got[id])
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			t.Errorf("%s: %d item(s) missing, e.g. %v", name, len(missing), missing[:min(5, len(missing))])
		}
	}
	var lost []string
	for key := range truth.Media {
		if !mediaSeen[key] {
			lost = append(lost, key)
		}
	}
	if len(lost) > 0 {
		sort.Strings(lost)
		t.Errorf("%d original media file(s) not in the bundle, e.g. %v", len(lost), lost[:min(5, len(lost))])
	}
}

func ptr(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// lookup follows a dotted path into a decoded record (a number indexes a
// list: "edits.0.text"); "#" before a path
// counts the entries of the list there.
func lookup(rec map[string]any, path string) any {
	if rest, ok := strings.CutPrefix(path, "#"); ok {
		list, _ := lookup(rec, rest).([]any)
		return len(list)
	}
	var v any = rec
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// equal compares a decoded JSON value with a truth value (through JSON,
// so that numbers and slices compare by value).
func equal(got, want any) bool {
	if want == nil {
		return got == nil
	}
	b, err := json.Marshal(want)
	if err != nil {
		return false
	}
	var w any
	json.Unmarshal(b, &w)
	if n, ok := got.(int); ok {
		got = float64(n)
	}
	return reflect.DeepEqual(got, w)
}

// checkScreens checks that the screenshots of each conversation show
// every one of its messages: the union of the message ids recorded for
// its screenshots is the conversation, and every screenshot is there.
func checkScreens(t *testing.T, b *archive.Bundle, want map[string][]string) {
	t.Helper()
	if len(want) == 0 {
		return
	}
	got := map[string]map[string]bool{}
	for _, mem := range b.Members() {
		if !strings.HasPrefix(mem.Name, "screens/") || !strings.HasSuffix(mem.Name, "/index.json") {
			continue
		}
		data, err := b.ReadFile(mem.Name, 1<<26)
		if err != nil {
			t.Errorf("%s: %v", mem.Name, err)
			continue
		}
		var ix record.ScreenIndex
		if err := json.Unmarshal(data, &ix); err != nil {
			t.Errorf("%s: %v", mem.Name, err)
			continue
		}
		if !ix.Complete {
			t.Errorf("%s: the screenshots do not reach the conversation's beginning", mem.Name)
		}
		seen := got[ix.Value]
		if seen == nil {
			seen = map[string]bool{}
			got[ix.Value] = seen
		}
		for _, shot := range ix.Shots {
			if _, ok := b.Member(shot.File); !ok {
				t.Errorf("%s: screenshot %s is not in the bundle", mem.Name, shot.File)
			}
			for _, id := range shot.IDs {
				seen[id] = true
			}
		}
	}
	for conv, ids := range want {
		var missing []string
		for _, id := range ids {
			if !got[conv][id] {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			t.Errorf("conversation %s: %d of %d message(s) on no screenshot, e.g. %v", conv, len(missing), len(ids), missing[:min(3, len(missing))])
		}
		if len(got[conv]) != len(ids) {
			t.Errorf("conversation %s: the screenshots show %d message id(s), the conversation has %d", conv, len(got[conv]), len(ids))
		}
	}
}

// collectMedia calls fn for every downloaded media entry of a record, at
// any depth (reposts, liked posts, live-photo motions).
func collectMedia(v any, fn func(url, file, sum string)) {
	switch v := v.(type) {
	case map[string]any:
		if file, ok := v["file"].(string); ok {
			url, _ := v["url"].(string)
			sum, _ := v["sha256"].(string)
			fn(url, file, sum)
		}
		for _, c := range v {
			collectMedia(c, fn)
		}
	case []any:
		for _, c := range v {
			collectMedia(c, fn)
		}
	}
}

// phone approves the login QR code through the site.
type phone struct {
	t    *testing.T
	ctx  context.Context
	site Site
}

func (p *phone) QR(_ []byte, url string) {
	if err := p.site.Approve(p.ctx, url); err != nil {
		p.t.Errorf("the phone could not approve the login: %v", err)
	}
}

func (p *phone) Status(i18n.Msg) {}

// cancelAfter is a Progress that cancels the run once a collection has
// captured enough items.
type cancelAfter struct {
	name   exporter.Collection
	after  int
	cancel context.CancelFunc
	mu     sync.Mutex
	n      int
	done   bool
}

func (c *cancelAfter) Plan([]exporter.Collection)                  {}
func (c *cancelAfter) Media(exporter.MediaStats)                   {}
func (c *cancelAfter) Collection(exporter.Collection, *int64)      {}
func (c *cancelAfter) Finish(exporter.Collection, int64, i18n.Msg) {}
func (c *cancelAfter) Note(i18n.Msg)                               {}
func (c *cancelAfter) Countdown(ctx context.Context, _ i18n.Msg, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}
func (c *cancelAfter) Captured(name exporter.Collection, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if name != c.name || c.done {
		return
	}
	c.n += n
	if c.n >= c.after {
		c.done = true
		c.cancel()
	}
}

func (c *cancelAfter) fired() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.done
}

// Records reads a collection's records from a store into T.
func Records[T any](t *testing.T, st *exporter.Store, collection exporter.Collection) []T {
	t.Helper()
	b, err := os.ReadFile(st.RecordsPath(collection))
	if err != nil {
		t.Fatal(err)
	}
	var out []T
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(line, &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// CheckVideos checks that every video of the posts (live photos' motion
// parts too) was downloaded and is the original: its sha256 is what want
// says for its URL. A set of posts without any video fails: the check
// would prove nothing.
func CheckVideos(t *testing.T, posts []record.Post, want func(url string) string) {
	t.Helper()
	videos := 0
	for _, p := range posts {
		for _, m := range p.Media {
			for _, v := range []*record.Media{&m, m.Motion} {
				if v == nil || v.Type != record.MediaVideo {
					continue
				}
				videos++
				if w := want(v.URL); v.File == "" || v.SHA256 != w {
					t.Errorf("post %s: video %s not downloaded (file %q, sha256 %s, want %s)", p.ID, v.URL, v.File, v.SHA256, w)
				}
			}
		}
	}
	if videos == 0 {
		t.Fatal("the posts have no video: the test proves nothing")
	}
}
