package replicamedia

import (
	"encoding/binary"
	"math/rand/v2"
	"time"
)

// Movie describes a movie to make with [MP4].
type Movie struct {
	// Name decides the picture and the filler: the same Movie gives the
	// same bytes.
	Name string
	// Size is the file's length in bytes: the stream is followed by
	// filler inside the media data up to it. A Size too small for the
	// smallest movie gives that movie, longer than Size.
	Size int
	// Brand is the major brand of the ftyp box: "isom" for an MP4, "qt  "
	// for a QuickTime movie (a live photo's motion).
	Brand string
	// Width and Height are the shape the site declares; the picture has
	// that shape, at most 64 pixels on its longer side.
	Width, Height int
	// Length is how long the movie plays (at least one frame of 40 ms).
	Length time.Duration
}

// MP4 makes a movie a browser plays: an ISO base media file with one
// H.264 video track showing one picture (a checkerboard of two colours
// that depend on the name) for Length, a frame a second. Its moov box
// comes first, so it plays while it downloads. When Size leaves no room
// for the picture at its full size, the picture gets smaller, then the
// frames fewer, before the file grows past Size.
func MP4(m Movie) []byte {
	brand := m.Brand
	if brand == "" {
		brand = "isom"
	}
	ms := max(int(m.Length/time.Millisecond), 40)
	rng := rand.New(rand.NewPCG(seed(m.Name), 11))
	// Two colours a light apart, so that the cells show in any picture.
	var ycc [2][3]uint8
	dark := 40 + rng.IntN(80)
	for i, y := range []int{dark, dark + 80 + rng.IntN(60)} {
		ycc[i] = [3]uint8{uint8(y), uint8(40 + rng.IntN(176)), uint8(40 + rng.IntN(176))}
	}
	side, step := 64, 1000
	for {
		w, h := fit(m.Width, m.Height, side)
		// Cells of whole chroma samples (two pixels), four across.
		cw, ch := max(2, w/4&^1), max(2, h/4&^1)
		pixel := func(x, y int) (uint8, uint8, uint8) {
			c := ycc[(x/cw+y/ch)%2]
			return c[0], c[1], c[2]
		}
		n := len(movie(brand, w, h, ms, step, pixel, nil))
		if n <= m.Size || (side <= 16 && step >= ms) {
			filler := make([]byte, max(m.Size-n, 0))
			var key [32]byte
			binary.LittleEndian.PutUint64(key[:], seed(m.Name))
			rand.NewChaCha8(key).Read(filler)
			return movie(brand, w, h, ms, step, pixel, filler)
		}
		if side > 16 {
			side /= 2
		} else {
			step *= 4
		}
	}
}

// movie writes the file: ftyp, moov, then mdat with the samples and the
// filler.
func movie(brand string, w, h, ms, step int, pixel func(x, y int) (uint8, uint8, uint8), filler []byte) []byte {
	frames := (ms + step - 1) / step
	s := h264Picture(w, h, frames, pixel)
	var stts [][]byte
	if frames > 1 {
		stts = append(stts, u32(uint32(frames-1)), u32(uint32(step)))
	}
	stts = append(stts, u32(1), u32(uint32(ms-(frames-1)*step)))
	sizes := make([][]byte, len(s.frames))
	for i, f := range s.frames {
		sizes[i] = u32(uint32(4 + len(f)))
	}
	compat := [][]byte{[]byte("isom"), []byte("iso2"), []byte("avc1"), []byte("mp41")}
	if brand == "qt  " {
		compat = [][]byte{[]byte("qt  ")}
	}
	ftyp := box("ftyp", append([][]byte{[]byte(brand), u32(0x200)}, compat...)...)
	matrix := []byte{}
	for _, v := range []uint32{0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000} {
		matrix = append(matrix, u32(v)...)
	}
	dur := u32(uint32(ms))
	moov := func(offset int) []byte {
		mvhd := fullBox("mvhd", 0, u32(0), u32(0), u32(1000), dur, u32(0x10000), u16(0x100), make([]byte, 10), matrix, make([]byte, 24), u32(2))
		tkhd := fullBox("tkhd", 3, u32(0), u32(0), u32(1), u32(0), dur, make([]byte, 8), u16(0), u16(0), u16(0), u16(0), matrix,
			u32(uint32(w)<<16), u32(uint32(h)<<16))
		mdhd := fullBox("mdhd", 0, u32(0), u32(0), u32(1000), dur, u16(0x55C4), u16(0)) // language "und"
		hdlr := fullBox("hdlr", 0, u32(0), []byte("vide"), make([]byte, 12), []byte("VideoHandler\x00"))
		vmhd := fullBox("vmhd", 1, make([]byte, 8))
		dinf := box("dinf", fullBox("dref", 0, u32(1), fullBox("url ", 1)))
		avcC := box("avcC", []byte{1, s.sps[1], s.sps[2], s.sps[3], 0xFF, 0xE1}, u16(uint16(len(s.sps))), s.sps,
			[]byte{1}, u16(uint16(len(s.pps))), s.pps)
		avc1 := box("avc1", make([]byte, 6), u16(1), make([]byte, 16), u16(uint16(w)), u16(uint16(h)), u32(0x480000), u32(0x480000),
			u32(0), u16(1), make([]byte, 32), u16(0x18), u16(0xFFFF), avcC)
		stbl := box("stbl",
			fullBox("stsd", 0, u32(1), avc1),
			fullBox("stts", 0, append([][]byte{u32(uint32(len(stts) / 2))}, stts...)...),
			fullBox("stss", 0, u32(1), u32(1)),
			fullBox("stsc", 0, u32(1), u32(1), u32(uint32(frames)), u32(1)),
			fullBox("stsz", 0, append([][]byte{u32(0), u32(uint32(frames))}, sizes...)...),
			fullBox("stco", 0, u32(1), u32(uint32(offset))))
		return box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", vmhd, dinf, stbl))))
	}
	head := len(ftyp) + len(moov(0)) + 8 // the first sample's offset
	var samples [][]byte
	for _, f := range s.frames {
		samples = append(samples, u32(uint32(len(f))), f)
	}
	out := append(ftyp, moov(head)...)
	return append(out, box("mdat", append(samples, filler)...)...)
}

// box is an ISO base media box of a type and its contents.
func box(typ string, parts ...[]byte) []byte {
	n := 8
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 8, n)
	binary.BigEndian.PutUint32(out, uint32(n))
	copy(out[4:], typ)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// fullBox is a box with version 0 and flags.
func fullBox(typ string, flags uint32, parts ...[]byte) []byte {
	return box(typ, append([][]byte{u32(flags)}, parts...)...)
}

func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func u16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }

// fit scales w×h to at most side pixels on the longer side, in even
// sizes of at least 2 (a missing shape is square).
func fit(w, h, side int) (int, int) {
	if w <= 0 || h <= 0 {
		w, h = 1, 1
	}
	if w >= h {
		return side, max(2, h*side/w/2*2)
	}
	return max(2, w*side/h/2*2), side
}
