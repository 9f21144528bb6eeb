package archive

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// structural names a problem may carry when the trailer is damaged.
var structural = []string{whereTrailer, whereSeekTable, whereIndex, whereStream}

func problemNames(rep *Report) []string {
	var out []string
	for _, p := range rep.Integrity.Problems {
		out = append(out, p.Where)
	}
	return out
}

// TestByteFlipsAreCaught flips one byte at many random offsets and checks
// that full verify calls every damaged copy corrupt and names a member the
// damaged frame holds (or, for the trailer, the structure hit).
func TestByteFlipsAreCaught(t *testing.T) {
	tr := genTree(11, 300)
	big := make([]byte, 3<<20) // a member over several frames
	rand.Read(big)
	tr["media/big.bin"] = big
	bundle, _ := packTree(t, tr)
	orig, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(context.Background(), bundle)
	if err != nil {
		t.Fatal(err)
	}
	frames := b.frames
	dataEnd := int64(len(orig)) - b.trailer
	named := func(off int64) []string {
		if off >= dataEnd {
			return structural
		}
		for _, f := range frames {
			if off >= f.cOff && off < f.cOff+int64(f.cSize) {
				return b.membersIn(f.dOff, f.dOff+int64(f.dSize))
			}
		}
		t.Fatalf("offset %d in no frame", off)
		return nil
	}
	b.Close()

	rng := mrand.New(mrand.NewPCG(42, 43))
	offsets := []int64{0, 3, 4, dataEnd - 1, dataEnd, int64(len(orig)) - 1, int64(len(orig)) - 9}
	for range 36 {
		offsets = append(offsets, rng.Int64N(int64(len(orig))))
	}
	dir := t.TempDir()
	for i, off := range offsets {
		mut := slices.Clone(orig)
		mut[off] ^= byte(1 + rng.IntN(255))
		p := filepath.Join(dir, fmt.Sprintf("flip-%d.tar.zst", i))
		if err := os.WriteFile(p, mut, 0o600); err != nil {
			t.Fatal(err)
		}
		rep := verify(t, p, false)
		if rep.Verdict != VerdictCorrupt {
			t.Fatalf("flip at %d: verdict %s", off, rep.Verdict)
		}
		want := named(off)
		ok := false
		for _, where := range problemNames(rep) {
			for _, w := range want {
				if where == w || slices.Contains(strings.Split(where, ", "), w) {
					ok = true
				}
			}
		}
		if !ok {
			t.Errorf("flip at %d: problems name %q, want one of %q", off, problemNames(rep), truncList(want))
		}
		os.Remove(p)
	}
}

