package exporter

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

func i64(v int64) *int64 { return &v }

func TestJournalFold(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	events := []Event{
		{Time: at(0), Type: EventRunStart},
		{Time: at(1), Type: EventStart, Collection: "profile", Expected: i64(1)},
		{Time: at(2), Type: EventDone, Collection: "profile", StopReason: "end"},
		{Time: at(3), Type: EventStart, Collection: "posts", Expected: i64(150)},
		{Time: at(4), Type: EventPage, Collection: "posts", Page: 1, Cursor: "c1", Items: 20},
		{Time: at(5), Type: EventGap, Collection: "posts", Gap: &Gap{Kind: "media", Ref: "m1", Detail: "404"}},
		{Time: at(6), Type: EventGap, Collection: "posts", Gap: &Gap{Kind: "media", Ref: "m2", Detail: "timeout"}},
		{Time: at(7), Type: EventPage, Collection: "posts", Page: 2, Cursor: "c2", Items: 20},
		{Time: at(8), Type: EventRunEnd, Detail: "killed"},
		{Time: at(9), Type: EventRunStart},
		{Time: at(10), Type: EventGapResolved, Collection: "posts", Gap: &Gap{Kind: "media", Ref: "m2"}},
		{Time: at(11), Type: EventPage, Collection: "posts", Page: 3, Cursor: "c3", Items: 5},
		{Time: at(12), Type: EventDone, Collection: "posts", StopReason: "end"},
		{Time: at(13), Type: EventStart, Collection: "followers", Expected: i64(5000)},
		{Time: at(14), Type: EventServerLimit, Collection: "followers", Limit: &ServerLimit{Limit: 2000, Unavailable: 3000, Reason: "cap"}},
	}
	states, window := Fold(events)
	posts := states["posts"]
	if posts.Pages != 3 || posts.Cursor != "c3" || posts.StopReason != "end" || *posts.Expected != 150 {
		t.Fatalf("posts = %+v", posts)
	}
	if len(posts.Gaps) != 1 || posts.Gaps[0].Ref != "m1" {
		t.Fatalf("posts gaps = %+v", posts.Gaps)
	}
	if f := states["followers"]; f.Finished() || f.ServerLimit == nil || f.ServerLimit.Unavailable != 3000 {
		t.Fatalf("followers = %+v", f)
	}
	if !window.StartedAt.Equal(at(0)) || !window.FinishedAt.Equal(at(14)) {
		t.Fatalf("window = %+v", window)
	}
	// A new start resets the collection.
	states, _ = Fold(append(events, Event{Time: at(15), Type: EventStart, Collection: "posts", Expected: i64(151)}))
	if p := states["posts"]; p.Pages != 0 || p.Finished() || len(p.Gaps) != 0 || *p.Expected != 151 {
		t.Fatalf("posts after restart = %+v", p)
	}
}

func TestJournalSurvivesTornTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal")
	j, err := OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := j.Append(Event{Type: EventPage, Collection: "posts", Page: i + 1}); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	// Simulate a crash in the middle of a write.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"time":"2026-11-23T01:00:00Z","type":"pa`)
	f.Close()
	events, err := ReadJournal(path)
	if err != nil || len(events) != 3 {
		t.Fatalf("read %d events, err %v; want 3", len(events), err)
	}
	j, err = OpenJournal(path) // repairs the tail
	if err != nil {
		t.Fatal(err)
	}
	j.Append(Event{Type: EventDone, Collection: "posts", StopReason: "end"})
	j.Close()
	events, err = ReadJournal(path)
	if err != nil || len(events) != 4 || events[3].Type != EventDone {
		t.Fatalf("after repair: %d events, %v", len(events), err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("journal mode %v", st.Mode().Perm())
	}
}

func TestJournalRefusesDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal")
	os.WriteFile(path, []byte("{\"type\":\"start\"}\nnot json\n{\"type\":\"done\"}\n"), 0o600)
	_, err := ReadJournal(path)
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("err = %v, want one naming line 2", err)
	}
}

