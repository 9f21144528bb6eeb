package archive

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallBundle returns the bytes of a small valid bundle for seeding.
func smallBundle(f *testing.F) []byte {
	dir := f.TempDir()
	tree{"data/posts.jsonl": []byte("{\"id\":\"1\"}\n"), "a.json": []byte(`{"ok":1}`), "媒体/x.bin": bytes.Repeat([]byte{1, 2, 3}, 500)}.writeF(f, dir)
	spec, err := DirSpec(context.Background(), dir)
	if err != nil {
		f.Fatal(err)
	}
	res, err := Pack(context.Background(), spec, PackOptions{OutDir: f.TempDir(), Tool: testTool})
	if err != nil {
		f.Fatal(err)
	}
	b, err := os.ReadFile(res.Path)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

// FuzzBundle feeds arbitrary files to the reader, verify, extract and the
// records reader. None may panic, every failure must be reported as
// corruption, and anything verify calls intact must extract to files that
// verify's own checks hold, and give its records whole.
func FuzzBundle(f *testing.F) {
	valid := smallBundle(f)
	f.Add(valid)
	f.Add(valid[:len(valid)-1])
	f.Add([]byte{})
	flipped := bytes.Clone(valid)
	flipped[len(flipped)/2] ^= 0xff
	f.Add(flipped)
	// One folder per worker process, reused: the fuzz function runs
	// sequentially within a worker.
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "b.tar.zst")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := Verify(context.Background(), p, VerifyOptions{})
		if err != nil {
			t.Fatalf("verify returned an error instead of a report: %v", err)
		}
		out := filepath.Join(dir, "out")
		defer os.RemoveAll(out)
		_, xerr := Extract(context.Background(), p, out, ExtractOptions{})
		// The records reader: what verify calls intact reads whole;
		// anything else fails as corruption, if at all.
		_, rerr := EachRecordFile(context.Background(), p, func(rf RecordFile) error {
			_, err := io.Copy(io.Discard, rf.R)
			return err
		})
		if rerr != nil && (rep.Verdict != VerdictCorrupt || !errors.Is(rerr, ErrCorrupt)) {
			t.Fatalf("verify says %s, the records reader failed with %v", rep.Verdict, rerr)
		}
		switch rep.Verdict {
		case VerdictCorrupt:
			if xerr == nil {
				t.Fatalf("extract accepted a bundle verify calls corrupt: %+v", rep.Integrity.Problems)
			}
			if !errors.Is(xerr, ErrCorrupt) {
				t.Fatalf("extract failed with a non-corruption error: %v", xerr)
			}
		default:
			if xerr != nil {
				t.Fatalf("verify says %s but extract failed: %v", rep.Verdict, xerr)
			}
		}
	})
}

func FuzzManifest(f *testing.F) {
	f.Add([]byte(`{"format":"farewell-bundle","format_version":1,"platform":"dir","account":{"id":"x"},"collections":{},"files":[],"totals":{"files":0,"bytes":0}}`))
	f.Add([]byte(`{"format":"farewell-bundle","format_version":1,"collections":{"posts":{"expected":null,"captured":1}},"files":[{"path":"../a","bytes":1,"sha256":"` + string(bytes.Repeat([]byte("a"), 64)) + `"}],"totals":{"files":1,"bytes":1}}`))
	if raw, err := os.ReadFile(filepath.Join("testdata", "manifest.golden.json")); err == nil {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseManifest(data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error not marked corrupt: %v", err)
			}
			return
		}
		for _, fl := range m.Files {
			if CheckName(fl.Path) != nil {
				t.Fatalf("accepted unsafe path %q", fl.Path)
			}
		}
		b, err := marshalManifest(m)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parseManifest(b); err != nil {
			t.Fatalf("re-parse of a marshalled manifest failed: %v", err)
		}
	})
}

// FuzzIndexPayload feeds index payloads, followed by a run of zeros of
// up to the payload limit, through the reader Open uses, compressed in a
// frame that declares its whole size. Whatever the payload claims, the
// reader must refuse it as corruption or decode an index that round trips,
// and allocate no more than a few frames' worth plus what the entries
// really present need.
func FuzzIndexPayload(f *testing.F) {
	ix := &index{streamSize: 4096, members: []Member{{Name: "a/b.json", Size: 10, hdrOff: 0, dataOff: 512}, {Name: "c", Size: 0, hdrOff: 1024, dataOff: 1536}}}
	valid := encodeIndexPayload(ix)
	f.Add(valid, uint32(0), uint64(4096))
	f.Add([]byte("FWIX"), uint32(0), uint64(4096))
	// Counts of 20 and 250 million, the rest zeros.
	for _, count := range []uint64{20_000_000, 250_000_000} {
		head := append([]byte("FWIX"), indexFormatVersion)
		head = binary.AppendUvarint(head, 1<<40)
		head = append(head, make([]byte, 32)...)
		f.Add(binary.AppendUvarint(head, count), uint32(count), uint64(1<<40))
	}
	f.Add(valid[:len(valid)-32], uint32(maxIndexPayload-len(valid)), uint64(4096))
	f.Fuzz(func(t *testing.T, data []byte, zeros uint32, streamSize uint64) {
		zeros = min(zeros, maxIndexPayload)
		stream := int64(min(streamSize, 1<<50))
		frame := zstdFrame(zpart{raw: data}, zpart{zeros: int64(zeros)})
		var got *index
		var err error
		if n := allocated(func() { got, err = readIndex(frame, stream) }); n > memBound+128*uint64(len(data)) {
			t.Fatalf("reading a %d-byte payload and %d zeros allocated %d MiB", len(data), zeros, n>>20)
		}
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error not marked corrupt: %v", err)
			}
			return
		}
		again, err := decodeIndexPayload(bytes.NewReader(encodeIndexPayload(got)), got.streamSize)
		if err != nil || len(again.members) != len(got.members) || again.streamSize != got.streamSize {
			t.Fatalf("re-encoded index does not round trip: %v", err)
		}
	})
}

