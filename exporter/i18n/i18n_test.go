package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestResolve: the first locale variable set decides, in POSIX order, and
// only a "zh" locale is Chinese.
func TestResolve(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want Lang
	}{
		{"nothing set", nil, EN},
		{"LANG zh_CN.UTF-8", map[string]string{"LANG": "zh_CN.UTF-8"}, ZH},
		{"LANG zh_TW", map[string]string{"LANG": "zh_TW"}, ZH},
		{"LANG bare zh", map[string]string{"LANG": "zh"}, ZH},
		{"LANG upper case", map[string]string{"LANG": "ZH_cn"}, ZH},
		{"LANG en_US", map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{"LANG C", map[string]string{"LANG": "C"}, EN},
		{"LANG POSIX", map[string]string{"LANG": "POSIX"}, EN},
		{"LC_MESSAGES before LANG", map[string]string{"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, ZH},
		{"LC_MESSAGES English before LANG Chinese", map[string]string{"LC_MESSAGES": "en_GB", "LANG": "zh_CN"}, EN},
		{"LC_ALL before all", map[string]string{"LC_ALL": "C", "LC_MESSAGES": "zh_CN", "LANG": "zh_CN"}, EN},
		{"LC_ALL Chinese", map[string]string{"LC_ALL": "zh_HK.UTF-8", "LANG": "en_US"}, ZH},
		{"empty LC_ALL is unset", map[string]string{"LC_ALL": "", "LANG": "zh_CN"}, ZH},
		{"blank LC_ALL is unset", map[string]string{"LC_ALL": "  ", "LANG": "zh_CN"}, ZH},
		{"a language that starts like zh only in the middle", map[string]string{"LANG": "en_ZH"}, EN},
		{"LC_CTYPE alone does not choose messages", map[string]string{"LC_CTYPE": "zh_CN.UTF-8"}, EN},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Resolve(func(k string) string { return c.env[k] }); got != c.want {
				t.Errorf("Resolve(%v) = %s, want %s", c.env, got, c.want)
			}
		})
	}
}

// TestParse: --lang takes zh and en in any case, and nothing else.
func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"zh", ZH, true}, {"en", EN, true}, {"ZH", ZH, true}, {" en ", EN, true},
		{"", "", false}, {"fr", "", false}, {"zh_CN", "", false}, {"chinese", "", false},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestCatalogComplete: every code is unique, has both texts, and uses the
// same parameters in each; no Chinese text holds an English word other
// than the names allowed, and every Han character of an English text is a
// site name followed by its gloss.
func TestCatalogComplete(t *testing.T) {
	optionName, quoted := regexp.MustCompile(`^  \S+\s{2,}`), regexp.MustCompile(`"[^"]*"`)
	seen := map[Code]bool{}
	for _, m := range Messages() {
		if m.Code == "" || seen[m.Code] {
			t.Errorf("code %q is empty or repeated", m.Code)
		}
		seen[m.Code] = true
		if strings.TrimSpace(m.EN) == "" || strings.TrimSpace(m.ZH) == "" {
			t.Errorf("%s: a text is missing: en %q, zh %q", m.Code, m.EN, m.ZH)
		}
		en, zh := Params(m.EN), Params(m.ZH)
		slices.Sort(en)
		slices.Sort(zh)
		if !slices.Equal(en, zh) {
			t.Errorf("%s: parameters differ: en %v, zh %v", m.Code, en, zh)
		}
		bare := func(text string) string {
			return fill(text, func(string) (string, bool) { return "", true })
		}
		zhText := bare(m.ZH)
		if strings.HasPrefix(string(m.Code), "help.") {
			// What a person types stays as typed: a help's example
			// lines, the name that starts a line of a list of options,
			// and what is quoted.
			var kept []string
			for _, line := range strings.Split(zhText, "\n") {
				if !strings.HasPrefix(line, "  farewell ") {
					kept = append(kept, optionName.ReplaceAllString(line, ""))
				}
			}
			zhText = quoted.ReplaceAllString(strings.Join(kept, "\n"), "")
		}
		if w := EnglishWords(zhText); len(w) > 0 {
			t.Errorf("%s: the Chinese text has English %q: %s", m.Code, w, m.ZH)
		}
		if h := UnglossedHan(bare(m.EN)); len(h) > 0 {
			t.Errorf("%s: the English text has Chinese %q without a gloss: %s", m.Code, h, m.EN)
		}
	}
}

