package main

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/farewell-app/farewell/cmd/internal/chaos"
	"github.com/farewell-app/farewell/profiles/profiletest"
)

// TestKilledAtRandomMomentsWeibo is a small round of make chaos on every
// run of the suite: farewell (this test binary acting as it) backs up
// Weibo's replica under the faults of a long run (5xx, cut connections,
// slow answers, 418 bursts, dead video links, the browser killed mid-run)
// and is killed with SIGKILL at a random moment (a logout, which costs a
// login per run, is make chaos's; TestDemoStopsAndContinues meets one
// here); after the kill no final-named bundle may be broken; the runs
// that follow must finish with a bundle holding exactly an undisturbed
// run's items, verify must say safe, and a rerun must fetch no media. No
// session secret may appear in the bundle, the output or the logs. The
// round's reference run, an undisturbed demo from nothing, is checked as
// any first demo is (checkWeiboDemo), and its rerun as any rerun
// (checkRerun). FAREWELL_CHAOS_SEED=N repeats a round.
//
// Douyin's round, and rounds of more kills for both sites, are make
// chaos's: CI runs it after make test (.ci/run). Douyin's round alone
// cost make test a sixth of its time (110 to 160 CPU-seconds of 1,260),
// each of its runs a browser that crash-at restarts; TestDemoDouyin
// checks Douyin's first demo and its rerun here.
func TestKilledAtRandomMomentsWeibo(t *testing.T) {
	killRound(t, killCase{"weibo", 12, nil, 1, "5xx=0.04,reset=0.02,slow=0.02,ratelimit,expire-media,crash-at=5", checkWeiboDemo})
}

// killCase is one platform's round.
type killCase struct {
	platform string
	size     int
	extra    []string
	kills    int
	faults   string
	// reference checks the undisturbed reference run's output.
	reference func(t *testing.T, home, stdout, stderr string, posts int64)
}

// killRound runs a round of chaos.Run for tc and checks its result.
func killRound(t *testing.T, tc killCase) {
	t.Parallel() // mostly pauses: it overlaps the others
	profiletest.NeedBrowser(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("FAREWELL_CHAOS_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("FAREWELL_CHAOS_SEED: %v", err)
		}
	}
	var log strings.Builder
	res, err := chaos.Run(context.Background(), chaos.Config{
		Command:  []string{os.Args[0], "-test.run=^$", "--"},
		Env:      []string{"FAREWELL_MAIN=1"},
		Platform: tc.platform,
		Size:     tc.size,
		Extra:    tc.extra,
		Kills:    tc.kills,
		Faults:   tc.faults,
		Dir:      t.TempDir(),
		Rand:     rand.New(rand.NewPCG(seed, 7)),
		Log:      &log,
	})
	t.Logf("seed %d (FAREWELL_CHAOS_SEED repeats it)\n%s", seed, log.String())
	if res.RefStdout != "" {
		tc.reference(t, res.RefHome, res.RefStdout, res.RefStderr, int64(tc.size))
	}
	if err != nil {
		t.Fatalf("%v\nthe disturbed runs' last output:\n%s\n%s", err, lastLines(res.Stdout, 40), lastLines(res.Stderr, 40))
	}
	// The first disturbed run starts from nothing, so the kill
	// finds it working: a round that killed nothing showed nothing.
	if res.Killed == 0 {
		t.Fatalf("no run was killed: %+v", res)
	}
	if res.Items < tc.size || res.RerunMedia != 0 {
		t.Fatalf("result %+v", res)
	}
	// crash-at=5: every run that lives to its fifth API request
	// loses its browser, the finishing run too (even a rerun makes
	// a dozen).
	if !strings.Contains(res.Stderr, "killed the browser") || !strings.Contains(res.Stdout, "starting it again and continuing") {
		t.Errorf("no run met and survived the browser crash:\n%s", res.Stderr)
	}
	checkRerun(t, tc.platform, res.RerunStdout, int64(tc.size))
	noSecrets(t, res.Home, res.Bundle, res.Stdout, res.Stderr)
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
