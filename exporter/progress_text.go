package exporter

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/rivo/uniseg"
	"github.com/schollz/progressbar/v3"
)

// NewTextProgress reports to w (stderr) for a person: on a terminal
// (o.Terminal) a live bar for the collection under way, "[3/13]
// comments", with its count of the site's, its own elapsed and remaining
// time, the media downloads and the run's elapsed time; a bar for the
// downloads alone while only they are left; a countdown in the bar's
// place during a pause. Every note, pause and finished collection is a
// line of its own: the live line is cleared before it is written and
// drawn again below it. Without a terminal, a line per collection, per
// wait and per note. Lines are in o.Catalog's language, and collections
// have o.Platform's names (Douyin's posts are works, 作品). Notes,
// reasons and collection names may quote the site: they are printed
// through termsafe, so no control or bidi character of theirs reaches
// the terminal.
func NewTextProgress(w io.Writer, o TextOptions) Progress {
	return newTextProgress(w, o, time.Now)
}

// TextOptions say how a text progress writes.
type TextOptions struct {
	// Terminal says w is a terminal: a live bar, redrawn in place.
	Terminal bool
	// Width is the terminal's width in columns (0: not known, 80): the
	// live line never wraps, which would leave a copy of it on every
	// redraw.
	Width int
	// Catalog is the person's language (nil: English).
	Catalog *i18n.Catalog
	// Platform is the site whose names the collections take ("": their
	// own names).
	Platform string
}

// defaultWidth is a terminal's width when it is not known.
const defaultWidth = 80

func newTextProgress(w io.Writer, o TextOptions, now func() time.Time) *textProgress {
	width := o.Width
	if width < 40 {
		width = defaultWidth
	}
	tr := o.Catalog
	if tr == nil {
		tr = i18n.New(i18n.EN)
	}
	return &textProgress{w: w, tty: o.Terminal, cols: width, tr: tr, platform: o.Platform, now: now, start: now(), counts: map[Collection]int64{}}
}

// mediaRedraw is how often media counts alone redraw the bar: downloads
// finish many times a second.
const mediaRedraw = 250 * time.Millisecond

type textProgress struct {
	mu   sync.Mutex
	w    io.Writer
	tty  bool
	cols int // the terminal's width
	// tr speaks the person's language; platform names the collections.
	tr       *i18n.Catalog
	platform string
	now      func() time.Time
	start    time.Time
	runCounts
	counts map[Collection]int64
	// current is the collection under way ("" between collections).
	current Collection
	// bar is the live bar (nil when none), of max items (-1: unknown).
	bar   *progressbar.ProgressBar
	max   int64
	shown int64 // the count the bar stands at, drawn or not
	room  int   // the columns the bar's text may take
	drawn time.Time
	// wait is the countdown's text while a pause takes the live line,
	// and width the widest it was.
	wait  string
	width int
}

func (p *textProgress) Plan(collections []Collection) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.setPlan(collections)
}

// label is "[3/13] comments", or the name alone outside the plan: the
// site's name for the collection in the person's language when the
// catalog has one, else its own name, escaped.
func (p *textProgress) label(name Collection) string {
	return strings.TrimSpace(p.position(name) + " " + p.name(name))
}

// name is the site's name for a collection in the person's language when
// the catalog has one, else its own name, escaped.
func (p *textProgress) name(c Collection) string {
	if code := i18n.CollectionName(p.platform, string(c)); p.platform != "" && p.tr.Has(code) {
		return p.tr.T(code, nil)
	}
	return termsafe.String(string(c))
}

// inAll is the run's elapsed time, as the end of a line.
func (p *textProgress) inAll() string {
	return p.tr.T(i18n.ProgressInAll, i18n.Args{"elapsed": formatElapsed(p.tr, p.now().Sub(p.start))})
}

// mediaText is "media 120/340 files (45.2 MB)": downloaded (and failed)
// of queued, or "" before any was queued.
func (p *textProgress) mediaText(m MediaStats) string {
	if m.Queued == 0 {
		return ""
	}
	s := p.tr.T(i18n.ProgressMedia, i18n.Args{"fetched": m.Fetched, "queued": m.Queued, "size": FormatBytes(m.Bytes)})
	if m.Failed > 0 {
		s += p.tr.T(i18n.ProgressMediaFailed, i18n.Args{"n": m.Failed})
	}
	return s
}