func TestTruncationsAreCaught(t *testing.T) {
	bundle, _ := packTree(t, genTree(12, 200))
	orig, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	rng := mrand.New(mrand.NewPCG(5, 6))
	sizes := []int{0, 1, 8, len(orig) / 2, len(orig) - 1, len(orig) - 9, len(orig) - 10}
	for range 20 {
		sizes = append(sizes, rng.IntN(len(orig)))
	}
	dir := t.TempDir()
	for _, n := range sizes {
		p := filepath.Join(dir, "trunc.tar.zst")
		if err := os.WriteFile(p, orig[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		for _, quick := range []bool{true, false} {
			rep := verify(t, p, quick)
			if rep.Verdict != VerdictCorrupt {
				t.Fatalf("truncated to %d (quick=%v): verdict %s", n, quick, rep.Verdict)
			}
			if names := problemNames(rep); !slices.ContainsFunc(names, func(s string) bool { return slices.Contains(structural, s) }) {
				t.Errorf("truncated to %d: problems name %q", n, names)
			}
		}
	}
}

// TestWrongHashIsCaught packs a member whose frames are intact but whose
// manifest hash is wrong: only re-hashing finds it, so quick passes and
// full fails, naming the member.
func TestWrongHashIsCaught(t *testing.T) {
	e := regular("data/posts.jsonl", []byte("{\"id\":\"1\"}\n"))
	bundle := craftBundle(t, []craftEntry{e}, func(m *Manifest) { m.Files[0].SHA256 = strings.Repeat("0", 64) })
	if rep := verify(t, bundle, true); rep.Verdict != VerdictIntact {
		t.Fatalf("quick verdict %s %+v", rep.Verdict, rep.Integrity.Problems)
	}
	rep := verify(t, bundle, false)
	if rep.Verdict != VerdictCorrupt || !slices.Contains(problemNames(rep), "data/posts.jsonl") {
		t.Fatalf("full verdict %s problems %+v", rep.Verdict, rep.Integrity.Problems)
	}
}

func TestHostileBundlesAreRefused(t *testing.T) {
	payload := bytes.Repeat([]byte("x"), 1000)
	outside := filepath.Join(os.TempDir(), fmt.Sprintf("farewell-evil-%d", os.Getpid()))
	os.Remove(outside)
	cases := []struct {
		name    string
		entries []craftEntry
	}{
		{"dotdot member", []craftEntry{regular("../evil", payload)}},
		{"dotdot only in the tar header", []craftEntry{withIndexName(regular("../evil", payload), "evil")}},
		{"absolute path", []craftEntry{withIndexName(regular(outside, payload), "tmp/evil")}},
		{"symlink pointing out", []craftEntry{
			{hdr: tar.Header{Typeflag: tar.TypeSymlink, Name: "link", Linkname: "../../../../../../tmp", Format: tar.FormatPAX}, manifestSize: -1},
			regular("link/"+filepath.Base(outside), payload),
		}},
		{"hard link", []craftEntry{{hdr: tar.Header{Typeflag: tar.TypeLink, Name: "hl", Linkname: "/etc/passwd", Format: tar.FormatPAX}, manifestSize: -1}}},
		{"device", []craftEntry{{hdr: tar.Header{Typeflag: tar.TypeChar, Name: "dev", Devmajor: 1, Devminor: 3, Format: tar.FormatPAX}, manifestSize: -1}}},
		{"member larger than the manifest says", []craftEntry{withManifestSize(regular("media/a.bin", payload), 10)}},
		{"frame that claims a huge window", []craftEntry{regular("ok.txt", []byte("fine")), withFrame(regular("media/bomb.bin", payload), hugeWindowFrame)}},
		{"duplicate name in the tar", []craftEntry{regular("a.txt", payload), withIndexName(regular("a.txt", payload), "b.txt")}},
		{"member missing from the index", []craftEntry{regular("a.txt", payload), notIndexed(regular("b.txt", payload))}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bundle := craftBundle(t, tc.entries)
			rep := verify(t, bundle, false)
			if rep.Verdict != VerdictCorrupt || len(rep.Integrity.Problems) == 0 {
				t.Errorf("verify verdict %s problems %+v", rep.Verdict, rep.Integrity.Problems)
			}
			parent := t.TempDir()
			out := filepath.Join(parent, "out")
			_, err := Extract(context.Background(), bundle, out, ExtractOptions{})
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("extract error = %v, want a corrupt-bundle refusal", err)
			}
			if got := dirFiles(t, parent); len(got) != 0 {
				t.Errorf("extract left files behind: %v", got)
			}
			if _, err := os.Lstat(outside); err == nil {
				os.RemoveAll(outside)
				t.Fatalf("extract wrote %s, outside the target", outside)
			}
			if _, err := os.Lstat(filepath.Join(parent, "evil")); err == nil {
				t.Fatal("extract wrote next to the target")
			}
		})
	}

	t.Run("plain tar.zst without a trailer", func(t *testing.T) {
		var raw bytes.Buffer
		tw := tar.NewWriter(&raw)
		tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: "../evil", Size: 3})
		tw.Write([]byte("bad"))
		tw.Close()
		enc, _ := zstd.NewWriter(nil)
		p := filepath.Join(t.TempDir(), "plain.tar.zst")
		os.WriteFile(p, enc.EncodeAll(raw.Bytes(), nil), 0o600)
		rep := verify(t, p, false)
		if rep.Verdict != VerdictCorrupt {
			t.Fatalf("verdict %s", rep.Verdict)
		}
		parent := t.TempDir()
		if _, err := Extract(context.Background(), p, filepath.Join(parent, "out"), ExtractOptions{}); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("extract error = %v", err)
		}
		if _, err := os.Lstat(filepath.Join(parent, "evil")); err == nil {
			t.Fatal("extract escaped")
		}
	})
}

func withIndexName(e craftEntry, n string) craftEntry          { e.indexName = n; return e }
func withManifestSize(e craftEntry, n int64) craftEntry        { e.manifestSize = n; return e }
func withFrame(e craftEntry, f func([]byte) []byte) craftEntry { e.frame = f; return e }
func notIndexed(e craftEntry) craftEntry                       { e.notInIndex = true; return e }

