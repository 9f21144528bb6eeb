package termsafe

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "posts: 2 of 4 missing", "posts: 2 of 4 missing"},
		{"CJK and emoji", "告别 👨‍👩‍👧 [doge]", "告别 👨‍👩‍👧 [doge]"},
		{"backslash stays", `C:\x1b\u202e`, `C:\x1b\u202e`},
		{"empty", "", ""},
		{"OSC title", "\x1b]0;SAFE\x07name", `\x1b]0;SAFE\x07name`},
		{"screen clear", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"SGR conceal", "\x1b[8mhidden\x1b[0m", `\x1b[8mhidden\x1b[0m`},
		{"OSC 8 link", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", `\x1b]8;;https://evil.example\x1b\click\x1b]8;;\x1b\`},
		{"carriage return", "real\rfake", `real\rfake`},
		{"tab and newline", "a\tb\nc", `a\tb\nc`},
		{"NUL, BEL, DEL", "\x00\x07\x7f", `\x00\x07\x7f`},
		{"C1 CSI", "\u009b2J", `\u009b2J`},
		{"C1 NEL", "a\u0085b", `a\u0085b`},
		{"invalid byte", "a\x9bb\xff", `a\x9bb\xff`},
		{"RLO", "\u202eEFAS", `\u202eEFAS`},
		{"every bidi control", "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
			`\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069`},
		{"line separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"zero-width joiner stays", "a\u200db", "a\u200db"},
		{"mixed", "告别\x1b[31m红\u202e", `告别\x1b[31m红\u202e`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := String(c.in); got != c.want {
				t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestErrorAndStrings(t *testing.T) {
	if got := Error(errors.New("member \x1b[2Jx: bad")); got != `member \x1b[2Jx: bad` {
		t.Errorf("Error: %q", got)
	}
	if got := Error(nil); got != "" {
		t.Errorf("Error(nil) = %q", got)
	}
	if got := Strings([]string{"a\rb", "c"}); len(got) != 2 || got[0] != `a\rb` || got[1] != "c" {
		t.Errorf("Strings: %q", got)
	}
}

// FuzzString: whatever the input, the output holds no C0 or C1 control,
// no DEL, no bidi control and no line separator, is valid UTF-8, and text
// with nothing to escape comes back unchanged.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "告别", "\x1b]0;x\x07", "\r\n\t", "\u202e\u2066", "\xff\x9b", "\u009b", `\x1b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := String(in)
		if !utf8.ValidString(out) {
			t.Fatalf("String(%q) = %q: not UTF-8", in, out)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("String(%q) = %q holds %U", in, out, r)
			}
		}
		clean := utf8.ValidString(in) && !strings.ContainsFunc(in, func(r rune) bool {
			return r < 0x20 || r == 0x7f || unsafeRune(r)
		})
		if clean != (out == in) {
			t.Fatalf("String(%q) = %q: clean %v", in, out, clean)
		}
	})
}

func TestJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a":"告别"}`, `{"a":"告别"}`},
		{"{\"a\":\"x\u202ey\u009b\x7f\u2028\"}", `{"a":"x\u202ey\u009b\u007f\u2028"}`},
		{`{"a":"\u001b"}`, `{"a":"\u001b"}`},
	} {
		got := string(JSON([]byte(c.in)))
		if got != c.want {
			t.Errorf("JSON(%q) = %q, want %q", c.in, got, c.want)
		}
		var a, b any
		if json.Unmarshal([]byte(c.in), &a) != nil || json.Unmarshal([]byte(got), &b) != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("JSON(%q) changed the value: %v, %v", c.in, a, b)
		}
	}
}

// FuzzJSON: a marshalled string comes back as the same value, with no
// control, bidi or separator character left in the text.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{"", "告别", "\x1b]0;x\x07", "\u202e\u009b\x7f", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		b, err := json.Marshal(map[string]string{"k": in})
		if err != nil {
			t.Fatal(err)
		}
		out := JSON(b)
		var v map[string]string
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatalf("JSON(%q) = %q: %v", b, out, err)
		}
		var want map[string]string
		json.Unmarshal(b, &want)
		if v["k"] != want["k"] {
			t.Fatalf("JSON(%q) = %q: value %q, want %q", b, out, v["k"], want["k"])
		}
		for _, r := range string(out) {
			if r < 0x20 || r == 0x7f || unsafeRune(r) {
				t.Fatalf("JSON(%q) = %q holds %U", b, out, r)
			}
		}
	})
}
