package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/profiles/profiletest"
)

// TestMain lets a test run farewell's real main in a child process (to
// send it signals): FAREWELL_MAIN=1 runs main with the arguments after
// "--".
func TestMain(m *testing.M) {
	if os.Getenv("FAREWELL_MAIN") == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{"farewell"}, os.Args[i+1:]...)
				break
			}
		}
		main()
		return
	}
	// Most of this package's browser tests wait: on the replica's pace,
	// on the demo's pauses after a refusal, on a kill's moment. Two at a
	// time (go test's default on two cores) left the cores idle in those
	// waits while the other tests queued; four keep them busy. An
	// explicit -test.parallel wins.
	flag.Parse()
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit {
		flag.Set("test.parallel", strconv.Itoa(max(4, runtime.GOMAXPROCS(0))))
	}
	os.Exit(m.Run())
}

// demoSummary is the last stdout line of demo --json.
type demoSummary struct {
	Type        string `json:"message_type"`
	Bundle      string `json:"bundle"`
	Verdict     string `json:"verdict"`
	Collections map[string]struct {
		Expected *int64 `json:"expected"`
		Captured int64  `json:"captured"`
	} `json:"collections"`
	DownloadedBytes int64 `json:"downloaded_bytes"`
	DownloadedFiles int64 `json:"downloaded_files"`
	Replica         struct {
		Requests    int            `json:"requests"`
		MediaServed int            `json:"media_served"`
		Faults      map[string]int `json:"faults"`
	} `json:"replica"`
}

func lastSummary(t *testing.T, stdout string) demoSummary {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var s demoSummary
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &s); err != nil || s.Type != "summary" {
		t.Fatalf("last stdout line is not the summary: %v\n%s", err, lines[len(lines)-1])
	}
	return s
}

// checkWeiboDemo checks an undisturbed Weibo demo's --json output (the
// first run of TestDemoWeibo, from nothing): safe, every collection in the summary and none above its
// count, the private messages and the articles counted against the site's
// own counts and all there, every post, and no secret anywhere.
func checkWeiboDemo(t *testing.T, home, stdout, stderr string, posts int64) {
	t.Helper()
	s := lastSummary(t, stdout)
	if s.Verdict != "safe" || s.DownloadedBytes == 0 || s.Replica.MediaServed == 0 || s.Replica.Requests == 0 {
		t.Fatalf("summary %+v", s)
	}
	for _, name := range []string{"profile", "posts", "comments", "likes", "favorites", "following", "followers", "apps",
		"my_comments", "received_comments", "mentions", "messages", "articles"} {
		c, ok := s.Collections[name]
		if !ok {
			t.Fatalf("summary lacks %s", name)
		}
		if c.Expected != nil && c.Captured > *c.Expected {
			t.Errorf("%s: captured %d of %d", name, c.Captured, *c.Expected)
		}
	}
	for _, name := range []string{"messages", "articles"} {
		if c := s.Collections[name]; c.Expected == nil || c.Captured != *c.Expected || c.Captured == 0 {
			t.Errorf("%s: captured %d of %v", name, c.Captured, c.Expected)
		}
	}
	if p := s.Collections["posts"]; p.Expected == nil || *p.Expected != posts || p.Captured != posts {
		t.Fatalf("posts %+v, want %d", p, posts)
	}
	if _, err := os.Stat(s.Bundle); err != nil {
		t.Fatal(err)
	}
	noSecrets(t, home, s.Bundle, stdout, stderr)
}

