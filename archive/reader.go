package archive

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Bundle is an open bundle. Opening reads only the trailer (member index
// and seek table), so it costs the same for a 1 MB and a 100 GB bundle;
// members are then read by decompressing just the frames that hold them.
// A Bundle is safe for concurrent use by several member readers.
type Bundle struct {
	f       *os.File
	path    string
	size    int64
	frames  []frameInfo
	ix      *index
	dec     *zstd.Decoder
	trailer int64 // bytes of index frame + seek table at the end
	cache   frameCache
}

// frameCache keeps the few most recently decoded frames, so that reading
// many small members that share a frame (the viewer's typical pattern)
// decodes the frame once. Cached buffers are never written again.
type frameCache struct {
	mu      sync.Mutex
	entries [4]struct {
		frame int
		data  []byte
		used  uint64
	}
	clock uint64
}

func (c *frameCache) get(i int) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if e := &c.entries[k]; e.data != nil && e.frame == i {
			c.clock++
			e.used = c.clock
			return e.data
		}
	}
	return nil
}

func (c *frameCache) put(i int, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	oldest := 0
	for k := range c.entries {
		if c.entries[k].used < c.entries[oldest].used {
			oldest = k
		}
	}
	c.clock++
	c.entries[oldest].frame, c.entries[oldest].data, c.entries[oldest].used = i, data, c.clock
}

// Open opens a bundle and checks its trailer: the seek table, the sealed
// member index, and that both agree with the file's size. Damage is
// reported as a [CorruptError].
func Open(ctx context.Context, path string) (*Bundle, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// A bundle is a regular file. Anything else is refused before it is
	// opened: reading a FIFO or a device would wait forever or never end.
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regularFile(path, st.Mode()); err != nil {
		return nil, err
	}
	f, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	b, err := openFile(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return b, nil
}

func openFile(f *os.File, path string) (*Bundle, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	// Checked again on the open file: the path may have changed since.
	if err := regularFile(path, st.Mode()); err != nil {
		return nil, err
	}
	size := st.Size()
	if size < seekFooterSize+8+16 {
		return nil, corruptf(whereTrailer, "file is only %d bytes (truncated, or not a farewell bundle)", size)
	}
	readAt := func(n, off int64, where string) ([]byte, error) {
		if off < 0 || n < 0 || off+n > size {
			return nil, corruptf(where, "points outside the file")
		}
		buf := make([]byte, n)
		if _, err := f.ReadAt(buf, off); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		return buf, nil
	}
	footer, err := readAt(seekFooterSize, size-seekFooterSize, whereTrailer)
	if err != nil {
		return nil, err
	}
	seekSize, n, err := seekTableSize(footer)
	if err != nil {
		return nil, err
	}
	seek, err := readAt(seekSize, size-seekSize, whereSeekTable)
	if err != nil {
		return nil, err
	}
	frames, err := decodeSeekTable(seek, n)
	if err != nil {
		return nil, err
	}
	tr, err := readAt(8, size-seekSize-8, whereIndex)
	if err != nil {
		return nil, err
	}
	idxSize, err := indexFrameSize(tr)
	if err != nil {
		return nil, err
	}
	idxFrame, err := readAt(idxSize, size-seekSize-idxSize, whereIndex)
	if err != nil {
		return nil, err
	}
	comp, err := indexFrameContent(idxFrame)
	if err != nil {
		return nil, err
	}
	// The seek table must account for the file before the index is read:
	// its frames bound the tar stream, and the stream bounds how many
	// members the index may claim.
	var cTotal, dTotal int64
	if len(frames) > 0 {
		last := frames[len(frames)-1]
		cTotal, dTotal = last.cOff+int64(last.cSize), last.dOff+int64(last.dSize)
	}
	if cTotal != size-seekSize-idxSize {
		return nil, corruptf(whereSeekTable, "frames cover %d bytes, the file has %d before its trailer", cTotal, size-seekSize-idxSize)
	}
	ix, err := readIndex(comp, dTotal)
	if err != nil {
		return nil, err
	}
	if sha256.Sum256(seek) != ix.seekSum {
		return nil, corruptf(whereSeekTable, "does not match the checksum sealed in the member index")
	}
	dec, err := newDecoder()
	if err != nil {
		return nil, err
	}
	return &Bundle{f: f, path: path, size: size, frames: frames, ix: ix, dec: dec, trailer: seekSize + idxSize}, nil
}

// regularFile refuses any file but a regular one, saying what it is.
func regularFile(path string, mode fs.FileMode) error {
	if mode.IsRegular() {
		return nil
	}
	return &NotAFileError{Path: path, Mode: mode}
}

// NotAFileError is a path given as a bundle that is no regular file: a
// folder, a named pipe, a socket, a device.
type NotAFileError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotAFileError) Error() string {
	return fmt.Sprintf("%s is %s, not a bundle file", e.Path, e.What())
}

