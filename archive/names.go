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

// Names of the members a platform bundle derives from its records besides
// the viewer: the spreadsheet copies of the records under TablesDir
// (csv/<collection>.csv) and ReadmeName, the text that says what the
// bundle holds.
const (
	TablesDir  = "csv"
	ReadmeName = "README.txt"
)

// maxNameLen bounds a member name in bytes. Linux allows 4095 bytes in a
// path; nothing we write comes close.
const maxNameLen = 4095

// maxElemLen bounds one element of a member name (a folder or file name)
// in bytes: Linux, macOS and Windows file systems hold no longer names, so
// a longer one could never be extracted.
const maxElemLen = 255

// CheckName reports whether name is acceptable as a bundle member path. A
// valid name is relative, slash-separated, clean (no "." or ".." elements,
// no empty elements, no trailing slash), valid UTF-8, and free of
// backslashes and control characters, with no element longer than 255
// bytes, so that it means the same thing to farewell, to tar and to
// `sha256sum -c` on every platform, and every file system can hold it.
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
		if i-elemStart > maxElemLen {
			return fmt.Errorf("member name %q has an element longer than %d bytes", name, maxElemLen)
		}
		elemStart = i + 1
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("member name %q escapes the bundle", name)
	}
	return nil
}

// nameSet detects names that cannot all be extracted side by side:
// duplicates, names that collide on case-insensitive file systems (the
// second would overwrite the first), and a name that is a file in one
// member and a folder in another ("media/x" and "media/x/y"). It also
// gives each name its position.
type nameSet struct {
	exact map[string]int    // name -> position
	lower map[string]string // lower-case form of every name -> name
	dirs  map[string]string // lower-case form of every folder the names imply -> a name inside it
}

func newNameSet(n int) *nameSet {
	return &nameSet{exact: make(map[string]int, n), lower: make(map[string]string, n), dirs: map[string]string{}}
}

// add records name and returns an error if it repeats or collides with an
// earlier name.
func (s *nameSet) add(name string) error {
	if _, dup := s.exact[name]; dup {
		return fmt.Errorf("member %q appears twice", name)
	}
	lower := strings.ToLower(name)
	if other, ok := s.lower[lower]; ok {
		return fmt.Errorf("members %q and %q differ only by case", other, name)
	}
	if inside, ok := s.dirs[lower]; ok {
		return fmt.Errorf("member %q is a file, and %q needs it to be a folder", name, inside)
	}
	for i := range len(lower) {
		if lower[i] != '/' {
			continue
		}
		if file, ok := s.lower[lower[:i]]; ok {
			return fmt.Errorf("member %q is a file, and %q needs it to be a folder", file, name)
		}
	}
	// Record the folders, deepest first: once one is known, so are the
	// folders above it.
	for i := len(lower) - 1; i > 0; i-- {
		if lower[i] != '/' {
			continue
		}
		if _, ok := s.dirs[lower[:i]]; ok {
			break
		}
		s.dirs[lower[:i]] = name
	}
	s.exact[name] = len(s.exact)
	s.lower[lower] = name
	return nil
}

func (s *nameSet) has(name string) bool {
	_, ok := s.exact[name]
	return ok
}
