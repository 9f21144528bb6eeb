package exporter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"
)

// Journal event types.
const (
	EventRunStart    = "run_start"    // a backup run began
	EventRunEnd      = "run_end"      // a backup run ended (Detail says how)
	EventStart       = "start"        // a collection (re)started from the top, with its expected count
	EventPage        = "page"         // one page of a collection was captured
	EventDone        = "done"         // a collection finished (StopReason says how)
	EventGap         = "gap"          // something of a collection could not be captured
	EventGapResolved = "gap_resolved" // a gap recorded earlier was filled (matched by kind and ref)
	EventServerLimit = "server_limit" // the site would not serve some items
	EventExpected    = "expected"     // the site's count of a collection, learned on the way
	EventPlan        = "plan"         // the collections a backup of the platform has, in order
)

// Stop reasons a collection ends with. They are the manifest's
// stop_reason values: verify counts "end" and "server_limit" as finished.
const (
	StopEnd         = "end"          // the site said the list has no more items
	StopServerLimit = "server_limit" // the site stopped serving before the end
)

// Event is one line of the journal.
type Event struct {
	Time       time.Time  `json:"time"`
	Type       string     `json:"type"`
	Collection Collection `json:"collection,omitempty"`
	Expected   *int64     `json:"expected,omitempty"`
	Page       int        `json:"page,omitempty"`
	Cursor     string     `json:"cursor,omitempty"`
	Items      int        `json:"items,omitempty"`
	// Version is what the item a page stands for (Cursor) looked like
	// when it was captured, e.g. a post's comment count: a later pass
	// that finds it unchanged need not capture it again.
	Version    string       `json:"version,omitempty"`
	StopReason string       `json:"stop_reason,omitempty"`
	Detail     string       `json:"detail,omitempty"`
	Gap        *Gap         `json:"gap,omitempty"`
	Limit      *ServerLimit `json:"limit,omitempty"`
	// Plan names the platform's collections (plan events): a collection
	// the plan names that never started is not finished.
	Plan []Collection `json:"plan,omitempty"`
}

// Gap is something a collection knows it is missing.
type Gap struct {
	Kind   string `json:"kind"`
	Ref    string `json:"ref,omitempty"`
	Detail string `json:"detail"`
}

// ServerLimit records items the site itself would not serve.
type ServerLimit struct {
	Limit       int64  `json:"limit,omitempty"`
	Unavailable int64  `json:"unavailable"`
	Reason      string `json:"reason"` // in English
	// Code is the limit's code in the message catalog (exporter/i18n)
	// and Params its values.
	Code   string            `json:"code,omitempty"`
	Params map[string]string `json:"params,omitempty"`
}

// Journal is the store's append-only log. Every Append is written and
// fsynced before it returns, so after a crash the journal holds every
// event whose Append returned, and at most one torn line, which
// [ReadJournal] drops.
type Journal struct {
	mu sync.Mutex
	f  *os.File
}

// OpenJournal opens the journal for appending, creating it (0600) if
// needed. A torn last line left by a crash is cut off first.
func OpenJournal(path string) (*Journal, error) {
	if err := repairTail(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	return &Journal{f: f}, nil
}

// Append writes one event. Time is set if zero.
func (j *Journal) Append(ev Event) error {
	if ev.Time.IsZero() {
		ev.Time = time.Now().UTC()
	}
	b, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write journal: %w", StorageError(err))
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("sync journal: %w", StorageError(err))
	}
	return nil
}

// Close closes the journal.
func (j *Journal) Close() error { return j.f.Close() }

// repairTail truncates a journal whose last line has no newline (an append
// torn by a crash).
func repairTail(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read journal: %w", err)
	}
	if len(b) == 0 || b[len(b)-1] == '\n' {
		return nil
	}
	keep := bytes.LastIndexByte(b, '\n') + 1
	if err := os.Truncate(path, int64(keep)); err != nil {
		return fmt.Errorf("repair journal: %w", err)
	}
	return nil
}

// ReadJournal reads every complete event. A missing journal is empty; a
// torn last line is ignored; any other unreadable line is an error naming
// it, because a journal that lies would make a backup look complete.
func ReadJournal(path string) ([]Event, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}
	if i := bytes.LastIndexByte(b, '\n'); i < len(b)-1 {
		b = b[:i+1] // torn tail
	}
	var out []Event
	for n, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var ev Event
		if err := json.Unmarshal(line, &ev); err != nil {
			return nil, fmt.Errorf("journal %s line %d is damaged: %v", path, n+1, err)
		}
		out = append(out, ev)
	}
	return out, nil
}

