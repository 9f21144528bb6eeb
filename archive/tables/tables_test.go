package tables

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden writes every table from testdata/records/<table>.jsonl
// (hostile text: formula prefixes, quotes, line breaks, CJK, emoji,
// control characters, wrong-typed fields, a line that is JSON but not an
// object, a blank line) and compares it with testdata/golden/<table>.csv.
// Each output must also read back with encoding/csv: the BOM, the
// table's header, one row per record, and no cell a spreadsheet would
// run.
func TestGolden(t *testing.T) {
	for _, tb := range All() {
		t.Run(tb.Name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", "records", tb.Name+".jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			rows, err := tb.Write(context.Background(), &out, bytes.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			if want := countRecords(in); rows != want {
				t.Errorf("wrote %d rows for %d records", rows, want)
			}
			checkTable(t, tb, out.Bytes(), rows)
			golden := filepath.Join("testdata", "golden", tb.File())
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%s differs from the golden file (run with -update and review the diff):\n%s", tb.File(), out.Bytes())
			}
		})
	}
}

// countRecords counts the non-blank lines of a records file, as verify
// does.
func countRecords(b []byte) int64 {
	var n int64
	for _, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) > 0 {
			n++
		}
	}
	return n
}

// checkTable reads a written table back as a spreadsheet would: it must
// begin with the BOM, parse as CSV with the table's header and rows
// cells each, hold rows records, use CRLF line ends, and have no cell
// that starts like a formula.
func checkTable(t testing.TB, tb Table, b []byte, rows int64) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(BOM)) {
		t.Fatalf("%s does not begin with the UTF-8 BOM", tb.File())
	}
	r := csv.NewReader(bytes.NewReader(b[len(BOM):]))
	r.FieldsPerRecord = len(tb.fields)
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s does not read back as CSV: %v", tb.File(), err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s has no header", tb.File())
	}
	for i, c := range tb.Columns() {
		if recs[0][i] != c.Name {
			t.Errorf("%s: header column %d is %q, want %q", tb.File(), i, recs[0][i], c.Name)
		}
	}
	if int64(len(recs)-1) != rows {
		t.Errorf("%s: %d rows read back, %d written", tb.File(), len(recs)-1, rows)
	}
	for i, rec := range recs[1:] {
		for k, cell := range rec {
			if formulaStart(cell) {
				t.Errorf("%s row %d column %s: %q would run as a formula", tb.File(), i+1, tb.fields[k].name, cell)
			}
		}
	}
	if bytes.Contains(bytes.ReplaceAll(b, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("%s has a line end that is not CRLF", tb.File())
	}
}

// TestCells checks what particular records give particular cells: times
// moved into +08:00, long ids kept whole, lists joined, media files of
// live photos, saved series and music, mentions that are posts.
func TestCells(t *testing.T) {
	cases := []struct {
		table, line string
		want        map[string]string
	}{
		{"posts", `{"id":"1","created_at":"2026-11-01T04:00:00Z","counts":{"likes":5}}`,
			map[string]string{"created_at": "2026-11-01T12:00:00+08:00", "likes": "5", "pinned": "false", "edits": "0", "comments": ""}},
		{"posts", `{"id":4900000000000000123,"created_at":"昨天"}`,
			map[string]string{"id": "4900000000000000123", "created_at": "昨天"}},
		{"posts", `{"id":"2","topics":["#a#","#b#"],"media":[{"file":"media/a.jpg","motion":{"file":"media/a.mov"}},{"url":"x"},{"file":"media/b.jpg"}]}`,
			map[string]string{"topics": "#a#; #b#", "media_files": "media/a.jpg media/a.mov media/b.jpg"}},
		{"posts", `{"id":"3","text":"=1+1","author":{"id":"9","name":"@x"}}`,
			map[string]string{"text": "'=1+1", "author_name": "'@x", "author_id": "9"}},
		{"favorites", `{"series":{"id":"7","name":"合集","url":"https://s","author":{"name":"作者"}},"folder":"短剧"}`,
			map[string]string{"kind": "series", "id": "7", "text": "合集", "url": "https://s", "author_name": "作者", "folder": "短剧"}},
		{"favorites", `{"music":{"id":"8","title":"歌","author":"歌手","media":[{"file":"media/m.mp3"}]}}`,
			map[string]string{"kind": "music", "id": "8", "text": "歌", "author_name": "歌手", "media_files": "media/m.mp3"}},
		{"likes", `{"post":"not an object"}`, map[string]string{"kind": "", "id": ""}},
		{"mentions", `{"record":"post","id":"5","url":"https://p","counts":{"likes":2}}`,
			map[string]string{"kind": "post", "id": "5", "likes": "2", "post_id": "5", "post_url": "https://p"}},
		{"mentions", `{"record":"comment","id":"6","post_id":"5","post":{"id":"5","text":"t"}}`,
			map[string]string{"kind": "comment", "id": "6", "post_id": "5", "post_text": "t"}},
		{"comments", `{"id":"6","post":{"id":"5"}}`, map[string]string{"post_id": "5"}},
		{"messages", `{"from_me":true,"peer":null,"quoted":{"text":"q"}}`, map[string]string{"from_me": "true", "peer_id": "", "quoted_text": "q"}},
		{"series", `{"works":[{"id":"a"},{"id":2},"x",{"text":"no id"}]}`, map[string]string{"works": "a; 2"}},
		{"apps", `{"scopes":["读","=写"]}`, map[string]string{"scopes": "读; =写"}},
		{"apps", `{"scopes":["=写"]}`, map[string]string{"scopes": "'=写"}},
		{"following", `[1]`, map[string]string{"id": "", "special_follow": "false"}},
	}
	for _, c := range cases {
		t.Run(c.table+" "+c.line, func(t *testing.T) {
			tb, ok := For(c.table)
			if !ok {
				t.Fatalf("no table %s", c.table)
			}
			var out bytes.Buffer
			if _, err := tb.Write(context.Background(), &out, strings.NewReader(c.line+"\n")); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(bytes.NewReader(out.Bytes()[len(BOM):])).ReadAll()
			if err != nil || len(recs) != 2 {
				t.Fatalf("read back %d rows (%v)", len(recs), err)
			}
			for k, v := range c.want {
				i := -1
				for j, name := range recs[0] {
					if name == k {
						i = j
					}
				}
				if i < 0 {
					t.Fatalf("no column %s", k)
				}
				if recs[1][i] != v {
					t.Errorf("%s = %q, want %q", k, recs[1][i], v)
				}
			}
		})
	}
}

