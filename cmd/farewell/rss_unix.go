//go:build unix

package main

import "syscall"

// peakRSS is the process's own peak resident memory (0 where the system
// does not say).
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss * 1024 // kilobytes on Linux
}
