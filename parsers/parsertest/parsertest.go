// Package parsertest runs a site parser package's golden cases: each
// fixture under testdata/ parsed as one kind, its records compared line by
// line with testdata/golden/<fixture>.<kind>[.<variant>].jsonl, or the
// error it must give. It also seeds fuzzers with the same fixtures, so
// every parser is fuzzed from real shapes.
package parsertest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/parsers/record"
)

// Case is one golden case.
type Case struct {
	File    string // the fixture, under testdata/
	Kind    parsers.Kind
	Meta    parsers.Meta
	WantErr string // a part of the error the parse must give; "" for success
	// Variant tells apart two cases of one fixture and kind (another
	// Meta); it is part of the test and golden file names.
	Variant string
}

// Golden runs the cases against kinds. With update it rewrites the golden
// files instead of comparing (review the diff before committing).
func Golden(t *testing.T, kinds map[parsers.Kind]parsers.Parser, cases []Case, update bool) {
	t.Helper()
	for _, tc := range cases {
		name := tc.File + "/" + string(tc.Kind)
		base := strings.TrimSuffix(tc.File, filepath.Ext(tc.File)) + "." + string(tc.Kind)
		if tc.Variant != "" {
			name += "/" + tc.Variant
			base += "." + tc.Variant
		}
		t.Run(name, func(t *testing.T) {
			parse, ok := kinds[tc.Kind]
			if !ok {
				t.Fatalf("no kind %q", tc.Kind)
			}
			raw, err := os.ReadFile(filepath.Join("testdata", tc.File))
			if err != nil {
				t.Fatal(err)
			}
			recs, err := parse(raw, tc.Meta)
			if tc.WantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.WantErr) {
					t.Fatalf("err = %v, want %q", err, tc.WantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			for _, r := range recs {
				line, err := record.MarshalLine(r)
				if err != nil {
					t.Fatal(err)
				}
				b.Write(line)
			}
			golden := filepath.Join("testdata", "golden", base+".jsonl")
			if update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("records differ from %s:\n%s", golden, b.String())
			}
		})
	}
}

// Seed adds every fixture under testdata/ to a fuzzer's corpus.
func Seed(f *testing.F) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures under testdata (%v)", err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}