// What names the kind of file: "a folder", "a named pipe (FIFO)", "a
// socket", "a device", "a special file".
func (e *NotAFileError) What() string {
	switch {
	case e.Mode.IsDir():
		return "a folder"
	case e.Mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case e.Mode&fs.ModeSocket != 0:
		return "a socket"
	case e.Mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Close releases the bundle.
func (b *Bundle) Close() error {
	b.dec.Close()
	return b.f.Close()
}

// Path returns the file the bundle was opened from.
func (b *Bundle) Path() string { return b.path }

// Size returns the bundle's size on disk.
func (b *Bundle) Size() int64 { return b.size }

// Members returns the members in tar order. The slice must not be changed.
func (b *Bundle) Members() []Member { return b.ix.members }

// Member returns the member called name.
func (b *Bundle) Member(name string) (Member, bool) {
	i, ok := b.ix.byName[name]
	if !ok {
		return Member{}, false
	}
	return b.ix.members[i], true
}

// membersIn returns the names of the members whose bytes (header or data)
// overlap the uncompressed range [from, to).
func (b *Bundle) membersIn(from, to int64) []string {
	var out []string
	for _, m := range b.ix.members {
		if m.hdrOff < to && m.end() > from {
			out = append(out, m.Name)
		}
	}
	return out
}

// Open returns a reader for the member called name. It fails with an
// error wrapping fs.ErrNotExist if there is no such member.
func (b *Bundle) Open(name string) (*MemberReader, error) {
	m, ok := b.Member(name)
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	return &MemberReader{b: b, m: m, frame: -1}, nil
}

// ReadFile returns the whole content of a member of at most limit bytes.
// The buffer grows as the member's bytes arrive, so a size the index
// declares costs nothing until the frames deliver it.
func (b *Bundle) ReadFile(name string, limit int64) ([]byte, error) {
	r, err := b.Open(name)
	if err != nil {
		return nil, err
	}
	if r.m.Size > limit {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d this reader accepts", name, r.m.Size, limit)
	}
	return readSized(r, r.m.Size)
}

// readSized reads exactly size bytes from r into a buffer that grows with
// what arrives.
func readSized(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, 1<<20))
	for int64(len(buf)) < size {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		want := min(int64(cap(buf)-len(buf)), size-int64(len(buf)))
		n, err := r.Read(buf[len(buf) : len(buf)+int(want)])
		buf = buf[:len(buf)+n]
		if err == io.EOF && int64(len(buf)) < size {
			err = io.ErrUnexpectedEOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
	}
	return buf, nil
}

// Manifest reads and parses MANIFEST.json.
func (b *Bundle) Manifest() (*Manifest, error) {
	m, _, _, err := b.readManifest()
	return m, err
}

// readManifest reads and parses MANIFEST.json as a stream and returns it
// with the sha256 and length of its bytes. A manifest larger than one for
// the bundle's members can be is refused before any of it is read.
func (b *Bundle) readManifest() (*Manifest, [32]byte, int64, error) {
	var sum [32]byte
	r, err := b.Open(ManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, sum, 0, corruptf(ManifestName, "missing")
	}
	if err != nil {
		return nil, sum, 0, err
	}
	if limit := manifestLimit(b.ix.members); r.Size() > limit {
		return nil, sum, 0, corruptf(ManifestName, "is %d bytes, more than the %d a manifest of %d members can need", r.Size(), limit, len(b.ix.members))
	}
	h := sha256.New()
	m, err := decodeManifest(io.TeeReader(r, h))
	if err != nil {
		return nil, sum, 0, err
	}
	copy(sum[:], h.Sum(nil))
	return m, sum, r.Size(), nil
}

// MemberReader reads one member. It implements io.ReadSeeker, so it can
// back http.ServeContent with range requests. It is not safe for concurrent
// use; open one reader per goroutine.
type MemberReader struct {
	b     *Bundle
	m     Member
	pos   int64
	frame int    // index of the frame held in buf, or -1
	buf   []byte // decoded frame (shared with the cache: read only)
	comp  []byte // compressed frame, reused
	loads int    // frames this reader decoded (cache hits excluded)
}

// Size returns the member's size.
func (r *MemberReader) Size() int64 { return r.m.Size }

// Read implements io.Reader.
func (r *MemberReader) Read(p []byte) (int, error) {
	if r.pos >= r.m.Size {
		return 0, io.EOF
	}
	abs := r.m.dataOff + r.pos
	if r.frame < 0 || abs < r.b.frames[r.frame].dOff || abs >= r.b.frames[r.frame].dOff+int64(r.b.frames[r.frame].dSize) {
		if err := r.load(frameAt(r.b.frames, abs)); err != nil {
			return 0, err
		}
	}
	f := &r.b.frames[r.frame]
	avail := r.buf[abs-f.dOff:]
	if rest := r.m.Size - r.pos; int64(len(avail)) > rest {
		avail = avail[:rest]
	}
	n := copy(p, avail)
	r.pos += int64(n)
	return n, nil
}

func (r *MemberReader) load(i int) error {
	if i >= len(r.b.frames) {
		return corruptf(r.m.Name, "lies beyond the last frame")
	}
	if data := r.b.cache.get(i); data != nil {
		r.buf, r.frame = data, i
		return nil
	}
	f := &r.b.frames[i]
	if cap(r.comp) < int(f.cSize) {
		r.comp = make([]byte, f.cSize)
	}
	comp := r.comp[:f.cSize]
	if _, err := r.b.f.ReadAt(comp, f.cOff); err != nil {
		return fmt.Errorf("read %s: %w", r.b.path, err)
	}
	out, err := decodeFrame(r.b.dec, f, comp, nil)
	if err != nil {
		r.frame = -1
		return &CorruptError{Where: r.m.Name, Err: err}
	}
	r.b.cache.put(i, out)
	r.buf, r.frame = out, i
	r.loads++
	return nil
}

// Seek implements io.Seeker.
func (r *MemberReader) Seek(offset int64, whence int) (int64, error) {
	var abs int64
	switch whence {
	case io.SeekStart:
		abs = offset
	case io.SeekCurrent:
		abs = r.pos + offset
	case io.SeekEnd:
		abs = r.m.Size + offset
	default:
		return 0, fmt.Errorf("seek: invalid whence %d", whence)
	}
	if abs < 0 {
		return 0, fmt.Errorf("seek: negative position")
	}
	r.pos = abs
	return abs, nil
}
