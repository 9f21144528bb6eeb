package readme

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/tables"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func i64(v int64) *int64 { return &v }

// spec is a platform bundle's spec with the given collections, each with
// its records file.
func spec(platform, name string, colls ...archive.Collection) *archive.Spec {
	start := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
	s := &archive.Spec{Platform: platform, Account: archive.Account{ID: "1234567890", Name: name},
		Capture: &archive.Window{StartedAt: start, FinishedAt: start.Add(95 * time.Minute)}, Collections: colls}
	for _, c := range colls {
		s.Files = append(s.Files, archive.SourceFile{Name: "data/" + c.Name + ".jsonl", Data: []byte("{}\n")})
	}
	s.Files = append(s.Files, archive.SourceFile{Name: "media/ab/abcd.jpg", Data: []byte("x")})
	return s
}

func coll(name string, captured int64, expected *int64) archive.Collection {
	return archive.Collection{Name: name, Captured: captured, Expected: expected, StopReason: archive.StopEnd}
}

// TestGolden renders README.txt for a Weibo and a Douyin bundle and
// compares it with testdata/<case>.txt.
func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		spec *archive.Spec
	}{
		{"weibo", spec("weibo", "告别",
			coll("profile", 1, i64(1)), coll("posts", 120, i64(120)), coll("comments", 300, i64(310)), coll("likes", 40, nil),
			coll("favorites", 12, i64(12)), coll("following", 80, i64(80)), coll("followers", 200, i64(2000)), coll("apps", 3, nil),
			coll("messages", 500, nil), coll("my_comments", 20, nil), coll("received_comments", 30, nil), coll("mentions", 5, nil),
			coll("articles", 2, i64(2)))},
		{"douyin", spec("douyin", "抖音用户",
			coll("profile", 1, i64(1)), coll("posts", 50, i64(50)), coll("comments", 90, i64(120)), coll("likes", 200, i64(200)),
			coll("favorites", 30, i64(30)), coll("following", 10, i64(10)), coll("followers", 26, i64(40)), coll("messages", 70, nil),
			coll("wallet", 1, nil), coll("history", 15, nil), coll("watch_later", 4, nil), coll("notifications", 9, nil),
			coll("series", 2, i64(2)), coll("sounds", 1, i64(1)))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, ok, err := File(c.spec)
			if err != nil || !ok {
				t.Fatalf("File: %v (ok %v)", err, ok)
			}
			if f.Name != archive.ReadmeName || archive.RoleOf(f.Name) != archive.RoleReadme {
				t.Errorf("member %s has role %s", f.Name, archive.RoleOf(f.Name))
			}
			golden := filepath.Join("testdata", c.name+".txt")
			if *update {
				if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(f.Data, want) {
				t.Errorf("README.txt differs from %s (run with -update and review the diff):\n%s", golden, f.Data)
			}
		})
	}
}

// TestContent: the text has the BOM and CRLF line ends, Chinese before
// English, every table the bundle has with its columns and rows, every
// collection's count, and the checksum file's real name; a plain folder
// gets no README.
func TestContent(t *testing.T) {
	s := spec("douyin", "抖音用户", coll("posts", 7, i64(9)), coll("wallet", 1, nil), coll("messages", 3, nil))
	f, _, err := File(s)
	if err != nil {
		t.Fatal(err)
	}
	text := string(f.Data)
	if !strings.HasPrefix(text, tables.BOM) {
		t.Error("no BOM")
	}
	if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") {
		t.Error("a line end that is not CRLF")
	}
	zh, en := strings.Index(text, "怎么检查"), strings.Index(text, "How to check it")
	if zh < 0 || en < 0 || zh > en {
		t.Errorf("Chinese at %d, English at %d", zh, en)
	}
	for _, want := range []string{
		"抖音账号「抖音用户」（id 1234567890）", `Douyin account "抖音用户"`, "2026-11-20 10:00 至 2026-11-20 11:35",
		"作品（posts）：7 条，网站显示 9", "Works (posts): 7; the site says 9", "钱包（wallet）：1 条", "私信（messages）：3 条\r\n",
		"csv/posts.csv（7 行）", "csv/messages.csv (3 rows)", "sha256sum -c " + archive.ManifestSumsName, "farewell verify",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("README.txt lacks %q", want)
		}
	}
	posts, _ := tables.For("posts")
	var names []string
	for _, c := range posts.Columns() {
		names = append(names, c.Name)
		if !strings.Contains(text, c.ZH) || !strings.Contains(text, c.EN) {
			t.Errorf("column %s is not explained", c.Name)
		}
	}
	if !strings.Contains(text, strings.Join(names, ", ")) {
		t.Error("posts.csv's columns are not listed")
	}
	if strings.Contains(text, "csv/wallet.csv") || strings.Contains(text, "csv/likes.csv") {
		t.Error("README.txt lists a table the bundle does not have")
	}
	if _, ok, err := File(&archive.Spec{Platform: archive.PlatformDir}); ok || err != nil {
		t.Errorf("a plain folder got a README (%v)", err)
	}
}

// TestHostileNames: text from the site in README.txt has its control and
// bidi characters escaped and is bounded, so printing the file in a
// terminal runs nothing and a name cannot reorder the text around it.
func TestHostileNames(t *testing.T) {
	cases := []struct{ name, want string }{
		{"正常名字", "正常名字"},
		{"\x1b]0;owned\x07red", `\u001b]0;owned\u0007red`},
		{"abc\u202egnp.exe", `abc\u202egnp.exe`},
		{"line\r\nbreak", `line\u000d\u000abreak`},
		{"sep\u2028x", `sep\u2028x`},
		{strings.Repeat("长", 300), strings.Repeat("长", maxPlain) + "…"},
	}
	for _, c := range cases {
		if got := plain(c.name); got != c.want {
			t.Errorf("plain(%q) = %q, want %q", c.name, got, c.want)
		}
		f, _, err := File(spec("weibo", c.name, coll("\x1bposts", 1, nil)))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.ContainsAny(bytes.ReplaceAll(f.Data, []byte("\r\n"), nil), "\x1b\x07\r\n\u202e\u2028") {
			t.Errorf("README.txt for %q holds a control character", c.name)
		}
	}
}
