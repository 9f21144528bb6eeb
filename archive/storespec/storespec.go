// Package storespec turns an exporter store into what archive packs: the
// store's files and its journal's account of each collection. It is the
// one bridge between the two packages, which otherwise know nothing of
// each other.
package storespec

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/viewer"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers/record"
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
// with the captured count taken from the records themselves; and the
// offline viewer with the records as its data.
func Of(ctx context.Context, st *exporter.Store) (*archive.Spec, error) {
	files, warnings, err := st.BundleFiles(ctx)
	if err != nil {
		return nil, err
	}
	states, window, err := st.Collections()
	if err != nil {
		return nil, err
	}
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
			Name: c.Name, Expected: c.Expected, Captured: captured, Pages: c.Pages,
			StopReason: c.StopReason, StopDetail: c.StopDetail, Gaps: []archive.Gap{},
		}
		for _, g := range c.Gaps {
			col.Gaps = append(col.Gaps, archive.Gap{Kind: g.Kind, Ref: g.Ref, Detail: g.Detail})
		}
		if l := c.ServerLimit; l != nil {
			col.ServerLimit = &archive.ServerLimit{Limit: l.Limit, Unavailable: l.Unavailable, Reason: l.Reason}
		}
		spec.Collections = append(spec.Collections, col)
		if c.Name == "wallet" {
			item, err := walletReadiness(st)
			if err != nil {
				return nil, err
			}
			spec.Readiness = append(spec.Readiness, item)
		}
	}
	// The bundle carries its own viewer, made from the records.
	vf, err := viewer.Files(spec)
	if err != nil {
		return nil, err
	}
	spec.Files = append(spec.Files, vf...)
	return spec, nil
}

// walletReadiness says whether deleting the account would lose money:
// the balance of the wallet records, or that no balance was read.
func walletReadiness(st *exporter.Store) (archive.Readiness, error) {
	item := archive.Readiness{Check: "wallet"}
	data, err := os.ReadFile(st.RecordsPath("wallet"))
	if errors.Is(err, fs.ErrNotExist) {
		item.Detail = "the wallet's balance was not read: check it in the app before deleting"
		return item, nil
	}
	if err != nil {
		return item, err
	}
	var coins, cents int64
	seen := false
	for _, line := range bytes.Split(data, []byte("\n")) {
		var w record.Wallet
		if len(bytes.TrimSpace(line)) == 0 || json.Unmarshal(line, &w) != nil || w.Record != record.TypeWallet {
			continue
		}
		seen = true
		if w.Coins != nil {
			coins += *w.Coins
		}
		if w.MoneyCents != nil {
			cents += *w.MoneyCents
		}
	}
	switch {
	case !seen:
		item.Detail = "the wallet's balance was not read: check it in the app before deleting"
	case coins > 0 || cents > 0:
		item.Detail = fmt.Sprintf("the account still holds %d coins and %d.%02d yuan: spend or withdraw them first, deleting the account loses them", coins, cents/100, cents%100)
	default:
		item.OK = true
		item.Detail = "the wallet is empty: nothing is lost"
	}
	return item, nil
}
