package tables

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BOM is the UTF-8 byte order mark every table begins with: without it,
// Excel and WPS read a CSV file in the computer's legacy code page (GBK on
// a Chinese Windows) and garble every Chinese character.
const BOM = "\ufeff"

// maxLine bounds one record line, as verify does.
const maxLine = 64 << 20

// LineError is a records line that is not JSON (or is longer than
// verify allows): the records file is damaged.
type LineError struct {
	Line int64 // counted from 1
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }

// Write writes the table of the records read from r, a JSON Lines
// records file, to w and returns how many rows it wrote besides the
// header. The output is the BOM, the header row, then one row per record
// in the records' order: RFC 4180 CSV (encoding/csv) with CRLF line ends,
// every cell made safe by [SafeCell]. Blank lines are skipped; a line
// that is valid JSON but not an object gives a row of empty cells, so
// the rows match the records verify counts; a line that is not JSON ends
// the table with a [*LineError]. Memory holds one line at a time.
func (t Table) Write(ctx context.Context, w io.Writer, r io.Reader) (int64, error) {
	return t.write(ctx, w, r, maxLine)
}

// write is Write with lines of at most limit bytes.
func (t Table) write(ctx context.Context, w io.Writer, r io.Reader, limit int) (int64, error) {
	if _, err := io.WriteString(w, BOM); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := make([]string, len(t.fields))
	for i, f := range t.fields {
		header[i] = f.name
	}
	if err := cw.Write(header); err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, min(limit+1, 64<<10)), limit+1)
	var line, rows int64
	for sc.Scan() {
		line++
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return rows, err
			}
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		o, ok := parseObj(b)
		if !ok {
			return rows, &LineError{Line: line, Err: errors.New("not valid JSON")}
		}
		cells := t.row(o)
		for i := range cells {
			cells[i] = SafeCell(cells[i])
		}
		if err := cw.Write(cells); err != nil {
			return rows, err
		}
		rows++
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return rows, &LineError{Line: line + 1, Err: fmt.Errorf("longer than %d bytes", limit)}
		}
		return rows, err
	}
	cw.Flush()
	return rows, cw.Error()
}

// SafeCell returns text as a cell a spreadsheet shows as text and never
// runs. Text from a site is hostile: a cell that begins with =, +, - or
// @ (or their full-width forms, which a Chinese input method types), after
// any spaces, or with a tab or a line break, is a formula to Excel, WPS,
// Numbers or LibreOffice, so it gets a leading apostrophe (OWASP's advice
// for CSV injection). Control characters other than tab and line breaks,
// which spreadsheets show as nothing or cut a cell at, become U+FFFD.
func SafeCell(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return utf8.RuneError
		}
		return r
	}, s)
	if formulaStart(s) {
		return "'" + s
	}
	return s
}

// formulaStart reports whether a spreadsheet could take s for a formula.
func formulaStart(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '\t', '\r', '\n':
		return true
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s, unicode.IsSpace))
	switch r {
	case '=', '+', '-', '@', '＝', '＋', '－', '＠':
		return true
	}
	return false
}
