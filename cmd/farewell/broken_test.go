package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/profiles/profiletest"
)

// TestBrokenCollection: a deploy broke one part of the site (fault
// broken=NAME: its page renders no list, or its answers take a shape no
// parser knows). The run goes on: every other collection is complete,
// backup exits 3, the summary and verify name the broken one, and the
// bundle holds its diagnostics (screenshot, page outline, request log,
// the page and the error) with no cookie value in them.
func TestBrokenCollection(t *testing.T) {
	t.Parallel() // mostly waiting on the replica\'s pace: it overlaps the others
	profiletest.NeedBrowser(t)
	for _, c := range []struct {
		site, broken string
		args         []string
	}{
		{"douyin", "favorites", []string{"--size", "6", "--conversations", "1"}},
		{"weibo", "likes", []string{"--size", "10"}},
	} {
		t.Run(c.site, func(t *testing.T) {
			t.Parallel()
			home, out := t.TempDir(), t.TempDir()
			args := append([]string{"demo", c.site, "--home", home, "--out", out, "--json", "--faults", "broken=" + c.broken}, c.args...)
			code, stdout, stderr := farewell(t, context.Background(), args...)
			if code != ExitIncomplete {
				t.Fatalf("demo exit %d, want %d\n%s", code, ExitIncomplete, stderr)
			}
			s := lastSummary(t, stdout)
			var sum struct {
				Reasons []string `json:"reasons"`
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
				t.Fatal(err)
			}
			if s.Verdict != "not_safe" || len(sum.Reasons) != 1 || !strings.HasPrefix(sum.Reasons[0], c.broken+": failed") ||
				!strings.Contains(sum.Reasons[0], "diagnostics/"+c.broken+"/") {
				t.Fatalf("verdict %s, reasons %q: want one naming %s and its diagnostics", s.Verdict, sum.Reasons, c.broken)
			}
			if len(s.Collections) < 8 {
				t.Fatalf("the summary has %d collections: the run did not go on", len(s.Collections))
			}
			rep, err := archive.Verify(context.Background(), s.Bundle, archive.VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, col := range rep.Collections {
				switch {
				case col.Name == c.broken:
					if col.Complete || col.StopReason != archive.StopFailed || col.Diagnostics != "diagnostics/"+c.broken+"/" {
						t.Errorf("%s: %+v, want failed with its diagnostics", col.Name, col)
					}
				case !col.Complete:
					t.Errorf("%s is not complete (%s): one broken collection must not cost the others", col.Name, col.Reason)
				}
			}
			b, err := archive.Open(context.Background(), s.Bundle)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			have := map[string]int64{}
			for _, m := range b.Members() {
				have[m.Name] = m.Size
			}
			for _, f := range []string{"screenshot.png", "dom.txt", "requests.json", "page.json"} {
				if have["diagnostics/"+c.broken+"/"+f] == 0 {
					t.Errorf("the bundle has no diagnostics/%s/%s", c.broken, f)
				}
			}
			for name := range have {
				if strings.HasPrefix(name, "diagnostics/") && !strings.HasPrefix(name, "diagnostics/"+c.broken+"/") {
					t.Errorf("diagnostics of a collection that did not fail: %s", name)
				}
			}
			dom, err := b.ReadFile("diagnostics/"+c.broken+"/dom.txt", 1<<24)
			if err != nil || !strings.Contains(string(dom), "body") {
				t.Errorf("dom.txt: %v\n%.300s", err, dom)
			}
			var reqs []struct {
				Host, Path string
			}
			raw, err := b.ReadFile("diagnostics/"+c.broken+"/requests.json", 1<<24)
			if err == nil {
				err = json.Unmarshal(raw, &reqs)
			}
			if err != nil || len(reqs) == 0 || len(reqs) > 100 {
				t.Errorf("requests.json: %d entries, %v", len(reqs), err)
			}
			for _, r := range reqs {
				if strings.Contains(r.Path, "msToken=") && !strings.Contains(r.Path, "msToken=redacted") {
					t.Errorf("a token in the request log: %s", r.Path)
				}
			}
			ix, err := b.ReadFile("viewer/data/index.js", 1<<24)
			if err != nil || !strings.Contains(string(ix), `"diagnostics/`+c.broken+`/"`) {
				t.Errorf("the viewer's index does not link the diagnostics: %v", err)
			}
			stores, _ := filepath.Glob(filepath.Join(home, c.site, "*", "diagnostics", c.broken, "page.json"))
			if len(stores) != 1 {
				t.Errorf("the store keeps %d diagnostics of %s, want 1", len(stores), c.broken)
			} else if _, err := os.Stat(stores[0]); err != nil {
				t.Error(err)
			}
			noSecrets(t, home, s.Bundle, stdout, stderr)
		})
	}
}
