package archive

import (
	"crypto/sha256"
	"encoding/binary"
	"sort"
)

// Frame and trailer limits. Our packer never exceeds the frame limits; a
// reader refuses anything larger before allocating, so a hostile bundle
// cannot make it allocate more than a few frames' worth of memory.
const (
	// frameTarget is where the packer cuts frames: small members are grouped
	// until a frame holds about this much, large members are split into
	// pieces of this size.
	frameTarget = 1 << 20
	// maxFrameDecoded and maxFrameEncoded bound one seek-table entry.
	maxFrameDecoded = 16 << 20
	maxFrameEncoded = maxFrameDecoded + maxFrameDecoded/64 + 1<<10
	// maxDecoderWindow bounds the window a frame may ask the decoder for.
	maxDecoderWindow = 16 << 20
	// maxIndexPayload bounds the decompressed member index.
	maxIndexPayload = 256 << 20
	// minIndexEntry is the fewest bytes one index entry takes: a name
	// length and a name of one byte, a header offset, a header length of
	// at least one block (two bytes) and a size.
	minIndexEntry = 6
	// maxFrames bounds the number of frames, as the seekable format does.
	maxFrames = 0x8000000
	// maxHeaderRegion bounds the tar header bytes before one member's data
	// (PAX records included); Go's tar reader caps PAX records at 1 MiB.
	maxHeaderRegion = 1<<20 + 4*blockSize
	blockSize       = 512
)

// Magic numbers. The seek table follows the zstd seekable format
// (facebook/zstd contrib/seekable_format): a skippable frame whose content
// ends with a 9-byte footer. The member index is farewell's own skippable
// frame placed immediately before the seek table.
const (
	skippableMagicSeek  = 0x184D2A5E
	skippableMagicIndex = 0x184D2A5B
	seekableMagic       = 0x8F92EAB1
	indexTrailerMagic   = 0x58495746 // "FWIX" little-endian
	zstdFrameMagic      = 0xFD2FB528
	seekFooterSize      = 9
	seekChecksumFlag    = 0x80
	indexFormatVersion  = 1
)

// frameInfo is one seek-table entry plus its derived offsets.
type frameInfo struct {
	cSize, dSize uint32
	checksum     uint32
	cOff, dOff   int64 // offsets of the frame in the file and in the tar stream
}

// encodeSeekTable returns the skippable frame holding the seek table.
func encodeSeekTable(frames []frameInfo) []byte {
	content := make([]byte, 0, len(frames)*12+seekFooterSize)
	for _, f := range frames {
		content = binary.LittleEndian.AppendUint32(content, f.cSize)
		content = binary.LittleEndian.AppendUint32(content, f.dSize)
		content = binary.LittleEndian.AppendUint32(content, f.checksum)
	}
	content = binary.LittleEndian.AppendUint32(content, uint32(len(frames)))
	content = append(content, seekChecksumFlag)
	content = binary.LittleEndian.AppendUint32(content, seekableMagic)
	out := make([]byte, 0, 8+len(content))
	out = binary.LittleEndian.AppendUint32(out, skippableMagicSeek)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(content)))
	return append(out, content...)
}

// seekTableSize reads the 9-byte footer at the end of a bundle and returns
// the size of the whole seek-table skippable frame and the frame count.
func seekTableSize(footer []byte) (size int64, n uint32, err error) {
	if len(footer) != seekFooterSize {
		return 0, 0, corruptf(whereTrailer, "short footer")
	}
	if binary.LittleEndian.Uint32(footer[5:]) != seekableMagic {
		return 0, 0, corruptf(whereTrailer, "no seek table at the end of the file (truncated, or not a farewell bundle)")
	}
	desc := footer[4]
	if desc&^seekChecksumFlag != 0 {
		return 0, 0, corruptf(whereSeekTable, "reserved descriptor bits set (%#x)", desc)
	}
	if desc&seekChecksumFlag == 0 {
		return 0, 0, corruptf(whereSeekTable, "frame checksums missing from the seek table")
	}
	n = binary.LittleEndian.Uint32(footer[:4])
	if n > maxFrames {
		return 0, 0, corruptf(whereSeekTable, "claims %d frames", n)
	}
	return 8 + int64(n)*12 + seekFooterSize, n, nil
}

