package exporter

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/rivo/uniseg"
)

// terminal is a fake terminal: it keeps the screen's lines as a person
// would see them after carriage returns overwrite a line and newlines end
// it (ANSI sequences are dropped).
type terminal struct {
	lines []string
	cur   []rune
	col   int
	raw   bytes.Buffer
}

var ansiSeq = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

func (t *terminal) Write(b []byte) (int, error) {
	t.raw.Write(b)
	for _, r := range ansiSeq.ReplaceAllString(string(b), "") {
		switch r {
		case '\r':
			t.col = 0
		case '\n':
			t.lines = append(t.lines, strings.TrimRight(string(t.cur), " "))
			t.cur, t.col = nil, 0
		default:
			if t.col < len(t.cur) {
				t.cur[t.col] = r
			} else {
				t.cur = append(t.cur, r)
			}
			t.col++
		}
	}
	return len(b), nil
}

// live is the line the cursor is on: the bar, while one is drawn.
func (t *terminal) live() string { return strings.TrimRight(string(t.cur), " ") }

// fakeClock moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// barChars are what only a bar draws.
const barChars = "|█░▏▎▍▌▋▊▉"

// TestTextProgressOnTerminal drives the terminal report through a run of
// three collections with downloads, notes and a pause, and looks at the
// screen after each step: the live line says which collection of how
// many with its count and the media, every note and finished collection
// is a whole line with no piece of a bar in it, and the counts on the
// finished lines are the ones Finish was given.
func TestTextProgressOnTerminal(t *testing.T) {
	term, clock := &terminal{}, &fakeClock{t: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	p := newTextProgress(term, TextOptions{Terminal: true, Width: 80}, clock.now)
	ten, three := int64(10), int64(3)

	type step struct {
		do       func()
		live     []string // the live line holds each
		noLive   bool     // no live line is drawn
		newLines []string // the lines finished by the step, in order (substrings)
	}
	steps := []step{
		{do: func() { p.Plan([]Collection{"posts", "comments", "likes"}) }, noLive: true},
		{do: func() { p.Collection("posts", &ten) }, live: []string{"[1/3] posts", "0/10"}},
		{do: func() { clock.advance(90 * time.Second); p.Captured("posts", 4) }, live: []string{"[1/3] posts", "4/10", "1m30s in all"}},
		{do: func() { p.Media(MediaStats{Queued: 6, Fetched: 2, Bytes: 2_500_000}) }, live: []string{"4/10"}},
		{do: func() { clock.advance(time.Second); p.Media(MediaStats{Queued: 8, Fetched: 3, Bytes: 3_000_000}) },
			live: []string{"[1/3] posts", "4/10", "media 3/8"}},
		{do: func() {
			p.Note(i18n.Msg{Code: i18n.NoteDownloadFailed, Args: i18n.Args{"file": "abc", "error": "HTTP 404"}})
		}, live: []string{"[1/3] posts", "4/10"},
			newLines: []string{"farewell: could not download abc: HTTP 404"}},
		{do: func() { p.Captured("posts", 5) }, live: []string{"9/10"}},
		// The site's count was one short: the line and the summary say
		// 11, and so does the bar's last state.
		{do: func() { p.Captured("posts", 2) }, live: []string{"11/11"}},
		{do: func() { clock.advance(time.Hour); p.Finish("posts", 11, i18n.Msg{}) }, live: []string{"media", "3/8"},
			newLines: []string{"farewell: [1/3] posts: 11 captured · media 3/8 files (3.0 MB) · 1h01m in all"}},
		{do: func() { p.Collection("comments", nil) }, live: []string{"[2/3] comments"}},
		{do: func() { p.Captured("comments", 7) }, live: []string{"[2/3] comments", "7"}},
		{do: func() {
			if err := p.Countdown(context.Background(), slowDown("HTTP 418"), 0); err != nil {
				t.Fatal(err)
			}
		}, live: []string{"[2/3] comments"}, newLines: []string{"farewell: the site asks us to slow down (HTTP 418): waited 0s"}},
		{do: func() { p.Finish("comments", 7, i18n.PlainText("2 posts unchanged")) }, live: []string{"media"},
			newLines: []string{"farewell: [2/3] comments: 7 captured (2 posts unchanged) · media 3/8 files"}},
		{do: func() { p.Collection("likes", &three) }, live: []string{"[3/3] likes", "0/3"}},
		{do: func() { p.Finish("likes", 3, i18n.Msg{}) }, live: []string{"media", "3/8"},
			newLines: []string{"farewell: [3/3] likes: 3 captured"}},
		// Only the downloads are left: their own bar, then a line when
		// the last is in.
		{do: func() { p.Media(MediaStats{Queued: 8, Fetched: 6, Bytes: 6_000_000}) }, live: []string{"media", "6/8"}},
		{do: func() { p.Media(MediaStats{Queued: 8, Fetched: 7, Failed: 1, Bytes: 7_000_000}) }, noLive: true,
			newLines: []string{"farewell: media 7/8 files (7.0 MB), 1 failed"}},
	}
	for i, s := range steps {
		before := len(term.lines)
		s.do()
		added := term.lines[before:]
		if len(added) != len(s.newLines) {
			t.Fatalf("step %d: lines %q, want %d lines like %q\nraw: %q", i, added, len(s.newLines), s.newLines, term.raw.String())
		}
		for j, want := range s.newLines {
			if !strings.Contains(added[j], want) || !strings.HasPrefix(added[j], "farewell: ") || strings.ContainsAny(added[j], barChars) {
				t.Errorf("step %d: line %q, want it whole and to hold %q", i, added[j], want)
			}
		}
		live := term.live()
		if n := len([]rune(live)); n >= 80 {
			t.Errorf("step %d: the live line is %d columns, wider than the terminal's 79: %q", i, n, live)
		}
		if s.noLive && live != "" {
			t.Errorf("step %d: a live line %q, want none", i, live)
		}
		for _, want := range s.live {
			if !strings.Contains(live, want) {
				t.Errorf("step %d: live line %q lacks %q", i, live, want)
			}
		}
	}
}

// A pause on a terminal takes the bar's line while it counts down; a note
// meanwhile is a line of its own, and the countdown comes back below it.
func TestTextProgressCountdownAndNote(t *testing.T) {
	term := &terminal{}
	p := newTextProgress(term, TextOptions{Terminal: true, Width: 80}, time.Now)
	p.Plan([]Collection{"posts"})
	p.Collection("posts", nil)
	p.Captured("posts", 3)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- p.Countdown(ctx, slowDown("HTTP 429"), time.Hour) }()
	for !strings.Contains(liveOf(p, term), "trying again in") {
		time.Sleep(time.Millisecond)
	}
	p.Note(i18n.PlainText("a note during the pause"))
	p.Captured("posts", 1) // counted, not drawn over the countdown
	if live := liveOf(p, term); !strings.Contains(live, "trying again in") || strings.ContainsAny(live, barChars) {
		t.Errorf("live line during the pause: %q", live)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("the countdown ended without its context's error")
	}
	want := []string{"farewell: a note during the pause", "farewell: the site asks us to slow down (HTTP 429): waited 1h00m"}
	if got := term.lines; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("lines %q, want %q", got, want)
	}
	if live := term.live(); !strings.Contains(live, "[1/1] posts") || !strings.Contains(live, "4") {
		t.Errorf("the bar did not come back after the pause: %q", live)
	}
}

