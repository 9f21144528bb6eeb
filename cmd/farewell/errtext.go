package main

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// errorText is what the error line says of err in tr's language: each
// of farewell's own failures (i18n.Error) from the catalog, and the
// system's commonest (a file that is or is not there, a permission, a
// full or read-only disk, a damaged bundle) in words; what is neither
// (an address, a status, the site's words) stays as it is.
func errorText(tr *i18n.Catalog, err error) string {
	return i18n.Say(tr, err, func(err error) (string, bool) { return systemText(tr, err) })
}

// systemText says one error of the system's in tr's language when it is
// one a person can act on: the damage to a bundle (its details as verify
// reports them), a path that is no bundle file, or a file operation that
// failed for want of the file, permission or room (the path and the
// reason, without the operation's name: stat, open, rename).
func systemText(tr *i18n.Catalog, err error) (string, bool) {
	var path string
	var cause error
	switch e := err.(type) {
	case *archive.CorruptError:
		return tr.T(i18n.FailCorrupt, i18n.Args{"detail": e.Error()}), true
	case *archive.NotAFileError:
		if e.Mode.IsDir() {
			return tr.T(i18n.FailFolderNotBundle, i18n.Args{"path": e.Path}), true
		}
		return tr.T(i18n.FailNotAFile, i18n.Args{"path": e.Path, "what": e.What()}), true
	case *fs.PathError:
		path, cause = e.Path, e.Err
	case *os.LinkError:
		path, cause = e.New, e.Err
	default:
		return "", false
	}
	for _, f := range []struct {
		is   error
		code i18n.Code
	}{
		{fs.ErrNotExist, i18n.FailNoSuchFile},
		{fs.ErrExist, i18n.FailExists},
		{fs.ErrPermission, i18n.FailPermission},
		{syscall.ENOTDIR, i18n.FailNotAFolder},
		{syscall.ENOSPC, i18n.FailDiskFull},
		{syscall.EDQUOT, i18n.FailQuota},
		{syscall.EROFS, i18n.FailReadOnly},
	} {
		if errors.Is(cause, f.is) {
			return tr.T(f.code, i18n.Args{"path": path}), true
		}
	}
	return "", false
}
