package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers/record"
)

var update = flag.Bool("update", false, "rewrite the golden files of this package")

// languageReport is a small Douyin or Weibo verify report with what the
// language must cover: a site limit, checklist items of each kind, and
// (for notSafe) a collection short of the site's count.
func languageReport(platform string, notSafe bool) *archive.Report {
	at := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	n := func(v int64) *int64 { return &v }
	rep := &archive.Report{
		Bundle: "farewell-" + platform + "-95133414725-20261123T020000Z.tar.zst", Level: "full", Platform: platform,
		Account: &archive.Account{ID: "95133414725", Name: "告别"}, CreatedAt: &at,
		Capture:   &archive.Window{StartedAt: at.Add(-time.Hour), FinishedAt: at},
		Integrity: archive.Integrity{OK: true, Files: 12, Bytes: 60800, Checked: 60800},
		Verdict:   archive.VerdictSafe,
	}
	limit := &archive.ServerLimit{Limit: 26, Unavailable: 14, Reason: "Douyin lists 26 of your 40 followers",
		Code: string(i18n.DouyinFollowersListed), Params: map[string]string{"listed": "26", "total": "40"}}
	if platform == "weibo" {
		limit = &archive.ServerLimit{Limit: 26, Unavailable: 14, Reason: "Weibo lists at most 26 of your 40 followers",
			Code: string(i18n.WeiboFollowersCap), Params: map[string]string{"listed": "26", "total": "40"}}
	}
	rep.Collections = []archive.CollectionReport{
		{Name: "posts", Expected: n(2), Captured: 2, Complete: true, StopReason: archive.StopEnd},
		{Name: "followers", Expected: n(40), Captured: 26, Complete: true, StopReason: archive.StopServerLimit, ServerLimit: limit},
		{Name: "likes", Captured: 5, Complete: true, StopReason: archive.StopEnd},
	}
	if platform == "douyin" {
		rep.Readiness = []archive.Readiness{
			{Check: "wallet", OK: true, Blocking: true, Detail: "the wallet is empty: nothing is lost", Code: string(i18n.DouyinWalletEmpty)},
			{Check: "bindings", Detail: "bindings", Code: string(i18n.DouyinBindings)},
			{Check: "mcn", Detail: "mcn", Code: string(i18n.DouyinMCN)},
			{Check: "cooling", Info: true, Detail: "cooling", Code: string(i18n.DouyinCooling)},
			{Check: "messages", Info: true, Detail: "messages", Code: string(i18n.DouyinMessages)},
		}
	} else {
		rep.Readiness = []archive.Readiness{
			{Check: "apps", Detail: "apps", Code: string(i18n.WeiboAppsLinked), Params: map[string]string{"n": "2", "names": "皮皮时光机, Vivo Health"}},
			{Check: "wallet", Detail: "wallet", Code: string(i18n.WeiboWallet)},
			{Check: "security", Info: true, Detail: "security", Code: string(i18n.WeiboSecurity)},
		}
	}
	if notSafe {
		c := &archive.Collection{Name: "posts", Expected: n(5), Captured: 2, StopReason: archive.StopEnd}
		_, why := c.Complete()
		rep.Collections[0] = archive.CollectionReport{Name: "posts", Expected: n(5), Captured: 2, Reason: why, Shortfall: c.Shortfall(), StopReason: archive.StopEnd}
		rep.Readiness[0] = archive.Readiness{Check: "wallet", Blocking: true, Detail: "money", Code: string(i18n.DouyinWalletMoney), Params: map[string]string{"coins": "120", "yuan": "3.50"}}
		rep.Verdict = archive.VerdictNotSafe
	}
	return rep
}

// TestVerifyGolden: verify's report in Chinese and English, for a Douyin
// and a Weibo bundle, safe and not.
func TestVerifyGolden(t *testing.T) {
	for _, platform := range []string{"douyin", "weibo"} {
		for _, notSafe := range []bool{false, true} {
			for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
				name := platform + "-" + map[bool]string{false: "safe", true: "notsafe"}[notSafe] + "-" + string(lang)
				t.Run(name, func(t *testing.T) {
					var b bytes.Buffer
					printReport(&b, i18n.New(lang), "farewell verify", languageReport(platform, notSafe))
					golden := filepath.Join("testdata", "verify-"+name+".golden")
					if *update {
						if err := os.MkdirAll("testdata", 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (run with -update to write it)", err)
					}
					if b.String() != string(want) {
						t.Errorf("verify report differs from %s:\n%s", golden, b.String())
					}
				})
			}
		}
	}
}