// liveOf reads the terminal's live line under the report's lock.
func liveOf(p *textProgress, term *terminal) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return term.live()
}

// sameLines fails the test unless out is the lines of want.
func sameLines(t *testing.T, out string, want []string) {
	t.Helper()
	if got := strings.TrimSuffix(out, "\n"); got != strings.Join(want, "\n") {
		t.Fatalf("lines:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// Without a terminal every event is a line: which collection of how
// many, what it captured, the media and the time.
func TestTextProgressLines(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	p := newTextProgress(&out, TextOptions{Width: 80}, clock.now)
	p.Plan([]Collection{"profile", "posts"})
	p.Collection("profile", nil)
	p.Finish("profile", 1, i18n.Msg{})
	twenty := int64(20)
	p.Collection("posts", &twenty)
	p.Media(MediaStats{Queued: 4, Fetched: 1, Bytes: 1500})
	p.Captured("posts", 20)
	clock.advance(75 * time.Second)
	p.Finish("posts", 20, i18n.Msg{})
	p.Note(i18n.Msg{Code: i18n.NoteUnchangedPosts, Args: i18n.Args{"collection": Collection("posts"), "n": 3}})
	// A restarted browser plans again: the run's media add up.
	p.Plan([]Collection{"posts"})
	p.Media(MediaStats{Queued: 2, Fetched: 2, Bytes: 500})
	p.Collection("posts", &twenty)
	p.Finish("posts", 20, i18n.Msg{})
	want := []string{
		"farewell: [1/2] profile: capturing",
		"farewell: [1/2] profile: 1 captured · 0s in all",
		"farewell: [2/2] posts: capturing (the site says 20)",
		"farewell: [2/2] posts: 20 captured · media 1/4 files (1.5 kB) · 1m15s in all",
		"farewell: posts: 3 post(s) unchanged since the earlier backup",
		"farewell: [1/1] posts: capturing (the site says 20)",
		"farewell: [1/1] posts: 20 captured · media 3/6 files (2.0 kB) · 1m15s in all",
	}
	sameLines(t, out.String(), want)
}

// In Chinese, for Douyin, the same lines speak Chinese and call the posts
// works (作品): on a terminal the bar, the countdown and the finished
// line too.
func TestTextProgressInChinese(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	zh := i18n.New(i18n.ZH)
	p := newTextProgress(&out, TextOptions{Width: 80, Catalog: zh, Platform: "douyin"}, clock.now)
	p.Plan([]Collection{"profile", "posts"})
	p.Collection("profile", nil)
	p.Finish("profile", 1, i18n.Msg{})
	six := int64(6)
	p.Collection("posts", &six)
	p.Media(MediaStats{Queued: 4, Fetched: 3, Failed: 1, Bytes: 1500})
	clock.advance(75 * time.Second)
	p.Finish("posts", 6, i18n.Msg{})
	if err := p.Countdown(context.Background(), slowDown("HTTP 429"), 0); err != nil {
		t.Fatal(err)
	}
	p.Note(i18n.Msg{Code: i18n.NoteOnceMore, Args: i18n.Args{"collections": []Collection{"posts", "messages"}}})
	want := []string{
		"farewell: [1/2] 个人资料：正在备份",
		"farewell: [1/2] 个人资料：已备份 1 项 · 共用时 0 秒",
		"farewell: [2/2] 作品：正在备份（网站显示 6 项）",
		"farewell: [2/2] 作品：已备份 6 项 · 媒体 3/4 个文件（1.5 kB），1 个失败 · 共用时 1 分 15 秒",
		"farewell: 网站要求放慢速度（HTTP 429）：等待 0 秒后重试",
		"farewell: 再试一次本次运行中失败的部分：作品、私信",
	}
	sameLines(t, out.String(), want)

	term := &terminal{}
	tp := newTextProgress(term, TextOptions{Terminal: true, Width: 80, Catalog: zh, Platform: "douyin"}, clock.now)
	tp.Plan([]Collection{"posts"})
	tp.Collection("posts", &six)
	tp.Media(MediaStats{Queued: 2, Fetched: 1, Bytes: 500})
	tp.Captured("posts", 3)
	live := liveOf(tp, term)
	if !strings.Contains(live, "[1/1] 作品") || !strings.Contains(live, "共用时") || strings.Contains(live, "posts") {
		t.Errorf("the live bar in Chinese: %q", live)
	}
	if w := uniseg.StringWidth(live); w > 80 {
		t.Errorf("the live bar is %d columns wide on an 80-column terminal: %q", w, live)
	}
	tp.Finish("posts", 6, i18n.Msg{})
	if lines := term.lines; len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], "farewell: [1/1] 作品：已备份 6 项") {
		t.Errorf("the finished line in Chinese: %q", lines)
	}
}

// The JSON report says the plan and the downloads too.
func TestJSONProgressPlanAndMedia(t *testing.T) {
	var out bytes.Buffer
	p := NewJSONProgress(&out)
	p.Plan([]Collection{"posts", "likes"})
	p.Media(MediaStats{Queued: 2, Fetched: 2, Bytes: 10})
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 2 || lines[0]["stage"] != "plan" || fmt.Sprint(lines[0]["collections"]) != "[posts likes]" ||
		lines[1]["stage"] != "media" || lines[1]["downloaded"] != 2.0 || lines[1]["queued"] != 2.0 {
		t.Fatalf("status lines %v", lines)
	}
}

// TestFormatElapsed: a duration in seconds, minutes or hours, in each
// language.
func TestFormatElapsed(t *testing.T) {
	for _, c := range []struct {
		d      time.Duration
		en, zh string
	}{
		{0, "0s", "0 秒"},
		{59 * time.Second, "59s", "59 秒"},
		{1500 * time.Millisecond, "2s", "2 秒"},
		{61 * time.Second, "1m01s", "1 分 01 秒"},
		{3*time.Hour + 2*time.Minute + 40*time.Second, "3h02m", "3 小时 02 分"},
	} {
		if got := formatElapsed(i18n.New(i18n.EN), c.d); got != c.en {
			t.Errorf("%v: %q, want %q", c.d, got, c.en)
		}
		if got := formatElapsed(i18n.New(i18n.ZH), c.d); got != c.zh {
			t.Errorf("%v in Chinese: %q, want %q", c.d, got, c.zh)
		}
	}
}

// TestTextProgressEscapes: what a run prints about a collection may quote
// the site (a note, a wait's reason, a collection's name); none of its
// control or bidi characters reaches the terminal, and the printer's own
// line ends stay.
func TestTextProgressEscapes(t *testing.T) {
	const hostile = "\x1b]0;SAFE\x07\x1b[2J\r\u202e"
	for _, c := range []struct {
		name string
		do   func(p Progress)
		want string
	}{
		{"note", func(p Progress) {
			p.Note(i18n.Msg{Code: i18n.NoteWarning, Args: i18n.Args{"error": `the site said "ok": ` + hostile}})
		}, `\x1b]0;SAFE\x07\x1b[2J\r\u202e`},
		{"finish note", func(p Progress) { p.Finish("posts", 3, i18n.PlainText(hostile)) }, `posts: 3 captured (\x1b]0;SAFE`},
		{"collection", func(p Progress) { p.Collection(Collection("posts"+hostile), nil) }, `posts\x1b]0;SAFE`},
		{"countdown", func(p Progress) { p.Countdown(context.Background(), i18n.PlainText(hostile), time.Millisecond) }, `\x1b[2J\r\u202e: waiting`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			c.do(NewTextProgress(&b, TextOptions{}))
			out := b.String()
			if !strings.Contains(out, c.want) {
				t.Errorf("output %q lacks %q", out, c.want)
			}
			if strings.ContainsAny(out, "\x1b\x07\r\u202e") || strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
				t.Errorf("output %q is not one escaped line", out)
			}
		})
	}
}

