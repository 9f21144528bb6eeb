package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/profiles/profiletest"
)

// TestDoctor: "demo --doctor" probes every collection against the
// replica: all work on an unbroken site (exit 0, one line each); with a
// broken collection that one fails (exit 3) naming its diagnostics, the
// others work, and the report holds no cookie value, account id or name.
func TestDoctor(t *testing.T) {
	t.Parallel() // mostly waiting on the replica\'s pace: it overlaps the others
	profiletest.NeedBrowser(t)
	for _, c := range []struct {
		site, faults, broken string
		args                 []string
	}{
		{"douyin", "", "", []string{"--size", "8", "--conversations", "1"}},
		{"weibo", "broken=likes", "likes", []string{"--size", "12"}},
	} {
		t.Run(c.site, func(t *testing.T) {
			t.Parallel()
			home, out := t.TempDir(), t.TempDir()
			args := append([]string{"demo", c.site, "--doctor", "--home", home, "--out", out, "--json"}, c.args...)
			if c.faults != "" {
				args = append(args, "--faults", c.faults)
			}
			code, stdout, stderr := farewell(t, context.Background(), args...)
			want := ExitOK
			if c.broken != "" {
				want = ExitIncomplete
			}
			if code != want {
				t.Fatalf("exit %d, want %d\n%s", code, want, stderr)
			}
			var probes []map[string]any
			var summary struct {
				OK     bool   `json:"ok"`
				Report string `json:"report"`
			}
			for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
				var m map[string]any
				if err := json.Unmarshal([]byte(line), &m); err != nil {
					t.Fatalf("not JSON: %s", line)
				}
				switch m["message_type"] {
				case "probe":
					probes = append(probes, m)
				case "doctor":
					json.Unmarshal([]byte(line), &summary)
				}
			}
			if len(probes) < 8 {
				t.Fatalf("%d probe lines, want one per collection:\n%s", len(probes), stdout)
			}
			for _, p := range probes {
				name, ok := p["collection"].(string), p["ok"] == true
				switch {
				case name == c.broken:
					diag, _ := p["diagnostics"].(string)
					if ok || !strings.Contains(diag, filepath.Join("diagnostics", name)) {
						t.Errorf("the broken %s: %v", name, p)
					} else if _, err := os.Stat(filepath.Join(diag, "screenshot.png")); err != nil {
						t.Errorf("its diagnostics: %v", err)
					}
				case !ok:
					t.Errorf("%s does not work on the replica: %v", name, p["why"])
				}
			}
			if summary.OK != (c.broken == "") || summary.Report == "" {
				t.Fatalf("summary %+v", summary)
			}
			report, err := os.ReadFile(summary.Report)
			if err != nil {
				t.Fatal(err)
			}
			stores, _ := filepath.Glob(filepath.Join(home, c.site, "*", exporter.StoreFile))
			if len(stores) != 1 {
				t.Fatalf("%d stores", len(stores))
			}
			st, err := exporter.OpenStore(filepath.Dir(stores[0]))
			if err != nil {
				t.Fatal(err)
			}
			for _, who := range []string{st.Info.Account.ID, st.Info.Account.Name} {
				if bytes.Contains(report, []byte(who)) {
					t.Errorf("the report names the account (%q)", who)
				}
			}
			if c.broken != "" && !bytes.Contains(report, []byte(`"page_outline"`)) {
				t.Error("the report has no page outline of the broken collection")
			}
			// The probe left the account's own journal alone: nothing
			// was captured for the backup.
			if _, err := os.Stat(st.Path(exporter.JournalFile)); err == nil {
				if b, _ := os.ReadFile(st.Path(exporter.JournalFile)); bytes.Contains(b, []byte(`"type":"page"`)) {
					t.Error("the probe wrote pages into the account's journal")
				}
			}
			noSecretsIn(t, home, map[string][]byte{"the report": report, "stdout": []byte(stdout), "stderr": []byte(stderr)})
		})
	}
}

// TestDoctorTable: doctor's table in each language, each collection by
// its name on the platform, the columns aligned in terminal columns, and
// a failing probe's error escaped as it came.
func TestDoctorTable(t *testing.T) {
	six := int64(6)
	probes := []exporter.Probe{
		{Collection: "posts", OK: true, Items: 5, Expected: &six},
		{Collection: "messages", OK: false, Why: "HTTP 502\x1b[2J", Diagnostics: "diagnostics/messages"},
	}
	for _, tc := range []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.ZH, []string{
			"内容 可用   读到  网站显示  原因",
			"作品 是        5         6  ",
			`私信 否        0         ?  HTTP 502\x1b[2J（诊断信息：/d/diagnostics/messages）`,
		}},
		{i18n.EN, []string{
			"collection works  items  expected  why",
			"works      yes        5         6  ",
			`messages   NO         0         ?  HTTP 502\x1b[2J (diagnostics: /d/diagnostics/messages)`,
		}},
	} {
		var b strings.Builder
		printProbes(&b, i18n.New(tc.lang), "douyin", probes, "/d")
		if got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n"); !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n%s\nwant\n%s", tc.lang, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}
