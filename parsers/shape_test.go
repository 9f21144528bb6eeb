package parsers

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestHasShape(t *testing.T) {
	for _, c := range []struct {
		name  string
		raw   string
		paths []string
		err   string // "" for a match
	}{
		{"key", `{"data":{"list":[]}}`, []string{"data.list"}, ""},
		{"null value", `{"data":{"list":null}}`, []string{"data.list"}, ""},
		{"one of two", `{"followers":[]}`, []string{"followings", "followers"}, ""},
		{"missing", `{"data":{"user":{}}}`, []string{"data.list"}, "it has no data.list"},
		{"empty object", `{}`, []string{"users"}, "it has no users"},
		{"not an object", `[{"users":1}]`, []string{"users"}, "not a JSON object"},
		{"garbage", "\x89PNG", []string{"users"}, "not a JSON object"},
		{"truncated", `{"users":[`, []string{"users"}, "not a JSON object"},
		{"array element", `{"data":[{"rootid":1}]}`, []string{"data.[].rootid"}, ""},
		{"empty array", `{"data":[]}`, []string{"data.[].rootid"}, ""},
		{"array of others", `{"data":[{"mblogid":"x"}]}`, []string{"data.[].rootid"}, "it has no data.[].rootid"},
		{"object, not array", `{"data":{"rootid":1}}`, []string{"data.[].rootid"}, "it has no"},
		{"empty object wanted", `{"data":{}}`, []string{"data.{}"}, ""},
		{"non-empty object", `{"data":{"a":1}}`, []string{"data.{}"}, "it has no"},
		{"forbidden", `{"data":{"user":{},"mid":"1"}}`, []string{"data.user", "!data.mid"}, "it has data.mid"},
		{"forbidden absent", `{"data":{"user":{}}}`, []string{"data.user", "!data.mid"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := HasShape([]byte(c.raw), c.paths...)
			if (c.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.err)) {
				t.Fatalf("HasShape: %v, want %q", err, c.err)
			}
		})
	}
}

func TestExpect(t *testing.T) {
	calls := 0
	p := Expect(func(raw []byte, _ Meta) ([]any, error) {
		calls++
		if strings.Contains(string(raw), "refused") {
			return nil, errors.New("the site refused")
		}
		return []any{1}, nil
	}, "users")
	if recs, err := p([]byte(`{"users":[]}`), Meta{}); err != nil || len(recs) != 1 {
		t.Fatalf("the kind's answer: %v %v", recs, err)
	}
	if _, err := p([]byte(`{"status":"refused"}`), Meta{}); err == nil || err.Error() != "the site refused" {
		t.Fatalf("a refusal: %v", err)
	}
	if recs, err := p([]byte(`{"data":{}}`), Meta{}); !errors.Is(err, ErrNotKind) || recs != nil {
		t.Fatalf("another answer: %v %v", recs, err)
	}
}

// FuzzHasShape: any input, any path: no panic, and a match means a JSON
// object.
func FuzzHasShape(f *testing.F) {
	f.Add([]byte(`{"data":{"list":[]}}`), "data.list")
	f.Add([]byte(`{"data":[{"rootid":1}]}`), "data.[].rootid")
	f.Add([]byte(`{"data":{}}`), "data.{}")
	f.Add([]byte(`{"a":{"b":1}}`), "!a.b")
	f.Fuzz(func(t *testing.T, raw []byte, path string) {
		if HasShape(raw, path) == nil {
			var m map[string]json.RawMessage
			if json.Unmarshal(raw, &m) != nil {
				t.Fatalf("HasShape(%q, %q) matched what is not a JSON object", raw, path)
			}
		}
	})
}
