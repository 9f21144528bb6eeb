package archive

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// ustarBlock returns one raw tar header block. magic is "ustar\x0000"
// (POSIX, as Pack writes) or "ustar  \x00" (GNU).
func ustarBlock(flag byte, name string, size int64, magic string) []byte {
	b := make([]byte, blockSize)
	copy(b[0:100], name)
	copy(b[100:108], "0000600\x00")
	copy(b[108:116], "0000000\x00")
	copy(b[116:124], "0000000\x00")
	copy(b[124:136], fmt.Sprintf("%011o\x00", size))
	copy(b[136:148], "00000000000\x00")
	b[ustarTypeflag] = flag
	copy(b[ustarMagic:ustarMagic+8], magic)
	copy(b[148:156], "        ")
	sum := 0
	for _, c := range b {
		sum += int(c)
	}
	copy(b[148:156], fmt.Sprintf("%06o\x00 ", sum))
	return b
}

const (
	posixMagic = "ustar\x0000"
	gnuMagic   = "ustar  \x00"
)

// blocks pads data with zeros to whole blocks.
func blocks(data []byte) []byte {
	return append(bytes.Clone(data), make([]byte, (blockSize-len(data)%blockSize)%blockSize)...)
}

// paxRecords renders PAX records, each "<length> key=value\n".
func paxRecords(kv ...string) []byte {
	var b []byte
	for i := 0; i+1 < len(kv); i += 2 {
		rest := " " + kv[i] + "=" + kv[i+1] + "\n"
		n := len(rest) + 1
		for len(strconv.Itoa(n))+len(rest) != n {
			n++
		}
		b = append(b, strconv.Itoa(n)+rest...)
	}
	return b
}

// paxBlocks returns a PAX extended header ('x', or 'g' for global) with
// its records.
func paxBlocks(flag byte, kv ...string) []byte {
	recs := paxRecords(kv...)
	return append(ustarBlock(flag, "PaxHeaders/x", int64(len(recs)), posixMagic), blocks(recs)...)
}

// gnuLongName returns a GNU long name ('L') or long link ('K') record.
func gnuLongName(flag byte, name string) []byte {
	data := append([]byte(name), 0)
	return append(ustarBlock(flag, "././@LongLink", int64(len(data)), gnuMagic), blocks(data)...)
}

// goName returns the name Go's tar reader gives the entry whose header
// region is hdr.
func goName(hdr []byte) string {
	h, err := tar.NewReader(bytes.NewReader(append(bytes.Clone(hdr), make([]byte, 4*blockSize)...))).Next()
	if err != nil {
		return ""
	}
	return h.Name
}

// smuggled is a crafted entry with raw header blocks, indexed (and listed
// in the manifest) under the name Go's tar reader gives it, as a bundle
// made to pass verify would be.
func smuggled(hdr, data []byte) craftEntry {
	return craftEntry{rawHeader: hdr, data: data, hdr: tar.Header{Size: int64(len(data))}, indexName: goName(hdr), manifestSize: -1}
}

