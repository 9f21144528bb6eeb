package archive

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// craftEntry is one tar entry of a hand-made bundle. The index and the
// manifest describe it as indexName (default: the tar name) with
// manifestSize bytes (default: its data), so a test can make the three
// disagree the way a hostile bundle would.
type craftEntry struct {
	hdr          tar.Header
	data         []byte
	indexName    string
	manifestSize int64 // -1: len(data)
	notInIndex   bool
	// frame, if set, replaces the compressed frame that starts with this
	// entry.
	frame func(raw []byte) []byte
	// rawHeader, if set, is written as the entry's header blocks instead
	// of hdr, for headers Go's tar writer cannot make.
	rawHeader []byte
}

func regular(name string, data []byte) craftEntry {
	return craftEntry{hdr: tar.Header{Typeflag: tar.TypeReg, Name: name, Size: int64(len(data)), Mode: 0o600, Format: tar.FormatPAX}, data: data, manifestSize: -1}
}

// craftBundle writes a bundle from entries without any of Pack's checks,
// adding a matching MANIFEST.json and manifest-sha256.txt, one frame per
// entry, the member index and the seek table.
func craftBundle(t *testing.T, entries []craftEntry, mutate ...func(*Manifest)) string {
	t.Helper()
	var stream bytes.Buffer
	tw := tar.NewWriter(&stream)
	var members []Member
	var cuts []int64
	hooks := map[int64]func([]byte) []byte{}
	var files []File
	add := func(e craftEntry) {
		tw.Flush()
		hdrOff := int64(stream.Len())
		if e.rawHeader != nil {
			stream.Write(e.rawHeader)
		} else if err := tw.WriteHeader(&e.hdr); err != nil {
			t.Fatalf("craft %q: %v", e.hdr.Name, err)
		}
		dataOff := int64(stream.Len())
		switch {
		case e.rawHeader != nil:
			stream.Write(blocks(e.data))
		case len(e.data) > 0:
			if _, err := tw.Write(e.data); err != nil {
				t.Fatal(err)
			}
		}
		cuts = append(cuts, hdrOff)
		if e.frame != nil {
			hooks[hdrOff] = e.frame
		}
		name := e.indexName
		if name == "" {
			name = e.hdr.Name
		}
		if !e.notInIndex {
			members = append(members, Member{Name: name, Size: e.hdr.Size, hdrOff: hdrOff, dataOff: dataOff})
		}
		if name != ManifestName && name != ManifestSumsName {
			size := e.manifestSize
			if size < 0 {
				size = int64(len(e.data))
			}
			sum := sha256.Sum256(e.data)
			files = append(files, File{Path: name, Bytes: size, SHA256: hex.EncodeToString(sum[:]), Role: RoleOf(name)})
		}
	}
	for _, e := range entries {
		add(e)
	}
	var total int64
	for _, f := range files {
		total += f.Bytes
	}
	m := &Manifest{Format: ManifestFormat, FormatVersion: ManifestFormatVersion, Tool: testTool,
		CreatedAt: time.Unix(1700000000, 0).UTC(), Platform: PlatformDir, Account: Account{ID: "crafted"},
		Collections: Collections{}, Files: files, Totals: Totals{Files: len(files), Bytes: total}}
	for _, f := range mutate {
		f(m)
	}
	mb, err := marshalManifest(m)
	if err != nil {
		t.Fatal(err)
	}
	add(regular(ManifestName, mb))
	add(regular(ManifestSumsName, sumsFile(files, sha256.Sum256(mb))))
	tw.Close()
	raw := stream.Bytes()
	cuts = append(cuts, int64(len(raw)))

	enc, err := newEncoder(1)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	var out bytes.Buffer
	var frames []frameInfo
	for i := 0; i+1 < len(cuts); i++ {
		part := raw[cuts[i]:cuts[i+1]]
		if i+2 == len(cuts) {
			part = raw[cuts[i]:] // the last frame also holds the end-of-archive blocks
		}
		var comp []byte
		if h := hooks[cuts[i]]; h != nil {
			comp = h(part)
		} else {
			comp = enc.EncodeAll(part, nil)
		}
		frames = append(frames, frameInfo{cSize: uint32(len(comp)), dSize: uint32(len(part)),
			checksum: binary.LittleEndian.Uint32(comp[len(comp)-4:])})
		out.Write(comp)
		if i+2 == len(cuts) {
			break
		}
	}
	seek := encodeSeekTable(frames)
	ix := &index{streamSize: int64(len(raw)), seekSum: sha256.Sum256(seek), members: members}
	out.Write(encodeIndexFrame(enc.EncodeAll(encodeIndexPayload(ix), nil)))
	out.Write(seek)
	path := filepath.Join(t.TempDir(), "crafted.tar.zst")
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// hugeWindowFrame returns a valid zstd frame holding raw as one raw block,
// whose header asks the decoder for a 1 GiB window.
func hugeWindowFrame(raw []byte) []byte {
	var b []byte
	b = binary.LittleEndian.AppendUint32(b, zstdFrameMagic)
	b = append(b, 0x00)  // frame header descriptor: no FCS, no checksum, window descriptor follows
	b = append(b, 20<<3) // window descriptor: exponent 20, mantissa 0: 2^(10+20) bytes = 1 GiB
	for len(raw) > 0 {
		n := min(len(raw), 64<<10)
		last := 0
		if n == len(raw) {
			last = 1
		}
		h := uint32(n)<<3 | uint32(last) // raw block
		b = append(b, byte(h), byte(h>>8), byte(h>>16))
		b = append(b, raw[:n]...)
		raw = raw[n:]
	}
	return b
}
