package archive

import (
	"errors"
	"fmt"
)

// ErrCorrupt is matched (with errors.Is) by every error that means the
// bundle's bytes are damaged or were not written by a well-behaved packer:
// bad checksums, a truncated file, a hostile member name, sizes that
// disagree with the manifest. The CLI maps it to exit code 5.
var ErrCorrupt = errors.New("bundle corrupt")

// CorruptError names the part of a bundle that is damaged. Where is a member
// path, [ManifestName], or a description of a structural part such as
// "bundle trailer".
type CorruptError struct {
	Where string
	Err   error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s: %v", e.Where, e.Err)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrCorrupt) true for every CorruptError.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

func corruptf(where, format string, args ...any) error {
	return &CorruptError{Where: where, Err: fmt.Errorf(format, args...)}
}

// Names of the structural parts of a bundle, used in CorruptError.Where.
const (
	whereTrailer   = "bundle trailer"
	whereSeekTable = "bundle seek table"
	whereIndex     = "bundle member index"
	whereStream    = "tar stream"
)
