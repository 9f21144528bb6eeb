package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
	"github.com/klauspost/compress/zstd"
)

// farewell runs one command line in-process.
func farewell(t *testing.T, ctx context.Context, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func i64(v int64) *int64 { return &v }

const cookieSecret = "SUB=_2A25Lsecretcookievalue"

// makeStore builds a small Weibo store: records, raw captures, media, a
// journal, and secrets (cookies, a browser profile) that must never leave
// it. complete=false leaves the posts collection two short.
func makeStore(t *testing.T, complete bool) *exporter.Store {
	t.Helper()
	st, err := exporter.CreateStore(t.TempDir(), "weibo", exporter.Account{ID: "1234567890", Name: "告别"})
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, st.Dir, map[string]string{
		"records/profile.jsonl":        `{"record":"profile","platform":"weibo","id":"1234567890"}` + "\n",
		"records/posts.jsonl":          `{"record":"post","platform":"weibo","id":"1"}` + "\n" + `{"record":"post","platform":"weibo","id":"2","media":[{"type":"image","file":"media/aa/aa11.jpg"}]}` + "\n",
		"raw/posts/0001.json":          `{"ok":1,"data":{"list":[]}}`,
		"raw/posts/0001.meta.json":     `{"url":"https://weibo.com/ajax/statuses/mymblog?uid=1234567890&page=1","status":200}`,
		"media/aa/aa11.jpg":            "\xff\xd8\xff jpeg",
		exporter.CookiesFile:           `[{"name":"SUB","value":"` + cookieSecret + `"}]`,
		"chrome/Default/Cookies":       cookieSecret,
		"chrome/Default/Local Storage": cookieSecret,
	})
	j, err := exporter.OpenJournal(st.Path(exporter.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	expected := int64(2)
	if !complete {
		expected = 4
	}
	for _, ev := range []exporter.Event{
		{Type: exporter.EventRunStart},
		{Type: exporter.EventStart, Collection: "profile", Expected: i64(1)},
		{Type: exporter.EventDone, Collection: "profile", StopReason: archive.StopEnd},
		{Type: exporter.EventStart, Collection: "posts", Expected: i64(expected)},
		{Type: exporter.EventPage, Collection: "posts", Page: 1, Cursor: "", Items: 2},
		{Type: exporter.EventDone, Collection: "posts", StopReason: archive.StopEnd},
	} {
		if err := j.Append(ev); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	return st
}

// decompress returns the whole decompressed tar stream of a bundle.
func decompress(t *testing.T, bundle string) []byte {
	t.Helper()
	f, err := os.Open(bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := zstd.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// packStore packs st with farewell pack --json and returns the bundle,
// named after the store's platform and account.
func packStore(t *testing.T, st *exporter.Store) string {
	t.Helper()
	out := t.TempDir()
	code, stdout, stderr := farewell(t, context.Background(), "pack", st.Dir, "--out", out, "--json")
	if code != ExitOK {
		t.Fatalf("pack exit %d: %s", code, stderr)
	}
	var sum struct {
		Type   string `json:"message_type"`
		Bundle string `json:"bundle"`
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil || sum.Type != "summary" {
		t.Fatalf("pack --json printed %q (%v)", stdout, err)
	}
	if !strings.HasPrefix(filepath.Base(sum.Bundle), "farewell-"+st.Info.Platform+"-"+st.Info.Account.ID+"-") {
		t.Fatalf("bundle name %s", sum.Bundle)
	}
	return sum.Bundle
}

func TestPackStoreKeepsSecretsHome(t *testing.T) {
	bundle := packStore(t, makeStore(t, true))
	stream := decompress(t, bundle)
	if bytes.Contains(stream, []byte(cookieSecret)) {
		t.Fatal("a cookie value from the store is inside the bundle")
	}
	for _, name := range []string{"cookies.json", "chrome/", "journal", "store.json"} {
		if bytes.Contains(stream, []byte(name)) {
			t.Errorf("bundle mentions %q", name)
		}
	}
	code, stdout, _ := farewell(t, context.Background(), "ls", bundle)
	if code != ExitOK || !strings.Contains(stdout, "data/posts.jsonl") || !strings.Contains(stdout, "media/aa/aa11.jpg") {
		t.Fatalf("ls exit %d:\n%s", code, stdout)
	}
}

func TestVerifyExitCodes(t *testing.T) {
	ctx := context.Background()
	safe := packStore(t, makeStore(t, true))
	short := packStore(t, makeStore(t, false))

	damaged := filepath.Join(t.TempDir(), "damaged.tar.zst")
	b, _ := os.ReadFile(safe)
	b[len(b)/3] ^= 0x55
	os.WriteFile(damaged, b, 0o600)

	cases := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"safe", []string{"verify", safe}, ExitOK, []string{"SAFE TO DELETE", "posts", "integrity  ok"}, nil},
		{"quick safe", []string{"verify", "--quick", safe}, ExitOK, []string{"quick"}, nil},
		{"incomplete", []string{"verify", short}, ExitIncomplete, []string{"NOT SAFE TO DELETE", "posts: 2 of 4 missing"}, []string{"not safe to delete"}},
		{"damaged", []string{"verify", damaged}, ExitCorrupt, []string{"DAMAGED", "CORRUPT"}, []string{"integrity problem"}},
		{"missing file", []string{"verify", "/nonexistent/b.tar.zst"}, ExitError, nil, []string{"no such file"}},
		{"no argument", []string{"verify"}, ExitUsage, nil, []string{"verify takes 1 argument(s), not 0"}},
		{"unknown flag", []string{"verify", "--bogus", safe}, ExitUsage, nil, []string{"unknown flag"}},
		{"unknown command", []string{"frobnicate"}, ExitUsage, nil, []string{"unknown command"}},
		{"extract damaged", []string{"extract", damaged, filepath.Join(t.TempDir(), "x")}, ExitCorrupt, nil, []string{"extract"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := farewell(t, ctx, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if code != ExitOK && strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("error is not one line:\n%s", stderr)
			}
		})
	}
}

func TestVerifyJSON(t *testing.T) {
	short := packStore(t, makeStore(t, false))
	code, stdout, stderr := farewell(t, context.Background(), "verify", "--json", short)
	if code != ExitIncomplete {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Type        string `json:"message_type"`
		Verdict     string `json:"verdict"`
		Collections []struct {
			Name     string `json:"name"`
			Expected int64  `json:"expected"`
			Captured int64  `json:"captured"`
			Complete bool   `json:"complete"`
		} `json:"collections"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	if rep.Type != "verify" || rep.Verdict != archive.VerdictNotSafe || len(rep.Collections) != 2 ||
		rep.Collections[1].Name != "posts" || rep.Collections[1].Expected != 4 || rep.Collections[1].Captured != 2 {
		t.Fatalf("report %+v", rep)
	}
	// stderr: the one-line error, then the exit_error object.
	sc := bufio.NewScanner(strings.NewReader(stderr))
	var last string
	for sc.Scan() {
		last = sc.Text()
	}
	var ee struct {
		Type string `json:"message_type"`
		Code int    `json:"code"`
	}
	if err := json.Unmarshal([]byte(last), &ee); err != nil || ee.Type != "exit_error" || ee.Code != ExitIncomplete {
		t.Fatalf("stderr %q", stderr)
	}
}

func TestExtractAndLsJSON(t *testing.T) {
	bundle := packStore(t, makeStore(t, true))
	dir := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := farewell(t, context.Background(), "extract", bundle, dir); code != ExitOK {
		t.Fatalf("extract: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "posts.jsonl")); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := farewell(t, context.Background(), "ls", "--json", bundle)
	if code != ExitOK {
		t.Fatal(code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	viewerFiles := map[string]bool{}
	derived := map[string]string{} // the spreadsheets and README.txt -> role
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil || m["message_type"] != "member" {
			t.Fatalf("line %q", l)
		}
		switch m["role"] {
		case archive.RoleViewer:
			viewerFiles[m["path"].(string)] = true
		case archive.RoleCSV, archive.RoleReadme:
			derived[m["path"].(string)] = m["role"].(string)
		}
	}
	if len(derived) != 2 || derived["csv/posts.csv"] != archive.RoleCSV || derived[archive.ReadmeName] != archive.RoleReadme {
		t.Errorf("ls --json lists the spreadsheets and README as %v", derived)
	}
	// 5 payload files + MANIFEST.json + manifest-sha256.txt, the viewer,
	// csv/posts.csv and README.txt.
	if len(lines)-len(viewerFiles)-len(derived) != 7 {
		t.Fatalf("ls --json printed %d lines, %d of the viewer:\n%s", len(lines), len(viewerFiles), stdout)
	}
	for _, want := range []string{"index.html", "viewer/app.js", "viewer/app.css", "viewer/data/index.js", "viewer/data/posts-0000.js"} {
		if !viewerFiles[want] {
			t.Errorf("the bundle has no %s", want)
		}
	}
}

func TestPackInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"a.txt": "a"})
	out := t.TempDir()
	code, _, stderr := farewell(t, ctx, "pack", src, "--out", out)
	if code != ExitInterrupted {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("interrupted pack left %v", entries)
	}
}

func TestPackRefusesBusyStore(t *testing.T) {
	st := makeStore(t, true)
	if err := st.Lock(); err != nil {
		t.Fatal(err)
	}
	defer st.Unlock()
	// flock locks are per open file description, so a second Lock in this
	// process conflicts just as another process would.
	code, _, stderr := farewell(t, context.Background(), "pack", st.Dir, "--out", t.TempDir())
	if code != ExitError || !strings.Contains(stderr, "in use") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}