func (p *textProgress) Collection(name Collection, expected *int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endBar()
	p.current = name
	p.counts[name] = 0
	if !p.tty {
		if expected != nil {
			fmt.Fprintf(p.w, "farewell: %s\n", p.tr.T(i18n.ProgressCapturingExpected, i18n.Args{"collection": p.label(name), "expected": *expected}))
		} else {
			fmt.Fprintf(p.w, "farewell: %s\n", p.tr.T(i18n.ProgressCapturing, i18n.Args{"collection": p.label(name)}))
		}
		return
	}
	limit := int64(-1)
	if expected != nil && *expected > 0 {
		limit = *expected
	}
	p.newBar(limit)
}

// newBar makes the live bar, of limit items (-1: unknown), and draws it
// unless a countdown has the line.
func (p *textProgress) newBar(limit int64) {
	p.max = limit
	// What progressbar draws beside the text: " 40% |", "| (162/400)"
	// and at most " [1h2m3s:4h5m6s]"; unknown maxima "- " and "(162/-)".
	digits := len(fmt.Sprint(limit))
	used := 5 + 2 + (2*digits + 4) + 18
	if limit < 0 {
		used = 2 + (digits + 5) + 11
	}
	width := min(max(p.cols-1-used-40, 5), 25)
	p.room = p.cols - 1 - used - width
	p.bar = progressbar.NewOptions64(limit,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(p.describe()),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(width),
		// Every draw is asked for, under p.mu: a bar that drew itself
		// (a spinner's timer) could land in the middle of a note.
		progressbar.OptionThrottle(0),
		progressbar.OptionSetSpinnerChangeInterval(0),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(limit > 0),
	)
	p.shown = 0
	if p.wait == "" {
		p.bar.RenderBlank()
		p.drawn = p.now()
	}
}

// describe is the live bar's text: its label, the media downloads while
// a collection is under way, and the run's elapsed time, as much of it as
// fits the room left on the line.
func (p *textProgress) describe() string {
	label, elapsed := p.tr.T(i18n.ProgressMediaLabel, nil), p.inAll()
	var media []string
	if p.current != "" {
		label = p.label(p.current)
		if m := p.downloads(); m.Queued > 0 {
			args := i18n.Args{"fetched": m.Fetched, "queued": m.Queued, "size": FormatBytes(m.Bytes)}
			media = []string{p.tr.T(i18n.ProgressMediaBar, args), p.tr.T(i18n.ProgressMediaShort, args)}
		}
	}
	var tries []string
	for _, m := range media {
		tries = append(tries, label+" · "+m+" · "+elapsed)
	}
	tries = append(tries, label+" · "+elapsed, label)
	for _, t := range tries {
		if uniseg.StringWidth(t) <= p.room {
			return t
		}
	}
	return label
}

// set moves the live bar to n (raising an exceeded maximum) and draws it
// unless a countdown has the line.
func (p *textProgress) set(n int64) {
	if p.max > 0 && n > p.max {
		p.max = n
		p.bar.ChangeMax64(n)
	}
	p.shown = n
	if p.wait != "" {
		return
	}
	p.bar.Describe(p.describe())
	p.bar.Set64(n)
	p.drawn = p.now()
}

// clearLive erases the live line (the bar or the countdown) so that a
// line of its own can be written; restoreLive draws it again below.
func (p *textProgress) clearLive() {
	switch {
	case p.wait != "":
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
	case p.bar != nil:
		p.clearBar()
	}
}

// clearBar erases the bar's line with spaces, as wide as the bar was
// drawn (progressbar's own Clear only returns to the line's start on
// Windows).
func (p *textProgress) clearBar() {
	if n := uniseg.StringWidth(p.bar.String()); n > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", n))
	}
}

func (p *textProgress) restoreLive() {
	switch {
	case p.wait != "":
		p.showWait(p.wait)
	case p.bar != nil:
		// Describe draws even a bar at its maximum, which no longer
		// draws itself; Set64 brings in what was counted meanwhile.
		p.bar.Describe(p.describe())
		p.bar.Set64(p.shown)
		p.drawn = p.now()
	}
}

// endBar clears and drops the live bar.
func (p *textProgress) endBar() {
	if p.bar == nil {
		return
	}
	if p.wait == "" {
		p.clearBar()
	}
	p.bar = nil
}

func (p *textProgress) Captured(name Collection, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.counts[name] += int64(n)
	if p.bar != nil && name == p.current {
		p.set(p.counts[name])
	}
}

