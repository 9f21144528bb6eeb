package exporter

import (
	"context"
	"encoding/json"
	"io"
	"sync"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
)

// NewJSONProgress reports as JSON Lines status messages on w. Their
// values are kept as the site gave them, with every character a terminal
// would act on written as a \u escape (termsafe.JSON).
func NewJSONProgress(w io.Writer) Progress {
	return &jsonProgress{w: w, counts: map[Collection]int64{}}
}

type jsonProgress struct {
	mu sync.Mutex
	w  io.Writer
	runCounts
	counts map[Collection]int64
	// last and lastMedia are when a count was last written: at most one
	// a second of each.
	last, lastMedia time.Time
}

func (p *jsonProgress) emit(v map[string]any) {
	v["message_type"] = "status"
	b, _ := json.Marshal(v)
	p.w.Write(append(termsafe.JSON(b), '\n'))
}

func (p *jsonProgress) Plan(collections []Collection) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.setPlan(collections)
	p.emit(map[string]any{"stage": "plan", "collections": collections})
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

func (p *jsonProgress) Finish(name Collection, captured int64, why i18n.Msg) {
	p.mu.Lock()
	defer p.mu.Unlock()
	note := ""
	if why.Code != "" {
		note = i18n.English(why)
	}
	p.emit(map[string]any{"stage": "capture", "collection": name, "captured": captured, "done": true, "note": note})
}

// Media writes the run's downloads at most once a second, and when the
// last queued one is done.
func (p *jsonProgress) Media(m MediaStats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.media = m
	all := p.downloads()
	if time.Since(p.lastMedia) < time.Second && all.pending() {
		return
	}
	p.lastMedia = time.Now()
	p.emit(map[string]any{"stage": "media", "queued": all.Queued, "downloaded": all.Fetched, "failed": all.Failed, "bytes": all.Bytes})
}

// The reasons and notes carry their code beside the English text, for a
// program that says them in its own words.
func (p *jsonProgress) Countdown(ctx context.Context, why i18n.Msg, d time.Duration) error {
	p.mu.Lock()
	p.emit(map[string]any{"stage": "wait", "reason": i18n.English(why), "code": why.Code, "seconds": d.Seconds()})
	p.mu.Unlock()
	return Sleep(ctx, d)
}

func (p *jsonProgress) Note(m i18n.Msg) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.emit(map[string]any{"stage": "note", "message": i18n.English(m), "code": m.Code})
}