// TestT: parameters are put in by name, in any order and repeated; an
// unknown code gives itself and a missing parameter stays visible.
func TestT(t *testing.T) {
	cases := []struct {
		lang Lang
		code Code
		args Args
		want string
	}{
		{EN, DouyinFollowersListed, Args{"listed": 26, "total": 40}, "Douyin lists 26 of your 40 followers"},
		{ZH, DouyinFollowersListed, Args{"listed": 26, "total": 40}, "抖音只列出了你 40 个粉丝中的 26 个"},
		{ZH, VerdictSafeToDo, Args{"n": 2}, "备份完整，可以删除；删除前还有 2 件事要处理（见“删除账号前”清单）"},
		{EN, DouyinFollowersListed, Args{"listed": 26}, "Douyin lists 26 of your {total} followers"},
		{EN, "no.such.code", nil, "no.such.code"},
		{"fr", CollectionName("douyin", "posts"), nil, "works"},
		{ZH, CollectionName("douyin", "posts"), nil, "作品"},
		{ZH, CollectionName("weibo", "posts"), nil, "微博"},
	}
	for _, c := range cases {
		if got := New(c.lang).T(c.code, c.args); got != c.want {
			t.Errorf("%s %s: got %q, want %q", c.lang, c.code, got, c.want)
		}
	}
}

// TestFill: braces that are not a parameter are left as they are.
func TestFill(t *testing.T) {
	cases := []struct{ in, want string }{
		{"{a} and {a}", "1 and 1"},
		{"{} {not a name} {b", "{} {not a name} {b"},
		{"{missing}", "{missing}"},
		{"no braces", "no braces"},
		{"}{a}{", "}1{"},
	}
	for _, c := range cases {
		got := fill(c.in, func(name string) (string, bool) { return "1", name == "a" })
		if got != c.want {
			t.Errorf("fill(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzFill: filling never panics, and text without braces is unchanged.
func FuzzFill(f *testing.F) {
	for _, s := range []string{"", "{a}", "{", "}", "{{a}}", "a{b}c{", "{名}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := fill(s, func(string) (string, bool) { return "x", true })
		if !strings.ContainsAny(s, "{}") && out != s {
			t.Errorf("fill(%q) = %q", s, out)
		}
		_ = Params(s)
	})
}

// TestEnglishWords and TestUnglossedHan: the checks the language tests
// rely on find what they should and nothing else.
func TestEnglishWords(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"备份完整，可以删除", nil},
		{"备份包 farewell-weibo-1.tar.zst 通过", nil},
		{"媒体 media/ab/ab12.mp4 缺少", nil},
		{"请运行 farewell verify --quick", nil},
		{"结论 SAFE TO DELETE", []string{"SAFE", "TO", "DELETE"}},
		{"账号 weibo 123 (告别) UTC", nil},
		{"the wallet", []string{"the", "wallet"}},
		{"抖音 MCN 机构 App", nil},
		{"请运行 `sudo apt-get install chromium` 安装", nil},
		{"请运行 `farewell login` 再 backup it", []string{"it"}},
		{"一个 ` 不成对 the", []string{"the"}},
	}
	for _, c := range cases {
		if got := EnglishWords(c.in); !slices.Equal(got, c.want) {
			t.Errorf("EnglishWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	han := []struct {
		in   string
		want []string
	}{
		{"check 设置 (Settings) › 账号与安全 (Account)", nil},
		{"check 设置 › 账号", []string{"设置", "账号"}},
		{"no Chinese", nil},
		{"抖币 (Douyin coins) and 钱包", []string{"钱包"}},
	}
	for _, c := range han {
		if got := UnglossedHan(c.in); !slices.Equal(got, c.want) {
			t.Errorf("UnglossedHan(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
