package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/farewell-app/farewell/archive"
)

// chaosConfig sets up one chaos run.
type chaosConfig struct {
	bin       string
	platforms []string
	size      int
	kills     int
	seed      uint64
	faults    string
	dir       string
}

// Exit codes of farewell that the chaos run expects from a demo.
const (
	exitOK          = 0
	exitNotSafe     = 3
	exitNotLoggedIn = 4
)

// demoSummary is the part of demo's --json summary the chaos run reads.
type demoSummary struct {
	Bundle          string         `json:"bundle"`
	Verdict         string         `json:"verdict"`
	DownloadedFiles int64          `json:"downloaded_files"`
	Seconds         float64        `json:"seconds"`
	Replica         map[string]any `json:"replica"`
}

// benchChaos shows, for each platform, that nothing is lost: an
// undisturbed demo gives the reference bundle; then a demo under the
// fault list is killed with SIGKILL at random moments, each time leaving
// no final-named bundle that is not whole, and run again until it
// finishes (a logout or a verification ends a run with exit 4: the next
// run logs in again and continues); its bundle must hold exactly the
// reference's items and verify with exit 0; and one more run must fetch
// no media at all.
func benchChaos(ctx context.Context, cfg chaosConfig) error {
	bin, err := filepath.Abs(cfg.bin)
	if err != nil {
		return err
	}
	work := cfg.dir
	if work == "" {
		if work, err = os.MkdirTemp("", "farewell-chaos-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 7))
	var failed []string
	for _, p := range cfg.platforms {
		if err := chaosPlatform(ctx, bin, filepath.Join(work, p), p, cfg, rng); err != nil {
			fmt.Printf("%s: FAILED: %v\n", p, err)
			failed = append(failed, p)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("chaos failed for %s", strings.Join(failed, ", "))
	}
	fmt.Println("\nchaos: every platform survived the kills and faults with nothing lost")
	return nil
}

func chaosPlatform(ctx context.Context, bin, dir, platform string, cfg chaosConfig, rng *rand.Rand) error {
	demo := func(home, out string, extra ...string) []string {
		args := []string{"demo", platform, "--size", fmt.Sprint(cfg.size), "--home", home, "--out", out, "--json", "-q"}
		return append(args, extra...)
	}
	refDir, runDir := filepath.Join(dir, "reference"), filepath.Join(dir, "chaos")
	fmt.Printf("\n%s: reference run (no faults) ...\n", platform)
	start := time.Now()
	code, ref, stderr, err := runDemo(ctx, bin, demo(filepath.Join(refDir, "home"), refDir), 0)
	if err != nil {
		return err
	}
	if code != exitOK {
		return fmt.Errorf("the reference run ended with exit %d: %s", code, lastLine(stderr))
	}
	refTime := time.Since(start)
	want, err := bundleItems(ctx, ref.Bundle)
	if err != nil {
		return err
	}
	fmt.Printf("%s: reference: %d items in %.0f s\n", platform, len(want), refTime.Seconds())

	home, out := filepath.Join(runDir, "home"), runDir
	args := demo(home, out, "--faults", cfg.faults)
	for i := 1; i <= cfg.kills; i++ {
		after := time.Duration(float64(2*time.Second) + rng.Float64()*float64(refTime))
		code, _, stderr, err := runDemo(ctx, bin, args, after)
		if err != nil {
			return err
		}
		how := fmt.Sprintf("killed after %.1f s", after.Seconds())
		if code != -1 {
			how = fmt.Sprintf("ended by itself with exit %d before the kill", code)
			if code != exitOK && code != exitNotLoggedIn && code != exitNotSafe {
				return fmt.Errorf("run %d: exit %d: %s", i, code, lastLine(stderr))
			}
		}
		if err := noBrokenBundles(ctx, bin, out); err != nil {
			return fmt.Errorf("run %d (%s): %w", i, how, err)
		}
		fmt.Printf("%s: run %d %s; no broken bundle left\n", platform, i, how)
	}
	var got *demoSummary
	for tries := 1; got == nil; tries++ {
		if tries > 12 {
			return errors.New("the demo did not finish in 12 runs after the kills")
		}
		code, sum, stderr, err := runDemo(ctx, bin, args, 0)
		if err != nil {
			return err
		}
		switch code {
		case exitOK:
			got = sum
		case exitNotLoggedIn:
			fmt.Printf("%s: run ended with exit 4 (%s); running again\n", platform, lastLine(stderr))
		default:
			return fmt.Errorf("exit %d: %s", code, lastLine(stderr))
		}
	}
	have, err := bundleItems(ctx, got.Bundle)
	if err != nil {
		return err
	}
	if missing, extra := diff(want, have); len(missing)+len(extra) > 0 {
		return fmt.Errorf("the bundle after the kills differs from the reference: %d missing (%s), %d extra (%s)",
			len(missing), sample(missing), len(extra), sample(extra))
	}
	fmt.Printf("%s: the finished bundle holds exactly the reference's %d items; faults injected in the last run: %v\n", platform, len(have), got.Replica["faults"])
	if code, stdout, _ := run(ctx, bin, "verify", "--json", got.Bundle); code != exitOK {
		return fmt.Errorf("verify %s: exit %d: %s", got.Bundle, code, lastLine(stdout))
	}
	fmt.Printf("%s: farewell verify: exit 0 (safe to delete)\n", platform)
	start = time.Now()
	code, again, stderr, err := runDemo(ctx, bin, demo(home, out), 0)
	if err != nil {
		return err
	}
	if code != exitOK {
		return fmt.Errorf("the rerun ended with exit %d: %s", code, lastLine(stderr))
	}
	fmt.Printf("%s: rerun on the unchanged account: %d media files fetched, %.0f s (first run %.0f s, ratio %.2f)\n",
		platform, again.DownloadedFiles, time.Since(start).Seconds(), refTime.Seconds(), time.Since(start).Seconds()/refTime.Seconds())
	if again.DownloadedFiles != 0 {
		return fmt.Errorf("the rerun fetched %d media files again", again.DownloadedFiles)
	}
	return nil
}

// runDemo runs farewell with args; with killAfter > 0 it sends SIGKILL
// after that long (code -1 if the kill ended it). It returns the exit code
// and, for a run that finished, the summary on the last stdout line.
func runDemo(ctx context.Context, bin string, args []string, killAfter time.Duration) (int, *demoSummary, string, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return 0, nil, "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	killed := false
	if killAfter > 0 {
		select {
		case err = <-done:
		case <-time.After(killAfter):
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			<-done
		}
	} else {
		err = <-done
	}
	if killed {
		return -1, nil, stderr.String(), nil
	}
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		return 0, nil, stderr.String(), err
	}
	var sum *demoSummary
	if lines := strings.Split(strings.TrimSpace(stdout.String()), "\n"); len(lines) > 0 {
		var s demoSummary
		if json.Unmarshal([]byte(lines[len(lines)-1]), &s) == nil && s.Bundle != "" {
			sum = &s
		}
	}
	if code == exitOK && sum == nil {
		return 0, nil, stderr.String(), fmt.Errorf("demo printed no summary: %s", lastLine(stdout.String()))
	}
	return code, sum, stderr.String(), nil
}

// run runs farewell and returns its exit code and stdout.
func run(ctx context.Context, bin string, args ...string) (int, string, error) {
	out, err := exec.CommandContext(ctx, bin, args...).Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), string(out), nil
	}
	return 0, string(out), err
}

