package exporter

import (
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// Sentinel errors a site's classifier returns for a response; the session
// acts on them.
var (
	// ErrNotLoggedIn: the session is gone; the run stops (exit 4) and
	// says to log in again.
	ErrNotLoggedIn = errors.New("not logged in")
	// ErrThrottled: the site wants us to slow down; the session waits
	// (minutes, with a countdown) and tries again.
	ErrThrottled = errors.New("throttled by the site")
	// ErrCaptcha: the site shows a verification page a person must solve.
	ErrCaptcha = errors.New("the site asks for a verification (captcha)")
	// ErrNotFound: the site says the thing asked for does not exist (a
	// deleted post); asking again will not change that.
	ErrNotFound = errors.New("the site says it does not exist")
	// ErrRejected: the site refuses the request as it was made (an
	// address too long for it, HTTP 414); asking again the same way will
	// not help, asking another way may.
	ErrRejected = errors.New("the site refuses the request as made")
	// ErrStorage: farewell's data folder cannot be written (the disk is
	// full, a folder is read-only); the run stops and keeps what it has,
	// and once there is room the next run continues.
	ErrStorage = errors.New("farewell's data folder cannot be written")
)

// StorageError marks err with ErrStorage, and says what to do, when it is
// a local file operation that failed for want of room or permission: the
// next attempt would meet the same wall, so the run should stop rather
// than retry or record a gap. Other errors are returned as they are.
func StorageError(err error) error {
	if err == nil || errors.Is(err, ErrStorage) {
		return err
	}
	var pe *fs.PathError
	var le *os.LinkError
	var cause error
	switch {
	case errors.As(err, &pe):
		cause = pe.Err
	case errors.As(err, &le):
		cause = le.Err
	default:
		return err
	}
	for _, errno := range []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG, syscall.EROFS, syscall.EACCES, syscall.EPERM} {
		if errors.Is(cause, errno) {
			return i18n.Fail(storageError{err}, i18n.FailStorage, nil)
		}
	}
	return err
}

// storageError is a local file operation that failed for want of room
// or permission: its text is the operation's, and it matches ErrStorage
// too.
type storageError struct{ err error }

func (e storageError) Error() string { return e.err.Error() }

func (e storageError) Unwrap() []error { return []error{e.err, ErrStorage} }

// Pacer spaces the requests to one site: each at least Interval after the
// last, plus a random jitter of up to Jitter×Interval, so the pattern is
// neither too fast nor too regular.
type Pacer struct {
	interval time.Duration
	jitter   float64
	mu       sync.Mutex
	next     time.Time
}

// NewPacer returns a pacer; interval 0 means no spacing.
func NewPacer(interval time.Duration, jitter float64) *Pacer {
	return &Pacer{interval: interval, jitter: jitter}
}

// Wait blocks until the next request may go, or ctx ends.
func (p *Pacer) Wait(ctx context.Context) error { return p.WaitN(ctx, 1) }

// WaitN blocks until n requests that go at once (a page load that makes
// them by itself) may go, and holds the next request back by n intervals,
// so the average pace is kept.
func (p *Pacer) WaitN(ctx context.Context, n int) error {
	if p == nil || p.interval <= 0 || n <= 0 {
		return ctx.Err()
	}
	p.mu.Lock()
	now := time.Now()
	at := p.next
	if at.Before(now) {
		at = now
	}
	p.next = at.Add(time.Duration(float64(n) * float64(p.interval) * (1 + p.jitter*rand.Float64())))
	p.mu.Unlock()
	return Sleep(ctx, time.Until(at))
}

// Backoff says how long to wait after the site throttles us.
type Backoff struct {
	Initial  time.Duration // first wait (default 2 minutes)
	Max      time.Duration // longest wait (default 30 minutes)
	Attempts int           // tries before giving up (default 6)
}

func (b Backoff) withDefaults() Backoff {
	if b.Initial <= 0 {
		b.Initial = 2 * time.Minute
	}
	if b.Max <= 0 {
		b.Max = 30 * time.Minute
	}
	if b.Attempts <= 0 {
		b.Attempts = 6
	}
	return b
}

// Delay is the wait before retry number attempt (0-based): doubling from
// Initial up to Max, with up to 20% jitter.
func (b Backoff) Delay(attempt int) time.Duration {
	b = b.withDefaults()
	d := b.Initial
	for i := 0; i < attempt && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	return d + time.Duration(rand.Float64()*0.2*float64(d))
}

// Sleep waits for d or until ctx ends, and returns ctx's error if it ended.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
