package exporter

import "time"

// This file is what the passes before a collection's current one left of
// it: a pass after a complete backup looks only for what changed, and the
// run's final pass walks again only what failed.

// Earlier is what the passes before this one left of a collection, for a
// pass that only looks for what changed.
type Earlier struct {
	// Versions maps the key of each item recorded with
	// [Session.PageVersion] to its latest version.
	Versions map[string]string
	// Before is when this pass began: raw captures older than it are
	// what the earlier passes saw.
	Before time.Time
}

// Known returns the keys of what the earlier passes captured of a
// collection: keys is asked for the keys of each raw capture made before
// this pass began.
func (e *Earlier) Known(st *Store, collection Collection, keys func(RawFile) ([]string, error)) (map[string]bool, error) {
	raws, err := st.Raws(collection)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, rf := range raws {
		if !rf.Meta.Time.Before(e.Before) {
			continue
		}
		ks, err := keys(rf)
		if err != nil {
			return nil, err
		}
		for _, k := range ks {
			known[k] = true
		}
	}
	return known, nil
}

// Since returns, for a collection this pass has started (after
// StartCollection or Continue), what earlier passes captured when the
// last of them finished it without gaps: this pass need then capture
// only what is new or changed, and may stop a newest-first list at the
// first page that brings nothing new. It returns nil when the collection
// must be walked whole: it never finished cleanly, or the session is
// Full.
func (s *Session) Since(collection Collection) (*Earlier, error) {
	if s.cfg.Full {
		return nil, nil
	}
	events, err := ReadJournal(s.Store.Path(JournalFile))
	if err != nil {
		return nil, err
	}
	states, _ := Fold(events)
	c := states[collection]
	if c == nil || !c.Refresh {
		return nil, nil
	}
	e := &Earlier{Versions: map[string]string{}, Before: c.Started}
	for _, ev := range events {
		if ev.Type == EventPage && ev.Collection == collection && ev.Version != "" {
			e.Versions[ev.Cursor] = ev.Version
		}
	}
	return e, nil
}

// Redo returns, in the run's final pass (LastChance), the page versions
// the pass before it recorded for a collection, and nil otherwise. The
// final pass is for what failed: a step that keeps what an unchanged page
// gave after a complete backup (Since) may keep, the same way, what the
// pass before captured whole, and walk again only the rest. A step
// records a page's version only when the page had no gap.
func (s *Session) Redo(collection Collection) (*Earlier, error) {
	if !s.lastChance.Load() {
		return nil, nil
	}
	events, err := ReadJournal(s.Store.Path(JournalFile))
	if err != nil {
		return nil, err
	}
	var before, current map[string]string
	for _, ev := range events {
		if ev.Collection != collection {
			continue
		}
		switch {
		case ev.Type == EventStart:
			before, current = current, map[string]string{}
		case ev.Type == EventPage && ev.Version != "" && current != nil:
			current[ev.Cursor] = ev.Version
		}
	}
	if len(before) == 0 {
		return nil, nil
	}
	return &Earlier{Versions: before}, nil
}

// Keepable is what a pass of a collection may keep of the passes before
// it, page by page: after a complete backup what that backup recorded
// (Since), in the run's final pass what the pass before captured whole
// (Redo), else nil.
func (s *Session) Keepable(collection Collection) (*Earlier, error) {
	if e, err := s.Since(collection); e != nil || err != nil {
		return e, err
	}
	return s.Redo(collection)
}

// PageItems returns, for each key a collection's pages were recorded
// under (the cursor of [Session.PageVersion]), the items of its latest
// page: what earlier runs counted of the items a pass skips.
func (s *Session) PageItems(collection Collection) (map[string]int, error) {
	events, err := ReadJournal(s.Store.Path(JournalFile))
	if err != nil {
		return nil, err
	}
	items := map[string]int{}
	for _, ev := range events {
		if ev.Type == EventPage && ev.Collection == collection && ev.Cursor != "" {
			items[ev.Cursor] = ev.Items
		}
	}
	return items, nil
}
