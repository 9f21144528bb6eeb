package archive

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A bundle is written under a partial name that carries the writer's
// computer and process id, <name>.<host>.<pid>.partial: two runs never
// share one, and a partial whose writer has died can be told from one
// still being written. The host matters on a folder that several
// computers share: a process id says nothing about another computer's
// processes, so only this computer's partials are ever judged.

const partialSuffix = ".partial"

// partialName returns the name this process writes final under.
func partialName(final string) string {
	return fmt.Sprintf("%s.%s.%d%s", final, hostTag(), os.Getpid(), partialSuffix)
}

// hostTag is this computer's name as a partial name carries it: letters,
// digits and '-' only, at most 32 of them ("host" when it has none).
func hostTag() string {
	name, _ := os.Hostname()
	tag := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, name)
	if len(tag) > 32 {
		tag = tag[:32]
	}
	if tag == "" {
		return "host"
	}
	return tag
}

// partialWriter returns the computer and process id in a partial
// bundle's file name, or false when the name is not one.
func partialWriter(name string) (host string, pid int, ok bool) {
	rest, ok := strings.CutSuffix(name, partialSuffix)
	if !ok || !strings.HasPrefix(name, "farewell-") {
		return "", 0, false
	}
	i := strings.LastIndexByte(rest, '.')
	if i < 0 {
		return "", 0, false
	}
	digits := rest[i+1:]
	rest = rest[:i]
	j := strings.LastIndexByte(rest, '.')
	if j < 0 || !strings.HasSuffix(rest[:j], ".tar.zst") {
		return "", 0, false
	}
	host = rest[j+1:]
	pid, err := strconv.Atoi(digits)
	if err != nil || pid <= 0 || strconv.Itoa(pid) != digits || host == "" || strings.Trim(host, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return "", 0, false
	}
	return host, pid, true
}

// removeStalePartials removes the partial bundles in dir whose writers
// are no longer running: what a killed pack left. A partial of a live
// process, of this one, of another computer, or of no known writer is
// left alone.
func removeStalePartials(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	here := hostTag()
	for _, e := range entries {
		host, pid, ok := partialWriter(e.Name())
		if !ok || host != here || pid == os.Getpid() || !e.Type().IsRegular() || processAlive(pid) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
