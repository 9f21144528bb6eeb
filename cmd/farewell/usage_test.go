package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// Usage errors say what was wrong and the fix: the command or site meant,
// the collections there are. None starts a browser: a wrong --only fails
// before the store is even looked for.
func TestUsageErrorsSuggestTheFix(t *testing.T) {
	home := t.TempDir()
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"command typo", []string{"verfiy", "x.tar.zst"}, []string{`unknown command "verfiy"`, "did you mean `verify`?"}},
		{"command swapped letters", []string{"bakcup"}, []string{"did you mean `backup`?"}},
		{"command prefix", []string{"brow"}, []string{"did you mean `browse`?"}},
		{"command far off", []string{"frobnicate"}, []string{`unknown command "frobnicate"`, "farewell --help"}},
		{"site as command", []string{"weibo"}, []string{"did you mean `farewell backup weibo`?"}},
		{"site typo", []string{"backup", "weibu", "--home", home}, []string{`unknown site "weibu"`, "did you mean `weibo`?", "weibo and douyin"}},
		{"site typo douyin", []string{"login", "douyn", "--home", home}, []string{"did you mean `douyin`?"}},
		{"site typo demo", []string{"demo", "weib", "--home", home}, []string{"did you mean `weibo`?"}},
		{"site far off", []string{"backup", "myspace", "--home", home}, []string{`unknown site "myspace"`, "weibo and douyin"}},
		{"only typo", []string{"backup", "weibo", "--only", "posts,coments", "--home", home},
			[]string{`weibo has no collection "coments"`, "did you mean `comments`?", "profile, posts, comments"}},
		{"only of the other site", []string{"backup", "douyin", "--only", "mentions", "--home", home},
			[]string{`douyin has no collection "mentions"`, "wallet"}},
		{"only in demo", []string{"demo", "douyin", "--only", "walet", "--home", home}, []string{"did you mean `wallet`?"}},
		{"flag typo", []string{"backup", "weibo", "--onyl", "posts", "--home", home}, []string{"unknown flag: --onyl", "did you mean `--only`?"}},
		{"global flag typo", []string{"verify", "--jsno", "x.tar.zst"}, []string{"did you mean `--json`?"}},
		{"shorthand outside ASCII", []string{"demo", "-qé", "--home", home}, []string{"unknown flag: -é (see farewell demo --help)"}},
		{"root flag", []string{"--bogus"}, []string{"unknown flag: --bogus (see farewell --help)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := farewell(t, context.Background(), tc.args...)
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, ExitUsage, stdout, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("the error is not one line:\n%s", stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
	// Nothing was created for the bad command lines: not even a store.
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Errorf("a usage error left %v in the home folder", entries)
	}
}

func TestClosest(t *testing.T) {
	options := []string{"login", "backup", "verify", "browse", "extract", "ls", "pack", "parse", "doctor", "demo", "replica"}
	cases := []struct{ word, want string }{
		{"verify", "verify"},
		{"verfy", "verify"},
		{"VERIFY", "verify"},
		{"bakup", "backup"},
		{"pase", "parse"},
		{"pak", "pack"},
		{"ext", "extract"},
		{"d", ""}, // the start of doctor and demo: no one meant
		{"lss", "ls"},
		{"backupp", "backup"},
		{"zzzzzz", ""},
		{"", ""},
	}
	for _, tc := range cases {
		if got := closest(tc.word, options); got != tc.want {
			t.Errorf("closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

// The exit-code table is in the root help and verify's, and no other
// command's; backup's and demo's help list the collections --only takes.
func TestHelpTexts(t *testing.T) {
	cases := []struct {
		args    []string
		table   bool
		has     []string
		hasNone []string
	}{
		{[]string{"--help"}, true, []string{"FAREWELL_BROWSER"}, nil},
		{[]string{"verify", "--help"}, true, nil, nil},
		{[]string{"backup", "--help"}, false, []string{"COLLECTIONS (for --only)", "weibo   profile, posts, comments", "douyin  profile, posts", "wallet", "received_comments"}, nil},
		{[]string{"demo", "--help"}, false, []string{"COLLECTIONS (for --only)", "--only", "watch_later", "farewell/demo"}, nil},
		{[]string{"login", "--help"}, false, []string{"FAREWELL_BROWSER"}, nil},
		{[]string{"browse", "--help"}, false, nil, nil},
		{[]string{"doctor", "--help"}, false, nil, nil},
		{[]string{"extract", "--help"}, false, nil, nil},
		{[]string{"export", "--help"}, false, []string{"--format csv", "--force", "README.txt"}, nil},
		{[]string{"ls", "--help"}, false, nil, nil},
		{[]string{"pack", "--help"}, false, nil, nil},
		{[]string{"parse", "--help"}, false, nil, nil},
		{[]string{"replica", "--help"}, false, nil, nil},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, stdout, _ := farewell(t, context.Background(), tc.args...)
			if code != ExitOK {
				t.Fatalf("exit %d", code)
			}
			if got := strings.Contains(stdout, "EXIT STATUS"); got != tc.table {
				t.Errorf("exit-code table shown: %v, want %v\n%s", got, tc.table, stdout)
			}
			for _, w := range tc.has {
				if !strings.Contains(stdout, w) {
					t.Errorf("help lacks %q:\n%s", w, stdout)
				}
			}
		})
	}
}

// TestHelpInChinese: with --lang zh, the helps of the root and of every
// command say everything a person
// reads in Chinese (descriptions, the exit status, flags, headings,
// command summaries); what a person types (usage and example lines, flag,
// command and collection names, what is quoted) stays as typed. In
// English the same helps hold no Chinese.
func TestHelpInChinese(t *testing.T) {
	quoted := regexp.MustCompile(`"[^"]*"`)
	typed := regexp.MustCompile(`^\s*(farewell .*|-.*?\S(\s{2,}|$)|[a-z]+\s{2,}.*[a-z_]+, [a-z_]+.*|[a-z]+\s{2,})`)
	for _, args := range [][]string{{"--help"}, {"verify", "--help"}, {"backup", "--help"}, {"login", "--help"},
		{"browse", "--help"}, {"extract", "--help"}, {"doctor", "--help"}, {"demo", "--help"}, {"export", "--help"}, {"ls", "--help"}, {"pack", "--help"}, {"parse", "--help"}, {"replica", "--help"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, zh, _ := farewell(t, context.Background(), append(args, "--lang", "zh")...)
			if code != ExitOK || !strings.Contains(zh, "选项：") || strings.Contains(zh, "\n退出码\n") != (args[0] == "--help" || args[0] == "verify") {
				t.Fatalf("exit %d, help without the Chinese exit status or headings:\n%s", code, zh)
			}
			for _, line := range strings.Split(zh, "\n") {
				if w := i18n.EnglishWords(quoted.ReplaceAllString(typed.ReplaceAllString(line, ""), "")); len(w) > 0 {
					t.Errorf("the Chinese help says %q: %q", w, line)
				}
			}
			_, en, _ := farewell(t, context.Background(), append(args, "--lang", "en")...)
			if h := i18n.UnglossedHan(en); len(h) > 0 || strings.Contains(en, "EXIT STATUS") != (args[0] == "--help" || args[0] == "verify") {
				t.Errorf("the English help holds %q or lacks its exit status:\n%s", h, en)
			}
		})
	}
}

// Ctrl-C tells of a backup or demo that its work is kept and a rerun
// continues; of the other commands only that they were interrupted.
func TestInterruptedSaysWhatIsKept(t *testing.T) {
	root := newRootCommand(&GlobalOptions{})
	cases := []struct {
		command string
		resumes bool
	}{
		{"backup", true},
		{"demo", true},
		{"verify", false},
		{"pack", false},
		{"extract", false},
	}
	for _, tc := range cases {
		cmd, _, err := root.Find([]string{tc.command})
		if err != nil {
			t.Fatal(err)
		}
		ierr := interrupted(cmd)
		if exitCode(ierr) != ExitInterrupted {
			t.Errorf("%s: exit %d", tc.command, exitCode(ierr))
		}
		msg := ierr.Error()
		if got := strings.Contains(msg, "run the same command again and it continues"); got != tc.resumes || !strings.HasPrefix(msg, "interrupted") {
			t.Errorf("%s: %q", tc.command, msg)
		}
	}
	if msg := interrupted(nil).Error(); msg != "interrupted" {
		t.Errorf("no command: %q", msg)
	}
}

// A site farewell cannot reach gets advice on what to check, whether the
// browser or Go's downloader met it; other errors get none.
func TestNetworkAdvice(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8443},
		Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	unreachable := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(10, 0, 0, 1), Port: 443},
		Err: os.NewSyscallError("connect", syscall.ENETUNREACH)}
	page := func(code string) error {
		return fmt.Errorf("weibo login: open https://passport.weibo.com/sso/signin?entry=miniblog: page load error %s", code)
	}
	_, unknownSite := lookupSite("myspace")
	cases := []struct {
		name string
		err  error
		want []string // nil: no advice
	}{
		{"dns from go", fmt.Errorf("download x: %w", &net.DNSError{Err: "no such host", Name: "wx1.sinaimg.cn", IsNotFound: true}),
			[]string{"wx1.sinaimg.cn could not be looked up", "online"}},
		{"dns timeout from go", &net.DNSError{Err: "i/o timeout", Name: "weibo.com", IsTimeout: true}, []string{"weibo.com did not answer in time"}},
		{"refused from go", fmt.Errorf("replica: %w", refused), []string{"nothing answered at 127.0.0.1:8443", "firewall", "replica"}},
		{"unreachable from go", unreachable, []string{"not connected to the internet"}},
		{"dns in the browser", page("net::ERR_NAME_NOT_RESOLVED"), []string{"passport.weibo.com could not be looked up"}},
		{"refused in the browser", page("net::ERR_CONNECTION_REFUSED"), []string{"nothing answered at passport.weibo.com"}},
		{"proxy in the browser", page("net::ERR_PROXY_CONNECTION_FAILED"), []string{"proxy"}},
		{"offline in the browser", page("net::ERR_INTERNET_DISCONNECTED"), []string{"not connected to the internet"}},
		{"timeout in the browser", page("net::ERR_CONNECTION_TIMED_OUT"), []string{"passport.weibo.com did not answer in time"}},
		{"browser error without address", errors.New("page load error net::ERR_NAME_NOT_RESOLVED"), []string{"the site could not be looked up"}},
		{"another browser error", page("net::ERR_ABORTED"), nil},
		{"not a network error", errors.New("open x.tar.zst: no such file or directory"), nil},
		{"usage error", unknownSite, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := networkAdvice(i18n.New(i18n.EN), tc.err)
			if tc.want == nil {
				if got != "" {
					t.Fatalf("advice %q for %v", got, tc.err)
				}
				return
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("advice %q lacks %q", got, w)
				}
			}
		})
	}
}