// checkRerun checks the --json output of a demo run again on a home whose
// backup is complete: safe, every post there, and no media file
// downloaded. On Weibo the replica serves no original either (Douyin's
// chat pane shows its pictures again when the run looks at a
// conversation, in the browser).
func checkRerun(t *testing.T, platform, stdout string, posts int64) {
	t.Helper()
	again := lastSummary(t, stdout)
	if again.Verdict != "safe" || again.DownloadedFiles != 0 || (platform == "weibo" && again.Replica.MediaServed != 0) {
		t.Fatalf("the rerun (%s) downloaded %d files, the replica served %d originals; want none", again.Verdict, again.DownloadedFiles, again.Replica.MediaServed)
	}
	if again.Collections["posts"].Captured != posts {
		t.Fatalf("the rerun's posts %+v, want %d", again.Collections["posts"], posts)
	}
}

// checkDouyinDemo checks an undisturbed Douyin demo's --json output (the
// first run of TestDemoDouyin, from nothing): a safe bundle, every
// collection there, nothing watermarked, nothing unsigned, not more API
// requests than the fewest possible, no secret anywhere, and verify's
// checklist before deleting.
func checkDouyinDemo(t *testing.T, home, stdout, stderr string, posts int64) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var s struct {
		demoSummary
		Replica struct {
			API         int `json:"api"`
			APINeeded   int `json:"api_needed"`
			Unsigned    int `json:"unsigned"`
			Watermarked int `json:"watermarked"`
		} `json:"replica"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &s); err != nil {
		t.Fatal(err)
	}
	if s.Verdict != "safe" || s.DownloadedFiles == 0 {
		t.Fatalf("summary %+v", s)
	}
	for _, name := range []string{"profile", "posts", "comments", "likes", "favorites", "following", "followers", "messages", "wallet",
		"history", "watch_later", "notifications", "series", "sounds"} {
		if _, ok := s.Collections[name]; !ok {
			t.Errorf("summary lacks %s", name)
		}
	}
	if p := s.Collections["posts"]; p.Captured != posts {
		t.Errorf("posts %+v, want %d", p, posts)
	}
	if s.Replica.Watermarked != 0 || s.Replica.Unsigned != 0 || s.Replica.API > s.Replica.APINeeded {
		t.Errorf("replica saw %+v; the run said:\n%s", s.Replica, stderr)
	}
	noSecrets(t, home, s.Bundle, stdout, stderr)
	code, out, _ := farewell(t, context.Background(), "verify", s.Bundle)
	for _, want := range []string{"before you delete", "ok wallet: the wallet is empty", " ! bindings:", " ! mcn:", " i cooling:", " i messages:"} {
		if code != ExitOK || !strings.Contains(out, want) {
			t.Fatalf("verify exit %d, no %q:\n%s", code, want, out)
		}
	}
}

// noSecrets checks that no value of the session's cookies, and no file
// of the browser profile or the cookie jar, is in the bundle, the
// command's output or the store's logs.
func noSecrets(t *testing.T, home, bundle string, outputs ...string) {
	t.Helper()
	places := map[string][]byte{"the bundle": decompress(t, bundle)}
	for i, o := range outputs {
		places[fmt.Sprintf("output %d", i)] = []byte(o)
	}
	noSecretsIn(t, home, places)
	b, err := archive.Open(context.Background(), bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, m := range b.Members() {
		if strings.HasPrefix(m.Name, "chrome/") || strings.Contains(m.Name, "cookies") || strings.HasSuffix(m.Name, "journal") {
			t.Errorf("the bundle holds %s", m.Name)
		}
	}
}

// noSecretsIn checks that no cookie value of the sessions under home is in
// places, in the stores' logs or in their diagnostics.
func noSecretsIn(t *testing.T, home string, places map[string][]byte) {
	t.Helper()
	jars, _ := filepath.Glob(filepath.Join(home, "*", "*", exporter.CookiesFile))
	if len(jars) == 0 {
		t.Fatal("no cookie jar in the store")
	}
	var secrets []string
	for _, jar := range jars {
		cookies, err := exporter.LoadCookies(jar)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cookies {
			if len(c.Value) >= 8 {
				secrets = append(secrets, c.Value)
			}
		}
	}
	if len(secrets) == 0 {
		t.Fatal("the session has no cookie values to look for")
	}
	var files []string
	for _, pattern := range []string{"*/*/*.log", "*/*/diagnostics/*/*", "*/*/doctor/*/diagnostics/*/*"} {
		m, _ := filepath.Glob(filepath.Join(home, pattern))
		files = append(files, m...)
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		places[f] = b
	}
	for where, data := range places {
		for _, v := range secrets {
			if bytes.Contains(data, []byte(v)) {
				t.Errorf("%s holds a cookie value of the session (%d bytes: %.12s…)", where, len(v), v)
			}
		}
	}
}

// TestDemoWeibo: an undisturbed Weibo demo from nothing is checked as
// every first demo is (checkWeiboDemo); a second run on its home loses its
// browser at its fifth API request (crash-at=5), starts it again and
// continues, and is checked as every rerun is (checkRerun). No session
// secret may be in the bundle, the output or the logs.
//
// The kill rounds (demo runs killed with SIGKILL at random moments under
// every fault, each finished bundle holding exactly an undisturbed run's
// items) are make chaos's, which CI runs after make test (.ci/run, two
// kills per site). In make test they cost a fifth of its 1,260
// CPU-seconds on two cores, each of their runs a browser started again
// and again, and took it past its ten minutes; the interrupted and
// stopped runs that continue are TestInterruptAndContinue's,
// TestDemoStopsAndContinues' and TestDiskFull's.
func TestDemoWeibo(t *testing.T) {
	t.Parallel() // mostly waiting on the replica's pace: it overlaps the others
	first, again := demoTwice(t, []string{"weibo", "--size", "12"}, "--faults", "crash-at=5")
	checkWeiboDemo(t, first.home, first.stdout, first.stderr, 12)
	if !strings.Contains(again.stderr, "killed the browser") || !strings.Contains(again.stdout, "starting it again and continuing") {
		t.Errorf("the rerun did not meet and survive the browser crash:\n%s\n%s", again.stdout, again.stderr)
	}
	checkRerun(t, "weibo", again.stdout, 12)
	noSecrets(t, again.home, lastSummary(t, again.stdout).Bundle, again.stdout, again.stderr)
}

// demoRun is what one demo run printed, and its home.
type demoRun struct{ home, stdout, stderr string }

// demoTwice runs farewell demo with args (a site and its options) from
// nothing, then again on the same home with rerun added; a run that does
// not end with exit 0 fails the test.
func demoTwice(t *testing.T, args []string, rerun ...string) (first, again demoRun) {
	t.Helper()
	profiletest.NeedBrowser(t)
	home, out := t.TempDir(), t.TempDir()
	args = append(append([]string{"demo"}, args...), "--home", home, "--out", out, "--json")
	for i, extra := range [][]string{nil, rerun} {
		code, stdout, stderr := farewell(t, context.Background(), append(args, extra...)...)
		if code != ExitOK {
			t.Fatalf("run %d: exit %d\n%s", i+1, code, stderr)
		}
		first, again = again, demoRun{home, stdout, stderr}
	}
	return first, again
}

// TestDemoDouyin: an undisturbed Douyin demo from nothing is checked as
// every first demo is (checkDouyinDemo), and a second run on its home as
// every rerun is (checkRerun): safe, nothing downloaded again, no secret
// in its bundle or output. The kill rounds are make chaos's (see
// TestDemoWeibo).
func TestDemoDouyin(t *testing.T) {
	t.Parallel() // mostly waiting on the replica's pace: it overlaps the others
	first, again := demoTwice(t, []string{"douyin", "--size", "6", "--conversations", "1"})
	checkDouyinDemo(t, first.home, first.stdout, first.stderr, 6)
	checkRerun(t, "douyin", again.stdout, 6)
	noSecrets(t, again.home, lastSummary(t, again.stdout).Bundle, again.stdout, again.stderr)
}

// TestDemoStopsAndContinues: Douyin stops a run twice, each time with
// exit 4 saying what to do, and the next run continues where it stopped:
// first its verification slider shows over the page (overlay-captcha-at:
// a person must solve it in a visible window; the demo's person does
// before the next run), then the session ends (logout-at). Each time the
// demo says to run it again, as a demo (not login or backup, which a
// real account's would take). The last run finishes safe. (Douyin's refusals are waited out
// in TestConformanceDrift.)
func TestDemoStopsAndContinues(t *testing.T) {
	t.Parallel() // mostly waiting on the replica's pace: it overlaps the others
	profiletest.NeedBrowser(t)
	home, out := t.TempDir(), t.TempDir()
	args := []string{"demo", "douyin", "--size", "12", "--conversations", "1", "--home", home, "--out", out, "--json",
		"--faults", "overlay-captcha-at=30,logout-at=70"}
	code, _, stderr := farewell(t, context.Background(), args...)
	if code != ExitNotLoggedIn || !strings.Contains(stderr, "asks for a verification") || !strings.Contains(stderr, "run the same command again") {
		t.Fatalf("first run: exit %d, want 4 naming the verification:\n%s", code, stderr)
	}
	// Each run logs in again, gets 70 more API requests and continues.
	var stdout string
	loggedOut := false
	for run := 2; code != ExitOK; run++ {
		if run > 6 {
			t.Fatalf("not finished after %d runs", run-1)
		}
		code, stdout, stderr = farewell(t, context.Background(), args...)
		if code != ExitOK && code != ExitNotLoggedIn {
			t.Fatalf("run %d: exit %d\n%s", run, code, stderr)
		}
		if code == ExitNotLoggedIn {
			if !strings.Contains(stderr, "logged the demo out") || !strings.Contains(stderr, "run the same command again") {
				t.Fatalf("run %d: exit 4 without what to do:\n%s", run, stderr)
			}
			loggedOut = true
		}
	}
	if !loggedOut {
		t.Fatal("no run met the end of its session: logout-at was never tried")
	}
	s := lastSummary(t, stdout)
	if s.Verdict != "safe" || s.Collections["posts"].Captured != 12 {
		t.Fatalf("summary %+v", s)
	}
}

func TestBackupWithoutLogin(t *testing.T) {
	code, _, stderr := farewell(t, context.Background(), "backup", "weibo", "--home", t.TempDir())
	if code != ExitNotLoggedIn || !strings.Contains(stderr, "farewell login weibo") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, _, stderr = farewell(t, context.Background(), "backup", "myspace")
	if code != ExitUsage || !strings.Contains(stderr, "unknown site") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

// TestInterruptAndContinue sends SIGINT to a demo in the middle of posts:
// it must stop with exit 130 after closing the browser properly, saying
// that a rerun continues, leave no bundle, and a second run must continue
// to a safe bundle. The first run has a real-looking $HOME, with the
// person's own farewell data in it and no --home: the demo keeps its
// stores in its own folder and leaves that data as it was.
func TestInterruptAndContinue(t *testing.T) {
	t.Parallel() // mostly waiting on the replica\'s pace: it overlaps the others
	profiletest.NeedBrowser(t)
	fakeHome, out := t.TempDir(), t.TempDir()
	own := ownAccount(t, filepath.Join(fakeHome, ".local", "share", "farewell"))
	before := treeDigest(t, own)
	home := filepath.Join(fakeHome, ".cache", "farewell", "demo")
	cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "demo", "weibo", "--size", "24", "--rate", "15", "--out", out, "--json")
	cmd.Env = []string{"FAREWELL_MAIN=1", "HOME=" + fakeHome}
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "HOME", "FAREWELL_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "FAREWELL_MAIN":
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	var childErr bytes.Buffer
	cmd.Stderr = &childErr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The signal goes once the journal holds a page of posts, however
	// slow the machine: the second run must have something to continue.
	sc := bufio.NewScanner(stdout)
	var log []string
	sent := false
	for sc.Scan() {
		log = append(log, sc.Text())
		var st struct {
			Collection string `json:"collection"`
			Captured   int    `json:"captured"`
		}
		if !sent && json.Unmarshal(sc.Bytes(), &st) == nil && st.Collection == "posts" && st.Captured > 0 {
			cmd.Process.Signal(syscall.SIGINT)
			sent = true
		}
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !sent || !errorsAs(err, &exit) || exit.ExitCode() != ExitInterrupted {
		t.Fatalf("interrupted demo: sent=%v err=%v\n%s\n%s", sent, err, strings.Join(log, "\n"), childErr.String())
	}
	if !strings.Contains(childErr.String(), "run the same command again") {
		t.Errorf("Ctrl-C does not say that a rerun continues:\n%s", childErr.String())
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("an interrupted run left %v", entries)
	}
	stores, _ := filepath.Glob(filepath.Join(home, "weibo", "[0-9]*"))
	if len(stores) != 1 {
		t.Fatalf("the demo's stores under %s: %v; want one", home, stores)
	}
	if _, err := os.Stat(filepath.Join(home, "weibo", "current")); err == nil {
		t.Error("the demo's account became the current one")
	}
	st, err := exporter.OpenStore(stores[0])
	if err != nil {
		t.Fatal(err)
	}
	events, err := exporter.ReadJournal(st.Path(exporter.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	last := events[len(events)-1]
	if last.Type != exporter.EventRunEnd || last.Detail != "interrupted" {
		t.Fatalf("the journal ends with %+v, want the run's end marked interrupted", last)
	}
	if _, err := os.Stat(filepath.Join(st.Dir, exporter.CookiesFile)); err != nil {
		t.Fatalf("the cookie jar was not saved: %v", err)
	}
	code, out2, stderr2 := farewell(t, context.Background(), "demo", "weibo", "--size", "24", "--rate", "40", "--home", home, "--out", out, "--json")
	if code != ExitOK {
		t.Fatalf("continued demo exit %d\n%s", code, stderr2)
	}
	if s := lastSummary(t, out2); s.Verdict != "safe" || s.Collections["posts"].Captured != 24 {
		t.Fatalf("continued demo: %+v", s)
	}
	// With --json, progress notes are status lines on stdout.
	if !strings.Contains(out2, `posts: continuing where the last run stopped`) {
		t.Errorf("the second run did not continue the posts:\n%s", out2)
	}
	if after := treeDigest(t, own); !maps.Equal(before, after) {
		t.Errorf("the demo changed the person's own farewell data:\nbefore %v\nafter  %v", before, after)
	}
}

// ownAccount makes home the data folder of a person's own Weibo account:
// a store with a cookie jar, a capture and a journal, made current as
// farewell login does. It returns home.
func ownAccount(t *testing.T, home string) string {
	t.Helper()
	st, err := exporter.CreateStore(home, "weibo", exporter.Account{ID: "5550001111", Name: "本人"})
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, st.Dir, map[string]string{
		exporter.CookiesFile:       `[{"name":"SUB","value":"` + cookieSecret + `"}]`,
		"raw/posts/0001.json":      `{"ok":1,"data":{"list":[]}}`,
		"raw/posts/0001.meta.json": `{"url":"https://weibo.com/ajax/statuses/mymblog?uid=5550001111&page=1","status":200}`,
		exporter.JournalFile:       `{"type":"run_start"}` + "\n",
	})
	if err := exporter.MakeCurrent(home, "weibo", "5550001111"); err != nil {
		t.Fatal(err)
	}
	return home
}

// treeDigest lists every file and folder under root with its mode and,
// for a file, its sha256.
func treeDigest(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[rel] = info.Mode().String()
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] += fmt.Sprintf(" %x", sha256.Sum256(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}
