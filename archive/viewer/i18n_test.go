package viewer

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// TestViewerCatalog: the viewer's table (assets/i18n.js) holds every code
// a manifest can carry, every collection and check name, with the same
// Chinese and English texts as the command line's catalog.
func TestViewerCatalog(t *testing.T) {
	b, err := assets.ReadFile("assets/i18n.js")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "// TABLE START")
	body, _, ok2 := strings.Cut(rest, "// TABLE END")
	if !ok || !ok2 {
		t.Fatal("i18n.js has no table between its markers")
	}
	body = strings.TrimSpace(body)
	body = strings.TrimSuffix(strings.TrimPrefix(body, "var table ="), ";")
	var table map[string]struct{ EN, ZH string }
	if err := json.Unmarshal([]byte(body), &table); err != nil {
		t.Fatalf("the table is not JSON: %v", err)
	}
	want := 0
	for _, m := range i18n.Messages() {
		c := string(m.Code)
		if !viewerCode(m.Code) {
			continue
		}
		want++
		got, ok := table[c]
		if !ok {
			t.Errorf("i18n.js lacks %s", c)
			continue
		}
		if got.EN != m.EN || got.ZH != m.ZH {
			t.Errorf("%s: i18n.js says %q / %q, the catalog %q / %q", c, got.EN, got.ZH, m.EN, m.ZH)
		}
	}
	if len(table) != want {
		t.Errorf("i18n.js has %d entries, the catalog %d", len(table), want)
	}
}

// viewerCode reports whether the viewer needs code: what a manifest names
// by code, collection and check names, and the checklist's header.
func viewerCode(code i18n.Code) bool {
	for _, prefix := range []string{"douyin.", "weibo.", "collection.", "check."} {
		if strings.HasPrefix(string(code), prefix) {
			return true
		}
	}
	return code == i18n.ChecklistHeader
}
