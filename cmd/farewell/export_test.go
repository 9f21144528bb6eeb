package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/tables"
	"github.com/farewell-app/farewell/archive/viewer/viewertest"
)

// exportBundles are packed test bundles: a store packed by "farewell pack"
// and realistic Weibo and Douyin accounts from viewertest (hostile text,
// every eleventh record with wrong-typed fields).
func exportBundles(t *testing.T) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{"store": packStore(t, makeStore(t, true))}
	for _, o := range []viewertest.Options{
		{Platform: "weibo", Posts: 30, Commented: 3, Likes: 12, Favorites: 9, Following: 12, Followers: 12, Apps: 3,
			Boxed: 6, Conversations: 3, Messages: 8, Articles: 2},
		{Platform: "douyin", Posts: 30, Commented: 3, Likes: 12, Favorites: 9, Following: 12, Followers: 12,
			Conversations: 3, Messages: 8, Activity: 7},
	} {
		_, bundle, err := viewertest.Pack(ctx, t.TempDir(), o)
		if err != nil {
			t.Fatal(err)
		}
		out[o.Platform] = bundle
	}
	return out
}

// TestBundleTablesAndReadme unpacks packed bundles and checks what a
// person opening them finds: a csv/ file for every collection that has a
// table, each opening with encoding/csv after the UTF-8 BOM with its
// table's header and one row per record the manifest counts; README.txt;
// both listed in the manifest with their roles (and so in
// manifest-sha256.txt, which extract checks). "farewell export" on the
// bundle then writes the same bytes.
func TestBundleTablesAndReadme(t *testing.T) {
	ctx := context.Background()
	for name, bundle := range exportBundles(t) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "unpacked")
			if code, _, stderr := farewell(t, ctx, "extract", bundle, dir); code != ExitOK {
				t.Fatalf("extract: exit %d: %s", code, stderr)
			}
			mb, err := os.ReadFile(filepath.Join(dir, archive.ManifestName))
			if err != nil {
				t.Fatal(err)
			}
			var m archive.Manifest
			if err := json.Unmarshal(mb, &m); err != nil {
				t.Fatal(err)
			}
			roles := map[string]string{}
			for _, f := range m.Files {
				roles[f.Path] = f.Role
			}
			var want []string
			for _, c := range m.Collections {
				tb, ok := tables.For(c.Name)
				if !ok || roles["data/"+c.Name+".jsonl"] == "" {
					continue
				}
				want = append(want, tb.File())
				member := tb.Member()
				if roles[member] != archive.RoleCSV {
					t.Errorf("%s has role %q in the manifest", member, roles[member])
				}
				b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(member)))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(b, []byte(tables.BOM)) {
					t.Errorf("%s has no BOM", member)
					continue
				}
				r := csv.NewReader(bytes.NewReader(b[len(tables.BOM):]))
				r.FieldsPerRecord = len(tb.Columns())
				recs, err := r.ReadAll()
				if err != nil {
					t.Errorf("%s does not open as CSV: %v", member, err)
					continue
				}
				for i, col := range tb.Columns() {
					if recs[0][i] != col.Name {
						t.Errorf("%s: column %d is %q, want %q", member, i, recs[0][i], col.Name)
					}
				}
				if rows := int64(len(recs) - 1); rows != c.Captured {
					t.Errorf("%s has %d rows, the manifest counts %d records", member, rows, c.Captured)
				}
			}
			if len(want) == 0 {
				t.Fatal("the bundle has no tables")
			}
			if roles[archive.ReadmeName] != archive.RoleReadme {
				t.Errorf("README.txt has role %q", roles[archive.ReadmeName])
			}
			readme, err := os.ReadFile(filepath.Join(dir, archive.ReadmeName))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{tables.BOM, m.Account.ID, "sha256sum -c " + archive.ManifestSumsName, "csv/" + want[0]} {
				if !bytes.Contains(readme, []byte(s)) {
					t.Errorf("README.txt lacks %q", s)
				}
			}

			out := filepath.Join(t.TempDir(), "tables")
			code, stdout, stderr := farewell(t, ctx, "export", bundle, "--format", "csv", out, "--json")
			if code != ExitOK {
				t.Fatalf("export: exit %d: %s", code, stderr)
			}
			var sum struct {
				Type  string            `json:"message_type"`
				Files []tables.Exported `json:"files"`
			}
			if err := json.Unmarshal([]byte(stdout), &sum); err != nil || sum.Type != "summary" {
				t.Fatalf("export --json printed %q (%v)", stdout, err)
			}
			var got []string
			for _, f := range sum.Files {
				got = append(got, filepath.Base(f.Path))
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("export wrote %v, the bundle has %v", got, want)
			}
			for _, f := range want {
				a, _ := os.ReadFile(filepath.Join(out, f))
				b, _ := os.ReadFile(filepath.Join(dir, archive.TablesDir, f))
				if len(a) == 0 || !bytes.Equal(a, b) {
					t.Errorf("export's %s differs from the bundle's csv/%s", f, f)
				}
			}
		})
	}
}

// TestExportCommand: exit codes and messages of "farewell export".
func TestExportCommand(t *testing.T) {
	ctx := context.Background()
	bundle := packStore(t, makeStore(t, true))
	out := filepath.Join(t.TempDir(), "tables")
	code, stdout, stderr := farewell(t, ctx, "export", bundle, "--format", "csv", out)
	if code != ExitOK || !strings.Contains(stdout, "posts.csv") || !strings.Contains(stdout, "wrote 1 files (2 rows)") {
		t.Fatalf("export: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	dirBundle := filepath.Join(t.TempDir(), "plain")
	os.Mkdir(dirBundle, 0o700)
	writeFiles(t, dirBundle, map[string]string{"notes.txt": "x"})
	code, stdout, stderr = farewell(t, ctx, "pack", dirBundle, "--out", t.TempDir(), "--json")
	if code != ExitOK {
		t.Fatalf("pack: exit %d: %s", code, stderr)
	}
	var packed struct {
		Bundle string `json:"bundle"`
	}
	json.Unmarshal([]byte(stdout), &packed)

	// Folders a failed export must not leave behind.
	x, y := filepath.Join(t.TempDir(), "x"), filepath.Join(t.TempDir(), "y")
	cases := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"files exist", []string{"export", bundle, "--format", "csv", out}, ExitError, "--force"},
		{"forced", []string{"export", bundle, "--format", "csv", out, "--force"}, ExitOK, ""},
		{"unknown format", []string{"export", bundle, "--format", "xlsx", out}, ExitUsage, "only format is csv"},
		{"no folder", []string{"export", bundle, "--format", "csv"}, ExitUsage, "export --help"},
		{"damaged", []string{"export", damageLastFrame(t, bundle), "--format", "csv", x}, ExitCorrupt, "export"},
		{"no records", []string{"export", packed.Bundle, "--format", "csv", y}, ExitError, "no records"},
		{"missing", []string{"export", filepath.Join(t.TempDir(), "none.tar.zst"), "--format", "csv", out}, ExitError, "none.tar.zst"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := farewell(t, ctx, c.args...)
			if code != c.code || !strings.Contains(stderr, c.says) {
				t.Errorf("exit %d, want %d; stderr: %s", code, c.code, stderr)
			}
		})
	}
	for _, p := range []string{x, y} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("a failed export left %s", p)
		}
	}
}
