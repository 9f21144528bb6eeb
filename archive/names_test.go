package archive

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCheckName(t *testing.T) {
	good := []string{"a", "data/posts.jsonl", "媒体/视频🎬.mp4", "a/b/c/d.e", ".hidden", "a..b", "...", "MANIFEST.json", "a b",
		strings.Repeat("x", 255), "media/" + strings.Repeat("长", 85) + "/a"}
	bad := []string{"", "/etc/passwd", "../evil", "a/../../b", "a/./b", "./a", "a/", "a//b", `a\b`, "a\nb", "a\x00b", "a\x7fb",
		"..", ".", "a/..", "bad\xffutf8", "a\u0085b", strings.Repeat("x", 5000), strings.Repeat("x", 256), "media/" + strings.Repeat("长", 86) + "/a"}
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
		if e == "." || e == ".." || e == "" || len(e) > 255 {
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
	cases := []struct {
		name  string
		names []string
		bad   string // the last name, when it is refused; "" when all are accepted
		says  string
	}{
		{"distinct", []string{"a", "B", "c/D", "c/e/f", "cd"}, "", ""},
		{"duplicate", []string{"a", "a"}, "a", "appears twice"},
		{"case", []string{"B", "b"}, "b", "differ only by case"},
		{"case, lower first", []string{"c/d", "C/d"}, "C/d", "differ only by case"},
		{"file, then a member inside it", []string{"media/x", "media/x/y"}, "media/x/y", `"media/x" is a file`},
		{"member, then a file named as its folder", []string{"media/x/y", "media/x"}, "media/x", `"media/x" is a file`},
		{"file, then a member deep inside it", []string{"a", "a/b/c/d"}, "a/b/c/d", `"a" is a file`},
		{"folder and file differing by case", []string{"Media/x/y", "media/X"}, "media/X", `"media/X" is a file`},
		{"prefix that is no folder", []string{"media/x", "media/xy/z"}, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newNameSet(0)
			for i, n := range tc.names {
				err := s.add(n)
				last := i == len(tc.names)-1
				switch {
				case last && tc.bad != "" && (err == nil || !strings.Contains(err.Error(), tc.says)):
					t.Fatalf("add(%q) = %v, want an error saying %q", n, err, tc.says)
				case (!last || tc.bad == "") && err != nil:
					t.Fatalf("add(%q) = %v", n, err)
				}
			}
		})
	}
	s := newNameSet(0)
	s.add("B")
	if !s.has("B") || s.has("b") {
		t.Error("has is wrong")
	}
}

// TestUnextractableNamesAreRefused crafts bundles that no file system can
// extract: a member that is also another's folder, a path element over 255
// bytes. Verify (quick and full) must call them corrupt naming the member,
// and extract must refuse them before writing anything.
func TestUnextractableNamesAreRefused(t *testing.T) {
	long := "media/" + strings.Repeat("x", 256) + ".jpg"
	cases := []struct {
		name    string
		entries []craftEntry
		where   string
		says    string
	}{
		{"a file that is also a folder", []craftEntry{regular("media/x", []byte("a")), regular("media/x/y", []byte("b"))}, "media/x/y", `"media/x" is a file`},
		{"a folder that is also a file", []craftEntry{regular("media/x/y", []byte("b")), regular("media/x", []byte("a"))}, "media/x", `"media/x" is a file`},
		{"an element over 255 bytes", []craftEntry{regular(long, []byte("a"))}, whereIndex, "longer than 255 bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bundle := craftBundle(t, tc.entries)
			for _, quick := range []bool{true, false} {
				rep := verify(t, bundle, quick)
				if rep.Verdict != VerdictCorrupt || len(rep.Integrity.Problems) != 1 || rep.Integrity.Problems[0].Where != tc.where ||
					!strings.Contains(rep.Integrity.Problems[0].Detail, tc.says) {
					t.Errorf("verify (quick %v): verdict %s, problems %+v", quick, rep.Verdict, rep.Integrity.Problems)
				}
			}
			parent := t.TempDir()
			_, err := Extract(context.Background(), bundle, filepath.Join(parent, "out"), ExtractOptions{})
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("extract: %v", err)
			}
			if got := dirFiles(t, parent); len(got) != 0 {
				t.Errorf("extract left %v", got)
			}
			if _, err := os.Stat(filepath.Join(parent, "out")); err == nil {
				t.Error("extract left its target folder")
			}
		})
	}
}