// TestJournalPlan: the plan orders the collections and keeps the ones
// that never started, unfinished.
func TestJournalPlan(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	states, _ := Fold([]Event{
		{Time: t0, Type: EventRunStart},
		{Time: t0, Type: EventPlan, Plan: []Collection{"profile", "posts", "messages", "wallet"}},
		{Time: t0, Type: EventStart, Collection: "messages"},
		{Time: t0, Type: EventStart, Collection: "profile", Expected: i64(1)},
		{Time: t0, Type: EventDone, Collection: "profile", StopReason: StopEnd},
		{Time: t0, Type: EventPlan, Plan: []Collection{"profile", "posts", "messages", "wallet"}},
	})
	var names []Collection
	for _, n := range []Collection{"profile", "posts", "messages", "wallet"} {
		if states[n] == nil {
			t.Fatalf("%s missing from %v", n, states)
		}
		names = append(names, n)
		if states[n].order != len(names)-1 {
			t.Errorf("%s is at %d, want %d", n, states[n].order, len(names)-1)
		}
	}
	if states["wallet"].Finished() || !states["profile"].Finished() {
		t.Errorf("wallet finished %v, profile finished %v", states["wallet"].Finished(), states["profile"].Finished())
	}
}

// TestJournalPasses: collections finished in an unfinished pass are
// current (a run skips them); once every planned collection has finished,
// the next plan opens a new pass and none is.
func TestJournalPasses(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	plan := []Collection{"profile", "posts"}
	run1 := []Event{
		{Time: t0, Type: EventPlan, Plan: plan},
		{Time: t0, Type: EventStart, Collection: "profile"},
		{Time: t0, Type: EventDone, Collection: "profile", StopReason: StopEnd},
		{Time: t0, Type: EventStart, Collection: "posts"},
		{Time: t0, Type: EventRunEnd, Detail: "logged out"},
	}
	states, _ := Fold(run1)
	if !states["profile"].Current || states["posts"].Current {
		t.Fatalf("after an unfinished run: profile current %v, posts current %v", states["profile"].Current, states["posts"].Current)
	}
	run2 := append(append([]Event{}, run1...),
		Event{Time: t0, Type: EventPlan, Plan: plan},
		Event{Time: t0, Type: EventStart, Collection: "posts"},
		Event{Time: t0, Type: EventDone, Collection: "posts", StopReason: StopEnd})
	states, _ = Fold(run2)
	if !states["profile"].Current || !states["posts"].Current {
		t.Fatal("after the second run finished the pass, both should be current")
	}
	states, _ = Fold(append(run2, Event{Time: t0, Type: EventPlan, Plan: plan}))
	if states["profile"].Current || states["posts"].Current {
		t.Fatal("a plan after a complete pass opens a new one: nothing is current")
	}
	if !states["profile"].Finished() {
		t.Fatal("the last pass's result is still what the manifest shows")
	}
}

