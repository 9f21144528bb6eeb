// Package chaos shows that a backup loses nothing when its runs are killed
// and faulted: it runs farewell's demo undisturbed for a reference bundle,
// then kills demo runs under a fault list with SIGKILL at random moments,
// runs on until one finishes, and compares the finished bundle's items
// with the reference's.
//
// It is shared by "make chaos" (farewell-bench chaos, both platforms,
// many kills) and by a test in cmd/farewell that does a small round of
// the same on every CI run.
package chaos

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/farewell-app/farewell/archive"
)

// DefaultFaults is the fault list of every disturbed run unless a Config
// names another: every kind the replicas inject, at rates a long real run
// can meet.
const DefaultFaults = "5xx=0.03,reset=0.02,slow=0.02,ratelimit,expire-media,logout-at=90,crash-at=40"

// Exit codes of farewell a demo run may end with.
const (
	exitOK          = 0
	exitNotSafe     = 3
	exitNotLoggedIn = 4
	exitCorrupt     = 5
)

// Config sets up one platform's chaos round.
type Config struct {
	// Command runs farewell: the program and any arguments before
	// farewell's own (a test runs its own binary as farewell).
	Command []string
	// Env is added to the environment of every farewell run.
	Env      []string
	Platform string // "weibo" or "douyin"
	Size     int    // posts (works) in the generated account
	// Extra is added to every demo's arguments (for example
	// "--conversations", "2").
	Extra  []string
	Kills  int    // disturbed runs killed with SIGKILL
	Faults string // the fault list of the disturbed runs
	Dir    string // work folder; the stores, bundles and run logs stay in it
	Rand   *rand.Rand
	Log    io.Writer // one line per step
}

// Result is what a round measured.
type Result struct {
	Items          int           // records in the reference bundle
	Reference      time.Duration // the undisturbed run's wall time
	Killed         int           // runs the kill ended (others ended first)
	Finished       int           // runs after the kills until exit 0
	Rerun          time.Duration // the rerun's wall time
	RerunMedia     int64         // media files the rerun fetched: must be 0
	FaultsInjected map[string]any
	Home           string // the disturbed runs' farewell home
	Bundle         string // the finished bundle
	// Stdout and Stderr are everything the disturbed runs printed, in
	// order (a killed run's output up to the kill).
	Stdout, Stderr string
	// The reference run is an undisturbed demo from nothing, as a
	// person's first run is: its home and output, for the checks any
	// demo must pass.
	RefHome, RefStdout, RefStderr string
	// RerunStdout is the rerun's output, its summary last.
	RerunStdout string
}

// summary is the part of demo's --json summary a round reads.
type summary struct {
	Bundle          string         `json:"bundle"`
	Verdict         string         `json:"verdict"`
	Reasons         []string       `json:"reasons"`
	DownloadedFiles int64          `json:"downloaded_files"`
	Replica         map[string]any `json:"replica"`
}

