package exporter

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// browserProcs returns the pids of the processes started with
// --user-data-dir=profileDir, and which of them is Chromium's main
// process (0 if none).
func browserProcs(profileDir string) (all []int, main int, err error) {
	abs, err := filepath.Abs(profileDir)
	if err != nil {
		return nil, 0, err
	}
	flag := []byte("--user-data-dir=" + abs)
	procs, err := os.ReadDir("/proc")
	if err != nil {
		return nil, 0, err
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
		ours, isMain := false, true
		for _, a := range bytes.Split(cmdline, []byte{0}) {
			if bytes.Equal(a, flag) {
				ours = true
			}
			if bytes.HasPrefix(a, []byte("--type=")) {
				isMain = false // a renderer, GPU or utility process
			}
		}
		if ours {
			all = append(all, pid)
			if isMain && main == 0 {
				main = pid
			}
		}
	}
	return all, main, nil
}

// KillBrowser kills, as a crash would, the main process of the Chromium
// that runs on the profile at profileDir, and returns its pid. It exists
// for fault injection (demo --faults crash-at=N) and tests: farewell must
// survive its browser dying under it.
func KillBrowser(profileDir string) (int, error) {
	_, main, err := browserProcs(profileDir)
	if err != nil {
		return 0, err
	}
	if main == 0 {
		return 0, fmt.Errorf("no browser runs on %s", profileDir)
	}
	if err := syscall.Kill(main, syscall.SIGKILL); err != nil {
		return 0, fmt.Errorf("kill browser %d: %w", main, err)
	}
	return main, nil
}

// endBrowsers ends every process still running on a browser profile (a
// killed run's Chromium and its helpers, which outlive it and write
// into the profile) and waits, a few seconds at most, until they are
// gone: only then can the profile be removed or replaced whole.
func endBrowsers(profileDir string) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		pids, _, err := browserProcs(profileDir)
		if err != nil || len(pids) == 0 || time.Now().After(deadline) {
			return
		}
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
