package archive

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"

	"github.com/klauspost/compress/zstd"
)

// readIndex decompresses and decodes the member index of a bundle whose
// frames decompress to streamSize bytes (as the seek table says).
//
// The index is decoded as it is decompressed: nothing is reserved for
// the sizes and counts it declares, the member list grows only as entries
// really arrive, and a count larger than the rest of the payload or the
// tar stream could hold is refused at once. The decoder's window is held
// to one frame's worth, so the memory used follows the entries present,
// whatever a hostile index claims.
func readIndex(comp []byte, streamSize int64) (*index, error) {
	d, err := zstd.NewReader(bytes.NewReader(comp),
		zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderMaxWindow(maxDecoderWindow),
		zstd.WithDecoderMaxMemory(maxDecoderWindow))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return decodeIndexPayload(d, streamSize)
}

// errIndexTooLarge ends a payload that goes on past maxIndexPayload.
var errIndexTooLarge = fmt.Errorf("decompresses to more than %d bytes", maxIndexPayload)

// indexReader reads an index payload, hashing every byte it hands out so
// that the seal after the last entry can be checked without keeping the
// payload.
type indexReader struct {
	br   *bufio.Reader
	h    hash.Hash
	pend []byte // bytes handed out, not yet hashed
	n    int64  // bytes handed out
}

func newIndexReader(src io.Reader) *indexReader {
	return &indexReader{br: bufio.NewReaderSize(src, 64<<10), h: sha256.New(), pend: make([]byte, 0, 4096)}
}

// ReadByte implements io.ByteReader for binary.ReadUvarint.
func (r *indexReader) ReadByte() (byte, error) {
	if r.n >= maxIndexPayload {
		return 0, errIndexTooLarge
	}
	c, err := r.br.ReadByte()
	if err != nil {
		return 0, err
	}
	r.n++
	r.pend = append(r.pend, c)
	if len(r.pend) == cap(r.pend) {
		r.flush()
	}
	return c, nil
}

// full fills p.
func (r *indexReader) full(p []byte) error {
	if r.n+int64(len(p)) > maxIndexPayload {
		return errIndexTooLarge
	}
	if _, err := io.ReadFull(r.br, p); err != nil {
		return err
	}
	r.flush()
	r.h.Write(p)
	r.n += int64(len(p))
	return nil
}

func (r *indexReader) flush() {
	r.h.Write(r.pend)
	r.pend = r.pend[:0]
}

// sum returns the sha256 of every byte handed out so far.
func (r *indexReader) sum() []byte {
	r.flush()
	return r.h.Sum(nil)
}

// uvarint reads one value of the index.
func (r *indexReader) uvarint() (int64, error) {
	v, err := binary.ReadUvarint(r)
	if err != nil {
		return 0, err
	}
	if v > 1<<62 {
		return 0, fmt.Errorf("value out of range")
	}
	return int64(v), nil
}

// indexErr describes a failure to read the payload: a short payload is
// "truncated", a decoding error keeps its own words.
func indexErr(what string, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return corruptf(whereIndex, "%struncated", what)
	}
	return corruptf(whereIndex, "%s%v", what, err)
}

// decodeIndexPayload reads and checks an index payload (see
// encodeIndexPayload) for a tar stream of streamSize bytes. It checks the
// seal and the layout rules (members tile the stream in order, each name
// is safe and unique, no name is both a file and a folder); it does not
// look at the tar stream itself.
func decodeIndexPayload(src io.Reader, streamSize int64) (*index, error) {
	r := newIndexReader(src)
	head := make([]byte, 5)
	if err := r.full(head); err != nil || string(head[:4]) != "FWIX" {
		return nil, corruptf(whereIndex, "bad magic")
	}
	if head[4] != indexFormatVersion {
		return nil, corruptf(whereIndex, "unsupported index version %d", head[4])
	}
	ix := &index{}
	var err error
	if ix.streamSize, err = r.uvarint(); err != nil {
		return nil, indexErr("", err)
	}
	if ix.streamSize != streamSize {
		return nil, corruptf(whereSeekTable, "frames decompress to %d bytes, the member index expects %d", streamSize, ix.streamSize)
	}
	if err := r.full(ix.seekSum[:]); err != nil {
		return nil, indexErr("", err)
	}
	count, err := r.uvarint()
	if err != nil {
		return nil, indexErr("member count: ", err)
	}
	// Every member takes at least one header block of the stream, which
	// also ends with two zero blocks, and minIndexEntry bytes of the rest
	// of the payload.
	if count > max(streamSize-2*blockSize, 0)/blockSize || count > (maxIndexPayload-r.n)/minIndexEntry {
		return nil, corruptf(whereIndex, "claims %d members, more than a tar stream of %d bytes or the rest of the index can hold", count, streamSize)
	}
	reserve := min(count, 1024)
	ix.members = make([]Member, 0, reserve)
	names := newNameSet(int(reserve))
	var next int64
	for i := int64(0); i < count; i++ {
		nl, err := r.uvarint()
		if err != nil {
			return nil, indexErr(fmt.Sprintf("entry %d: ", i), err)
		}
		if nl > maxNameLen {
			return nil, corruptf(whereIndex, "entry %d: bad name length", i)
		}
		nb := make([]byte, nl)
		if err := r.full(nb); err != nil {
			return nil, indexErr(fmt.Sprintf("entry %d: ", i), err)
		}
		m := Member{Name: string(nb)}
		var hdrLen int64
		if m.hdrOff, err = r.uvarint(); err == nil {
			if hdrLen, err = r.uvarint(); err == nil {
				m.Size, err = r.uvarint()
			}
		}
		if err != nil {
			return nil, indexErr(fmt.Sprintf("entry %d: ", i), err)
		}
		m.dataOff = m.hdrOff + hdrLen
		if err := CheckName(m.Name); err != nil {
			return nil, corruptf(whereIndex, "%v", err)
		}
		if err := names.add(m.Name); err != nil {
			// The name passed CheckName: safe to show as the place.
			return nil, corruptf(m.Name, "in the member index: %v", err)
		}
		if m.hdrOff != next || hdrLen < blockSize || hdrLen > maxHeaderRegion || hdrLen%blockSize != 0 {
			return nil, corruptf(whereIndex, "member %q: bad layout", m.Name)
		}
		next = m.end()
		if next > ix.streamSize {
			return nil, corruptf(whereIndex, "member %q runs past the end of the stream", m.Name)
		}
		ix.members = append(ix.members, m)
	}
	body := r.sum()
	var seal [32]byte
	if _, err := io.ReadFull(r.br, seal[:]); err != nil {
		return nil, indexErr("seal: ", err)
	}
	if !bytes.Equal(body, seal[:]) {
		return nil, corruptf(whereIndex, "checksum mismatch")
	}
	switch _, err := r.br.ReadByte(); {
	case err == nil:
		return nil, corruptf(whereIndex, "unexpected bytes after the last entry")
	case err != io.EOF:
		return nil, indexErr("", err)
	}
	ix.byName = names.exact
	if ix.streamSize-next < 2*blockSize {
		return nil, corruptf(whereIndex, "no end-of-archive marker after the last member")
	}
	return ix, nil
}
