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
	"testing/synctest"
	"time"
)

// TestPacerKeepsTheAveragePace: single waits are spaced by the interval;
// a burst of n goes at once and holds the next request back by n
// intervals. The test runs on synctest's clock, which moves only when
// every goroutine waits: each wait is measured exactly, not against a
// busy machine's scheduling (it once failed a burst that went 89 ms after
// the start, for one interval of 40 ms, with Chromium on both cores).
func TestPacerKeepsTheAveragePace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const interval = 40 * time.Millisecond
		p := NewPacer(interval, 0)
		ctx := context.Background()
		start := time.Now()
		for i, step := range []struct {
			n    int
			want time.Duration // since start
		}{
			{1, 0},            // the first request goes at once
			{3, interval},     // a page load of three requests, one interval later
			{1, 4 * interval}, // then three intervals' pause
			{1, 5 * interval},
		} {
			if err := p.WaitN(ctx, step.n); err != nil {
				t.Fatal(err)
			}
			if got := time.Since(start); got != step.want {
				t.Errorf("wait %d (%d at once) went after %v, want %v", i+1, step.n, got, step.want)
			}
		}
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := p.WaitN(cctx, 1); err == nil {
			t.Fatal("a cancelled wait returned no error")
		}
	})
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
