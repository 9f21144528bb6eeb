//go:build !unix

package archive

import "os"

// openNoWait opens a file for reading; this platform has no FIFOs that
// block an open.
func openNoWait(path string) (*os.File, error) {
	return os.Open(path)
}
