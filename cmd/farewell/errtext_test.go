package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// TestErrorsInTheirLanguage: the error lines a person meets (a mistyped
// command, flag or site, a file that is not there, a bundle damaged or not
// ready, no login yet, no browser) are in Chinese with --lang zh, and in
// English with --lang en; what stays as it is (a path, a value typed, the
// names --only and --kind take, the damage verify reports) is named by
// each case.
func TestErrorsInTheirLanguage(t *testing.T) {
	home, dir := t.TempDir(), t.TempDir()
	garbage := filepath.Join(dir, "garbage.tar.zst")
	if err := os.WriteFile(garbage, []byte("not a bundle"), 0o600); err != nil {
		t.Fatal(err)
	}
	short := packStore(t, makeStore(t, false))
	exported := filepath.Join(dir, "csv")
	writeFiles(t, exported, map[string]string{"posts.csv": "kept"})
	// A list in parentheses after "it has" / "kinds:" (Chinese: 可选的有),
	// and the damage verify reports, in parentheses after what it means.
	// What a person typed is quoted, in both languages.
	list := regexp.MustCompile(`（可选的有 [^）]*）|\((it has|kinds:) [^)]*\)`)
	damage := regexp.MustCompile(`（bundle trailer: .*）$|bundle trailer: .*$`)
	typed := regexp.MustCompile(`"[^"]*"`)
	cases := []struct {
		name string
		env  map[string]string
		args []string
		code int
		zh   string         // what the Chinese line says
		en   string         // what the English line says
		keep *regexp.Regexp // what else stays as it is in both languages
	}{
		{"missing bundle", nil, []string{"verify", filepath.Join(dir, "gone.tar.zst")}, ExitError, "找不到 ", "no such file or directory", nil},
		{"unknown command", nil, []string{"frobnicate"}, ExitUsage, "这个命令", "unknown command", nil},
		{"command typo", nil, []string{"verfy", "x"}, ExitUsage, "你是想输入 `verify` 吗", "did you mean `verify`?", nil},
		{"site as command", nil, []string{"weibo"}, ExitUsage, "你是想输入 `farewell backup weibo` 吗", "did you mean `farewell backup weibo`?", nil},
		{"unknown site", nil, []string{"backup", "weibx", "--home", home}, ExitUsage, "不认识 \"weibx\" 这个网站", "unknown site", nil},
		{"unknown collection", nil, []string{"backup", "weibo", "--only", "nothing", "--home", home}, ExitUsage, "没有 \"nothing\" 这一项", "has no collection", list},
		{"unknown flag", nil, []string{"backup", "weibo", "--onyl", "x", "--home", home}, ExitUsage, "你是想输入 `--only` 吗", "did you mean `--only`?", nil},
		{"unknown shorthand", nil, []string{"demo", "-z"}, ExitUsage, "没有 -z 这个选项", "unknown flag: -z", nil},
		{"flag without value", nil, []string{"demo", "--size"}, ExitUsage, "后面要跟一个值", "flag needs an argument: --size", nil},
		{"flag of the wrong kind", nil, []string{"demo", "--size", "many"}, ExitUsage, "的值 \"many\" 不对", "invalid argument", nil},
		{"no argument", nil, []string{"verify"}, ExitUsage, "需要 1 个参数", "farewell verify takes 1 argument(s), not 0", nil},
		{"too many arguments", nil, []string{"demo", "weibo", "douyin"}, ExitUsage, "最多接受 1 个参数", "takes at most 1 argument(s)", nil},
		{"size out of range", nil, []string{"demo", "--size", "0"}, ExitUsage, "须在 1 到 2000 之间（生成的账号的微博数", "use 1 to 2000 (the generated account's posts", nil},
		{"rate out of range", nil, []string{"demo", "--rate", "-1"}, ExitUsage, "须大于 0", "more than 0 to 1000", nil},
		{"unknown format", nil, []string{"export", short, "--format", "xls", exported}, ExitUsage, "只支持 CSV 格式", "the only format is csv", nil},
		{"unknown kind", nil, []string{"parse", "--kind", "zzz", garbage}, ExitUsage, "没有 --kind \"zzz\"", "unknown --kind", list},
		{"not logged in", nil, []string{"backup", "douyin", "--home", home}, ExitNotLoggedIn, "还没有登录过 douyin 账号", "no douyin account has logged in yet", nil},
		{"not a bundle", nil, []string{"ls", garbage}, ExitCorrupt, "备份包已损坏，或不是 farewell 的备份包", "bundle trailer", damage},
		{"out through a file", nil, []string{"demo", "weibo", "--home", home, "--out", filepath.Join(garbage, "bundles")}, ExitError,
			"路径中有一部分是文件，不是文件夹", "a part of the path is a file, not a folder", nil},
		{"a folder", nil, []string{"verify", dir}, ExitError, "是文件夹，不是备份包文件", "is a folder, not a bundle file", nil},
		{"not safe", nil, []string{"verify", short}, ExitIncomplete, "还不能删除账号，原因见上面", "not safe to delete", nil},
		{"export over a folder", nil, []string{"export", short, "--format", "csv", exported}, ExitError, "加 --force 会替换它", "already exists (--force replaces it)", nil},
		{"browser setting wrong", map[string]string{exporter.BrowserEnv: filepath.Join(dir, "no-chrome")}, []string{"login", "weibo", "--home", home},
			ExitError, "没有这个程序", "no such program", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			for _, lang := range []string{"zh", "en"} {
				code, stdout, stderr := farewell(t, context.Background(), append([]string{"--lang", lang}, tc.args...)...)
				if code != tc.code {
					t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", lang, code, tc.code, stdout, stderr)
				}
				line := strings.TrimSpace(stderr)
				if strings.Contains(line, "\n") {
					t.Fatalf("%s: the error is not one line:\n%s", lang, stderr)
				}
				text := typed.ReplaceAllString(line, "")
				if tc.keep != nil {
					text = tc.keep.ReplaceAllString(text, "")
				}
				if lang == "en" {
					if !strings.HasPrefix(line, "farewell: error: ") || !strings.Contains(line, tc.en) {
						t.Errorf("en: the line does not say %q: %s", tc.en, line)
					}
					if h := i18n.UnglossedHan(text); len(h) > 0 {
						t.Errorf("en: the line has Chinese %q: %s", h, line)
					}
					continue
				}
				if !strings.HasPrefix(line, "farewell：出错：") || !strings.Contains(line, tc.zh) {
					t.Errorf("zh: the line does not say %q: %s", tc.zh, line)
				}
				if w := i18n.EnglishWords(text); len(w) > 0 {
					t.Errorf("zh: the line has English %q: %s", w, line)
				}
			}
		})
	}
}

