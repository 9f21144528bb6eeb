package archive

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"path"
	"strings"
)

// RecordFile is one records file of a bundle as [EachRecordFile] hands it
// over: its collection and a stream of its bytes.
type RecordFile struct {
	Collection string // "posts" for data/posts.jsonl
	Name       string // the member's name
	// R yields the member's bytes, read from the bundle as they are
	// needed. At its end it returns a [CorruptError] instead of io.EOF
	// when the bytes differ from the manifest's sha256.
	R io.Reader
}

// EachRecordFile calls fn with every records file (data/<collection>.jsonl)
// the manifest of the bundle at bundlePath lists, in the manifest's order,
// and returns the manifest. The bundle passes the quick check first (the
// manifest, its checksum file, names and sizes), so a damaged or doctored
// bundle is refused before fn sees a byte. Each file streams from the
// bundle, a few frames in memory at a time, whatever its size; its bytes
// are checked against the manifest's sha256 as they pass. An error from
// fn ends the walk and is returned as it is.
func EachRecordFile(ctx context.Context, bundlePath string, fn func(RecordFile) error) (*Manifest, error) {
	b, st, err := openChecked(ctx, bundlePath)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	m := st.manifest
	for _, f := range m.Files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !isRecordFile(f.Path) {
			continue
		}
		r, err := b.Open(f.Path)
		if err != nil {
			return nil, err
		}
		coll := strings.TrimSuffix(path.Base(f.Path), ".jsonl")
		cr := &checkedReader{r: r, h: sha256.New(), name: f.Path, want: f.SHA256}
		if err := fn(RecordFile{Collection: coll, Name: f.Path, R: cr}); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// checkedReader passes a member's bytes on and compares their sha256 with
// the manifest's when they end.
type checkedReader struct {
	r    io.Reader
	h    hash.Hash
	name string
	want string
	err  error // the end, once reached
}

func (c *checkedReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	if err == io.EOF {
		if got := hex.EncodeToString(c.h.Sum(nil)); got != c.want {
			err = corruptf(c.name, "its sha256 is %s, the manifest says %s", got, c.want)
		}
		c.err = err
	}
	return n, err
}
