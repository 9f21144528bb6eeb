package profiles

import (
	"context"
	"fmt"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers/record"
)

// Deriver is what every profile's Records step works with: the store,
// the owner's id, and the media index, so that each record's media
// carries the file, hash and size of its download. Records steps derive
// everything from raw captures; the Deriver reads those and writes the
// records files.
type Deriver struct {
	Store *exporter.Store
	UID   string // the account's own id
	media map[string]exporter.MediaEntry
	key   func(string) string
	// warnings are the raw captures that did not decode.
	warnings []string
	dropped  int
}

// NewDeriver reads the store's media index. mediaKey is the profile's
// MediaKey: the same file under its many URLs has one key.
func NewDeriver(st *exporter.Store, mediaKey func(string) string) (*Deriver, error) {
	entries, err := st.MediaEntries()
	if err != nil {
		return nil, err
	}
	return &Deriver{Store: st, UID: st.Info.Account.ID, media: entries, key: mediaKey}, nil
}

// Fill sets the file, hash and size of each downloaded media item (and
// of a live photo's motion part).
func (d *Deriver) Fill(ms []record.Media) {
	for i := range ms {
		if e, ok := d.media[d.key(ms[i].URL)]; ok {
			ms[i].File, ms[i].SHA256, ms[i].Bytes = e.File, e.SHA256, e.Bytes
		}
		if ms[i].Motion != nil {
			motion := []record.Media{*ms[i].Motion}
			d.Fill(motion)
			ms[i].Motion = &motion[0]
		}
	}
}

// Write replaces a collection's records file with recs, one JSON line
// each.
func (d *Deriver) Write(collection exporter.Collection, recs []any) error {
	lines := make([][]byte, 0, len(recs))
	for _, rec := range recs {
		line, err := record.MarshalLine(rec)
		if err != nil {
			return err
		}
		lines = append(lines, line)
	}
	return d.Store.WriteRecords(collection, lines)
}

// maxWarnings is how many warnings about raw captures are named one by one.
const maxWarnings = 50

// Warn records that a raw capture the site answered with success could
// not be read: it becomes a warning of the manifest, which verify shows.
// A refusal kept as evidence (a non-200 answer) is expected not to
// decode and is not one.
func (d *Deriver) Warn(rf exporter.RawFile, err error) {
	if err == nil || rf.Meta.Status != 200 {
		return
	}
	d.warn(fmt.Sprintf("%s (%s) could not be read: %v", rf.Name, rf.Meta.Kind, err))
}

// warn keeps a warning, or counts it past maxWarnings.
func (d *Deriver) warn(msg string) {
	if len(d.warnings) >= maxWarnings {
		d.dropped++
		return
	}
	d.warnings = append(d.warnings, msg)
}

// Skipped records that a raw capture's list held entries that are not
// items (null entries, ads): they are skipped, and the manifest's
// warnings say so (what is "" when nothing was skipped).
func (d *Deriver) Skipped(rf exporter.RawFile, what string) {
	if what != "" {
		d.warn(fmt.Sprintf("%s (%s): %s", rf.Name, rf.Meta.Kind, what))
	}
}

// Run runs a profile's derive steps in order, stopping at the first
// error or when ctx ends, and then keeps the warnings they gave (see
// Warn) in the store.
func (d *Deriver) Run(ctx context.Context, steps ...func() error) error {
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	w := d.warnings
	if d.dropped > 0 {
		w = append(w, fmt.Sprintf("and %d more warning(s) about raw captures", d.dropped))
	}
	return d.Store.WriteWarnings(w)
}

// Each calls fn with every raw capture of a collection and its body, in
// capture order.
func (d *Deriver) Each(collection exporter.Collection, fn func(rf exporter.RawFile, body []byte)) error {
	return d.Store.EachRaw(context.Background(), []exporter.Collection{collection}, func(_ exporter.Collection, rf exporter.RawFile, body []byte) {
		fn(rf, body)
	})
}

// Users derives the following and followers collections: every user of
// every page once (a user two pages listed is one record). users reads
// one page; a page it cannot read is a warning.
func (d *Deriver) Users(users func(rf exporter.RawFile, body []byte) ([]record.User, error)) error {
	for _, coll := range []exporter.Collection{"following", "followers"} {
		seen := map[string]bool{}
		var recs []any
		err := d.Each(coll, func(rf exporter.RawFile, body []byte) {
			us, err := users(rf, body)
			d.Warn(rf, err)
			for _, u := range us {
				if !seen[u.ID] {
					seen[u.ID] = true
					recs = append(recs, u)
				}
			}
		})
		if err != nil {
			return err
		}
		if err := d.Write(coll, recs); err != nil {
			return err
		}
	}
	return nil
}
