package archive

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A bundle is written under a partial name that carries the writer's
// process id, <name>.<pid>.partial: two runs never share one, and a
// partial whose writer has died can be told from one still being written.

const partialSuffix = ".partial"

// partialName returns the name this process writes final under.
func partialName(final string) string {
	return fmt.Sprintf("%s.%d%s", final, os.Getpid(), partialSuffix)
}

// partialWriter returns the process id in a partial bundle's file name,
// or false when the name is not one.
func partialWriter(name string) (int, bool) {
	rest, ok := strings.CutSuffix(name, partialSuffix)
	if !ok || !strings.HasPrefix(name, "farewell-") {
		return 0, false
	}
	i := strings.LastIndexByte(rest, '.')
	if i < 0 || !strings.HasSuffix(rest[:i], ".tar.zst") {
		return 0, false
	}
	pid, err := strconv.Atoi(rest[i+1:])
	if err != nil || pid <= 0 || strconv.Itoa(pid) != rest[i+1:] {
		return 0, false
	}
	return pid, true
}

// removeStalePartials removes the partial bundles in dir whose writers
// are no longer running: what a killed pack left. A partial of a live
// process, of this one, or of no known writer is left alone.
func removeStalePartials(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, ok := partialWriter(e.Name())
		if !ok || pid == os.Getpid() || !e.Type().IsRegular() || processAlive(pid) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
