package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	fixture := filepath.Join("..", "..", "parsers", "weibo", "testdata", "mymblog.json")
	code, stdout, stderr := farewell(t, context.Background(), "parse", "--kind", "weibo.mymblog", "--owner", "1234567890", fixture)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 4 { // the fifth status is another user's
		t.Fatalf("%d records:\n%s", len(lines), stdout)
	}
	var p struct{ Record, ID string }
	if err := json.Unmarshal([]byte(lines[0]), &p); err != nil || p.Record != "post" || p.ID != "4990000000000001" {
		t.Fatalf("first record %s (%v)", lines[0], err)
	}
	// The sidecar beside a raw file says what it is about.
	dir := t.TempDir()
	raw, _ := os.ReadFile(filepath.Join("..", "..", "parsers", "weibo", "testdata", "replies.json"))
	os.WriteFile(filepath.Join(dir, "000007.json"), raw, 0o600)
	os.WriteFile(filepath.Join(dir, "000007.meta.json"), []byte(`{"url":"https://weibo.com/ajax/statuses/buildComments","ref":"4990000000000001","kind":"weibo.comments"}`), 0o600)
	code, stdout, _ = farewell(t, context.Background(), "parse", "--kind", "weibo.comments", filepath.Join(dir, "000007.json"))
	if code != ExitOK || !strings.Contains(stdout, `"post_id":"4990000000000001"`) {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"parse", "--kind", "weibo.nope", fixture}, ExitUsage, "unknown --kind"},
		{[]string{"parse", "--kind", "weibo.mymblog", filepath.Join(dir, "missing.json")}, ExitError, "no such file"},
		{[]string{"parse", "--kind", "weibo.mymblog", filepath.Join("..", "..", "parsers", "weibo", "testdata", "visitor.html")}, ExitError, "not a JSON object"},
	} {
		code, _, stderr := farewell(t, context.Background(), tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d %q", tc.args, code, stderr)
		}
	}
}

func TestRenderQR(t *testing.T) {
	out := renderQR("https://passport.weibo.cn/signin/qrcode/scan?qr=QRID-1234")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	width := len([]rune(lines[0]))
	// A version 3 code (29 modules) or larger, plus a quiet zone of two
	// modules each side; two rows of modules per line.
	if width < 25+4 || len(lines) != (width+1)/2 {
		t.Fatalf("%d lines of %d cells:\n%s", len(lines), width, out)
	}
	for _, l := range lines {
		if len([]rune(l)) != width {
			t.Fatalf("ragged line %q", l)
		}
	}
	// The quiet zone is light: the first line is all full blocks.
	if strings.Trim(lines[0], "█") != "" {
		t.Fatalf("no quiet zone: %q", lines[0])
	}
}