// On a terminal the live bar's label, the finished line and the
// countdown escape the site's text too: the only control characters
// written are the report's own carriage returns, newlines and the bar's
// CSI sequences.
func TestTerminalProgressEscapes(t *testing.T) {
	const hostile = "\x1b]0;SAFE\x07\u202e"
	term, clock := &terminal{}, &fakeClock{t: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	p := newTextProgress(term, TextOptions{Terminal: true, Width: 120}, clock.now)
	name := Collection("posts" + hostile)
	p.Plan([]Collection{name})
	p.Collection(name, nil)
	p.Captured(name, 2)
	if live := term.live(); !strings.Contains(live, `[1/1] posts\x1b]0;SAFE\x07\u202e`) {
		t.Errorf("live line %q lacks the escaped name", live)
	}
	if err := p.Countdown(context.Background(), i18n.PlainText(hostile), 0); err != nil {
		t.Fatal(err)
	}
	p.Note(i18n.PlainText(hostile))
	p.Finish(name, 2, i18n.PlainText(hostile))
	raw := ansiSeq.ReplaceAllString(term.raw.String(), "")
	if strings.ContainsAny(raw, "\x1b\x07\u202e") {
		t.Errorf("raw output %q holds a control or bidi character of the site's", raw)
	}
	if n := len(term.lines); n != 3 || !strings.Contains(term.lines[2], `captured (\x1b]0;SAFE\x07\u202e)`) {
		t.Errorf("lines %q, want the countdown, the note and the escaped finished line", term.lines)
	}
}

// The JSON report keeps the site's text as it was, with the characters
// a terminal would act on written as \u escapes.
func TestJSONProgressEscapes(t *testing.T) {
	const hostile = "\x1b]0;SAFE\x07\u202e\u0085"
	var out bytes.Buffer
	p := NewJSONProgress(&out)
	p.Note(i18n.PlainText(hostile))
	p.Finish(Collection("posts"+hostile), 1, i18n.PlainText(hostile))
	if strings.ContainsAny(out.String(), "\x1b\x07\u202e\u0085") {
		t.Errorf("output %q holds a raw control or bidi character", out.String())
	}
	dec := json.NewDecoder(&out)
	for _, field := range []string{"message", "note"} {
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		if v[field] != hostile {
			t.Errorf("%s is %q, want %q", field, v[field], hostile)
		}
	}
}

// slowDown is the reason of a pause the site asked for.
func slowDown(detail string) i18n.Msg {
	return i18n.Msg{Code: i18n.WhySlowDown, Args: i18n.Args{"detail": i18n.PlainText(detail)}}
}
