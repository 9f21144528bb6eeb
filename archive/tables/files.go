package tables

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/farewell-app/farewell/archive"
)

// Member returns the bundle member a table is written to:
// csv/<name>.csv.
func (t Table) Member() string { return archive.TablesDir + "/" + t.File() }

// File returns the table's file name, <name>.csv.
func (t Table) File() string { return t.Name + ".csv" }

// ForMember returns the table of a bundle member when it is a records
// file, data/<collection>.jsonl, whose collection has one.
func ForMember(member string) (Table, bool) {
	return For(collectionOf(member))
}

// collectionOf returns the collection of a records file,
// data/<collection>.jsonl, or "" for any other member.
func collectionOf(member string) string {
	dir, file := path.Split(member)
	if dir != "data/" || !strings.HasSuffix(file, ".jsonl") {
		return ""
	}
	return strings.TrimSuffix(file, ".jsonl")
}

// Files returns the tables of a platform bundle's spec, to pack with it:
// csv/<collection>.csv for every records file of spec that has a table,
// in the order of spec's files. A plain directory gets none (nil). The
// records are read one line at a time; each table is built in memory, as
// the viewer's data is.
func Files(ctx context.Context, spec *archive.Spec) ([]archive.SourceFile, error) {
	if spec.Platform == "" || spec.Platform == archive.PlatformDir {
		return nil, nil
	}
	var out []archive.SourceFile
	for _, f := range spec.Files {
		t, ok := ForMember(f.Name)
		if !ok {
			continue
		}
		var b bytes.Buffer
		if err := writeSource(ctx, t, &b, f); err != nil {
			return nil, fmt.Errorf("csv: %s: %w", f.Name, err)
		}
		out = append(out, archive.SourceFile{Name: t.Member(), Data: b.Bytes()})
	}
	return out, nil
}

// writeSource writes the table of one source file.
func writeSource(ctx context.Context, t Table, w io.Writer, f archive.SourceFile) error {
	var r io.Reader = bytes.NewReader(f.Data)
	if f.Path != "" {
		file, err := os.Open(f.Path)
		if err != nil {
			return err
		}
		defer file.Close()
		r = file
	}
	_, err := t.Write(ctx, w, r)
	return err
}
