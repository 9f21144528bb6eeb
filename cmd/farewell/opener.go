package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
)

// errNoOpener: this computer has no xdg-open to show a file with.
var errNoOpener = errors.New("no xdg-open here")

// openInBrowser shows a local file in the person's browser with
// xdg-open, without waiting for the browser.
func openInBrowser(ctx context.Context, file string) error {
	p, err := exec.LookPath("xdg-open")
	if err != nil {
		return errNoOpener
	}
	cmd := exec.Command(p, file)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // xdg-open hands the file over and exits
	return nil
}

// writeLauncher writes a page that sends the browser on to url into a
// private folder (0700; the page 0600) and returns its path and a
// function that removes both. browse opens this page rather than url
// itself: a command line is visible to every user of the computer (ps),
// and url carries the server's token.
func writeLauncher(url string) (string, func(), error) {
	dir, err := os.MkdirTemp("", "farewell-browse-")
	if err != nil {
		return "", nil, fmt.Errorf("browse: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	u := html.EscapeString(url)
	page := `<!doctype html>
<html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=` + u + `">
<title>farewell</title></head>
<body><p><a href="` + u + `">Open the bundle</a></p></body></html>
`
	path := filepath.Join(dir, "open.html")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("browse: %w", err)
	}
	_, err = f.WriteString(page)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("browse: %w", err)
	}
	return path, cleanup, nil
}
