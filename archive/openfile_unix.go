//go:build unix

package archive

import (
	"os"
	"syscall"
)

// openNoWait opens a file for reading without waiting: opening a FIFO
// whose other end nobody holds would otherwise block forever, deaf to
// cancellation. O_NONBLOCK changes nothing for a regular file.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