// Run does one platform's round and returns an error naming the first
// thing that was lost or broken.
func Run(ctx context.Context, cfg Config) (Result, error) {
	var res Result
	logf := func(format string, args ...any) {
		fmt.Fprintf(cfg.Log, cfg.Platform+": "+format+"\n", args...)
	}
	demo := func(home string, extra ...string) []string {
		args := []string{"demo", cfg.Platform, "--size", fmt.Sprint(cfg.Size), "--home", home, "--out", filepath.Dir(home), "--json"}
		args = append(args, cfg.Extra...)
		return append(args, extra...)
	}
	refHome, home := filepath.Join(cfg.Dir, "reference", "home"), filepath.Join(cfg.Dir, "chaos", "home")

	logf("reference run (no faults) ...")
	start := time.Now()
	code, ref, refOut, stderr, err := cfg.demo(ctx, demo(refHome), 0)
	res.RefHome, res.RefStdout, res.RefStderr = refHome, refOut, stderr
	if err != nil {
		return res, err
	}
	if code != exitOK {
		return res, fmt.Errorf("the reference run ended with exit %d: %s", code, lastLine(stderr))
	}
	res.Reference = time.Since(start)
	want, err := BundleItems(ctx, ref.Bundle)
	if err != nil {
		return res, err
	}
	res.Items = len(want)
	logf("reference: %d items in %.0f s", len(want), res.Reference.Seconds())

	args := demo(home, "--faults", cfg.Faults)
	out := filepath.Dir(home)
	res.Home = home
	var allOut, allErr strings.Builder
	runs := 0
	disturbed := func(after time.Duration) (int, *summary, string, error) {
		code, sum, stdout, stderr, err := cfg.demo(ctx, args, after)
		allOut.WriteString(stdout)
		allErr.WriteString(stderr)
		res.Stdout, res.Stderr = allOut.String(), allErr.String()
		// Each run's whole output stays beside its store, for the
		// person who reads why a round failed.
		runs++
		name := filepath.Join(out, fmt.Sprintf("run-%02d.log", runs))
		if werr := os.WriteFile(name, []byte(stdout+"\n--- stderr ---\n"+stderr), 0o600); werr != nil && err == nil {
			err = werr
		}
		return code, sum, stderr, err
	}
	for i := 1; i <= cfg.Kills; i++ {
		// A moment while an undisturbed run would still be working: a
		// run under faults from the same point takes at least as long.
		after := time.Second + time.Duration(cfg.Rand.Float64()*float64(max(res.Reference-time.Second, 0)))
		code, _, stderr, err := disturbed(after)
		if err != nil {
			return res, err
		}
		how := fmt.Sprintf("killed after %.1f s", after.Seconds())
		if code == -1 {
			res.Killed++
		} else {
			how = fmt.Sprintf("ended by itself with exit %d before the kill", code)
			if code != exitOK && code != exitNotLoggedIn && code != exitNotSafe {
				return res, fmt.Errorf("run %d: exit %d: %s", i, code, lastLine(stderr))
			}
		}
		if err := cfg.noBrokenBundles(ctx, out); err != nil {
			return res, fmt.Errorf("run %d (%s): %w", i, how, err)
		}
		logf("run %d %s; no broken bundle left", i, how)
	}
	var got *summary
	for got == nil {
		if res.Finished >= 12 {
			return res, errors.New("the demo did not finish in 12 runs after the kills")
		}
		res.Finished++
		start := time.Now()
		code, sum, stderr, err := disturbed(0)
		if err != nil {
			return res, err
		}
		took := time.Since(start).Seconds()
		switch code {
		case exitOK:
			got = sum
			logf("run finished in %.0f s", took)
		case exitNotLoggedIn:
			logf("run ended after %.0f s with exit 4 (%s); running again", took, lastLine(stderr))
		case exitNotSafe:
			why := lastLine(stderr)
			if sum != nil {
				why = strings.Join(sum.Reasons, "; ")
			}
			return res, fmt.Errorf("a run after the kills finished not safe to delete: %s", why)
		default:
			return res, fmt.Errorf("exit %d: %s", code, lastLine(stderr))
		}
	}
	res.Bundle = got.Bundle
	have, err := BundleItems(ctx, got.Bundle)
	if err != nil {
		return res, err
	}
	if missing, extra := diff(want, have); len(missing)+len(extra) > 0 {
		return res, fmt.Errorf("the bundle after the kills differs from the reference: %d missing (%s), %d extra (%s)",
			len(missing), sample(missing), len(extra), sample(extra))
	}
	res.FaultsInjected, _ = got.Replica["faults"].(map[string]any)
	logf("the finished bundle holds exactly the reference's %d items; faults injected in the last run: %v", len(have), res.FaultsInjected)
	if code, stdout, err := cfg.run(ctx, "verify", "--json", got.Bundle); err != nil || code != exitOK {
		return res, fmt.Errorf("verify %s: exit %d (%v): %s", got.Bundle, code, err, lastLine(stdout))
	}
	logf("farewell verify: exit 0 (safe to delete)")

	start = time.Now()
	code, again, rerunOut, stderr, err := cfg.demo(ctx, demo(home), 0)
	res.RerunStdout = rerunOut
	if err != nil {
		return res, err
	}
	if code != exitOK {
		return res, fmt.Errorf("the rerun ended with exit %d: %s", code, lastLine(stderr))
	}
	res.Rerun, res.RerunMedia = time.Since(start), again.DownloadedFiles
	logf("rerun on the unchanged account: %d media files fetched, %.0f s (first run %.0f s, ratio %.2f)",
		res.RerunMedia, res.Rerun.Seconds(), res.Reference.Seconds(), res.Rerun.Seconds()/res.Reference.Seconds())
	if res.RerunMedia != 0 {
		return res, fmt.Errorf("the rerun fetched %d media files again", res.RerunMedia)
	}
	return res, nil
}

