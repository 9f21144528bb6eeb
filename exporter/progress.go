package exporter

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/schollz/progressbar/v3"
)

// Progress reports a run as it goes: one bar per collection (captured of
// expected), countdowns while the site makes us wait, and notes.
type Progress interface {
	// Collection starts a collection; expected is nil when unknown.
	Collection(name Collection, expected *int64)
	// Captured adds n items to the current collection.
	Captured(name Collection, n int)
	// Finish ends a collection.
	Finish(name Collection, captured int64, note string)
	// Countdown waits d, showing why, and returns early if ctx ends.
	Countdown(ctx context.Context, reason string, d time.Duration) error
	// Notef reports something worth knowing.
	Notef(format string, args ...any)
}

// NewTextProgress reports to w (stderr): live bars when tty is true,
// otherwise a line per collection and per wait. Notes, reasons and
// collection names may quote the site: they are printed through
// termsafe, so no control or bidi character of theirs reaches the
// terminal.
func NewTextProgress(w io.Writer, tty bool) Progress {
	return &textProgress{w: w, tty: tty, counts: map[Collection]int64{}}
}

type textProgress struct {
	mu     sync.Mutex
	w      io.Writer
	tty    bool
	bar    *progressbar.ProgressBar
	counts map[Collection]int64
}

func (p *textProgress) Collection(name Collection, expected *int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
	if !p.tty {
		if expected != nil {
			fmt.Fprintf(p.w, "farewell: %s: capturing (the site says %d)\n", termsafe.String(string(name)), *expected)
		} else {
			fmt.Fprintf(p.w, "farewell: %s: capturing\n", termsafe.String(string(name)))
		}
		return
	}
	max := int64(-1)
	if expected != nil && *expected > 0 {
		max = *expected
	}
	p.bar = progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(fmt.Sprintf("%-10s", termsafe.String(string(name)))),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
	)
}

func (p *textProgress) Captured(name Collection, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.counts[name] += int64(n)
	if p.bar != nil {
		p.bar.Add(n)
	}
}

func (p *textProgress) Finish(name Collection, captured int64, note string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
	if note != "" {
		note = " (" + termsafe.String(note) + ")"
	}
	fmt.Fprintf(p.w, "farewell: %s: %d captured%s\n", termsafe.String(string(name)), captured, note)
}

func (p *textProgress) Countdown(ctx context.Context, reason string, d time.Duration) error {
	reason = termsafe.String(reason)
	if !p.tty {
		p.Notef("%s: waiting %s before trying again", reason, d.Round(time.Second))
		return Sleep(ctx, d)
	}
	end := time.Now().Add(d)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		left := time.Until(end)
		p.mu.Lock()
		fmt.Fprintf(p.w, "\rfarewell: %s: trying again in %s   ", reason, left.Round(time.Second))
		p.mu.Unlock()
		if left <= 0 {
			fmt.Fprintln(p.w)
			return nil
		}
		select {
		case <-ctx.Done():
			fmt.Fprintln(p.w)
			return ctx.Err()
		case <-t.C:
		case <-time.After(left):
		}
	}
}

func (p *textProgress) Notef(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "farewell: %s\n", termsafe.String(fmt.Sprintf(format, args...)))
}

// NewJSONProgress reports as JSON Lines status messages on w.
func NewJSONProgress(w io.Writer) Progress {
	return &jsonProgress{w: w, counts: map[Collection]int64{}}
}

type jsonProgress struct {
	mu     sync.Mutex
	w      io.Writer
	counts map[Collection]int64
	last   time.Time
}

func (p *jsonProgress) emit(v map[string]any) {
	v["message_type"] = "status"
	b, _ := json.Marshal(v)
	p.w.Write(append(termsafe.JSON(b), '\n'))
}

func (p *jsonProgress) Collection(name Collection, expected *int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.emit(map[string]any{"stage": "capture", "collection": name, "expected": expected})
}

func (p *jsonProgress) Captured(name Collection, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.counts[name] += int64(n)
	if time.Since(p.last) >= time.Second {
		p.last = time.Now()
		p.emit(map[string]any{"stage": "capture", "collection": name, "captured": p.counts[name]})
	}
}

func (p *jsonProgress) Finish(name Collection, captured int64, note string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.emit(map[string]any{"stage": "capture", "collection": name, "captured": captured, "done": true, "note": note})
}

func (p *jsonProgress) Countdown(ctx context.Context, reason string, d time.Duration) error {
	p.mu.Lock()
	p.emit(map[string]any{"stage": "wait", "reason": reason, "seconds": d.Seconds()})
	p.mu.Unlock()
	return Sleep(ctx, d)
}

func (p *jsonProgress) Notef(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.emit(map[string]any{"stage": "note", "message": fmt.Sprintf(format, args...)})
}
