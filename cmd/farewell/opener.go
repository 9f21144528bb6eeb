package main

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// noOpenerError: this computer lacks the program (see opener) that shows
// a file in the person's default browser.
type noOpenerError struct{ program string }

func (e *noOpenerError) Error() string { return "no " + e.program + " here" }

// opener is the program that opens a file or an address in the person's
// default browser on a system, and the arguments before it.
func opener(goos string) (program string, args []string) {
	switch goos {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler"}
	case "darwin":
		return "open", nil
	default:
		return "xdg-open", nil
	}
}

// openInBrowser shows a local file in the person's default browser with
// this system's opener, without waiting for the browser. Without the
// opener the error is a *noOpenerError.
func openInBrowser(_ context.Context, file string) error {
	name, args := opener(runtime.GOOS)
	p, err := exec.LookPath(name)
	if err != nil {
		return &noOpenerError{program: name}
	}
	// Not tied to ctx: the browser outlives browse.
	cmd := exec.Command(p, append(args, file)...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // the opener hands the file over and exits
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
