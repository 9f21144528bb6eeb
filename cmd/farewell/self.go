package main

import (
	"os"
	"path/filepath"
	"strings"
)

// selfName returns how a person starts this farewell from a fresh shell:
// "farewell" when that name on the PATH is this very program (or when the
// program is a temporary one of "go run", whose path is gone once it
// ends), else the program's full path. exe is os.Executable's answer;
// lookPath is exec.LookPath; same reports whether two paths are one file.
func selfName(exe string, lookPath func(string) (string, error), same func(a, b string) bool) string {
	if exe == "" {
		return "farewell"
	}
	if p, err := lookPath("farewell"); err == nil && same(p, exe) {
		return "farewell"
	}
	if strings.Contains(filepath.ToSlash(exe), "/go-build") {
		return "farewell"
	}
	return exe
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// commandLine is a farewell command a person can paste into a shell of
// goos: the program as selfName found it, then the arguments, each
// quoted where that shell would split or expand it.
func commandLine(goos, self string, args ...string) string {
	if self == "" {
		self = "farewell"
	}
	words := []string{shellQuote(goos, self)}
	for _, a := range args {
		words = append(words, shellQuote(goos, a))
	}
	return strings.Join(words, " ")
}

// absPath is path made absolute, for a command printed to be run from
// any folder (path itself if that fails).
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// shellQuote quotes s for the shell of goos when it holds anything but
// letters, digits and . _ - / : \ (Windows) or . _ - / : + = @ , (elsewhere).
func shellQuote(goos, s string) string {
	if goos == "windows" {
		if s != "" && !strings.ContainsAny(s, " \t&()[]{}^=;!'+,`~%$@#") {
			return s
		}
		return `"` + s + `"`
	}
	plain := func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/:+=@,", r)
	}
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return !plain(r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
