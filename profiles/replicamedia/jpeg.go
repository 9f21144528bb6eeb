package replicamedia

import (
	"bytes"
	"encoding/binary"
	"image/color"
	"math/bits"
	"math/rand/v2"
)

// JPEG draws a w×h picture that depends only on name: a checkerboard of
// two colours with a brightness ramp across it, as a baseline JFIF file
// any decoder reads.
//
// Every 8×8 block is one flat colour, so the file is written directly:
// each block is its DC coefficient and an end-of-block code, with no
// transform. The replicas make thousands of full-size pictures (a test's
// truth hashes every one, the site serves every one), and the standard
// encoder costs seconds per account under the race detector.
func JPEG(name string, w, h int) []byte {
	w, h = min(max(w, 1), 65535), min(max(h, 1), 65535)
	rng := rand.New(rand.NewPCG(seed(name), 7))
	var c [2][3]int
	for i := range c {
		y, cb, cr := color.RGBToYCbCr(uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)))
		c[i] = [3]int{int(y), int(cb), int(cr)}
	}
	bw, bh := (w+7)/8, (h+7)/8
	sx, sy := max(1, bw/(2+rng.IntN(6))), max(1, bh/(2+rng.IntN(6)))

	var out bytes.Buffer
	out.Write([]byte{0xFF, 0xD8}) // SOI
	segment(&out, 0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))
	// One quantisation table: 8 for the DC coefficient makes a block's
	// quantised DC its level-shifted value.
	dqt := make([]byte, 65)
	for i := range dqt[1:] {
		dqt[1+i] = 16
	}
	dqt[1] = 8
	segment(&out, 0xDB, dqt)
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3}
	for id := byte(1); id <= 3; id++ {
		sof = append(sof, id, 0x11, 0)
	}
	segment(&out, 0xC0, sof)
	dht := append([]byte{0x00}, dcBits[:]...) // DC table 0
	dht = append(dht, dcValues...)
	dht = append(dht, 0x10) // AC table 0: one code, end of block
	dht = append(dht, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	dht = append(dht, 0x00)
	segment(&out, 0xC4, dht)
	segment(&out, 0xDA, []byte{3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0})

	dc := dcCodes()
	bw2 := bitWriter{out: &out}
	var prev [3]int
	for by := range bh {
		for bx := range bw {
			k := (bx/sx + by/sy) % 2
			for comp := range 3 {
				v := c[k][comp]
				if comp == 0 {
					v = min(v+bx*48/bw, 255)
				}
				diff := (v - 128) - prev[comp]
				prev[comp] = v - 128
				n := 0
				if diff != 0 {
					n = bits.Len(uint(abs(diff)))
				}
				bw2.put(dc[n].code, dc[n].len)
				if n > 0 {
					m := diff
					if diff < 0 {
						m = diff - 1
					}
					bw2.put(uint32(m)&(1<<n-1), n)
				}
				bw2.put(0, 1) // end of block: every AC coefficient is zero
			}
		}
	}
	bw2.flush()
	out.Write([]byte{0xFF, 0xD9}) // EOI
	return out.Bytes()
}

// The DC Huffman table of JPEG's Annex K.3 (luminance): code lengths, then
// the categories in code order.
var (
	dcBits   = [16]byte{0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}
	dcValues = []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
)

type huffCode struct {
	code uint32
	len  int
}

// dcCodes assigns the canonical codes of dcBits to the categories.
func dcCodes() [12]huffCode {
	var codes [12]huffCode
	code, i := uint32(0), 0
	for l := 1; l <= 16; l++ {
		for range dcBits[l-1] {
			codes[dcValues[i]] = huffCode{code, l}
			code++
			i++
		}
		code <<= 1
	}
	return codes
}

func segment(out *bytes.Buffer, marker byte, body []byte) {
	out.Write([]byte{0xFF, marker})
	binary.Write(out, binary.BigEndian, uint16(len(body)+2))
	out.Write(body)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// bitWriter writes entropy-coded bits, most significant first, stuffing a
// zero byte after every 0xFF.
type bitWriter struct {
	out  *bytes.Buffer
	acc  uint32
	nacc int
}

func (b *bitWriter) put(v uint32, n int) {
	for i := n - 1; i >= 0; i-- {
		b.acc = b.acc<<1 | (v>>i)&1
		b.nacc++
		if b.nacc == 8 {
			b.byte()
		}
	}
}

func (b *bitWriter) byte() {
	c := byte(b.acc)
	b.out.WriteByte(c)
	if c == 0xFF {
		b.out.WriteByte(0)
	}
	b.acc, b.nacc = 0, 0
}

// flush pads the last byte with one bits.
func (b *bitWriter) flush() {
	for b.nacc != 0 {
		b.put(1, 1)
	}
}