// TestFailuresInChinese: the failures a run meets far from the command
// line (a full or read-only disk, a store another run holds, no browser,
// a verification, a site that keeps refusing) say in Chinese what is
// wrong and what to do, keep their exit code, and leave as they are only
// paths and what the system or the site said, in parentheses.
func TestFailuresInChinese(t *testing.T) {
	zh := i18n.New(i18n.ZH)
	st, err := exporter.CreateStore(t.TempDir(), "weibo", exporter.Account{ID: "1234567890"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Lock(); err != nil {
		t.Fatal(err)
	}
	defer st.Unlock()
	again, err := exporter.OpenStore(st.Dir)
	if err != nil {
		t.Fatal(err)
	}
	busy := again.Lock()
	_, noBrowser := exporter.LookupBrowser(exporter.System{GOOS: "windows", Getenv: func(string) string { return "" }, IsProgram: func(string) bool { return false }})
	cases := []struct {
		name string
		err  error
		code int
		want []string
		keep *regexp.Regexp // what stays as it is
	}{
		{"disk full", exporter.StorageError(fmt.Errorf("save raw: %w", &fs.PathError{Op: "open", Path: "/h/raw/1.json", Err: syscall.ENOSPC})), ExitError,
			[]string{"磁盘空间不足：/h/raw/1.json", "farewell 的数据文件夹无法写入", "会从中断处继续"}, regexp.MustCompile(`save raw: `)},
		{"read-only disk", exporter.StorageError(&os.LinkError{Op: "rename", Old: "/h/a.part", New: "/h/a", Err: syscall.EROFS}), ExitError,
			[]string{"/h/a 所在的磁盘是只读的"}, nil},
		{"store busy", busy, ExitError, []string{"正被另一个 farewell 使用", "请等它结束或停止它"}, regexp.MustCompile(`（pid [^）]*）`)},
		{"no browser", noBrowser, ExitError, []string{"没有找到 Chrome、Edge 或 Chromium", "google.com/chrome", "FAREWELL_BROWSER"}, nil},
		{"verification", fmt.Errorf("weibo posts: %w", i18n.Fail(exporter.ErrChallenge, i18n.FailVerifyWeibo, nil)), ExitNotLoggedIn,
			[]string{"微博要求安全验证", "`farewell backup weibo --visible`"}, regexp.MustCompile(`weibo posts: `)},
		{"throttled", i18n.Fail(fmt.Errorf("douyin posts: %w", exporter.ErrThrottled), i18n.FailThrottled, i18n.Args{"site": "douyin"}), ExitError,
			[]string{"网站一直拒绝请求", "请等一小时左右"}, regexp.MustCompile(`（douyin posts: throttled by the site）`)},
		{"session gone", notLoggedIn("douyin", fmt.Errorf("douyin wallet: %w", exporter.ErrNotLoggedIn)), ExitNotLoggedIn,
			[]string{"登录已失效", "请运行 `farewell login douyin` 登录"}, regexp.MustCompile(`（douyin wallet: not logged in）`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no error to say")
			}
			if code := exitCode(tc.err); code != tc.code {
				t.Errorf("exit %d, want %d: %v", code, tc.code, tc.err)
			}
			line := errorText(zh, tc.err)
			for _, w := range tc.want {
				if !strings.Contains(line, w) {
					t.Errorf("%q lacks %q", line, w)
				}
			}
			text := line
			if tc.keep != nil {
				text = tc.keep.ReplaceAllString(text, "")
			}
			if w := i18n.EnglishWords(text); len(w) > 0 {
				t.Errorf("English %q in %q", w, line)
			}
		})
	}
}
