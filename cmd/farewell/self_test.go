package main

import (
	"errors"
	"testing"
)

// The commands farewell prints for the person to run next work from a
// fresh shell: "farewell" when that is this program on the PATH, else
// the program's own path, quoted for the shell.
func TestSelfName(t *testing.T) {
	onPath := func(p string) func(string) (string, error) {
		return func(string) (string, error) {
			if p == "" {
				return "", errors.New("not found")
			}
			return p, nil
		}
	}
	same := func(a, b string) bool { return a == b }
	cases := []struct {
		name, exe, path, want string
	}{
		{"installed", "/home/ming/go/bin/farewell", "/home/ming/go/bin/farewell", "farewell"},
		{"not on PATH", "/home/ming/src/farewell/bin/farewell", "", "/home/ming/src/farewell/bin/farewell"},
		{"another farewell on PATH", "/home/ming/src/farewell/bin/farewell", "/usr/local/bin/farewell", "/home/ming/src/farewell/bin/farewell"},
		{"go run", "/tmp/go-build1234/b001/exe/farewell", "", "farewell"},
		{"unknown", "", "", "farewell"},
	}
	for _, tc := range cases {
		if got := selfName(tc.exe, onPath(tc.path), same); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCommandLine(t *testing.T) {
	cases := []struct {
		goos, self string
		args       []string
		want       string
	}{
		{"linux", "", []string{"verify", "/home/ming/farewell-weibo-1-20261123T020000Z.tar.zst"},
			"farewell verify /home/ming/farewell-weibo-1-20261123T020000Z.tar.zst"},
		{"linux", "/home/ming/my tools/farewell", []string{"browse", "/tmp/b.tar.zst"}, "'/home/ming/my tools/farewell' browse /tmp/b.tar.zst"},
		{"darwin", "farewell", []string{"browse", "/Users/ming/Mi's backups/b.tar.zst"}, `farewell browse '/Users/ming/Mi'\''s backups/b.tar.zst'`},
		{"linux", "farewell", []string{"verify", "/home/明/备份/b.tar.zst"}, "farewell verify '/home/明/备份/b.tar.zst'"},
		{"linux", "farewell", []string{"backup", "weibo"}, "farewell backup weibo"},
		{"windows", `C:\Program Files\farewell\farewell.exe`, []string{"verify", `C:\Users\ming\b.tar.zst`},
			`"C:\Program Files\farewell\farewell.exe" verify C:\Users\ming\b.tar.zst`},
		{"windows", "farewell", []string{"extract", `C:\Users\ming\My Backups\b.tar.zst`, "DIR"}, `farewell extract "C:\Users\ming\My Backups\b.tar.zst" DIR`},
	}
	for _, tc := range cases {
		if got := commandLine(tc.goos, tc.self, tc.args...); got != tc.want {
			t.Errorf("%s %q %q:\n got %s\nwant %s", tc.goos, tc.self, tc.args, got, tc.want)
		}
	}
}

func TestOpener(t *testing.T) {
	cases := []struct{ goos, want string }{{"windows", "rundll32"}, {"darwin", "open"}, {"linux", "xdg-open"}, {"freebsd", "xdg-open"}}
	for _, tc := range cases {
		if got, _ := opener(tc.goos); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.goos, got, tc.want)
		}
	}
}
