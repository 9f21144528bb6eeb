package exporter

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// A probe ("farewell doctor") runs every collection's step only until
// its first page is in, in a scratch store beside the account's, to tell
// in minutes what a backup of hours would meet: which collections work,
// which fail, and the diagnostics of each failure.

// ErrProbed ends a step in a probe (SessionConfig.Probe) once its first
// page is journalled: the collection works.
var ErrProbed = errors.New("probed: the first page is in")

// Probe is what probing one collection found.
type Probe struct {
	Collection Collection `json:"collection"`
	OK         bool       `json:"ok"`
	// Items is how many items the first page held.
	Items    int    `json:"items"`
	Expected *int64 `json:"expected,omitempty"`
	Why      string `json:"why,omitempty"`
	// Diagnostics is the folder, in the store, where a failing probe
	// left its diagnostics.
	Diagnostics string  `json:"diagnostics,omitempty"`
	Seconds     float64 `json:"seconds"`
}

// probes collects a session's probes.
type probes struct {
	mu    sync.Mutex
	first map[Collection]int // items of each collection's first page
	done  []Probe
}

// paged notes a collection's first page: its probe is over.
func (p *probes) paged(c Collection, items int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.first == nil {
		p.first = map[Collection]int{}
	}
	if _, ok := p.first[c]; !ok {
		p.first[c] = items
	}
}

func (p *probes) add(pr Probe) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pr.Items = p.first[pr.Collection]
	p.done = append(p.done, pr)
}

// Probes returns what the probes of this session found, in the order
// they ended.
func (s *Session) Probes() []Probe {
	s.probes.mu.Lock()
	defer s.probes.mu.Unlock()
	return append([]Probe(nil), s.probes.done...)
}

// probed records the end of a probe of a collection's step: err nil (or
// ErrProbed) is a collection that works.
func (s *Session) probed(c Collection, start time.Time, err error, diagnostics string) {
	pr := Probe{Collection: c, OK: err == nil || errors.Is(err, ErrProbed), Seconds: time.Since(start).Seconds(), Diagnostics: diagnostics}
	if !pr.OK {
		pr.Why = err.Error()
	}
	if st, serr := s.State(c); serr == nil && st != nil {
		pr.Expected = st.Expected
	}
	s.probes.add(pr)
}

// Scratch returns a store in dir for a probe of s's account: its
// journal, raw captures and diagnostics are its own, while the browser
// profile and cookie jar are s's (their secrets stay where they are).
// Locking it locks s too, so that no backup runs on the profile at the
// same time.
func (s *Store) Scratch(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("scratch store: %w", StorageError(err))
	}
	return &Store{Dir: dir, Info: s.Info, secrets: s}, nil
}

// ProfilePath is where the store's browser profile is.
func (s *Store) ProfilePath() string {
	if s.secrets != nil {
		return s.secrets.ProfilePath()
	}
	return s.Path(ProfileDir)
}

// CookiesPath is where the store's cookie jar is.
func (s *Store) CookiesPath() string {
	if s.secrets != nil {
		return s.secrets.CookiesPath()
	}
	return s.Path(CookiesFile)
}
