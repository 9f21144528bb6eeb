package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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
		keep *regexp.Regexp // what else stays as it is in both languages
	}{
		{"missing bundle", nil, []string{"verify", filepath.Join(dir, "gone.tar.zst")}, ExitError, "找不到 ", nil},
		{"unknown command", nil, []string{"frobnicate"}, ExitUsage, "这个命令", nil},
		{"command typo", nil, []string{"verfy", "x"}, ExitUsage, "你是想输入 `verify` 吗", nil},
		{"site as command", nil, []string{"weibo"}, ExitUsage, "你是想输入 `farewell backup weibo` 吗", nil},
		{"unknown site", nil, []string{"backup", "weibx", "--home", home}, ExitUsage, "不认识 \"weibx\" 这个网站", nil},
		{"unknown collection", nil, []string{"backup", "weibo", "--only", "nothing", "--home", home}, ExitUsage, "没有 \"nothing\" 这一项", list},
		{"unknown flag", nil, []string{"backup", "weibo", "--onyl", "x", "--home", home}, ExitUsage, "你是想输入 `--only` 吗", nil},
		{"unknown shorthand", nil, []string{"demo", "-z"}, ExitUsage, "没有 -z 这个选项", nil},
		{"flag without value", nil, []string{"demo", "--size"}, ExitUsage, "后面要跟一个值", nil},
		{"flag of the wrong kind", nil, []string{"demo", "--size", "many"}, ExitUsage, "的值 \"many\" 不对", nil},
		{"no argument", nil, []string{"verify"}, ExitUsage, "需要 1 个参数", nil},
		{"too many arguments", nil, []string{"demo", "weibo", "douyin"}, ExitUsage, "最多接受 1 个参数", nil},
		{"size out of range", nil, []string{"demo", "--size", "0"}, ExitUsage, "生成的账号有 1 到 2000 条微博", nil},
		{"rate out of range", nil, []string{"demo", "--rate", "-1"}, ExitUsage, "须大于 0", nil},
		{"unknown format", nil, []string{"export", short, "--format", "xls", exported}, ExitUsage, "只支持 CSV 格式", nil},
		{"unknown kind", nil, []string{"parse", "--kind", "zzz", garbage}, ExitUsage, "没有 --kind \"zzz\"", list},
		{"not logged in", nil, []string{"backup", "douyin", "--home", home}, ExitNotLoggedIn, "还没有登录过 douyin 账号", nil},
		{"not a bundle", nil, []string{"ls", garbage}, ExitCorrupt, "备份包已损坏，或不是 farewell 的备份包", damage},
		{"not safe", nil, []string{"verify", short}, ExitIncomplete, "还不能删除账号，原因见上面", nil},
		{"export over a folder", nil, []string{"export", short, "--format", "csv", exported}, ExitError, "加 --force 会替换它", nil},
		{"browser setting wrong", map[string]string{exporter.BrowserEnv: filepath.Join(dir, "no-chrome")}, []string{"login", "weibo", "--home", home},
			ExitError, "没有这个程序", nil},
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
					if !strings.HasPrefix(line, "farewell: error: ") {
						t.Errorf("en: %s", line)
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
