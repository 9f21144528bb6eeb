package exporter

import (
	"context"
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
