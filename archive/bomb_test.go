package archive

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/parsers/record"
)

// zpart is a piece of a hand-made zstd frame: bytes, or a run of zeros.
type zpart struct {
	raw   []byte
	zeros int64
}

// zstdFrame returns a zstd frame holding parts in order: bytes as raw
// blocks, zero runs as RLE blocks of four bytes each, so a frame of
// gigabytes costs kilobytes and no memory to make. The header declares the
// content size (as a hostile bundle would, to tempt a decoder into
// reserving it) and a 1 MiB window; there is no checksum.
func zstdFrame(parts ...zpart) []byte {
	const maxBlock = 128 << 10
	var total int64
	for _, p := range parts {
		total += int64(len(p.raw)) + p.zeros
	}
	b := binary.LittleEndian.AppendUint32(nil, zstdFrameMagic)
	b = append(b, 0xC0)  // 8-byte content size, window descriptor follows, no checksum
	b = append(b, 10<<3) // window 2^(10+10) = 1 MiB
	b = binary.LittleEndian.AppendUint64(b, uint64(total))
	last := -1 // offset of the last block header
	block := func(typ, size uint32) {
		last = len(b)
		h := size<<3 | typ<<1
		b = append(b, byte(h), byte(h>>8), byte(h>>16))
	}
	for _, p := range parts {
		for raw := p.raw; len(raw) > 0; {
			n := min(len(raw), maxBlock)
			block(0, uint32(n))
			b = append(b, raw[:n]...)
			raw = raw[n:]
		}
		for z := p.zeros; z > 0; {
			n := min(z, maxBlock)
			block(1, uint32(n))
			b = append(b, 0)
			z -= n
		}
	}
	if last < 0 {
		block(0, 0)
	}
	b[last] |= 1 // last block
	return b
}

// zeroSum returns the sha256 of prefix followed by n zeros, without
// holding them.
func zeroSum(prefix []byte, n int64) []byte {
	h := sha256.New()
	h.Write(prefix)
	zero := make([]byte, 1<<20)
	for ; n > 0; n -= int64(len(zero)) {
		h.Write(zero[:min(n, int64(len(zero)))])
	}
	return h.Sum(nil)
}

// paxHeader returns the header blocks Pack writes before a member.
func paxHeader(t testing.TB, name string, size int64) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o600, Format: tar.FormatPAX}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bombMember is a member of a hand-made bundle: its bytes, or a run of
// zeros that costs nothing to store.
type bombMember struct {
	name  string
	data  []byte
	zeros int64
}