// TestHeaderSmugglingIsRefused crafts members whose headers tar programs
// read differently, or that farewell never writes. Full verify must call
// each bundle corrupt, naming the member; extract must refuse it.
func TestHeaderSmugglingIsRefused(t *testing.T) {
	data := []byte("hello")
	reg := func(name string) []byte { return ustarBlock(tar.TypeReg, name, int64(len(data)), posixMagic) }
	join := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	cases := []struct {
		name string
		hdr  []byte
		says string
	}{
		{"GNU long name and PAX path", join(gnuLongName(tar.TypeGNULongName, "evil.txt"), paxBlocks(tar.TypeXHeader, "path", "a.txt"), reg("a.txt")), "GNU long name"},
		{"PAX path and GNU long name", join(paxBlocks(tar.TypeXHeader, "path", "a.txt"), gnuLongName(tar.TypeGNULongName, "evil.txt"), reg("a.txt")), "GNU long name"},
		{"GNU long name alone", join(gnuLongName(tar.TypeGNULongName, "evil.txt"), ustarBlock(tar.TypeReg, "a.txt", int64(len(data)), gnuMagic)), "GNU long name"},
		{"GNU long link name", join(gnuLongName(tar.TypeGNULongLink, "evil.txt"), reg("a.txt")), "GNU long link"},
		{"GNU magic", ustarBlock(tar.TypeReg, "a.txt", int64(len(data)), gnuMagic), "POSIX ustar"},
		{"no magic (old tar)", ustarBlock(tar.TypeReg, "a.txt", int64(len(data)), ""), "POSIX ustar"},
		{"old-style regular file", ustarBlock(0, "a.txt", int64(len(data)), posixMagic), "old-style"},
		{"GNU sparse file", ustarBlock(tar.TypeGNUSparse, "a.txt", int64(len(data)), gnuMagic), "sparse"},
		{"multi-volume continuation", ustarBlock('M', "a.txt", int64(len(data)), gnuMagic), "multi-volume"},
		{"unknown type", ustarBlock('Z', "a.txt", int64(len(data)), posixMagic), "unknown type"},
		{"PAX global header", join(paxBlocks(tar.TypeXGlobalHeader, "path", "b.txt"), reg("a.txt")), "global header"},
		{"two PAX headers", join(paxBlocks(tar.TypeXHeader, "path", "b.txt"), paxBlocks(tar.TypeXHeader, "path", "a.txt"), reg("a.txt")), "more than one PAX"},
		{"PAX path twice", join(paxBlocks(tar.TypeXHeader, "path", "b.txt", "path", "a.txt"), reg("a.txt")), "repeats"},
		{"PAX linkpath", join(paxBlocks(tar.TypeXHeader, "linkpath", "/etc/passwd"), reg("a.txt")), `"linkpath"`},
		{"PAX sparse map", join(paxBlocks(tar.TypeXHeader, "GNU.sparse.size", "5", "GNU.sparse.numblocks", "1", "GNU.sparse.offset", "0", "GNU.sparse.numbytes", "5"), reg("a.txt")), `"GNU.sparse.size"`},
		{"PAX comment", join(paxBlocks(tar.TypeXHeader, "comment", "hi"), reg("a.txt")), `"comment"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := smuggled(tc.hdr, data)
			if e.indexName == "" {
				e.indexName = "a.txt"
			}
			bundle := craftBundle(t, []craftEntry{regular("ok.txt", []byte("fine")), e})
			rep := verify(t, bundle, false)
			found := false
			for _, p := range rep.Integrity.Problems {
				found = found || (p.Where == e.indexName && strings.Contains(p.Detail, tc.says))
			}
			if rep.Verdict != VerdictCorrupt || !found {
				t.Errorf("verify: verdict %s, problems %+v; want one at %q saying %q", rep.Verdict, rep.Integrity.Problems, e.indexName, tc.says)
			}
			parent := t.TempDir()
			_, err := Extract(context.Background(), bundle, filepath.Join(parent, "out"), ExtractOptions{})
			var ce *CorruptError
			if !errors.As(err, &ce) || ce.Where != e.indexName || !strings.Contains(ce.Err.Error(), tc.says) {
				t.Errorf("extract: %v; want a refusal of %q saying %q", err, e.indexName, tc.says)
			}
			if got := dirFiles(t, parent); len(got) != 0 {
				t.Errorf("extract left %v", got)
			}
		})
	}
}

// TestTarAgreesWithVerify shows why smuggling is refused, and that what
// verify accepts the standard tools extract exactly: GNU tar reads the
// crafted GNU-long-name-plus-PAX-path member under another name than Go
// does, while a packed bundle with long and non-ASCII names (PAX paths)
// extracts with tar to files `sha256sum -c` accepts.
func TestTarAgreesWithVerify(t *testing.T) {
	requireTool(t, "zstd")
	tarBin := requireTool(t, "tar")
	sha := requireTool(t, "sha256sum")

	data := []byte("hello")
	hdr := bytes.Join([][]byte{gnuLongName(tar.TypeGNULongName, "evil.txt"), paxBlocks(tar.TypeXHeader, "path", "a.txt"),
		ustarBlock(tar.TypeReg, "a.txt", int64(len(data)), posixMagic)}, nil)
	bundle := craftBundle(t, []craftEntry{smuggled(hdr, data)})
	list, err := exec.Command(tarBin, "--zstd", "-tf", bundle).Output()
	if err != nil {
		t.Fatalf("tar -t: %v", err)
	}
	if goName(hdr) != "evil.txt" || !strings.Contains(string(list), "a.txt") || strings.Contains(string(list), "evil.txt") {
		t.Fatalf("the crafted header is no smuggling: Go reads %q, tar lists\n%s", goName(hdr), list)
	}

	tr := tree{
		strings.Repeat("长", 60) + "/" + strings.Repeat("x", 150) + ".json": []byte(`{"ok":1}`),
		"media/视频🎬.mp4": bytes.Repeat([]byte{7}, 5000),
		"a.txt":         []byte("plain"),
	}
	good, _ := packTree(t, tr)
	if rep := verify(t, good, false); rep.Verdict != VerdictIntact {
		t.Fatalf("verdict %s: %+v", rep.Verdict, rep.Integrity.Problems)
	}
	out := t.TempDir()
	if o, err := exec.Command(tarBin, "--zstd", "-xf", good, "-C", out).CombinedOutput(); err != nil {
		t.Fatalf("tar -x: %v\n%s", err, o)
	}
	check := exec.Command(sha, "-c", "--strict", ManifestSumsName)
	check.Dir = out
	if o, err := check.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum -c after tar -x: %v\n%s", err, o)
	}
	if got, want := dirFiles(t, out), sorted(append(tr.names(), ManifestName, ManifestSumsName)); !slices.Equal(got, want) {
		t.Fatalf("tar extracted %v, want %v", got, want)
	}
}