// siteText is what may stay as the account or the site wrote it in any
// language: the account's name, an app's name.
var siteText = []string{"告别", "皮皮时光机", "Vivo Health"}

// notInLanguage lists what of a text is not in lang: English words in a
// Chinese text, Chinese without a gloss in an English one.
func notInLanguage(lang i18n.Lang, text string) []string {
	for _, s := range siteText {
		text = strings.ReplaceAll(text, s, "")
	}
	if lang == i18n.ZH {
		return i18n.EnglishWords(text)
	}
	return i18n.UnglossedHan(text)
}

// TestVerifyOneLanguage: verify --lang zh of a Weibo and a Douyin bundle
// says nothing in English (product names, ids, paths and numbers aside),
// and --lang en nothing in Chinese but site names with their gloss and
// the account's own text; the locale chooses the same when --lang is not
// given.
func TestVerifyOneLanguage(t *testing.T) {
	ctx := context.Background()
	for _, platform := range []string{"douyin", "weibo"} {
		st := verdictStore(t, platform, func(st *exporter.Store, expected map[exporter.Collection]int64, _ *record.ScreenIndex, w *exporter.Readiness) {
			expected["posts"] = 5
			*w = exporter.Readiness{Check: "wallet", Blocking: true, Detail: "money", Code: string(i18n.DouyinWalletMoney), Params: map[string]string{"coins": "120", "yuan": "3.50"}}
		})
		items := []exporter.Readiness{
			{Check: "wallet", Blocking: true, Detail: "money", Code: string(i18n.DouyinWalletMoney), Params: map[string]string{"coins": "120", "yuan": "3.50"}},
			{Check: "bindings", Detail: "bindings", Code: string(i18n.DouyinBindings)},
			{Check: "cooling", Info: true, Detail: "cooling", Code: string(i18n.DouyinCooling)},
		}
		if platform == "weibo" {
			items = []exporter.Readiness{
				{Check: "apps", Detail: "apps", Code: string(i18n.WeiboAppsUnread), Params: map[string]string{"url": "https://weibo.com/set/app"}},
				{Check: "wallet", Detail: "wallet", Code: string(i18n.WeiboWallet)},
			}
		}
		if err := st.WriteReadiness(items); err != nil {
			t.Fatal(err)
		}
		bundle := packStore(t, st)
		for _, c := range []struct {
			lang i18n.Lang
			args []string
			env  map[string]string
			want string
		}{
			{i18n.ZH, []string{"--lang", "zh"}, nil, "还不能删除"},
			{i18n.EN, []string{"--lang", "en"}, map[string]string{"LANG": "zh_CN.UTF-8"}, "NOT SAFE TO DELETE"},
			{i18n.ZH, nil, map[string]string{"LC_ALL": "zh_CN.UTF-8"}, "还不能删除"},
			{i18n.EN, nil, map[string]string{"LANG": "C"}, "NOT SAFE TO DELETE"},
		} {
			var stdout, stderr bytes.Buffer
			gopts := &GlobalOptions{stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return c.env[k] }}
			code := runWith(ctx, gopts, append(c.args, "verify", bundle))
			if code != ExitIncomplete || !strings.Contains(stdout.String(), c.want) {
				t.Errorf("%s %v %v: exit %d, want %d and %q:\n%s%s", platform, c.args, c.env, code, ExitIncomplete, c.want, stdout.String(), stderr.String())
			}
			// The stderr line is the error's own (English) summary.
			if bad := notInLanguage(c.lang, stdout.String()); len(bad) > 0 {
				t.Errorf("%s %v %v: not in %s: %q\n%s", platform, c.args, c.env, c.lang, bad, stdout.String())
			}
		}
	}
}

// TestLangFlagChecked: --lang takes zh or en; anything else is a usage
// error (exit 2) that says what it takes.
func TestLangFlagChecked(t *testing.T) {
	ctx := context.Background()
	for _, v := range []string{"fr", "zh_CN", "chinese"} {
		code, _, stderr := farewell(t, ctx, "--lang", v, "verify", filepath.Join(t.TempDir(), "none.tar.zst"))
		if code != ExitUsage || !regexp.MustCompile(`--lang .*zh or en`).MatchString(stderr) {
			t.Errorf("--lang %s: exit %d, %q", v, code, stderr)
		}
	}
}