// bombBundle writes a bundle of members with a correct index and seek
// table but no other check: each member's header and data are frames of
// their own, zero runs are RLE frames of up to 16 MiB.
func bombBundle(t testing.TB, dir string, members []bombMember) string {
	t.Helper()
	var out bytes.Buffer
	var frames []frameInfo
	var off int64
	addFrame := func(parts ...zpart) {
		f := zstdFrame(parts...)
		var n int64
		for _, p := range parts {
			n += int64(len(p.raw)) + p.zeros
		}
		frames = append(frames, frameInfo{cSize: uint32(len(f)), dSize: uint32(n), checksum: binary.LittleEndian.Uint32(f[len(f)-4:])})
		out.Write(f)
		off += n
	}
	ix := &index{}
	for _, m := range members {
		size := int64(len(m.data)) + m.zeros
		hdr := paxHeader(t, m.name, size)
		ix.members = append(ix.members, Member{Name: m.name, Size: size, hdrOff: off, dataOff: off + int64(len(hdr))})
		pad := make([]byte, (blockSize-size%blockSize)%blockSize)
		addFrame(zpart{raw: hdr}, zpart{raw: m.data})
		for z := m.zeros; z > 0; z -= maxFrameDecoded {
			addFrame(zpart{zeros: min(z, maxFrameDecoded)})
		}
		if len(pad) > 0 {
			addFrame(zpart{raw: pad})
		}
	}
	addFrame(zpart{zeros: 2 * blockSize})
	ix.streamSize = off
	seek := encodeSeekTable(frames)
	ix.seekSum = sha256.Sum256(seek)
	enc, err := newEncoder(1)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	out.Write(encodeIndexFrame(enc.EncodeAll(encodeIndexPayload(ix), nil)))
	out.Write(seek)
	p := filepath.Join(dir, "bomb.tar.zst")
	if err := os.WriteFile(p, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// withIndexPayload rewrites a bundle's member index: prefix, then zeros
// zero bytes, then a valid seal over both, in a frame of a few kilobytes.
func withIndexPayload(t testing.TB, bundle string, prefix []byte, zeros int64) {
	t.Helper()
	b, err := Open(context.Background(), bundle)
	if err != nil {
		t.Fatal(err)
	}
	trailer := b.trailer
	b.Close()
	raw, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	seekSize, _, err := seekTableSize(raw[len(raw)-seekFooterSize:])
	if err != nil {
		t.Fatal(err)
	}
	data, seek := raw[:int64(len(raw))-trailer], raw[int64(len(raw))-seekSize:]
	frame := encodeIndexFrame(zstdFrame(zpart{raw: prefix}, zpart{zeros: zeros}, zpart{raw: zeroSum(prefix, zeros)}))
	if err := os.WriteFile(bundle, append(append(append([]byte{}, data...), frame...), seek...), 0o600); err != nil {
		t.Fatal(err)
	}
}

// indexHead returns the start of an index payload for a bundle: magic,
// version, its stream size and seek-table checksum, and a member count.
func indexHead(t testing.TB, bundle string, count uint64) []byte {
	t.Helper()
	b, err := Open(context.Background(), bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	head := append([]byte("FWIX"), indexFormatVersion)
	head = binary.AppendUvarint(head, uint64(b.ix.streamSize))
	head = append(head, b.ix.seekSum[:]...)
	return binary.AppendUvarint(head, count)
}

// allocated returns the bytes f allocates on the heap, in total (freed
// or not: TotalAlloc only grows).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// memBound is what reading a hostile bundle's trailer, manifest and
// checksum file may allocate: a few frames' worth.
const memBound = 64 << 20

// TestDeclaredSizesCostNoMemory opens, lists, quickly verifies and
// extracts bundles of a few kilobytes whose index, manifest or checksum
// file declares gigabytes. Each must be refused as corrupt, naming what is
// wrong, within a few frames' worth of memory.
func TestDeclaredSizesCostNoMemory(t *testing.T) {
	manifest := func(t *testing.T, files ...File) []byte {
		m := &Manifest{Format: ManifestFormat, FormatVersion: ManifestFormatVersion, Tool: testTool, Platform: PlatformDir,
			Account: Account{ID: "bomb"}, Collections: Collections{}, Files: files, Totals: Totals{Files: len(files)}}
		for _, f := range files {
			m.Totals.Bytes += f.Bytes
		}
		b, err := marshalManifest(m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	hello := []byte("hello")
	helloSum := sha256.Sum256(hello)
	helloFile := File{Path: "a.txt", Bytes: 5, SHA256: hex.EncodeToString(helloSum[:]), Role: RoleFile}
	cases := []struct {
		name  string
		make  func(t *testing.T, dir string) string
		where string
		says  string
	}{
		{"index claims 20 million members", func(t *testing.T, dir string) string {
			p := craftBundle(t, []craftEntry{regular("a.txt", hello)})
			withIndexPayload(t, p, indexHead(t, p, 20_000_000), 20_000_000)
			return p
		}, whereIndex, "claims 20000000 members"},
		{"index claims 250 million members", func(t *testing.T, dir string) string {
			p := craftBundle(t, []craftEntry{regular("a.txt", hello)})
			withIndexPayload(t, p, indexHead(t, p, 250_000_000), 250_000_000)
			return p
		}, whereIndex, "claims 250000000 members"},
		{"index of 256 MiB of zeros after its count", func(t *testing.T, dir string) string {
			p := craftBundle(t, []craftEntry{regular("a.txt", hello)})
			withIndexPayload(t, p, indexHead(t, p, 1), maxIndexPayload-200)
			return p
		}, whereIndex, "empty member name"},
		{"MANIFEST.json is 1 GiB of zeros", func(t *testing.T, dir string) string {
			return bombBundle(t, dir, []bombMember{{name: "a.txt", data: hello}, {name: ManifestName, zeros: 1 << 30},
				{name: ManifestSumsName, data: sumsFile([]File{helloFile}, [32]byte{})}})
		}, ManifestName, "a manifest of 3 members can need"},
		{"MANIFEST.json is 30 MiB of zeros, within its limit", func(t *testing.T, dir string) string {
			return bombBundle(t, dir, []bombMember{{name: "a.txt", data: hello}, {name: ManifestName, zeros: 30 << 20},
				{name: ManifestSumsName, data: sumsFile([]File{helloFile}, [32]byte{})}})
		}, ManifestName, "not valid JSON"},
		{"manifest-sha256.txt is 1 GiB of zeros", func(t *testing.T, dir string) string {
			return bombBundle(t, dir, []bombMember{{name: "a.txt", data: hello}, {name: ManifestName, data: manifest(t, helloFile)},
				{name: ManifestSumsName, zeros: 1 << 30}})
		}, ManifestSumsName, "for the manifest's 1 files can need"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bundle := tc.make(t, t.TempDir())
			if st, err := os.Stat(bundle); err != nil || st.Size() > 64<<10 {
				t.Fatalf("the crafted bundle should be small: %v, %v", st.Size(), err)
			}
			check := func(what string, err error) {
				t.Helper()
				var ce *CorruptError
				if !errors.As(err, &ce) || ce.Where != tc.where || !strings.Contains(ce.Err.Error(), tc.says) {
					t.Errorf("%s: error %v, want one at %q saying %q", what, err, tc.where, tc.says)
				}
			}
			// ls: open and read the manifest.
			if n := allocated(func() {
				b, err := Open(context.Background(), bundle)
				if err == nil {
					_, err = b.Manifest()
					if tc.where == ManifestSumsName {
						_, err = b.quickCheck()
					}
					b.Close()
				}
				check("ls", err)
			}); n > memBound {
				t.Errorf("ls allocated %d MiB", n>>20)
			}
			// verify --quick.
			if n := allocated(func() {
				rep, err := Verify(context.Background(), bundle, VerifyOptions{Quick: true})
				if err != nil {
					t.Fatalf("verify: %v", err)
				}
				if rep.Verdict != VerdictCorrupt || len(rep.Integrity.Problems) != 1 || rep.Integrity.Problems[0].Where != tc.where ||
					!strings.Contains(rep.Integrity.Problems[0].Detail, tc.says) {
					t.Errorf("verify --quick: verdict %s, problems %+v", rep.Verdict, rep.Integrity.Problems)
				}
			}); n > memBound {
				t.Errorf("verify --quick allocated %d MiB", n>>20)
			}
			// extract.
			out := filepath.Join(t.TempDir(), "out")
			if n := allocated(func() {
				_, err := Extract(context.Background(), bundle, out, ExtractOptions{})
				check("extract", err)
			}); n > memBound {
				t.Errorf("extract allocated %d MiB", n>>20)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("extract left its target folder")
			}
		})
	}
}

// TestScreenCheckStreamsRecords checks the screenshot proof of a record
// file of 6 MiB of blank lines: reading it line by line allocates about
// its frames, where splitting it whole took 24 bytes per line.
func TestScreenCheckStreamsRecords(t *testing.T) {
	spec := dmSpec(t, func(files tree, _ map[string]*record.ScreenIndex) {
		files["data/messages.jsonl"] = append(files["data/messages.jsonl"], bytes.Repeat([]byte("\n"), 6<<20)...)
	})
	b, err := Open(context.Background(), packSpec(t, spec))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	st, err := b.quickCheck()
	if err != nil || len(st.problems) > 0 {
		t.Fatalf("quick check: %v %+v", err, st.problems)
	}
	rep := &Report{}
	if n := allocated(func() {
		if err := b.checkScreens(st, rep); err != nil {
			t.Fatal(err)
		}
	}); n > 16<<20 {
		t.Errorf("the screenshot check allocated %d MiB for a 6 MiB record file", n>>20)
	}
	if len(rep.Unproven) != 0 {
		t.Errorf("unproven: %+v", rep.Unproven)
	}
}