// TestJournalRefresh: a pass refreshes a collection only after a pass
// that finished it without gaps, and a restart half way through keeps
// what the interrupted pass was.
func TestJournalRefresh(t *testing.T) {
	start := func(c Collection) Event { return Event{Type: EventStart, Collection: c} }
	done := func(c Collection) Event { return Event{Type: EventDone, Collection: c, StopReason: StopEnd} }
	gap := func(c Collection) Event {
		return Event{Type: EventGap, Collection: c, Gap: &Gap{Kind: "comments", Ref: "1", Detail: "HTTP 502"}}
	}
	cases := []struct {
		name   string
		events []Event
		want   bool
	}{
		{"first pass", []Event{start("a")}, false},
		{"first pass restarted", []Event{start("a"), start("a")}, false},
		{"after a clean finish", []Event{start("a"), done("a"), start("a")}, true},
		{"refresh restarted half way", []Event{start("a"), done("a"), start("a"), start("a")}, true},
		{"after a finish with a gap", []Event{start("a"), gap("a"), done("a"), start("a")}, false},
		{"after a gap found after done", []Event{start("a"), done("a"), gap("a"), start("a")}, false},
		{"after the gap was resolved", []Event{start("a"), gap("a"), done("a"),
			{Type: EventGapResolved, Collection: "a", Gap: &Gap{Kind: "comments", Ref: "1"}}, start("a")}, true},
		{"a full pass after a gap, then again", []Event{start("a"), gap("a"), done("a"), start("a"), done("a"), start("a")}, true},
	}
	for _, tc := range cases {
		states, _ := Fold(tc.events)
		if got := states["a"].Refresh; got != tc.want {
			t.Errorf("%s: Refresh = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// journalSession is a session on a new store with its journal, for the
// tests of what passes record.
func journalSession(t *testing.T) *Session {
	t.Helper()
	st, err := CreateStore(t.TempDir(), "douyin", Account{ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	j, err := OpenJournal(st.Path(JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return &Session{Store: st, Journal: j, Progress: NewTextProgress(io.Discard, TextOptions{})}
}

// TestSessionRedo: in the run's final pass, Redo gives the versions the
// pass before recorded; outside it, nothing.
func TestSessionRedo(t *testing.T) {
	s := journalSession(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.StartCollection("messages", nil))
	must(s.PageVersion("messages", 1, "a", 3, "last:1"))
	must(s.PageVersion("messages", 2, "b", 2, "")) // a conversation with a gap
	must(s.Done("messages", StopEnd, i18n.Msg{}, 5))
	if e, err := s.Redo("messages"); err != nil || e != nil {
		t.Fatalf("before the final pass: Redo = %+v, %v; want nil", e, err)
	}
	s.LastChance()
	must(s.StartCollection("messages", nil))
	e, err := s.Redo("messages")
	if err != nil || e == nil || len(e.Versions) != 1 || e.Versions["a"] != "last:1" {
		t.Fatalf("final pass: Redo = %+v, %v; want a's version only", e, err)
	}
	if e, err := s.Redo("posts"); err != nil || e != nil {
		t.Fatalf("a collection without a pass before: Redo = %+v, %v; want nil", e, err)
	}
}

// TestSessionSince: Since gives the versions earlier passes recorded once
// the collection refreshes, and nothing on a first pass or a Full
// session.
func TestSessionSince(t *testing.T) {
	s := journalSession(t)
	st := s.Store
	full := &Session{Store: st, Journal: s.Journal, Progress: s.Progress, cfg: SessionConfig{Full: true}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.StartCollection("comments", nil))
	if e, err := s.Since("comments"); err != nil || e != nil {
		t.Fatalf("first pass: Since = %+v, %v; want nil", e, err)
	}
	must(s.PageVersion("comments", 1, "post1", 3, "3"))
	must(s.PageVersion("comments", 2, "post2", 0, "0"))
	must(s.Done("comments", StopEnd, i18n.Msg{}, 3))
	must(s.StartCollection("comments", nil))
	must(s.PageVersion("comments", 1, "post2", 1, "1"))
	e, err := s.Since("comments")
	if err != nil || e == nil {
		t.Fatalf("refresh pass: Since = %v, %v", e, err)
	}
	if e.Before.IsZero() {
		t.Fatal("refresh pass: Before is zero")
	}
	if e.Versions["post1"] != "3" || e.Versions["post2"] != "1" || len(e.Versions) != 2 {
		t.Fatalf("versions = %v", e.Versions)
	}
	// Known reads only the raw captures made before this pass began.
	for i, at := range []time.Time{e.Before.Add(-time.Minute), e.Before.Add(time.Minute)} {
		if _, err := st.SaveRaw(RawMeta{Collection: "comments", Kind: "test", Time: at, Ref: fmt.Sprint("post", i+1)}, []byte("{}")); err != nil {
			t.Fatal(err)
		}
	}
	known, err := e.Known(st, "comments", func(r RawFile) ([]string, error) { return []string{r.Meta.Ref}, nil })
	if err != nil || len(known) != 1 || !known["post1"] {
		t.Fatalf("Known = %v, %v; want only post1 (captured before the pass)", known, err)
	}
	if e, err := full.Since("comments"); err != nil || e != nil {
		t.Fatalf("full session: Since = %+v, %v; want nil", e, err)
	}
}

// TestPageItems: the items of each key's latest page, for the pass that
// skips what an earlier run counted.
func TestPageItems(t *testing.T) {
	st, err := CreateStore(t.TempDir(), "weibo", Account{ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	j, err := OpenJournal(st.Path(JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []Event{
		{Type: EventPage, Collection: "messages", Page: 1, Cursor: "a", Items: 3},
		{Type: EventPage, Collection: "messages", Page: 2, Cursor: "b", Items: 5},
		{Type: EventPage, Collection: "posts", Page: 1, Cursor: "a", Items: 20},
		{Type: EventPage, Collection: "messages", Page: 1, Cursor: "a", Items: 4},
		{Type: EventPage, Collection: "messages", Page: 3, Items: 9},
	} {
		if err := j.Append(ev); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	got, err := (&Session{Store: st}).PageItems("messages")
	if err != nil || len(got) != 2 || got["a"] != 4 || got["b"] != 5 {
		t.Fatalf("%v %v", got, err)
	}
}

// TestResume: a nil state starts afresh; an earlier run's goes on from
// its cursor and page count.
func TestResume(t *testing.T) {
	var none *CollectionState
	if c, p := none.Resume(); c != "" || p != 0 {
		t.Fatalf("nil state: %q %d", c, p)
	}
	if c, p := (&CollectionState{Cursor: "42", Pages: 3}).Resume(); c != "42" || p != 3 {
		t.Fatalf("earlier run: %q %d", c, p)
	}
}
