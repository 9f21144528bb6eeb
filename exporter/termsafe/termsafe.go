// Package termsafe makes text from a site or a bundle safe to print on a
// terminal.
//
// Account names, gap details, checklist items, warnings and error
// messages come from pages and bundles that farewell does not control. A
// terminal obeys what such text carries: an escape sequence sets the
// window title, clears the screen, hides text (SGR conceal) or makes a
// hyperlink; a carriage return overwrites the line before it; a bidi
// override reverses what follows. A bundle could so print its own "SAFE
// TO DELETE" over the real verdict. [String] replaces every such
// character with a visible escape (\x1b, \u202e), so the person sees that
// something odd was there and what it was; CJK and every other printable
// character are left as they are.
//
// It sits under exporter because both the exporter's progress lines and
// the command line print such text; it imports nothing of ours.
package termsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String returns s with every character a terminal would act on instead
// of showing replaced by a visible escape:
//
//   - C0 controls and DEL: \t, \n, \r, else \xNN (a field never breaks or
//     overwrites a line: the printer alone decides where lines end);
//   - C1 controls (U+0080–U+009F, which some terminals read as ESC [):
//     \u0085;
//   - bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E,
//     U+2066–U+2069) and the line and paragraph separators U+2028,
//     U+2029: \u202e;
//   - bytes that are not UTF-8: \xNN (a lone 0x9b is CSI to an 8-bit
//     terminal).
//
// Anything else, backslashes included, is returned unchanged, and a
// string with nothing to escape is returned as it is, without copying.
func String(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// JSON returns a JSON text with every DEL, C1 control, bidi control and
// line separator inside its strings written as a \uXXXX escape: the same
// JSON value, but safe on a terminal. encoding/json already escapes the
// C0 controls and replaces bytes that are not UTF-8, not these. b is
// returned as it is when there is nothing to escape.
func JSON(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == 0x7f {
				out = fmt.Appendf(append(out, b[last:i]...), `\u%04x`, c)
				last = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if size > 1 && unsafeRune(r) {
			out = fmt.Appendf(append(out, b[last:i]...), `\u%04x`, r)
			last = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// Strings applies [String] to each element of ss, in a new slice.
func Strings(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = String(s)
	}
	return out
}

// Error returns err's message made safe by [String] ("" for nil): error
// messages quote file names, member names and the site's own words.
func Error(err error) string {
	if err == nil {
		return ""
	}
	return String(err.Error())
}

// firstUnsafe returns the index of the first byte String would escape,
// or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// unsafeRune reports whether a rune at or above U+0080 is one a terminal
// acts on: a C1 control, a bidi control, or a line or paragraph
// separator.
func unsafeRune(r rune) bool {
	return (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}