// CollectionState is what the journal says about one collection.
type CollectionState struct {
	Name        Collection
	Expected    *int64
	Pages       int
	Cursor      string // the cursor of the last page, for resuming
	StopReason  string // empty while unfinished
	StopDetail  string
	Gaps        []Gap
	ServerLimit *ServerLimit
	// Current is true when the collection finished in the current pass:
	// the runs since every planned collection last finished together.
	// A run skips such collections and continues with the others.
	Current bool
	// Refresh is true when this pass of the collection follows a pass
	// that finished it without gaps: everything the site had then is in
	// the store, so the pass need only look for what changed since
	// (see [Session.Since]).
	Refresh bool
	// Started is when this pass of the collection began (its first
	// start event: a restart half way keeps it).
	Started time.Time
	order   int
	pass    int // the pass it finished in
}

// Resume returns the cursor and page count to go on from: those of an
// unfinished earlier run ([Session.Continue]'s state), or "" and 0 for a
// collection that starts afresh (a nil state).
func (c *CollectionState) Resume() (cursor string, pages int) {
	if c == nil {
		return "", 0
	}
	return c.Cursor, c.Pages
}

// Finished reports whether the collection reached a stop.
// A step that failed (StopFailed) did not finish: the next run takes it
// up again.
func (c *CollectionState) Finished() bool { return c.StopReason != "" && c.StopReason != StopFailed }

// RunWindow is the time span of the journal's runs.
type RunWindow struct {
	StartedAt  time.Time // the first run's start
	FinishedAt time.Time // the last event's time
}

// Fold replays events into per-collection state. A "start" event resets
// a collection (a new pass from the top); pages, gaps and limits after it
// accumulate; "done" records the stop.
func Fold(events []Event) (map[Collection]*CollectionState, *RunWindow) {
	states := map[Collection]*CollectionState{}
	var window *RunWindow
	pass := 0 // passes opened by plans; 0 for a journal without any
	var planned []Collection
	get := func(name Collection) *CollectionState {
		c := states[name]
		if c == nil {
			c = &CollectionState{Name: name, order: len(states)}
			states[name] = c
		}
		return c
	}
	for _, ev := range events {
		if window == nil {
			window = &RunWindow{StartedAt: ev.Time}
		}
		window.FinishedAt = ev.Time
		if ev.Type == EventPlan {
			// A plan opens a new pass when the last one is complete.
			complete := pass > 0
			for _, name := range planned {
				if c := states[name]; c == nil || !c.Finished() || c.pass != pass {
					complete = false
				}
			}
			if pass == 0 || complete {
				pass++
			}
			planned = ev.Plan
			for _, name := range ev.Plan {
				get(name)
			}
		}
		if ev.Collection == "" {
			continue
		}
		c := get(ev.Collection)
		switch ev.Type {
		case EventStart:
			// A pass after a clean finish refreshes; a pass restarted
			// half way keeps what the interrupted one was.
			refresh := (c.Finished() && len(c.Gaps) == 0) || (!c.Finished() && c.Refresh)
			started := ev.Time
			if !c.Finished() && !c.Started.IsZero() {
				started = c.Started
			}
			*c = CollectionState{Name: c.Name, order: c.order, Expected: ev.Expected, Refresh: refresh, Started: started}
		case EventPage:
			c.Pages++
			c.Cursor = ev.Cursor
			if ev.Expected != nil {
				c.Expected = ev.Expected
			}
		case EventDone:
			c.StopReason, c.StopDetail = ev.StopReason, ev.Detail
		case EventGap:
			if ev.Gap != nil {
				c.Gaps = append(c.Gaps, *ev.Gap)
			}
		case EventGapResolved:
			if ev.Gap != nil {
				kept := c.Gaps[:0]
				for _, g := range c.Gaps {
					if g.Kind != ev.Gap.Kind || g.Ref != ev.Gap.Ref {
						kept = append(kept, g)
					}
				}
				c.Gaps = kept
			}
		case EventServerLimit:
			c.ServerLimit = ev.Limit
		case EventExpected:
			c.Expected = ev.Expected
		}
		if ev.Type == EventDone {
			c.pass = pass
		}
	}
	for _, c := range states {
		c.Current = c.Finished() && c.pass == pass
	}
	return states, window
}
