package exporter

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPacerKeepsTheAveragePace: single waits are spaced by the interval;
// a burst of n goes at once and holds the next request back by n
// intervals.
func TestPacerKeepsTheAveragePace(t *testing.T) {
	const interval = 40 * time.Millisecond
	p := NewPacer(interval, 0)
	ctx := context.Background()
	start := time.Now()
	if err := p.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > interval/2 {
		t.Fatalf("the first wait took %v", d)
	}
	if err := p.WaitN(ctx, 3); err != nil { // a page load of three requests
		t.Fatal(err)
	}
	burst := time.Since(start)
	if burst < interval || burst > 2*interval {
		t.Fatalf("the burst went after %v, want one interval (%v)", burst, interval)
	}
	if err := p.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 4*interval {
		t.Fatalf("the request after a burst of three went after %v, want at least %v", d, 4*interval)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := p.WaitN(cctx, 1); err == nil {
		t.Fatal("a cancelled wait returned no error")
	}
}

// TestStorageError: local writes that failed for want of room or
// permission stop the run; other failures do not.
func TestStorageError(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{&fs.PathError{Op: "write", Path: "/home/x/raw/posts/.1.json", Err: syscall.ENOSPC}, true},
		{fmt.Errorf("save raw: %w", &fs.PathError{Op: "open", Path: "/x", Err: syscall.EDQUOT}), true},
		{&os.LinkError{Op: "rename", Old: "/a", New: "/b", Err: syscall.EROFS}, true},
		{&fs.PathError{Op: "open", Path: "/x", Err: syscall.EACCES}, true},
		{&fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOENT}, false},
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.EACCES}, false},
		{errors.New("HTTP 502"), false},
		{nil, false},
	}
	for _, tc := range cases {
		got := StorageError(tc.err)
		if errors.Is(got, ErrStorage) != tc.want {
			t.Errorf("StorageError(%v) = %v; storage: %v, want %v", tc.err, got, !tc.want, tc.want)
		}
		if tc.want && (!strings.Contains(got.Error(), "it continues where it stopped") || !errors.Is(got, tc.err)) {
			t.Errorf("StorageError(%v) = %v: loses the cause or what to do", tc.err, got)
		}
	}
}
