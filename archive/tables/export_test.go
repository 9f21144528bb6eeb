package tables

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/farewell-app/farewell/archive"
)

// packRecords packs a Weibo bundle of the given records files (name ->
// content, under data/) with a raw file and, when tables is set, the
// tables Files derives from them; it returns the bundle's path.
func packRecords(t *testing.T, records []archive.SourceFile, tables bool) string {
	t.Helper()
	ctx := context.Background()
	spec := &archive.Spec{Platform: "weibo", Account: archive.Account{ID: "1234567890", Name: "告别"}}
	spec.Files = append(spec.Files, records...)
	spec.Files = append(spec.Files, archive.SourceFile{Name: "raw/posts/0001.json", Data: []byte(`{"ok":1}`)})
	if tables {
		tf, err := Files(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		spec.Files = append(spec.Files, tf...)
	}
	res, err := archive.Pack(ctx, spec, archive.PackOptions{OutDir: t.TempDir(), Tool: archive.Tool{Name: "farewell", Version: "test"}, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res.Path
}

// testRecords are testdata/records as records files, with a profile
// (which has no table).
func testRecords(t *testing.T) []archive.SourceFile {
	t.Helper()
	out := []archive.SourceFile{{Name: "data/profile.jsonl", Data: []byte(`{"record":"profile","platform":"weibo","id":"1234567890"}` + "\n")}}
	for _, tb := range All() {
		p, err := filepath.Abs(filepath.Join("testdata", "records", tb.Name+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, archive.SourceFile{Name: "data/" + tb.Name + ".jsonl", Path: p})
	}
	return out
}

// TestExport: export writes, for every records file with a table, the
// same bytes as the bundle's csv/ member; it refuses to replace files
// unless forced, and leaves no temporary files.
func TestExport(t *testing.T) {
	ctx := context.Background()
	bundle := packRecords(t, testRecords(t), true)
	b, err := archive.Open(ctx, bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	dir := filepath.Join(t.TempDir(), "tables")
	files, err := Export(ctx, bundle, dir, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(All()) {
		t.Errorf("exported %d files, want %d", len(files), len(All()))
	}
	for _, f := range files {
		got, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		member := archive.TablesDir + "/" + filepath.Base(f.Path)
		want, err := b.ReadFile(member, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the bundle's %s", f.Path, member)
		}
		tb, _ := For(filepath.Base(f.Path)[:len(filepath.Base(f.Path))-len(".csv")])
		checkTable(t, tb, got, f.Rows)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(files) {
		t.Errorf("the folder holds %d entries for %d files", len(entries), len(files))
	}

	posts := filepath.Join(dir, "posts.csv")
	if err := os.WriteFile(posts, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(ctx, bundle, dir, ExportOptions{}); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("export into a folder that has the files: %v", err)
	}
	if b, _ := os.ReadFile(posts); string(b) != "mine" {
		t.Fatal("a refused export changed an existing file")
	}
	if _, err := Export(ctx, bundle, dir, ExportOptions{Force: true}); err != nil {
		t.Fatalf("forced export: %v", err)
	}
	if b, _ := os.ReadFile(posts); string(b) == "mine" {
		t.Fatal("a forced export left the old file")
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != len(files) {
		t.Errorf("after the forced export the folder holds %d entries for %d files", len(entries), len(files))
	}
}

// TestExportFailures: a bundle with no records, a records file that is
// not JSON (bundle damage, exit 5 in the CLI) and an interruption; after a
// failure nothing this call created is left, and a folder it made is
// removed.
func TestExportFailures(t *testing.T) {
	ctx := context.Background()
	good := archive.SourceFile{Name: "data/comments.jsonl", Data: []byte(`{"id":"1"}` + "\n")}
	bad := archive.SourceFile{Name: "data/posts.jsonl", Data: []byte(`{"id":"1"}` + "\n{\"id\":\n")}
	damaged := packRecords(t, []archive.SourceFile{good, bad}, false)
	whole := packRecords(t, testRecords(t), true)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()

	dirSpec, err := archive.DirSpec(ctx, filepath.Join("testdata", "records"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := archive.Pack(ctx, dirSpec, archive.PackOptions{OutDir: t.TempDir(), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name   string
		ctx    context.Context
		bundle string
		is     error
	}{
		{"no records", ctx, res.Path, ErrNoRecords},
		{"damaged records", ctx, damaged, archive.ErrCorrupt},
		{"interrupted", cancelled, whole, context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fresh := filepath.Join(t.TempDir(), "new")
			if _, err := Export(c.ctx, c.bundle, fresh, ExportOptions{}); !errors.Is(err, c.is) {
				t.Fatalf("export: %v, want %v", err, c.is)
			}
			if _, err := os.Stat(fresh); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the folder export made is still there (%v)", err)
			}
			existing := t.TempDir()
			keep := filepath.Join(existing, "keep.txt")
			os.WriteFile(keep, []byte("x"), 0o600)
			if _, err := Export(c.ctx, c.bundle, existing, ExportOptions{}); !errors.Is(err, c.is) {
				t.Fatalf("export into a folder: %v, want %v", err, c.is)
			}
			entries, _ := os.ReadDir(existing)
			if len(entries) != 1 || entries[0].Name() != "keep.txt" {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("after the failure the folder holds %v", names)
			}
		})
	}
}
