//go:build unix

package archive

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this id runs (as any user).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