// decodeSeekTable parses a whole seek-table frame (as returned by
// encodeSeekTable) and fills in the offsets.
func decodeSeekTable(b []byte, n uint32) ([]frameInfo, error) {
	if len(b) != 8+int(n)*12+seekFooterSize {
		return nil, corruptf(whereSeekTable, "size does not match its frame count")
	}
	if binary.LittleEndian.Uint32(b) != skippableMagicSeek {
		return nil, corruptf(whereSeekTable, "bad skippable frame magic")
	}
	if int(binary.LittleEndian.Uint32(b[4:])) != len(b)-8 {
		return nil, corruptf(whereSeekTable, "skippable frame size does not match")
	}
	frames := make([]frameInfo, n)
	var cOff, dOff int64
	p := b[8:]
	for i := range frames {
		f := &frames[i]
		f.cSize = binary.LittleEndian.Uint32(p)
		f.dSize = binary.LittleEndian.Uint32(p[4:])
		f.checksum = binary.LittleEndian.Uint32(p[8:])
		p = p[12:]
		if f.cSize == 0 || f.cSize > maxFrameEncoded || f.dSize == 0 || f.dSize > maxFrameDecoded {
			return nil, corruptf(whereSeekTable, "frame %d claims %d compressed / %d decompressed bytes", i, f.cSize, f.dSize)
		}
		f.cOff, f.dOff = cOff, dOff
		cOff += int64(f.cSize)
		dOff += int64(f.dSize)
	}
	return frames, nil
}

// frameAt returns the index of the frame whose decompressed range holds off.
func frameAt(frames []frameInfo, off int64) int {
	return sort.Search(len(frames), func(i int) bool {
		return frames[i].dOff+int64(frames[i].dSize) > off
	})
}

// Member is one file in a bundle, as the member index records it.
type Member struct {
	Name string // slash-separated path inside the bundle
	Size int64  // bytes of content
	// hdrOff is where the member's tar header (with any PAX records) starts
	// in the uncompressed tar stream; dataOff is where its content starts.
	hdrOff, dataOff int64
}

// end returns the offset just past the member's zero padding.
func (m *Member) end() int64 {
	return m.dataOff + (m.Size+blockSize-1)/blockSize*blockSize
}

// index is the decoded member index.
type index struct {
	streamSize int64    // total uncompressed tar stream, end-of-archive blocks included
	seekSum    [32]byte // sha256 of the seek-table frame
	members    []Member
	byName     map[string]int // name -> position in members (decoded indexes only)
}

// encodeIndexPayload serialises the index (uncompressed, sealed with a
// trailing sha256 of everything before it).
func encodeIndexPayload(ix *index) []byte {
	var b []byte
	b = append(b, "FWIX"...)
	b = append(b, indexFormatVersion)
	b = binary.AppendUvarint(b, uint64(ix.streamSize))
	b = append(b, ix.seekSum[:]...)
	b = binary.AppendUvarint(b, uint64(len(ix.members)))
	for _, m := range ix.members {
		b = binary.AppendUvarint(b, uint64(len(m.Name)))
		b = append(b, m.Name...)
		b = binary.AppendUvarint(b, uint64(m.hdrOff))
		b = binary.AppendUvarint(b, uint64(m.dataOff-m.hdrOff))
		b = binary.AppendUvarint(b, uint64(m.Size))
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

// encodeIndexFrame wraps a compressed index payload in farewell's skippable
// frame: magic, size, payload, then a little trailer (payload length and a
// magic) so that a reader can find the frame by walking backwards from the
// seek table.
func encodeIndexFrame(compressed []byte) []byte {
	out := make([]byte, 0, 16+len(compressed))
	out = binary.LittleEndian.AppendUint32(out, skippableMagicIndex)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(compressed)+8))
	out = append(out, compressed...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(compressed)))
	return binary.LittleEndian.AppendUint32(out, indexTrailerMagic)
}

// indexFrameSize reads the 8-byte trailer that ends the index frame and
// returns the size of the whole frame.
func indexFrameSize(trailer []byte) (int64, error) {
	if binary.LittleEndian.Uint32(trailer[4:]) != indexTrailerMagic {
		return 0, corruptf(whereIndex, "missing before the seek table")
	}
	n := int64(binary.LittleEndian.Uint32(trailer))
	if n > maxIndexPayload {
		return 0, corruptf(whereIndex, "claims %d bytes", n)
	}
	return n + 16, nil
}

// indexFrameContent checks a whole index frame and returns the compressed
// payload inside it.
func indexFrameContent(b []byte) ([]byte, error) {
	if len(b) < 16 || binary.LittleEndian.Uint32(b) != skippableMagicIndex ||
		int(binary.LittleEndian.Uint32(b[4:])) != len(b)-8 ||
		int(binary.LittleEndian.Uint32(b[len(b)-8:])) != len(b)-16 {
		return nil, corruptf(whereIndex, "bad frame header")
	}
	return b[8 : len(b)-8], nil
}
