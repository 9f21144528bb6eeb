package archive

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	big := make([]byte, 17<<20) // a member spread over many frames, larger than any one frame may decode to (16 MiB)
	rand.Read(big)
	cases := []struct {
		name string
		tree tree
	}{
		{"thousands of files", genTree(1, 3000)},
		{"large member", tree{"media/video.mp4": big, "data/posts.jsonl": []byte("{\"id\":\"1\"}\n"), "空.txt": nil}},
		{"empty directory", tree{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			bundle, _ := packTree(t, tc.tree)

			for _, quick := range []bool{true, false} {
				rep := verify(t, bundle, quick)
				if rep.Verdict != VerdictIntact || !rep.Integrity.OK {
					t.Fatalf("verify (quick=%v) = %s %+v", quick, rep.Verdict, rep.Integrity.Problems)
				}
				if rep.Integrity.Files != len(tc.tree) {
					t.Errorf("verify counted %d files, want %d", rep.Integrity.Files, len(tc.tree))
				}
			}

			// Random access: every member reads back exactly.
			b, err := Open(ctx, bundle)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			m, err := b.Manifest()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range m.Files {
				got = append(got, f.Path)
				data, err := b.ReadFile(f.Path, 1<<30)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(data, tc.tree[f.Path]) {
					t.Fatalf("%s: content differs", f.Path)
				}
			}
			if want := tc.tree.names(); !slices.Equal(sorted(got), want) {
				t.Fatalf("manifest lists %d files, tree has %d", len(got), len(want))
			}

			// Extraction reproduces the tree, and sha256sum agrees.
			out := filepath.Join(t.TempDir(), "out")
			if _, err := Extract(ctx, bundle, out, ExtractOptions{}); err != nil {
				t.Fatal(err)
			}
			want := append(tc.tree.names(), ManifestName, ManifestSumsName)
			if files := dirFiles(t, out); !slices.Equal(files, sorted(want)) {
				t.Fatalf("extracted %d files, want %d", len(files), len(want))
			}
			for name, data := range tc.tree {
				disk, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
				if err != nil || !bytes.Equal(disk, data) {
					t.Fatalf("%s: extracted content differs (%v)", name, err)
				}
			}
			sha := requireTool(t, "sha256sum")
			cmd := exec.Command(sha, "--quiet", "--strict", "-c", ManifestSumsName)
			cmd.Dir = out
			if outp, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("sha256sum -c: %v\n%s", err, outp)
			}

			// tar --zstd lists exactly the manifest's members.
			requireTool(t, "zstd")
			tarBin := requireTool(t, "tar")
			listing, err := exec.Command(tarBin, "--zstd", "-tf", bundle).Output()
			if err != nil {
				t.Fatalf("tar --zstd -tf: %v", err)
			}
			lines := strings.Split(strings.TrimSuffix(string(listing), "\n"), "\n")
			if len(tc.tree) == 0 && len(lines) == 1 && lines[0] == "" {
				lines = nil
			}
			lines = slices.DeleteFunc(lines, func(s string) bool { return s == "" })
			if !slices.Equal(sorted(lines), sorted(want)) {
				t.Fatalf("tar lists %v\nmanifest %v", truncList(lines), truncList(want))
			}
		})
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func truncList(s []string) []string {
	if len(s) > 10 {
		return append(slices.Clone(s[:10]), "...")
	}
	return s
}

// TestTarExtractsBundle checks the promise that plain tar extracts a bundle
// to the same bytes farewell does.
func TestTarExtractsBundle(t *testing.T) {
	requireTool(t, "zstd")
	tarBin := requireTool(t, "tar")
	tr := genTree(7, 300)
	bundle, _ := packTree(t, tr)
	out := t.TempDir()
	if outp, err := exec.Command(tarBin, "--zstd", "-xf", bundle, "-C", out).CombinedOutput(); err != nil {
		t.Fatalf("tar -x: %v\n%s", err, outp)
	}
	for name, data := range tr {
		disk, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(disk, data) {
			t.Fatalf("%s: tar extracted different content (%v)", name, err)
		}
	}
}

