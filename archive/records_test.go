package archive

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestEachRecordFile: only data/<collection>.jsonl members are handed
// over, in manifest order, with their bytes; a member whose bytes differ
// from the manifest's sha256 ends with a CorruptError; a bundle that fails
// the quick check is refused before the callback runs; the callback's
// own error is returned.
func TestEachRecordFile(t *testing.T) {
	ctx := context.Background()
	posts := []byte(`{"record":"post","id":"1"}` + "\n")
	comments := []byte(`{"record":"comment","id":"2"}` + "\n")
	entries := []craftEntry{
		regular("data/posts.jsonl", posts),
		regular("data/sub/other.jsonl", []byte("{}\n")),
		regular("raw/posts/0001.json", []byte(`{"ok":1}`)),
		regular("data/comments.jsonl", comments),
		regular("data/notes.txt", []byte("x")),
	}
	type got struct {
		coll, name string
		data       []byte
		err        error
	}
	walk := func(bundle string) ([]got, error) {
		var out []got
		_, err := EachRecordFile(ctx, bundle, func(rf RecordFile) error {
			b, err := io.ReadAll(rf.R)
			out = append(out, got{rf.Collection, rf.Name, b, err})
			return nil
		})
		return out, err
	}

	files, err := walk(craftBundle(t, entries))
	if err != nil {
		t.Fatal(err)
	}
	want := []got{{"posts", "data/posts.jsonl", posts, nil}, {"comments", "data/comments.jsonl", comments, nil}}
	if len(files) != len(want) {
		t.Fatalf("got %d files, want %d: %+v", len(files), len(want), files)
	}
	for i, w := range want {
		g := files[i]
		if g.coll != w.coll || g.name != w.name || !bytes.Equal(g.data, w.data) || g.err != nil {
			t.Errorf("file %d: %+v, want %+v", i, g, w)
		}
	}

	tampered := craftBundle(t, entries, func(m *Manifest) { m.Files[3].SHA256 = strings.Repeat("0", 64) })
	files, err = walk(tampered)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].err != nil || !errors.Is(files[1].err, ErrCorrupt) || !strings.Contains(files[1].err.Error(), "data/comments.jsonl") {
		t.Errorf("a member with the wrong sha256: %+v", files)
	}

	unlisted := append([]craftEntry{}, entries...)
	unlisted[0].manifestSize = 3
	called := false
	_, err = EachRecordFile(ctx, craftBundle(t, unlisted), func(RecordFile) error { called = true; return nil })
	if !errors.Is(err, ErrCorrupt) || called {
		t.Errorf("a bundle whose sizes disagree: %v (callback run: %v)", err, called)
	}

	stop := errors.New("stop")
	if _, err := EachRecordFile(ctx, craftBundle(t, entries), func(RecordFile) error { return stop }); err != stop {
		t.Errorf("the callback's error came back as %v", err)
	}
}

func TestRoleOf(t *testing.T) {
	cases := []struct{ name, role string }{
		{"data/posts.jsonl", RoleData},
		{"raw/posts/0001.json", RoleRaw},
		{"media/ab/abcd.jpg", RoleMedia},
		{"screens/dm/1/0001.png", RoleScreenshot},
		{"index.html", RoleViewer},
		{"viewer/app.js", RoleViewer},
		{"diagnostics/posts/dom.txt", RoleDiagnostics},
		{"csv/posts.csv", RoleCSV},
		{"csv", RoleFile},
		{"README.txt", RoleReadme},
		{"docs/README.txt", RoleFile},
		{"readme.txt", RoleFile},
		{"notes.txt", RoleFile},
	}
	for _, c := range cases {
		if got := RoleOf(c.name); got != c.role {
			t.Errorf("RoleOf(%q) = %q, want %q", c.name, got, c.role)
		}
	}
}
