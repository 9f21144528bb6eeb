package tables

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/farewell-app/farewell/archive"
)

// ExportOptions controls [Export].
type ExportOptions struct {
	// Force replaces files of the tables' names already in the folder;
	// without it Export refuses to start when one is there.
	Force bool
}

// Exported is one file [Export] wrote.
type Exported struct {
	Path string `json:"path"`
	Rows int64  `json:"rows"`
}

// ErrNoRecords means a bundle holds no records file that has a table (a
// plain folder's bundle).
var ErrNoRecords = errors.New("the bundle holds no records to export")

// Export writes the tables of the bundle at bundlePath into dir (created
// if missing) as <collection>.csv files, byte for byte the csv/ members
// the bundle was packed with. The records stream from the bundle one line
// at a time, each checked against the manifest's sha256 (see
// [archive.EachRecordFile]), so memory stays small whatever the bundle's
// size. A file that is already in dir is an error wrapping fs.ErrExist,
// before anything is written, unless opts.Force. Each file is written
// under a temporary name and renamed when whole; on an error or an
// interruption the files this call created are removed again, and dir too
// when this call made it.
func Export(ctx context.Context, bundlePath, dir string, opts ExportOptions) (out []Exported, err error) {
	planned, err := plan(ctx, bundlePath)
	if err != nil {
		return nil, err
	}
	if len(planned) == 0 {
		return nil, ErrNoRecords
	}
	if !opts.Force {
		for _, t := range planned {
			p := filepath.Join(dir, t.File())
			if _, err := os.Lstat(p); err == nil {
				return nil, &fs.PathError{Op: "export", Path: p, Err: fs.ErrExist}
			}
		}
	}
	_, statErr := os.Stat(dir)
	madeDir := errors.Is(statErr, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	var created []string
	defer func() {
		if err == nil {
			return
		}
		for _, p := range created {
			os.Remove(p)
		}
		if madeDir {
			os.Remove(dir)
		}
		out = nil
	}()
	_, err = archive.EachRecordFile(ctx, bundlePath, func(rf archive.RecordFile) error {
		t, ok := For(rf.Collection)
		if !ok {
			return nil
		}
		p := filepath.Join(dir, t.File())
		_, lerr := os.Lstat(p)
		isNew := lerr != nil
		rows, err := writeFile(ctx, t, rf, p, opts.Force)
		if err != nil {
			return err
		}
		if isNew {
			created = append(created, p)
		}
		out = append(out, Exported{Path: p, Rows: rows})
		return nil
	})
	return out, err
}

// plan returns the tables of the records files a bundle's manifest lists.
func plan(ctx context.Context, bundlePath string) ([]Table, error) {
	b, err := archive.Open(ctx, bundlePath)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	m, err := b.Manifest()
	if err != nil {
		return nil, err
	}
	var out []Table
	for _, f := range m.Files {
		if t, ok := ForMember(f.Path); ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// writeFile writes one table to p through a temporary file in the same
// folder.
func writeFile(ctx context.Context, t Table, rf archive.RecordFile, p string, force bool) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+t.File()+".*.partial")
	if err != nil {
		return 0, err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	rows, err := t.Write(ctx, bw, rf.R)
	if lerr := (*LineError)(nil); errors.As(err, &lerr) {
		return 0, &archive.CorruptError{Where: rf.Name, Err: lerr}
	}
	if err != nil {
		if errors.Is(err, archive.ErrCorrupt) || errors.Is(err, context.Canceled) {
			return 0, err
		}
		return 0, fmt.Errorf("%s: %w", rf.Name, err)
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	if err := tmp.Sync(); err != nil {
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	done = true
	if err := publish(tmp.Name(), p, force); err != nil {
		os.Remove(tmp.Name())
		return 0, err
	}
	return rows, nil
}

// publish gives the finished temporary file its name: replacing a file
// there only when force is set.
func publish(tmp, p string, force bool) error {
	if force {
		return os.Rename(tmp, p)
	}
	err := os.Link(tmp, p)
	switch {
	case err == nil:
		return os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		return &fs.PathError{Op: "export", Path: p, Err: fs.ErrExist}
	}
	// A file system without hard links: the check before is the guard.
	if _, err := os.Lstat(p); err == nil {
		return &fs.PathError{Op: "export", Path: p, Err: fs.ErrExist}
	}
	return os.Rename(tmp, p)
}
