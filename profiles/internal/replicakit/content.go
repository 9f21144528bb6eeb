package replicakit

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
)

// SeedOf derives a stable seed from a name.
func SeedOf(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// JPEG draws a w×h picture that depends only on name.
func JPEG(name string, w, h int) []byte {
	rng := rand.New(rand.NewPCG(SeedOf(name), 7))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c1 := color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
	c2 := color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
	bx, by := max(1, w/(2+rng.IntN(6))), max(1, h/(2+rng.IntN(6)))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := c1
			if (x/bx+y/by)%2 == 0 {
				c = c2
			}
			c.R += uint8(x * 64 / max(w, 1))
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	return b.Bytes()
}

// Movie makes an ISO-BMFF file (the ftyp box of an mp4, a QuickTime mov
// or an m4a, then media data) of size bytes that depends only on name.
func Movie(name string, size int, brand string) []byte {
	b := make([]byte, max(size, 64))
	ftyp := []byte("\x00\x00\x00\x18ftyp" + brand + "\x00\x00\x02\x00" + brand + "mp41")
	copy(b, ftyp)
	binary.BigEndian.PutUint32(b[len(ftyp):], uint32(len(b)-len(ftyp)))
	copy(b[len(ftyp)+4:], "mdat")
	noise(b[len(ftyp)+8:], name)
	return b
}

// MP3 makes an MP3-looking file (an ID3 tag, then frames of noise) of
// size bytes that depends only on name.
func MP3(name string, size int) []byte {
	b := make([]byte, max(size, 32))
	copy(b, "ID3\x04\x00\x00\x00\x00\x00\x00")
	noise(b[10:], name)
	return b
}

// Stamp returns a copy of b with mark written over its middle, so the
// result is a different file of the same kind: the replicas serve such
// copies as the watermarked versions of originals.
func Stamp(b []byte, mark string) []byte {
	out := append([]byte(nil), b...)
	if len(out) > 2*len(mark)+64 {
		copy(out[len(out)/2:], mark)
	} else {
		out = append(out, mark...)
	}
	return out
}

func noise(b []byte, name string) {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], SeedOf(name))
	rand.NewChaCha8(key).Read(b)
}
