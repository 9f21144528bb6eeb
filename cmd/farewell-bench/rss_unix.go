//go:build unix

package main

import (
	"os"
	"syscall"
)

// childRSS is a finished child's peak resident memory (0 where the
// system does not say).
func childRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024 // Linux reports kilobytes
	}
	return 0
}