// The advice starts the one line the error is printed on, in text and
// JSON, and what the browser said follows it.
func TestReportExitAddsAdvice(t *testing.T) {
	var out, errb strings.Builder
	gopts := &GlobalOptions{JSON: true, stdout: &out, stderr: &errb}
	code := reportExit(gopts, fmt.Errorf("weibo login: open https://weibo.com/: page load error net::ERR_NAME_NOT_RESOLVED"))
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if code != ExitError || len(lines) != 2 || !strings.HasPrefix(lines[0], "farewell: error: the name weibo.com could not be looked up") ||
		!strings.HasSuffix(lines[0], " (weibo login: open https://weibo.com/: page load error net::ERR_NAME_NOT_RESOLVED)") ||
		!strings.Contains(lines[1], "could not be looked up") {
		t.Fatalf("exit %d:\n%s", code, errb.String())
	}
}

// In Chinese the error line, the advice and what Ctrl-C keeps are in
// Chinese; the site's and the file's names stay as they are.
func TestReportExitInChinese(t *testing.T) {
	backup, _, err := newRootCommand(&GlobalOptions{}).Find([]string{"backup"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		err  error
		want []string
	}{
		{fmt.Errorf("weibo login: open https://weibo.com/: page load error net::ERR_NAME_NOT_RESOLVED"),
			[]string{"farewell：出错：无法解析域名 weibo.com", "再运行一次同样的命令（weibo login: open https://weibo.com/: page load error net::ERR_NAME_NOT_RESOLVED）"}},
		{interrupted(backup), []string{"farewell：出错：已中断：已完成的部分都保留着", "会从中断处继续"}},
		{errors.New("page load error net::ERR_INTERNET_DISCONNECTED"), []string{"这台电脑没有联网"}},
	}
	for _, tc := range cases {
		var out, errb strings.Builder
		gopts := &GlobalOptions{Lang: "zh", stdout: &out, stderr: &errb}
		reportExit(gopts, tc.err)
		got := errb.String()
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%v: %q lacks %q", tc.err, got, w)
			}
		}
		for _, en := range []string{"error:", "interrupted", "run the same command", "could not be looked up", "not connected"} {
			if strings.Contains(got, en) {
				t.Errorf("%v: the Chinese line has English %q: %q", tc.err, en, got)
			}
		}
	}
}

// FuzzEditDistance: the distance is a distance (zero only for equal
// words, symmetric, at most the longer word's length), and closest
// suggests only an option it was given.
func FuzzEditDistance(f *testing.F) {
	f.Add("verfiy", "verify")
	f.Add("", "backup")
	f.Add("微博", "微薄")
	f.Fuzz(func(t *testing.T, a, b string) {
		d := editDistance(a, b)
		if d != editDistance(b, a) {
			t.Fatalf("d(%q,%q)=%d is not symmetric", a, b, d)
		}
		// Invalid UTF-8 is compared as the runes it decodes to.
		if (d == 0) != (string([]rune(a)) == string([]rune(b))) {
			t.Fatalf("d(%q,%q)=%d", a, b, d)
		}
		if n := max(len([]rune(a)), len([]rune(b))); d > n {
			t.Fatalf("d(%q,%q)=%d > %d", a, b, d, n)
		}
		if s := closest(a, []string{b, "verify"}); s != "" && s != b && s != "verify" {
			t.Fatalf("closest(%q) = %q, not an option", a, s)
		}
	})
}
