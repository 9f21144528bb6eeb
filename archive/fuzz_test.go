package archive

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
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

// FuzzBundle feeds arbitrary files to the reader, verify and extract. None
// may panic, every failure must be reported as corruption, and anything
// verify calls intact must extract to files that verify's own checks hold.
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

func FuzzIndexPayload(f *testing.F) {
	ix := &index{streamSize: 4096, members: []Member{{Name: "a/b.json", Size: 10, hdrOff: 0, dataOff: 512}, {Name: "c", Size: 0, hdrOff: 1024, dataOff: 1536}}}
	f.Add(encodeIndexPayload(ix))
	f.Add([]byte("FWIX"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeIndexPayload(bytes.NewReader(data), 4096)
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
