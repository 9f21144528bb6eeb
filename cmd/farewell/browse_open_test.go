package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/archive/viewer/viewertest"
)

// TestBrowseAddrAndLauncher: browse on any loopback address (127.0.0.2
// too) prints an address that answers; it opens the browser on a private
// local page (0600 in a 0700 folder) that sends it to that address, so
// the token is never on a command line; the page is gone when browse
// ends.
func TestBrowseAddrAndLauncher(t *testing.T) {
	ctx := context.Background()
	_, bundle, err := viewertest.Pack(ctx, t.TempDir(), viewertest.Options{Platform: "weibo", Posts: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"127.0.0.1:0", "127.0.0.2:0", "localhost:0"} {
		t.Run(addr, func(t *testing.T) {
			bctx, cancel := context.WithCancel(ctx)
			var out, errb lockedBuffer
			opened := make(chan string, 1)
			gopts := &GlobalOptions{stdout: &out, stderr: &errb, open: func(_ context.Context, file string) error {
				opened <- file
				return nil
			}}
			done := make(chan int, 1)
			go func() { done <- runWith(bctx, gopts, []string{"browse", "--addr", addr, bundle}) }()
			var launcher string
			select {
			case launcher = <-opened:
			case code := <-done:
				t.Fatalf("browse ended with exit %d: %s", code, errb.String())
			}
			url := regexp.MustCompile(`http://\S+/[0-9a-f]{32}/`).FindString(out.String())
			if url == "" {
				t.Fatalf("browse printed no address: %q", out.String())
			}
			if addr == "127.0.0.2:0" && !strings.HasPrefix(url, "http://127.0.0.2:") {
				t.Errorf("address %s for --addr %s", url, addr)
			}
			if strings.Contains(launcher, url) || strings.Contains(launcher, url[len(url)-33:len(url)-1]) {
				t.Errorf("the token is in the opened file's name %s", launcher)
			}
			page, err := os.ReadFile(launcher)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(page), `content="0;url=`+url+`"`) || !strings.Contains(string(page), `href="`+url+`"`) {
				t.Errorf("the launcher does not send the browser to %s:\n%s", url, page)
			}
			for path, want := range map[string]os.FileMode{launcher: 0o600, filepath.Dir(launcher): 0o700 | os.ModeDir} {
				if fi, err := os.Stat(path); err != nil || fi.Mode() != want {
					t.Errorf("%s: mode %v (%v), want %v", path, fi.Mode(), err, want)
				}
			}
			resp, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "viewer/app.js") {
				t.Errorf("%s answered HTTP %d: %.200s", url, resp.StatusCode, body)
			}
			cancel()
			if code := <-done; code != ExitOK {
				t.Errorf("browse ended with exit %d: %s", code, errb.String())
			}
			if _, err := os.Stat(filepath.Dir(launcher)); !os.IsNotExist(err) {
				t.Errorf("the launcher's folder is still there (%v)", err)
			}
		})
	}
}

// TestBrowseWithoutOpener: on a computer without its system's opener
// (xdg-open, open, rundll32), browse says which one is missing, to open
// the printed address by hand, and runs until Ctrl-C as usual (exit 0).
func TestBrowseWithoutOpener(t *testing.T) {
	ctx := context.Background()
	_, bundle, err := viewertest.Pack(ctx, t.TempDir(), viewertest.Options{Platform: "weibo", Posts: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, program := range []string{"xdg-open", "open", "rundll32"} {
		t.Run(program, func(t *testing.T) {
			bctx, cancel := context.WithCancel(ctx)
			var out, errb lockedBuffer
			tried := make(chan struct{})
			gopts := &GlobalOptions{stdout: &out, stderr: &errb, open: func(context.Context, string) error {
				close(tried)
				return &noOpenerError{program: program}
			}}
			done := make(chan int, 1)
			go func() { done <- runWith(bctx, gopts, []string{"browse", bundle}) }()
			select {
			case <-tried:
			case code := <-done:
				t.Fatalf("browse ended with exit %d: %s", code, errb.String())
			}
			cancel()
			if code := <-done; code != ExitOK {
				t.Errorf("browse ended with exit %d: %s", code, errb.String())
			}
			if want := "no " + program + " here: open the address above in a browser"; !strings.Contains(errb.String(), want) {
				t.Errorf("stderr %q lacks %q", errb.String(), want)
			}
		})
	}
}
