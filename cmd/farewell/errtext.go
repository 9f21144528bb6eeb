package main

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// errorText is what the error line says of err in tr's language: each
// of farewell's own failures (i18n.Error) from the catalog, and the
// system's commonest (a file that is or is not there, a permission, a
// full disk) in words; what is neither (an address, a status, the site's
// words) stays as it is.
func errorText(tr *i18n.Catalog, err error) string {
	return i18n.Say(tr, err, func(err error) string { return systemText(tr, err) })
}

// systemText is err with the damage to a bundle it names, or the file
// operation it wraps if that failed for a reason a person can act on,
// said in tr's language: what is wrong, and where; the details of the
// damage stay as verify reports them, the operation's name (stat, open)
// is left out.
func systemText(tr *i18n.Catalog, err error) string {
	whole := err.Error()
	var ce *archive.CorruptError
	if errors.As(err, &ce) {
		return strings.Replace(whole, ce.Error(), tr.T(i18n.FailCorrupt, i18n.Args{"detail": ce.Error()}), 1)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return whole
	}
	var code i18n.Code
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		code = i18n.FailNoSuchFile
	case errors.Is(pe.Err, fs.ErrExist):
		code = i18n.FailExists
	case errors.Is(pe.Err, fs.ErrPermission):
		code = i18n.FailPermission
	case errors.Is(pe.Err, syscall.ENOSPC):
		code = i18n.FailDiskFull
	default:
		return whole
	}
	return strings.Replace(whole, pe.Error(), tr.T(code, i18n.Args{"path": pe.Path}), 1)
}
