package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"rsc.io/qr"
)

// terminalLoginUI shows a login QR code in the terminal (and saves the
// page's own QR image as a PNG) for runs without a window.
type terminalLoginUI struct {
	w       io.Writer
	tr      *i18n.Catalog
	pngPath string
}

func (u terminalLoginUI) QR(png []byte, url string) {
	if u.pngPath != "" {
		os.MkdirAll(filepath.Dir(u.pngPath), 0o700)
		if err := os.WriteFile(u.pngPath, png, 0o600); err == nil {
			u.Status(i18n.Msg{Code: i18n.LoginQRSaved, Args: i18n.Args{"file": u.pngPath}})
		}
	}
	u.Status(i18n.Msg{Code: i18n.LoginScanThis})
	fmt.Fprint(u.w, renderQR(url))
}

// Status prints a line of the login's progress in the person's language;
// it may quote the site, so it is escaped.
func (u terminalLoginUI) Status(m i18n.Msg) {
	fmt.Fprintf(u.w, "farewell: %s\n", termsafe.String(u.tr.Say(m)))
}

// renderQR draws a QR code of text with half-block characters: two rows
// of modules per line, with the quiet zone the standard asks for.
func renderQR(text string) string {
	code, err := qr.Encode(text, qr.L)
	if err != nil {
		return fmt.Sprintf("(cannot draw the QR code: %v)\nopen: %s\n", err, text)
	}
	const quiet = 2
	n := code.Size
	black := func(x, y int) bool {
		if x < 0 || y < 0 || x >= n || y >= n {
			return false
		}
		return code.Black(x, y)
	}
	var b strings.Builder
	for y := -quiet; y < n+quiet; y += 2 {
		for x := -quiet; x < n+quiet; x++ {
			top, bottom := black(x, y), black(x, y+1)
			// Light terminal cells are the code's dark modules inverted:
			// draw white where the code is white.
			switch {
			case !top && !bottom:
				b.WriteRune('█')
			case !top && bottom:
				b.WriteRune('▀')
			case top && !bottom:
				b.WriteRune('▄')
			default:
				b.WriteRune(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}
