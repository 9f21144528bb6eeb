package archive

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchTree is a mixed 64 MB store-like tree for the Go benchmarks; the
// 1 GB comparison against tar, zstd and sha256sum is farewell-bench's.
func benchTree(b *testing.B) (src, bundle string) {
	b.Helper()
	dir := b.TempDir()
	src = filepath.Join(dir, "src")
	tr := genTree(99, 2000)
	big := make([]byte, 48<<20)
	seedBytes(7, big)
	tr["media/video.mp4"] = big
	tr.writeF(b, src)
	spec, err := DirSpec(context.Background(), src)
	if err != nil {
		b.Fatal(err)
	}
	res, err := Pack(context.Background(), spec, PackOptions{OutDir: dir, Tool: testTool})
	if err != nil {
		b.Fatal(err)
	}
	return src, res.Path
}

func payloadBytes(b *testing.B, src string) int64 {
	var n int64
	filepath.Walk(src, func(_ string, fi os.FileInfo, _ error) error {
		if fi != nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

func BenchmarkPack(b *testing.B) {
	src, _ := benchTree(b)
	spec, err := DirSpec(context.Background(), src)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(payloadBytes(b, src))
	for b.Loop() {
		out := b.TempDir()
		if _, err := Pack(context.Background(), spec, PackOptions{OutDir: out, Tool: testTool}); err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(out)
	}
}

func BenchmarkVerifyFull(b *testing.B) {
	src, bundle := benchTree(b)
	b.SetBytes(payloadBytes(b, src))
	for b.Loop() {
		rep, err := Verify(context.Background(), bundle, VerifyOptions{})
		if err != nil || rep.Verdict != VerdictIntact {
			b.Fatal(err, rep.Verdict)
		}
	}
}

func BenchmarkVerifyQuick(b *testing.B) {
	_, bundle := benchTree(b)
	for b.Loop() {
		if _, err := Verify(context.Background(), bundle, VerifyOptions{Quick: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenMember opens the bundle cold and reads one small member.
func BenchmarkOpenMember(b *testing.B) {
	_, bundle := benchTree(b)
	x, err := Open(context.Background(), bundle)
	if err != nil {
		b.Fatal(err)
	}
	name := x.Members()[len(x.Members())/2].Name
	x.Close()
	for b.Loop() {
		x, err := Open(context.Background(), bundle)
		if err != nil {
			b.Fatal(err)
		}
		r, err := x.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, r)
		x.Close()
	}
}