// TestOpenMemberReadsOnlyItsFrames shows that reading one member costs one
// frame, however large the bundle: the reader never decodes anything else.
func TestOpenMemberReadsOnlyItsFrames(t *testing.T) {
	tr := genTree(3, 2000)
	big := make([]byte, 8<<20) // eight frames of its own
	rand.Read(big)
	tr["media/zz-big.bin"] = big
	bundle, _ := packTree(t, tr)
	b, err := Open(context.Background(), bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if len(b.frames) < 20 {
		t.Fatalf("only %d frames; the test needs a bundle of many frames", len(b.frames))
	}
	small := []string{ManifestName}
	for _, name := range tr.names() {
		if n := len(tr[name]); n > 0 && n < 4096 && len(small) < 6 {
			small = append(small, name)
		}
	}
	for _, name := range small {
		// A cold bundle each time: no frame cached from an earlier read.
		cold, err := Open(context.Background(), bundle)
		if err != nil {
			t.Fatal(err)
		}
		r, err := cold.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			t.Fatal(err)
		}
		if m, _ := cold.Member(name); r.loads != 1 {
			t.Errorf("%s (%d bytes): decoded %d frames, want 1", name, m.Size, r.loads)
		}
		cold.Close()
	}
	// Seeking into the middle of a large member decodes only the frame
	// holding that position.
	r, err := b.Open("media/zz-big.bin")
	if err != nil {
		t.Fatal(err)
	}
	off := int64(len(big)) - 12345
	if _, err := r.Seek(off, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	tail, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(tail, big[off:]) {
		t.Fatal("seeked read differs")
	}
	if r.loads > 2 {
		t.Errorf("seek to the end decoded %d frames, want at most 2", r.loads)
	}
}

func TestDirSpecRefusesAndSkips(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		setup   func(dir string) error
		wantErr string
	}{
		{"backslash in name", func(d string) error { return os.WriteFile(filepath.Join(d, `a\b`), nil, 0o644) }, "backslash"},
		{"newline in name", func(d string) error { return os.WriteFile(filepath.Join(d, "a\nb"), nil, 0o644) }, "control character"},
		{"reserved manifest name", func(d string) error { return os.WriteFile(filepath.Join(d, ManifestName), nil, 0o644) }, "reserved"},
		{"case collision", func(d string) error {
			os.WriteFile(filepath.Join(d, "Posts.json"), nil, 0o644)
			return os.WriteFile(filepath.Join(d, "posts.json"), nil, 0o644)
		}, "differ only by case"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := tc.setup(dir); err != nil {
				t.Fatal(err)
			}
			_, err := DirSpec(ctx, dir)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("DirSpec error = %v, want one mentioning %q", err, tc.wantErr)
			}
		})
	}

	t.Run("symlink skipped with a warning", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "real.txt"), []byte("x"), 0o644)
		if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link")); err != nil {
			t.Fatal(err)
		}
		spec, err := DirSpec(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(spec.Files) != 1 || spec.Files[0].Name != "real.txt" {
			t.Fatalf("files = %+v", spec.Files)
		}
		if len(spec.Warnings) != 1 || !strings.Contains(spec.Warnings[0], "link") {
			t.Fatalf("warnings = %v", spec.Warnings)
		}
	})
}

func TestBundleName(t *testing.T) {
	ts := mustTime("2026-11-23T10:11:12+08:00")
	cases := []struct{ platform, account, want string }{
		{"weibo", "1234567890", "farewell-weibo-1234567890-20261123T021112Z.tar.zst"},
		{"dir", "我的 备份/x", "farewell-dir-我的_备份_x-20261123T021112Z.tar.zst"},
		{"dir", "..", "farewell-dir-unnamed-20261123T021112Z.tar.zst"},
	}
	for _, tc := range cases {
		if got := BundleName(tc.platform, tc.account, ts); got != tc.want {
			t.Errorf("BundleName(%q, %q) = %q, want %q", tc.platform, tc.account, got, tc.want)
		}
	}
}
