package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles/douyin"
)

// verdictStore builds a small Douyin store that is complete and safe to
// delete, then lets edit break one thing.
func verdictStore(t *testing.T, platform string, edit func(st *exporter.Store, expected map[exporter.Collection]int64, ix *record.ScreenIndex, wallet *exporter.Readiness)) *exporter.Store {
	t.Helper()
	st, err := exporter.CreateStore(t.TempDir(), platform, exporter.Account{ID: "95133414725", Name: "告别"})
	if err != nil {
		t.Fatal(err)
	}
	// A conversation: Douyin's ids are its own, Weibo's the other person's uid.
	conv, dir := "0:1:5:6", "0_1_5_6"
	if platform == "weibo" {
		conv, dir = "2001234567", "2001234567"
	}
	msg := func(id, text string) string {
		return fmt.Sprintf(`{"record":"message","platform":%q,"id":%q,"conversation_id":%q,"text":%q}`, platform, id, conv, text) + "\n"
	}
	writeFiles(t, st.Dir, map[string]string{
		"records/posts.jsonl": `{"record":"post","platform":"` + platform + `","id":"7301","media":[{"type":"video","file":"media/ab/ab12.mp4"}]}` + "\n" +
			`{"record":"post","platform":"` + platform + `","id":"7302"}` + "\n",
		"media/ab/ab12.mp4":               "\x00\x00\x00\x18ftypmp42 video",
		"records/messages.jsonl":          msg("11", "在吗") + msg("12", "好的"),
		"screens/dm/" + dir + "/0001.png": "\x89PNG\r\n\x1a\n screenshot",
	})
	expected := map[exporter.Collection]int64{"posts": 2, "messages": 2}
	ix := &record.ScreenIndex{Collection: "messages", Key: "conversation_id", Value: conv, Complete: true,
		Shots: []record.Shot{{File: "screens/dm/" + dir + "/0001.png", IDs: []string{"11", "12"}}}}
	wallet := exporter.Readiness{Check: "wallet", OK: true, Blocking: true, Detail: "the wallet is empty: nothing is lost"}
	if edit != nil {
		edit(st, expected, ix, &wallet)
	}
	b, _ := json.Marshal(ix)
	writeFiles(t, st.Dir, map[string]string{"screens/dm/" + dir + "/index.json": string(b)})
	if err := st.WriteReadiness([]exporter.Readiness{wallet, {Check: "cooling", Info: true, Detail: "15 days"}}); err != nil {
		t.Fatal(err)
	}
	j, err := exporter.OpenJournal(st.Path(exporter.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	for _, coll := range []exporter.Collection{"posts", "messages"} {
		n := expected[coll]
		for _, ev := range []exporter.Event{
			{Type: exporter.EventStart, Collection: coll, Expected: &n},
			{Type: exporter.EventPage, Collection: coll, Page: 1, Items: 2},
			{Type: exporter.EventDone, Collection: coll, StopReason: archive.StopEnd},
		} {
			if err := j.Append(ev); err != nil {
				t.Fatal(err)
			}
		}
	}
	return st
}

// TestVerdictPaths: each thing that makes a backup unsafe to rely on gives
// exit 3 from verify, in text and JSON, with a reason that names it; the
// untouched store gives exit 0.
func TestVerdictPaths(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name     string
		platform string
		edit     func(st *exporter.Store, expected map[exporter.Collection]int64, ix *record.ScreenIndex, wallet *exporter.Readiness)
		code     int
		reason   string
	}{
		{"complete", "douyin", nil, ExitOK, ""},
		{"complete (Weibo)", "weibo", nil, ExitOK, ""},
		{"a missing media file", "douyin", func(st *exporter.Store, _ map[exporter.Collection]int64, _ *record.ScreenIndex, _ *exporter.Readiness) {
			os.Remove(filepath.Join(st.Dir, "media", "ab", "ab12.mp4"))
		}, ExitIncomplete, "media/ab/ab12.mp4"},
		{"a short collection", "douyin", func(_ *exporter.Store, expected map[exporter.Collection]int64, _ *record.ScreenIndex, _ *exporter.Readiness) {
			expected["posts"] = 5
		}, ExitIncomplete, "posts: 3 of 5 missing"},
		{"a conversation not captured to its start", "douyin", func(_ *exporter.Store, _ map[exporter.Collection]int64, ix *record.ScreenIndex, _ *exporter.Readiness) {
			ix.Complete = false
		}, ExitIncomplete, "0_1_5_6"},
		{"a Weibo conversation cut short", "weibo", func(_ *exporter.Store, _ map[exporter.Collection]int64, ix *record.ScreenIndex, _ *exporter.Readiness) {
			ix.Complete = false
		}, ExitIncomplete, "screens/dm/2001234567/index.json: the screenshots of conversation_id 2001234567 do not reach its beginning"},
		{"a Weibo message on no screenshot", "weibo", func(_ *exporter.Store, _ map[exporter.Collection]int64, ix *record.ScreenIndex, _ *exporter.Readiness) {
			ix.Shots[0].IDs = []string{"12"}
		}, ExitIncomplete, "1 record(s) are on no screenshot, e.g. 11"},
		{"money in the wallet", "douyin", func(_ *exporter.Store, _ map[exporter.Collection]int64, _ *record.ScreenIndex, w *exporter.Readiness) {
			w.OK, w.Detail = false, "the account still holds 120 抖币 and 3.50 yuan"
		}, ExitIncomplete, "wallet: the account still holds 120 抖币"},
		{"a wallet answer with renamed balances", "douyin", func(_ *exporter.Store, _ map[exporter.Collection]int64, _ *record.ScreenIndex, w *exporter.Readiness) {
			var rec *record.Wallet
			if d, err := dy.DecodeWallet([]byte(`{"status_code":0,"data":{"diamond_count":0,"money_fen":0}}`)); err == nil {
				r := dy.WalletRecord(d, "raw/wallet/000001.json")
				rec = &r
			}
			*w = douyin.WalletReadiness(rec)
		}, ExitIncomplete, "wallet: farewell could not read the wallet's 抖币 and money (零钱) balance"},
		{"a wallet answer without money", "douyin", func(_ *exporter.Store, _ map[exporter.Collection]int64, _ *record.ScreenIndex, w *exporter.Readiness) {
			d, err := dy.DecodeWallet([]byte(`{"status_code":0,"data":{"diamond":0}}`))
			if err != nil {
				t.Fatal(err)
			}
			r := dy.WalletRecord(d, "raw/wallet/000001.json")
			*w = douyin.WalletReadiness(&r)
		}, ExitIncomplete, "wallet: farewell could not read the wallet's money (零钱) balance"},
	}
	// The text report says some reasons in the catalog's words (Douyin's
	// posts are works); --json keeps the English reasons.
	textReason := map[string]string{
		"a short collection":                    "works: 3 of 5 missing",
		"a wallet answer with renamed balances": "wallet: farewell could not read the wallet's 抖币 (Douyin coins) and 零钱 (money) balances",
		"a wallet answer without money":         "wallet: farewell could not read the wallet's 零钱 (money) balance",
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := verdictStore(t, c.platform, c.edit)
			out := t.TempDir()
			if code, _, stderr := farewell(t, ctx, "pack", st.Dir, "--out", out); code != ExitOK {
				t.Fatalf("pack: exit %d: %s", code, stderr)
			}
			bundles, _ := filepath.Glob(filepath.Join(out, "*.tar.zst"))
			if len(bundles) != 1 {
				t.Fatalf("%d bundles", len(bundles))
			}
			code, stdout, stderr := farewell(t, ctx, "verify", bundles[0])
			if code != c.code {
				t.Fatalf("verify: exit %d, want %d\n%s%s", code, c.code, stdout, stderr)
			}
			if !strings.Contains(stdout, "before you delete") || !strings.Contains(stdout, " i cooling: 15 days") {
				t.Errorf("the checklist is not shown:\n%s", stdout)
			}
			if c.reason == "" {
				if !strings.Contains(stdout, "SAFE TO DELETE") {
					t.Errorf("no safe verdict:\n%s", stdout)
				}
				return
			}
			want := c.reason
			if r, ok := textReason[c.name]; ok {
				want = r
			}
			if !strings.Contains(stdout, "NOT SAFE TO DELETE") || !strings.Contains(stdout, want) {
				t.Errorf("the report does not name %q:\n%s", want, stdout)
			}
			code, stdout, _ = farewell(t, ctx, "verify", "--json", bundles[0])
			var rep archive.Report
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != c.code {
				t.Fatalf("verify --json: exit %d, %v: %s", code, err, stdout)
			}
			if rep.Verdict != archive.VerdictNotSafe || !strings.Contains(strings.Join(rep.Reasons, "\n"), c.reason) || len(rep.Readiness) != 2 {
				t.Errorf("verify --json: verdict %s, reasons %q, %d checklist items", rep.Verdict, rep.Reasons, len(rep.Readiness))
			}
		})
	}
}