// TestExtractRefusesToOverwrite keeps an existing file in the target.
func TestExtractRefusesToOverwrite(t *testing.T) {
	bundle, _ := packTree(t, tree{"a.txt": []byte("new"), "d/b.txt": []byte("b")})
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "a.txt"), []byte("mine"), 0o600)
	_, err := Extract(context.Background(), bundle, out, ExtractOptions{})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("extract error = %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "a.txt")); string(got) != "mine" {
		t.Fatal("extract overwrote an existing file")
	}
	if files := dirFiles(t, out); !slices.Equal(files, []string{"a.txt"}) {
		t.Fatalf("extract left %v", files)
	}
}

// failingFile simulates a disk that fills up after limit bytes.
type failingFile struct {
	f     *os.File
	n     int64
	limit int64
}

func (w *failingFile) Write(p []byte) (int, error) {
	if w.n+int64(len(p)) > w.limit {
		k := int(w.limit - w.n)
		w.f.Write(p[:k])
		w.n = w.limit
		return k, &os.PathError{Op: "write", Path: w.f.Name(), Err: syscall.ENOSPC}
	}
	w.n += int64(len(p))
	return w.f.Write(p)
}
func (w *failingFile) Sync() error  { return w.f.Sync() }
func (w *failingFile) Close() error { return w.f.Close() }

func TestPackDiskFull(t *testing.T) {
	src := t.TempDir()
	genTree(9, 400).write(t, src)
	spec, err := DirSpec(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int64{0, 1000, 3 << 20} {
		out := t.TempDir()
		var partial string
		opts := PackOptions{OutDir: out, Tool: testTool, create: func(p string) (bundleFile, error) {
			partial = p
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				return nil, err
			}
			return &failingFile{f: f, limit: limit}, nil
		}}
		_, err := Pack(context.Background(), spec, opts)
		if err == nil {
			t.Fatalf("limit %d: pack succeeded on a full disk", limit)
		}
		if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), partial) {
			t.Errorf("limit %d: error %q does not name the full disk and the file", limit, err)
		}
		if files := dirFiles(t, out); len(files) != 0 {
			t.Errorf("limit %d: pack left %v", limit, files)
		}
	}
}

var _ io.Writer = (*failingFile)(nil)

// TestExtractRemovesWhatItMade refuses a bundle (a member whose sha256 is
// wrong, found only once its bytes are written) and interrupts an
// extraction midway. Either way the target folder, and the parents
// extract made for it, must be gone, while a target that existed before
// stays, empty.
func TestExtractRemovesWhatItMade(t *testing.T) {
	bad := craftBundle(t, []craftEntry{regular("a/b.txt", []byte("one")), regular("c.txt", []byte("two"))},
		func(m *Manifest) { m.Files[1].SHA256 = strings.Repeat("0", 64) })
	big, _ := packTree(t, genTree(21, 200))
	cases := []struct {
		name    string
		bundle  string
		exists  bool // the target folder exists before
		cancel  bool // interrupt after the first bytes
		wantErr error
	}{
		{"refused, new folder", bad, false, false, ErrCorrupt},
		{"refused, existing folder", bad, true, false, ErrCorrupt},
		{"interrupted, new folder", big, false, true, context.Canceled},
		{"interrupted, existing folder", big, true, true, context.Canceled},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			target := filepath.Join(parent, "new", "out")
			if tc.exists {
				if err := os.MkdirAll(target, 0o700); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			opts := ExtractOptions{Progress: func(done, total int64) {
				if tc.cancel {
					cancel()
				}
			}}
			_, err := Extract(ctx, tc.bundle, target, opts)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("extract: %v, want %v", err, tc.wantErr)
			}
			var want []string
			if tc.exists {
				want = []string{"new", "new/out"}
			}
			var got []string
			filepath.WalkDir(parent, func(p string, d os.DirEntry, err error) error {
				if rel, _ := filepath.Rel(parent, p); rel != "." {
					got = append(got, filepath.ToSlash(rel))
				}
				return nil
			})
			if !slices.Equal(got, want) {
				t.Fatalf("left %v, want %v", got, want)
			}
		})
	}
}