func (p *textProgress) Finish(name Collection, captured int64, why i18n.Msg) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil && name == p.current {
		// The bar ends at the count the finished line and the summary
		// give, then makes way for that line.
		p.set(captured)
	}
	p.clearLive()
	p.endBar()
	p.current = ""
	note := ""
	if why.Code != "" {
		note = p.tr.T(i18n.ProgressNote, i18n.Args{"note": p.say(why)})
	}
	line := "farewell: " + p.tr.T(i18n.ProgressCaptured, i18n.Args{"collection": p.label(name), "n": captured, "note": note})
	if m := p.mediaText(p.downloads()); m != "" {
		line += " · " + m
	}
	fmt.Fprintf(p.w, "%s · %s\n", line, p.inAll())
	p.mediaBar()
	p.restoreLive()
}

// mediaBar shows the downloads' bar while no collection is under way and
// downloads are left, and ends it with a line once they are done.
func (p *textProgress) mediaBar() {
	if !p.tty || p.current != "" {
		return
	}
	m := p.downloads()
	if !m.pending() {
		if p.bar != nil {
			p.clearLive()
			p.endBar()
			fmt.Fprintf(p.w, "farewell: %s · %s\n", p.mediaText(m), p.inAll())
			p.restoreLive()
		}
		return
	}
	if p.bar == nil {
		p.newBar(m.Queued)
	} else if m.Queued != p.max {
		p.max = m.Queued
		p.bar.ChangeMax64(m.Queued)
	}
	p.set(m.Fetched + m.Failed)
}

func (p *textProgress) Media(m MediaStats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.media = m
	switch {
	case !p.tty:
	case p.current == "":
		p.mediaBar()
	case p.bar != nil && p.wait == "" && p.now().Sub(p.drawn) >= mediaRedraw:
		p.bar.Describe(p.describe())
		p.drawn = p.now()
	}
}

// showWait writes the countdown over the live line.
func (p *textProgress) showWait(text string) {
	w := uniseg.StringWidth(text)
	fmt.Fprintf(p.w, "\r%s%s", text, strings.Repeat(" ", max(p.width-w, 0)))
	p.width = max(p.width, w)
}

// say is m in the progress's language: a collection named in it by its
// label, and every text from the site or an error made safe for a
// terminal.
func (p *textProgress) say(m i18n.Msg) string {
	return termsafe.String(p.tr.Say(p.local(m)))
}

// local is m with its collections as their labels, in its nested
// messages too.
func (p *textProgress) local(m i18n.Msg) i18n.Msg {
	args := make(i18n.Args, len(m.Args))
	for k, v := range m.Args {
		switch v := v.(type) {
		case Collection:
			args[k] = p.name(v)
		case []Collection:
			labels := make([]string, len(v))
			for i, c := range v {
				labels[i] = p.name(c)
			}
			sep := ", "
			if p.tr.Lang() == i18n.ZH {
				sep = "、"
			}
			args[k] = strings.Join(labels, sep)
		case i18n.Msg:
			args[k] = p.local(v)
		default:
			args[k] = v
		}
	}
	return i18n.Msg{Code: m.Code, Args: args}
}

func (p *textProgress) Countdown(ctx context.Context, why i18n.Msg, d time.Duration) error {
	reason := p.say(why)
	if !p.tty {
		p.note(p.tr.T(i18n.ProgressWaiting, i18n.Args{"reason": reason, "wait": formatElapsed(p.tr, d)}))
		return Sleep(ctx, d)
	}
	// The countdown takes the live line while it runs; then a line says
	// what was waited for, and the bar comes back below it.
	p.mu.Lock()
	p.clearLive()
	p.width = 0
	p.mu.Unlock()
	end := time.Now().Add(d)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	var err error
	for err == nil {
		left := max(time.Until(end), 0)
		p.mu.Lock()
		p.wait = "farewell: " + p.tr.T(i18n.ProgressTryingAgain, i18n.Args{"reason": reason, "wait": formatElapsed(p.tr, left)})
		p.showWait(p.wait)
		p.mu.Unlock()
		if left == 0 {
			break
		}
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-t.C:
		case <-time.After(left):
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.showWait("farewell: " + p.tr.T(i18n.ProgressWaited, i18n.Args{"reason": reason, "wait": formatElapsed(p.tr, d)}))
	fmt.Fprintln(p.w)
	p.wait = ""
	p.restoreLive()
	return err
}

func (p *textProgress) Note(m i18n.Msg) { p.note(p.say(m)) }

// note writes a line above the live one.
func (p *textProgress) note(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLive()
	fmt.Fprintf(p.w, "farewell: %s\n", text)
	p.restoreLive()
}
