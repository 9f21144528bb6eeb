package exporter

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// KillBrowser kills, as a crash would, the main process of the Chromium
// that runs on the profile at profileDir, and returns its pid. It exists
// for fault injection (demo --faults crash-at=N) and tests: farewell must
// survive its browser dying under it.
func KillBrowser(profileDir string) (int, error) {
	abs, err := filepath.Abs(profileDir)
	if err != nil {
		return 0, err
	}
	flag := []byte("--user-data-dir=" + abs)
	procs, err := os.ReadDir("/proc")
	if err != nil {
		return 0, err
	}
	for _, p := range procs {
		pid, err := strconv.Atoi(p.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", p.Name(), "cmdline"))
		if err != nil {
			continue
		}
		args := bytes.Split(cmdline, []byte{0})
		main, ours := true, false
		for _, a := range args {
			if bytes.Equal(a, flag) {
				ours = true
			}
			if bytes.HasPrefix(a, []byte("--type=")) {
				main = false // a renderer, GPU or utility process
			}
		}
		if ours && main {
			if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
				return 0, fmt.Errorf("kill browser %d: %w", pid, err)
			}
			return pid, nil
		}
	}
	return 0, fmt.Errorf("no browser runs on %s", abs)
}
