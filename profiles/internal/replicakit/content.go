package replicakit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/fnv"
	"math/rand/v2"
	"sync"
)

// SeedOf derives a stable seed from a name.
func SeedOf(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
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

// Sums remembers the sha256 of generated media files by key, so that a
// replica's Truth, asked again after the account grew, hashes only the
// new files. A file's bytes depend only on its key.
type Sums struct {
	mu sync.Mutex
	m  map[string]string
}

// Of returns the hex sha256 of the file key names, making it with gen
// the first time.
func (s *Sums) Of(key string, gen func() []byte) string {
	s.mu.Lock()
	v, ok := s.m[key]
	s.mu.Unlock()
	if ok {
		return v
	}
	h := sha256.Sum256(gen())
	v = hex.EncodeToString(h[:])
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[key] = v
	s.mu.Unlock()
	return v
}
