package archive

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCheckName(t *testing.T) {
	good := []string{"a", "data/posts.jsonl", "媒体/视频🎬.mp4", "a/b/c/d.e", ".hidden", "a..b", "...", "MANIFEST.json", "a b"}
	bad := []string{"", "/etc/passwd", "../evil", "a/../../b", "a/./b", "./a", "a/", "a//b", `a\b`, "a\nb", "a\x00b", "a\x7fb",
		"..", ".", "a/..", "bad\xffutf8", "a\u0085b", strings.Repeat("x", 5000)}
	for _, n := range good {
		if err := CheckName(n); err != nil {
			t.Errorf("CheckName(%q) = %v, want ok", n, err)
		}
	}
	for _, n := range bad {
		if err := CheckName(n); err == nil {
			t.Errorf("CheckName(%q) accepted", n)
		}
	}
}

// slowCheckName is the obvious definition CheckName must agree with.
func slowCheckName(name string) bool {
	if name == "" || len(name) > maxNameLen || !utf8.ValidString(name) || strings.ContainsRune(name, '\\') ||
		strings.HasPrefix(name, "/") || path.Clean(name) != name || !filepath.IsLocal(name) {
		return false
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return false
		}
	}
	for _, e := range strings.Split(name, "/") {
		if e == "." || e == ".." || e == "" {
			return false
		}
	}
	return true
}

func FuzzCheckName(f *testing.F) {
	for _, s := range []string{"a/b", "../x", "媒体/x", "a//b", "./a", "a/.", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if got, want := CheckName(name) == nil, slowCheckName(name); got != want {
			t.Fatalf("CheckName(%q) ok=%v, the definition says %v", name, got, want)
		}
	})
}

func TestNameSet(t *testing.T) {
	s := newNameSet(0)
	for _, n := range []string{"a", "B", "c/D"} {
		if err := s.add(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"a", "A", "b", "C/d", "c/d"} {
		if err := s.add(n); err == nil {
			t.Errorf("add(%q) accepted a duplicate or case collision", n)
		}
	}
	if !s.has("B") || s.has("b") {
		t.Error("has is wrong")
	}
}