func TestSafeCell(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"普通文字 🎉", "普通文字 🎉"},
		{"=1+1", "'=1+1"},
		{"+86 138", "'+86 138"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\r=1", "'\r=1"},
		{"\nx", "'\nx"},
		{"   =1", "'   =1"},
		{"\u3000=1", "'\u3000=1"},
		{"＝1", "'＝1"},
		{"＋1", "'＋1"},
		{"－1", "'－1"},
		{"＠x", "'＠x"},
		{"a=1", "a=1"},
		{"1-2", "1-2"},
		{"'=1", "'=1"},
		{"nul\x00bell\x07del\x7f", "nul\uFFFDbell\uFFFDdel\uFFFD"},
		{"c1\u0085", "c1\uFFFD"},
		{"tab\tand\r\nlines", "tab\tand\r\nlines"},
		{"\x00=1", "\uFFFD=1"},
	}
	for _, c := range cases {
		if got := SafeCell(c.in); got != c.want {
			t.Errorf("SafeCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestWriteErrors: a line that is not JSON, or longer than verify
// allows, is a LineError naming the line; a cancelled context stops the
// table.
func TestWriteErrors(t *testing.T) {
	tb, _ := For("posts")
	cases := []struct {
		name string
		in   string
		line int64
	}{
		{"not JSON", `{"id":"1"}` + "\n\n" + `{"id":` + "\n", 3},
		{"garbage", "\x00\x01", 1},
		{"too long", `{"id":"1"}` + "\n" + `{"text":"` + strings.Repeat("x", 100) + `"}`, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := tb.write(context.Background(), &bytes.Buffer{}, strings.NewReader(c.in), 64)
			var le *LineError
			if !errors.As(err, &le) || le.Line != c.line {
				t.Fatalf("got %v, want a LineError at line %d", err, c.line)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	many := strings.Repeat(`{"id":"1"}`+"\n", 2048)
	if _, err := tb.Write(ctx, &bytes.Buffer{}, strings.NewReader(many)); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled table ended with %v", err)
	}
}

// TestColumnsDocumented: every column has its explanation in both
// languages, and the package comment lists each table with exactly its
// columns.
func TestColumnsDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	re := regexp.MustCompile(`^//   - csv/(\S+\.csv): (.*)$`)
	sc := bufio.NewScanner(bytes.NewReader(doc))
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			listed[m[1]] = m[2]
		}
	}
	for _, tb := range All() {
		var names []string
		for _, c := range tb.Columns() {
			names = append(names, c.Name)
			if c.ZH == "" || c.EN == "" {
				t.Errorf("column %s of %s is not explained", c.Name, tb.Name)
			}
		}
		if got, want := listed[tb.File()], strings.Join(names, ", "); got != want {
			t.Errorf("doc.go lists csv/%s as %q, want %q", tb.File(), got, want)
		}
		delete(listed, tb.File())
	}
	for f := range listed {
		t.Errorf("doc.go lists csv/%s, which no table writes", f)
	}
}
