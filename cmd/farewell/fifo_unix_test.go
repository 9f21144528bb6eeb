//go:build unix

package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBundleMustBeARegularFile gives every command that reads a bundle a
// FIFO, a folder, a device and a socket. Each must refuse at once with one
// line naming the path (exit 1), create nothing, and never wait for a
// writer that will not come.
func TestBundleMustBeARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "bundle.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "bundle.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	folder := filepath.Join(dir, "folder.tar.zst")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	targets := []struct{ kind, path, says string }{
		{"fifo", fifo, "named pipe"},
		{"folder", folder, "a folder"},
		{"device", os.DevNull, "a device"},
		{"socket", sock, "a socket"},
	}
	for _, tg := range targets {
		out := filepath.Join(t.TempDir(), "out")
		for _, args := range [][]string{
			{"verify", tg.path},
			{"verify", "--quick", "--json", tg.path},
			{"ls", tg.path},
			{"extract", tg.path, out},
			{"export", tg.path, "--format", "csv", out},
			{"browse", "--no-open", tg.path},
		} {
			t.Run(tg.kind+" "+args[0], func(t *testing.T) {
				type result struct {
					code           int
					stdout, stderr string
				}
				done := make(chan result, 1)
				go func() {
					code, stdout, stderr := farewell(t, context.Background(), args...)
					done <- result{code, stdout, stderr}
				}()
				var r result
				select {
				case r = <-done:
				case <-time.After(2 * time.Minute):
					// A hang, not a speed target: free the reader so the
					// test can end, and fail.
					if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
						w.Close()
					}
					t.Fatalf("farewell %s is still waiting on %s", strings.Join(args, " "), tg.kind)
				}
				if r.code != ExitError {
					t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, ExitError, r.stdout, r.stderr)
				}
				first, _, _ := strings.Cut(r.stderr, "\n")
				if !strings.Contains(first, tg.path) || !strings.Contains(first, tg.says) || !strings.Contains(first, "not a bundle file") {
					t.Errorf("error does not say what %s is: %q", tg.path, first)
				}
				if n := strings.Count(strings.TrimSpace(r.stderr), "\n"); n != 0 && !slices.Contains(args, "--json") {
					t.Errorf("error is not one line:\n%s", r.stderr)
				}
				if _, err := os.Stat(out); err == nil {
					t.Errorf("%s created %s", args[0], out)
				}
			})
		}
	}
}
