package archive

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/parsers/record"
)

// dmSpec is a bundle of two conversations' messages with their screenshot
// indexes, which edit may change before packing.
func dmSpec(t *testing.T, edit func(files tree, ix map[string]*record.ScreenIndex)) *Spec {
	t.Helper()
	png := []byte("\x89PNG\r\n\x1a\n screenshot")
	files := tree{
		"data/messages.jsonl": []byte(`{"record":"message","id":"11","conversation_id":"0:1:5:6","text":"在吗"}
{"record":"message","id":"12","conversation_id":"0:1:5:6","text":"好的"}
{"record":"message","id":"13","conversation_id":"0:1:5:6","text":"晚安"}
{"record":"message","id":"21","conversation_id":"0:1:5:7","text":"哈哈"}
`),
		"screens/dm/0_1_5_6/0001.png": png,
		"screens/dm/0_1_5_6/0002.png": png,
		"screens/dm/0_1_5_7/0001.png": png,
	}
	ix := map[string]*record.ScreenIndex{
		"screens/dm/0_1_5_6/index.json": {Collection: "messages", Key: "conversation_id", Value: "0:1:5:6", Complete: true,
			Shots: []record.Shot{{File: "screens/dm/0_1_5_6/0001.png", IDs: []string{"12", "13"}}, {File: "screens/dm/0_1_5_6/0002.png", IDs: []string{"11", "12"}}}},
		"screens/dm/0_1_5_7/index.json": {Collection: "messages", Key: "conversation_id", Value: "0:1:5:7", Complete: true,
			Shots: []record.Shot{{File: "screens/dm/0_1_5_7/0001.png", IDs: []string{"21"}}}},
	}
	if edit != nil {
		edit(files, ix)
	}
	for name, x := range ix {
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	dir := t.TempDir()
	files.write(t, dir)
	spec := &Spec{Platform: "douyin", Account: Account{ID: "5"}, CreatedAt: mustTime("2026-11-23T10:00:00Z"),
		Collections: Collections{{Name: "messages", Captured: 4, Pages: 2, StopReason: StopEnd, Gaps: []Gap{}}}}
	for _, name := range files.names() {
		spec.Files = append(spec.Files, SourceFile{Name: name, Path: filepath.Join(dir, filepath.FromSlash(name))})
	}
	return spec
}

func TestScreenEvidence(t *testing.T) {
	cases := []struct {
		name    string
		edit    func(tree, map[string]*record.ScreenIndex)
		spec    func(*Spec)
		verdict string
		reasons []string
	}{
		{name: "every message on a screenshot", verdict: VerdictSafe},
		{name: "a message on no screenshot", verdict: VerdictNotSafe, reasons: []string{"0_1_5_6/index.json", "on no screenshot", "11"},
			edit: func(_ tree, ix map[string]*record.ScreenIndex) {
				ix["screens/dm/0_1_5_6/index.json"].Shots[1].IDs = []string{"12"}
			}},
		{name: "screenshots stop before the beginning", verdict: VerdictNotSafe, reasons: []string{"do not reach its beginning"},
			edit: func(_ tree, ix map[string]*record.ScreenIndex) { ix["screens/dm/0_1_5_7/index.json"].Complete = false }},
		{name: "a conversation without screenshots", verdict: VerdictNotSafe, reasons: []string{"data/messages.jsonl", "conversation_id 0:1:5:7 have no screenshots"},
			edit: func(files tree, ix map[string]*record.ScreenIndex) {
				delete(ix, "screens/dm/0_1_5_7/index.json")
				delete(files, "screens/dm/0_1_5_7/0001.png")
			}},
		{name: "an index names a screenshot the bundle lacks", verdict: VerdictNotSafe, reasons: []string{"0002.png is not in the bundle"},
			edit: func(files tree, _ map[string]*record.ScreenIndex) { delete(files, "screens/dm/0_1_5_6/0002.png") }},
		{name: "an index that is not one", verdict: VerdictNotSafe, reasons: []string{"not a screenshot index"},
			edit: func(_ tree, ix map[string]*record.ScreenIndex) { ix["screens/dm/0_1_5_7/index.json"].Collection = "" }},
		{name: "money left in the wallet", verdict: VerdictNotSafe, reasons: []string{"before deleting: wallet: 120 coins"},
			spec: func(s *Spec) {
				s.Readiness = []Readiness{{Check: "wallet", Blocking: true, Detail: "120 coins left"}, {Check: "apps", Detail: "2 apps linked"}, {Check: "cooling", Info: true, Detail: "15 days"}}
			}},
		{name: "apps still linked and the site's rules: shown, not blocking", verdict: VerdictSafe,
			spec: func(s *Spec) {
				s.Readiness = []Readiness{{Check: "apps", Detail: "2 apps linked"}, {Check: "cooling", Info: true, Detail: "15 days"}}
			}},
		{name: "an empty wallet", verdict: VerdictSafe,
			spec: func(s *Spec) { s.Readiness = []Readiness{{Check: "wallet", OK: true, Detail: "the wallet is empty"}} }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec := dmSpec(t, tc.edit)
			if tc.spec != nil {
				tc.spec(spec)
			}
			rep := verify(t, packSpec(t, spec), false)
			if rep.Verdict != tc.verdict {
				t.Fatalf("verdict %s, want %s; reasons %q problems %+v", rep.Verdict, tc.verdict, rep.Reasons, rep.Integrity.Problems)
			}
			all := strings.Join(rep.Reasons, "\n")
			for _, part := range tc.reasons {
				if !strings.Contains(all, part) {
					t.Errorf("reasons %q do not mention %q", rep.Reasons, part)
				}
			}
			if tc.verdict == VerdictSafe && len(rep.Reasons)+len(rep.Unproven) != 0 {
				t.Errorf("safe with reasons %q", rep.Reasons)
			}
			if len(spec.Readiness) > 0 && len(rep.Readiness) != len(spec.Readiness) {
				t.Errorf("the report has readiness %+v, the manifest %+v", rep.Readiness, spec.Readiness)
			}
		})
	}
}
