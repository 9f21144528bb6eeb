package archive

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reserved member names written by [Pack] after every payload file.
const (
	ManifestName     = "MANIFEST.json"
	ManifestSumsName = "manifest-sha256.txt"
)

// maxNameLen bounds a member name in bytes. Linux allows 4095 bytes in a
// path; nothing we write comes close.
const maxNameLen = 4095

// CheckName reports whether name is acceptable as a bundle member path. A
// valid name is relative, slash-separated, clean (no "." or ".." elements,
// no empty elements, no trailing slash), valid UTF-8, and free of
// backslashes and control characters, so that it means the same thing to
// farewell, to tar and to `sha256sum -c` on every platform.
func CheckName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty member name")
	case len(name) > maxNameLen:
		return fmt.Errorf("member name longer than %d bytes", maxNameLen)
	case name[0] == '/':
		return fmt.Errorf("member name %q is absolute", name)
	}
	// One pass over the bytes: ASCII is checked directly, anything else
	// as runes.
	elemStart := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) {
			c := name[i]
			switch {
			case c == '\\':
				return fmt.Errorf("member name %q contains a backslash", name)
			case c < 0x20 || c == 0x7f:
				return fmt.Errorf("member name %q contains a control character", name)
			case c >= utf8.RuneSelf:
				r, size := utf8.DecodeRuneInString(name[i:])
				if r == utf8.RuneError && size == 1 {
					return fmt.Errorf("member name %q is not valid UTF-8", name)
				}
				if unicode.IsControl(r) {
					return fmt.Errorf("member name %q contains a control character", name)
				}
				i += size - 1
				continue
			}
			if c != '/' {
				continue
			}
		}
		switch name[elemStart:i] {
		case "":
			return fmt.Errorf("member name %q is not a clean relative path", name)
		case ".", "..":
			return fmt.Errorf("member name %q escapes the bundle", name)
		}
		elemStart = i + 1
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("member name %q escapes the bundle", name)
	}
	return nil
}

// nameSet detects duplicate member names and names that collide on
// case-insensitive file systems, where extracting both would let the second
// overwrite the first. It also gives each name its position.
type nameSet struct {
	exact  map[string]int    // name -> position
	folded map[string]string // lower-case form -> name, for names that are not all lower case
}

func newNameSet(n int) *nameSet {
	return &nameSet{exact: make(map[string]int, n), folded: map[string]string{}}
}

// add records name and returns an error if it repeats or collides with an
// earlier name.
func (s *nameSet) add(name string) error {
	if _, dup := s.exact[name]; dup {
		return fmt.Errorf("member %q appears twice", name)
	}
	lower := strings.ToLower(name)
	if other, ok := s.folded[lower]; ok {
		return fmt.Errorf("members %q and %q differ only by case", other, name)
	}
	if lower != name {
		if _, ok := s.exact[lower]; ok {
			return fmt.Errorf("members %q and %q differ only by case", lower, name)
		}
		s.folded[lower] = name
	}
	s.exact[name] = len(s.exact)
	return nil
}

func (s *nameSet) has(name string) bool {
	_, ok := s.exact[name]
	return ok
}
