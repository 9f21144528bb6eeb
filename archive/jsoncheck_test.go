package archive

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// bigLines returns n bytes or more of valid JSON Lines records.
func bigLines(n int, extra string) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `{"record":"post","id":"%d","text":"%s"}`+"\n", i, strings.Repeat("长文", 40))
	}
	b.WriteString(extra)
	return b.Bytes()
}

func TestJSONMembersAreParsed(t *testing.T) {
	// Large: past what is checked from a buffer, so read as a stream.
	bigDoc := append([]byte(`{"list":[`), bytes.Repeat([]byte(`"item",`), maxAsyncJSON/7+1)...)
	cases := []struct {
		name    string
		tr      tree
		bad     string // member verify must name, or "" for a clean bundle
		missing string // media file verify must report missing
	}{
		{"small documents", tree{"raw/a.json": []byte(`{"ok":1}`), "raw/b.json": []byte(`[1,2]`)}, "", ""},
		{"small broken document", tree{"raw/a.json": []byte(`{"ok":1}`), "raw/b.json": []byte(`{"ok":`)}, "raw/b.json", ""},
		{"two documents in one file", tree{"raw/a.json": []byte(`{} {}`)}, "raw/a.json", ""},
		{"large document", tree{"raw/big.json": append(slices.Clone(bigDoc), []byte(`"end"]}`)...)}, "", ""},
		{"large broken document", tree{"raw/big.json": append(slices.Clone(bigDoc), []byte(`"end"}`)...)}, "raw/big.json", ""},
		{"broken line in small JSON Lines", tree{"data/posts.jsonl": []byte("{\"id\":\"1\"}\n{oops}\n")}, "data/posts.jsonl", ""},
		{"large JSON Lines", tree{"data/posts.jsonl": bigLines(maxAsyncJSON+1, "")}, "", ""},
		{"broken last line in large JSON Lines", tree{"data/posts.jsonl": bigLines(maxAsyncJSON+1, `{"id":"x"`)}, "data/posts.jsonl", ""},
		{"media reference in large JSON Lines", tree{"data/posts.jsonl": bigLines(maxAsyncJSON+1, `{"id":"m","media":[{"file":"media/zz/none.jpg"}]}`+"\n")}, "", "media/zz/none.jpg"},
		{"not JSON by name", tree{"raw/page.html": []byte("<html>{oops")}, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bundle, _ := packTree(t, tc.tr)
			rep := verify(t, bundle, false)
			switch {
			case tc.bad != "":
				if rep.Verdict != VerdictCorrupt || !slices.Contains(problemNames(rep), tc.bad) {
					t.Fatalf("verdict %s problems %+v, want %s named", rep.Verdict, rep.Integrity.Problems, tc.bad)
				}
			case tc.missing != "":
				if len(rep.MissingMedia) != 1 || rep.MissingMedia[0].File != tc.missing {
					t.Fatalf("missing media %+v", rep.MissingMedia)
				}
			default:
				if rep.Verdict != VerdictIntact {
					t.Fatalf("verdict %s problems %+v", rep.Verdict, rep.Integrity.Problems)
				}
			}
		})
	}
}
