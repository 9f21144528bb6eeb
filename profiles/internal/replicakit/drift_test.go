package replicakit

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// known removes from a decoded JSON value the fields a drift added (those
// not in want), so that what is left can be compared with want.
func known(got, want any) any {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return got
		}
		out := map[string]any{}
		for k, v := range w {
			if gv, ok := g[k]; ok {
				out[k] = known(gv, v)
			}
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return got
		}
		out := make([]any, len(g))
		for i := range g {
			out[i] = known(g[i], w[i])
		}
		return out
	}
	return got
}

func decodeNumbers(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return v
}

func TestDriftJSON(t *testing.T) {
	in := []byte(`{"status_code":0,"aweme_list":[{"aweme_id":"7301","music":{"id":7199999999999999999,"title":"x"},"video":{"bit_rate":[{"gear_name":"a","bit_rate":1}]}}],"has_more":1,"max_cursor":1700000000000,` +
		`"pic_infos":{"006abc":{"url":"u"}},"history":{"2026":[1,2]},"text":"<a href=\"x\">&</a>"}` + "\n")
	if got := NewDrift(0).JSON(in); !bytes.Equal(got, in) {
		t.Fatalf("no drift changed the answer: %s", got)
	}
	want := decodeNumbers(t, in)
	reordered, added := false, false
	for seed := uint64(1); seed <= 40; seed++ {
		out := NewDrift(seed).JSON(in)
		got := decodeNumbers(t, out)
		if !reflect.DeepEqual(known(got, want), want) {
			t.Fatalf("seed %d changed a known value:\n%s\n%s", seed, in, out)
		}
		if !bytes.Equal(out, NewDrift(seed).JSON(in)) {
			t.Fatalf("seed %d is not deterministic", seed)
		}
		if !bytes.Contains(out, []byte("7199999999999999999")) {
			t.Fatalf("seed %d lost the digits of a big number: %s", seed, out)
		}
		g := got.(map[string]any)
		if len(g["pic_infos"].(map[string]any)) != 1 || len(g["history"].(map[string]any)) != 1 {
			t.Fatalf("seed %d added a field to a map keyed by id: %s", seed, out)
		}
		reordered = reordered || !bytes.HasPrefix(out, []byte(`{"status_code"`))
		added = added || !reflect.DeepEqual(got, want)
	}
	if !reordered || !added {
		t.Fatalf("40 seeds never reordered keys (%v) or never added a field (%v)", reordered, added)
	}
	if got := NewDrift(3).JSON([]byte("blocked")); string(got) != "blocked" {
		t.Fatalf("a body that is not JSON changed: %q", got)
	}
}

// TestDriftBounds: a drifted page-numbered list is cut into pages that
// cover every item exactly once, some of them short, none empty before
// the end.
func TestDriftBounds(t *testing.T) {
	short := false
	for seed := uint64(0); seed <= 30; seed++ {
		d := NewDrift(seed)
		next := 0
		for page := 1; ; page++ {
			start, end := d.Bounds("likes", page, 20, 137)
			if start != next {
				t.Fatalf("seed %d page %d starts at %d, the last ended at %d", seed, page, start, next)
			}
			if start == 137 {
				break
			}
			if end <= start {
				t.Fatalf("seed %d page %d is empty before the end", seed, page)
			}
			short = short || (end-start < 20 && end < 137)
			next = end
		}
		for size := 1; size <= 30; size++ {
			if n := d.PageSize(size, "x", "1"); n < 1 || n > size {
				t.Fatalf("seed %d: PageSize(%d) = %d", seed, size, n)
			}
		}
	}
	if !short {
		t.Fatal("no seed made a short page")
	}
}

func TestDriftNamesAndOrder(t *testing.T) {
	d := NewDrift(7)
	if n := d.Name("conversationConversationItemwrapper--Jm0s"); !strings.HasPrefix(n, "conversationConversationItemwrapper--") || n == "conversationConversationItemwrapper--Jm0s" {
		t.Errorf("a CSS-module name drifted to %q", n)
	}
	if n := d.Name("scroll-list"); n == "scroll-list" || strings.Contains(n, "scroll") {
		t.Errorf("a plain class drifted to %q", n)
	}
	if n := NewDrift(0).Name("scroll-list"); n != "scroll-list" {
		t.Errorf("no drift renamed a class to %q", n)
	}
	moved := false
	for seed := uint64(1); seed < 20; seed++ {
		o := NewDrift(seed).Order(4, "tabs")
		seen := map[int]bool{}
		for _, i := range o {
			seen[i] = true
		}
		if len(seen) != 4 {
			t.Fatalf("Order is not a permutation: %v", o)
		}
		moved = moved || !reflect.DeepEqual(o, []int{0, 1, 2, 3})
	}
	if !moved {
		t.Fatal("no seed reordered a menu")
	}
}

// FuzzDriftJSON: whatever the answer, a drift either leaves it as it is
// (not JSON) or gives JSON whose known values are the answer's.
func FuzzDriftJSON(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":[{"c":"d"}]}`, `[]`, `"x"`, `{"1":2}`, `not json`, `{"big":12345678901234567890}`} {
		f.Add(s, uint64(3))
	}
	f.Fuzz(func(t *testing.T, in string, seed uint64) {
		out := NewDrift(seed).JSON([]byte(in))
		dec := json.NewDecoder(bytes.NewReader([]byte(in)))
		dec.UseNumber()
		var want any
		if dec.Decode(&want) != nil {
			if string(out) != in {
				t.Fatalf("a body that is not JSON changed: %q -> %q", in, out)
			}
			return
		}
		if bytes.Equal(out, []byte(in)) {
			return // no drift, or a body JSON decodes only in part
		}
		got := decodeNumbers(t, out)
		if !reflect.DeepEqual(known(got, want), want) {
			t.Fatalf("seed %d changed a known value: %s -> %s", seed, in, out)
		}
	})
}