// command builds one farewell run.
func (cfg Config) command(ctx context.Context, args []string) *exec.Cmd {
	full := append(slices.Clone(cfg.Command[1:]), args...)
	cmd := exec.CommandContext(ctx, cfg.Command[0], full...)
	cmd.Env = append(os.Environ(), cfg.Env...)
	return cmd
}

// demo runs farewell with args; with killAfter > 0 it sends SIGKILL after
// that long (code -1 if the kill ended it). It returns the exit code, for
// a run that finished the summary on the last stdout line, and the run's
// stdout and stderr.
func (cfg Config) demo(ctx context.Context, args []string, killAfter time.Duration) (int, *summary, string, string, error) {
	cmd := cfg.command(ctx, args)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return 0, nil, "", "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	if killAfter > 0 {
		select {
		case err = <-done:
		case <-time.After(killAfter):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			return -1, nil, stdout.String(), stderr.String(), nil
		}
	} else {
		err = <-done
	}
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		return 0, nil, stdout.String(), stderr.String(), err
	}
	// The summary is the last line but for an exit error after it.
	var sum *summary
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	for i := len(lines) - 1; i >= max(0, len(lines)-2) && sum == nil; i-- {
		var s summary
		if json.Unmarshal([]byte(lines[i]), &s) == nil && s.Bundle != "" {
			sum = &s
		}
	}
	if code == exitOK && sum == nil {
		return 0, nil, stdout.String(), stderr.String(), fmt.Errorf("demo printed no summary: %s", lastLine(stdout.String()))
	}
	return code, sum, stdout.String(), stderr.String(), nil
}

// run runs farewell and returns its exit code and stdout.
func (cfg Config) run(ctx context.Context, args ...string) (int, string, error) {
	out, err := cfg.command(ctx, args).Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), string(out), nil
	}
	return 0, string(out), err
}

// noBrokenBundles checks that every final-named bundle in dir is whole: a
// killed run may leave a .partial file, never a broken bundle.
func (cfg Config) noBrokenBundles(ctx context.Context, dir string) error {
	names, err := filepath.Glob(filepath.Join(dir, "*.tar.zst"))
	if err != nil {
		return err
	}
	for _, n := range names {
		code, stdout, err := cfg.run(ctx, "verify", "--json", n)
		if err != nil {
			return err
		}
		var rep archive.Report
		if json.Unmarshal([]byte(lastLine(stdout)), &rep) != nil || code == exitCorrupt || rep.Verdict == archive.VerdictCorrupt {
			return fmt.Errorf("%s is a final-named bundle that is not whole (verify exit %d)", filepath.Base(n), code)
		}
	}
	return nil
}

// BundleItems lists a bundle's records as sorted "collection id" lines:
// every record's own id (messages by conversation and id, users by id,
// favourites by work and folder, apps by name).
func BundleItems(ctx context.Context, bundle string) ([]string, error) {
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
			return nil, fmt.Errorf("%s: %w", m.Name, err)
		}
	}
	slices.Sort(items)
	return items, nil
}

// diff returns what the sorted want has that the sorted have lacks, and
// the reverse, counting repeats: an item the bundle holds twice is an
// extra.
func diff(want, have []string) (missing, extra []string) {
	i, j := 0, 0
	for i < len(want) || j < len(have) {
		switch {
		case j == len(have) || (i < len(want) && want[i] < have[j]):
			missing = append(missing, want[i])
			i++
		case i == len(want) || have[j] < want[i]:
			extra = append(extra, have[j])
			j++
		default:
			i++
			j++
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
