package replicakit

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"sync"
)

// SeedOf derives a stable seed from a name.
func SeedOf(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
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
