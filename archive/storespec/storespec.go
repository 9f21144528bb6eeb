// Package storespec turns an exporter store into what archive packs: the
// store's files and its journal's account of each collection. It is the
// one bridge between the two packages, which otherwise know nothing of
// each other.
package storespec

import (
	"context"
	"errors"
	"os"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/readme"
	"github.com/farewell-app/farewell/archive/tables"
	"github.com/farewell-app/farewell/archive/viewer"
	"github.com/farewell-app/farewell/exporter"
)

// For describes dir for packing: a store with its collections (taking the
// store's lock while it reads), or a plain folder.
func For(ctx context.Context, dir string) (*archive.Spec, error) {
	st, err := exporter.OpenStore(dir)
	if errors.Is(err, exporter.ErrNotStore) {
		return archive.DirSpec(ctx, dir)
	}
	if err != nil {
		return nil, err
	}
	if err := st.Lock(); err != nil {
		return nil, err
	}
	defer st.Unlock()
	return Of(ctx, st)
}

// Of builds the spec of a store: its files, and for each collection the
// journal's expected count, pages, stop reason, gaps and server limit,
// with the captured count taken from the records themselves; and what is
// derived from the records (see [Derived]).
func Of(ctx context.Context, st *exporter.Store) (*archive.Spec, error) {
	files, warnings, err := st.BundleFiles(ctx)
	if err != nil {
		return nil, err
	}
	states, window, err := st.Collections()
	if err != nil {
		return nil, err
	}
	derived, err := st.Warnings()
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, derived...)
	spec := &archive.Spec{
		Platform: st.Info.Platform,
		Account:  archive.Account{ID: st.Info.Account.ID, Name: st.Info.Account.Name},
		Warnings: warnings,
	}
	if window != nil {
		spec.Capture = &archive.Window{StartedAt: window.StartedAt, FinishedAt: window.FinishedAt}
	}
	for _, f := range files {
		spec.Files = append(spec.Files, archive.SourceFile{Name: f.Name, Path: f.Path})
	}
	for _, c := range states {
		captured, err := st.CountRecords(c.Name)
		if err != nil {
			return nil, err
		}
		col := archive.Collection{
			Name: string(c.Name), Expected: c.Expected, Captured: captured, Pages: c.Pages,
			StopReason: c.StopReason, StopDetail: c.StopDetail, Gaps: []archive.Gap{},
		}
		for _, g := range c.Gaps {
			col.Gaps = append(col.Gaps, archive.Gap{Kind: g.Kind, Ref: g.Ref, Detail: g.Detail})
		}
		if fi, err := os.Stat(st.DiagnosticsPath(c.Name)); err == nil && fi.IsDir() {
			col.Diagnostics = exporter.DiagnosticsDir + "/" + string(c.Name) + "/"
		}
		if l := c.ServerLimit; l != nil {
			col.ServerLimit = &archive.ServerLimit{Limit: l.Limit, Unavailable: l.Unavailable, Reason: l.Reason, Code: l.Code, Params: l.Params}
		}
		spec.Collections = append(spec.Collections, col)
	}
	items, err := st.Readiness()
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		spec.Readiness = append(spec.Readiness, archive.Readiness{Check: it.Check, OK: it.OK, Blocking: it.Blocking, Info: it.Info, Detail: it.Detail, Code: it.Code, Params: it.Params})
	}
	made, err := Derived(ctx, spec)
	if err != nil {
		return nil, err
	}
	spec.Files = append(spec.Files, made...)
	return spec, nil
}

// Derived returns the members a platform bundle makes from its records,
// to pack after spec's own files: the offline viewer, the spreadsheet
// copies of the records (csv/) and README.txt. A plain directory gets
// none.
func Derived(ctx context.Context, spec *archive.Spec) ([]archive.SourceFile, error) {
	vf, err := viewer.Files(spec)
	if err != nil {
		return nil, err
	}
	tf, err := tables.Files(ctx, spec)
	if err != nil {
		return nil, err
	}
	out := append(vf, tf...)
	if rf, ok, err := readme.File(spec); err != nil {
		return nil, err
	} else if ok {
		out = append(out, rf)
	}
	return out, nil
}
