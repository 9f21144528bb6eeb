package tables

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// FuzzWrite feeds any bytes to every table as a records file. Whatever
// the input, a table either ends with a LineError or reads back as a
// spreadsheet would need it: the BOM, the header, one row per non-blank
// line, every row as wide as the header, no cell a formula.
func FuzzWrite(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "records", "*.jsonl"))
	for i, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), b)
	}
	f.Add(uint8(0), []byte("{\"text\":\"=1\"}\r\n\r\n[]\nnull\n\"x\"\n{\"id\":1e400}"))
	tables := All()
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		tb := tables[int(which)%len(tables)]
		var out bytes.Buffer
		rows, err := tb.Write(context.Background(), &out, bytes.NewReader(data))
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("%s: %v is not a LineError", tb.Name, err)
			}
			return
		}
		if want := countRecords(data); rows != want {
			t.Fatalf("%s: %d rows for %d records", tb.Name, rows, want)
		}
		checkTable(t, tb, out.Bytes(), rows)
	})
}

// FuzzSafeCell: a safe cell never starts like a formula, holds no control
// character but tab and line breaks, and is the text itself (controls
// replaced) with at most an apostrophe in front.
func FuzzSafeCell(f *testing.F) {
	for _, s := range []string{"", "=1", "\t=1", " ＋1", "普通 🎉", "a\x00b", "'-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SafeCell(s)
		if formulaStart(got) {
			t.Fatalf("SafeCell(%q) = %q starts like a formula", s, got)
		}
		for _, r := range got {
			if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
				t.Fatalf("SafeCell(%q) = %q holds control character %U", s, got, r)
			}
		}
		clean := strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
				return '\uFFFD'
			}
			return r
		}, s)
		if got != clean && got != "'"+clean {
			t.Fatalf("SafeCell(%q) = %q changes the text", s, got)
		}
	})
}
