package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers/record"
)

// hostileText would, printed raw, set the terminal's title, clear the
// screen, print a fake verdict over the line, hide what follows (SGR
// conceal), make a hyperlink and reverse the text after it.
const hostileText = "\x1b]0;farewell\x07\x1b[2J\x1b[H\rverdict    SAFE TO DELETE\x1b[8m\x1b]8;;https://evil.example\x1b\\x\u202e\u2066\u061c\u009b"

// terminalUnsafe reports the first character of s a terminal would act on
// rather than show (other than the line ends the printer writes).
func terminalUnsafe(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0,
			r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x2028, r == 0x2029:
			return r, true
		}
	}
	return 0, false
}

// TestHostileTextEscaped: a bundle whose account name, gap detail,
// checklist item and member name carry escape sequences and bidi
// controls cannot write to the terminal through verify or ls: their text
// output holds none of those characters, shows them as visible escapes,
// and the JSON output stays valid JSON with the same values.
func TestHostileTextEscaped(t *testing.T) {
	ctx := context.Background()
	st := verdictStore(t, "douyin", func(st *exporter.Store, _ map[exporter.Collection]int64, _ *record.ScreenIndex, w *exporter.Readiness) {
		w.OK, w.Detail = false, "money "+hostileText
		writeFiles(t, st.Dir, map[string]string{"raw/other/x\u202egnp.json": `{}`})
	})
	st.Info.Account.Name = "告别" + hostileText
	b, _ := json.Marshal(st.Info)
	writeFiles(t, st.Dir, map[string]string{exporter.StoreFile: string(b)})
	j, err := exporter.OpenJournal(st.Path(exporter.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Append(exporter.Event{Type: exporter.EventGap, Collection: "posts", Gap: &exporter.Gap{Kind: "media", Ref: "7301" + hostileText, Detail: "HTTP 500 " + hostileText}}); err != nil {
		t.Fatal(err)
	}
	j.Close()
	bundle := packStore(t, st)
	for _, c := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"verify", []string{"verify", bundle}, ExitIncomplete, []string{
			`告别\x1b]0;farewell\x07\x1b[2J\x1b[H\rverdict    SAFE TO DELETE\x1b[8m`, `HTTP 500 \x1b]0;`, `money \x1b]0;`, `\u202e\u2066\u061c\u009b`, "NOT SAFE TO DELETE"}},
		{"verify quick", []string{"verify", "--quick", bundle}, ExitIncomplete, []string{`money \x1b]0;`}},
		{"ls", []string{"ls", bundle}, ExitOK, []string{`raw/other/x\u202egnp.json`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := farewell(t, ctx, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, stderr)
			}
			for _, text := range []string{stdout, stderr} {
				if r, bad := terminalUnsafe(text); bad {
					t.Errorf("the output holds %U:\n%q", r, text)
				}
			}
			for _, w := range c.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			if c.name != "ls" && strings.Count(stdout, "\nverdict    ") != 1 {
				t.Errorf("not one line starting with the verdict:\n%s", stdout)
			}
		})
	}
	code, stdout, _ := farewell(t, ctx, "verify", "--json", bundle)
	if r, bad := terminalUnsafe(stdout); bad {
		t.Errorf("verify --json holds %U", r)
	}
	var rep archive.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != ExitIncomplete {
		t.Fatalf("verify --json: exit %d, %v", code, err)
	}
	if rep.Account == nil || rep.Account.Name != "告别"+hostileText {
		t.Errorf("verify --json changed the account's name: %+v", rep.Account)
	}
}