// FuzzManifestMemory packs a bundle whose MANIFEST.json and
// manifest-sha256.txt are the fuzzer's bytes followed by runs of zeros of
// up to 4 GiB (stored as a few kilobytes), then lists and quickly
// verifies it. Both must end in a report or a corruption error within a
// few frames' worth of memory plus the bytes really given.
func FuzzManifestMemory(f *testing.F) {
	golden, _ := os.ReadFile(filepath.Join("testdata", "manifest.golden.json"))
	f.Add(golden, uint32(0), []byte("0000000000000000000000000000000000000000000000000000000000000000  a\n"), uint32(0))
	f.Add([]byte{}, uint32(1<<30), []byte{}, uint32(0))
	f.Add(golden, uint32(0), []byte{}, uint32(1<<30))
	f.Add([]byte(`{"format":"`), uint32(30<<20), []byte{}, uint32(0))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, manifest []byte, mzeros uint32, sums []byte, szeros uint32) {
		bundle := bombBundle(t, dir, []bombMember{{name: "a.txt", data: []byte("hello")},
			{name: ManifestName, data: manifest, zeros: int64(mzeros)}, {name: ManifestSumsName, data: sums, zeros: int64(szeros)}})
		bound := memBound + 64*uint64(len(manifest)+len(sums))
		if n := allocated(func() {
			b, err := Open(context.Background(), bundle)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer b.Close()
			if _, err := b.Manifest(); err != nil && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("manifest error not marked corrupt: %v", err)
			}
		}); n > bound {
			t.Fatalf("ls allocated %d MiB", n>>20)
		}
		if n := allocated(func() {
			if _, err := Verify(context.Background(), bundle, VerifyOptions{Quick: true}); err != nil {
				t.Fatalf("verify returned an error instead of a report: %v", err)
			}
		}); n > bound {
			t.Fatalf("verify --quick allocated %d MiB", n>>20)
		}
	})
}

func FuzzSums(f *testing.F) {
	f.Add([]byte("0000000000000000000000000000000000000000000000000000000000000000  a\n"))
	f.Add([]byte("zz  a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sums, err := parseSums(data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error not marked corrupt: %v", err)
			}
			return
		}
		for _, s := range sums {
			if len(s) != 64 || !isLowerHex(s) {
				t.Fatalf("accepted malformed sum %q", s)
			}
		}
	})
}

// FuzzHeaderBlocks feeds header regions to the raw header check. What it
// accepts must be whole blocks ending in one regular-file header, which
// Go's tar reader reads as a regular file without error.
func FuzzHeaderBlocks(f *testing.F) {
	f.Add(paxHeader(f, "a.txt", 5))
	f.Add(paxHeader(f, strings.Repeat("长", 60)+"/x.json", 1<<34))
	f.Add(bytes.Join([][]byte{gnuLongName(tar.TypeGNULongName, "evil.txt"), paxBlocks(tar.TypeXHeader, "path", "a.txt"),
		ustarBlock(tar.TypeReg, "a.txt", 5, posixMagic)}, nil))
	f.Add(append(paxBlocks(tar.TypeXHeader, "GNU.sparse.size", "5"), ustarBlock(tar.TypeReg, "a.txt", 5, posixMagic)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		if checkHeaderBlocks(b) != nil {
			return
		}
		if len(b)%blockSize != 0 || b[len(b)-blockSize+ustarTypeflag] != tar.TypeReg {
			t.Fatalf("accepted a region of %d bytes not ending in a regular-file header", len(b))
		}
		hdr, err := tar.NewReader(bytes.NewReader(append(bytes.Clone(b), make([]byte, 2*blockSize)...))).Next()
		if err == nil && hdr.Typeflag != tar.TypeReg {
			t.Fatalf("accepted a header Go reads as type %q", hdr.Typeflag)
		}
	})
}