// noBrokenBundles checks that every final-named bundle in dir is whole: a
// killed run may leave a .partial file, never a broken bundle.
func noBrokenBundles(ctx context.Context, bin, dir string) error {
	names, _ := filepath.Glob(filepath.Join(dir, "*.tar.zst"))
	for _, n := range names {
		code, stdout, err := run(ctx, bin, "verify", "--json", n)
		if err != nil {
			return err
		}
		var rep archive.Report
		if json.Unmarshal([]byte(lastLine(stdout)), &rep) != nil || code == 5 || rep.Verdict == archive.VerdictCorrupt {
			return fmt.Errorf("%s is a final-named bundle that is not whole (verify exit %d)", filepath.Base(n), code)
		}
	}
	return nil
}

// bundleItems lists a bundle's records as "collection id" lines: every
// record's own id (messages by conversation and id, users by id).
func bundleItems(ctx context.Context, bundle string) ([]string, error) {
	b, err := archive.Open(ctx, bundle)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	var items []string
	for _, m := range b.Members() {
		if !strings.HasPrefix(m.Name, "data/") || !strings.HasSuffix(m.Name, ".jsonl") {
			continue
		}
		coll := strings.TrimSuffix(strings.TrimPrefix(m.Name, "data/"), ".jsonl")
		data, err := b.ReadFile(m.Name, 1<<30)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var r struct {
				ID             string `json:"id"`
				ConversationID string `json:"conversation_id"`
				Name           string `json:"name"`
				Folder         string `json:"folder"`
				Post           struct {
					ID string `json:"id"`
				} `json:"post"`
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				return nil, fmt.Errorf("%s: %w", m.Name, err)
			}
			id := r.ID
			switch {
			case id == "" && r.Post.ID != "":
				id = r.Post.ID + " " + r.Folder
			case id == "":
				id = r.Name
			}
			items = append(items, strings.TrimSpace(coll+" "+r.ConversationID+" "+id))
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	sort.Strings(items)
	return items, nil
}

// diff returns what want has that have lacks, and the reverse.
func diff(want, have []string) (missing, extra []string) {
	for _, w := range want {
		if _, ok := slices.BinarySearch(have, w); !ok {
			missing = append(missing, w)
		}
	}
	for _, h := range have {
		if _, ok := slices.BinarySearch(want, h); !ok {
			extra = append(extra, h)
		}
	}
	return missing, extra
}

func sample(s []string) string {
	if len(s) > 5 {
		return strings.Join(s[:5], "; ") + "; …"
	}
	return strings.Join(s, "; ")
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
