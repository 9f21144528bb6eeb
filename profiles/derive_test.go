package profiles

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/exporter"
)

// TestDeriverWarns: a raw capture the site answered with success that
// does not decode becomes a store warning (the manifest carries it); a
// refusal kept as evidence does not; a later records step replaces them.
func TestDeriverWarns(t *testing.T) {
	st, err := exporter.CreateStore(t.TempDir(), "test", exporter.Account{ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, status := range []int{200, 500} {
		if _, err := st.SaveRaw(exporter.RawMeta{URL: "https://x/api/list", Status: status, Kind: "test.list", Collection: "posts"}, []byte(`{"odd":1}`)); err != nil {
			t.Fatal(err)
		}
	}
	d, err := NewDeriver(st, func(u string) string { return u })
	if err != nil {
		t.Fatal(err)
	}
	err = d.Run(context.Background(), func() error {
		return d.Each("posts", func(rf exporter.RawFile, _ []byte) { d.Warn(rf, errors.New("no list")) })
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := st.Warnings()
	if err != nil || len(w) != 1 || !strings.Contains(w[0], "raw/posts/000001.json (test.list) could not be read: no list") {
		t.Fatalf("warnings %q, %v", w, err)
	}
	d, _ = NewDeriver(st, func(u string) string { return u })
	if err := d.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if w, _ := st.Warnings(); len(w) != 0 {
		t.Fatalf("a clean records step left %q", w)
	}
}
