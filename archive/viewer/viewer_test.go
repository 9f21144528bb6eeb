package viewer

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/archive"
)

func int64p(v int64) *int64 { return &v }

func spec(posts string) *archive.Spec {
	return &archive.Spec{
		Platform: "weibo", Account: archive.Account{ID: "1"},
		Collections: archive.Collections{
			{Name: "posts", Expected: int64p(3), Captured: 3, StopReason: archive.StopEnd},
			{Name: "followers", Expected: int64p(9), Captured: 2, StopReason: archive.StopEnd},
		},
		Files: []archive.SourceFile{
			{Name: "data/posts.jsonl", Data: []byte(posts)},
			{Name: "screens/profile/0002.png", Data: []byte("b")},
			{Name: "screens/profile/0001.png", Data: []byte("a")},
			{Name: "screens/dm/c1/index.json", Data: []byte(`{"collection":"messages","key":"conversation_id","value":"0:1:2:3","complete":true,"shots":[{"file":"screens/dm/c1/0001.png","ids":["9"]}]}`)},
		},
	}
}

// TestFiles: the records become chunk scripts, posts newest first, and
// the index says what the overview shows.
func TestFiles(t *testing.T) {
	files, err := Files(spec(`{"id":"a","created_at":"2020-01-01T00:00:00+08:00"}
{"id":"b","created_at":"2024-01-01T00:00:00+08:00"}

{"id":"c"}
`))
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]string{}
	for _, f := range files {
		by[f.Name] = string(f.Data)
	}
	for _, want := range []string{"index.html", "viewer/app.js", "viewer/app.css", "viewer/data/index.js", "viewer/data/posts-0000.js"} {
		if _, ok := by[want]; !ok {
			t.Errorf("no %s", want)
		}
	}
	chunk := by["viewer/data/posts-0000.js"]
	if !strings.HasPrefix(chunk, `FW_CHUNK("posts",0,[`) || strings.Index(chunk, `"id":"b"`) > strings.Index(chunk, `"id":"a"`) ||
		strings.Index(chunk, `"id":"a"`) > strings.Index(chunk, `"id":"c"`) {
		t.Errorf("chunk %s", chunk)
	}
	js := by["viewer/data/index.js"]
	var ix Index
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(js, "window.FW_INDEX = "), ";\n")), &ix); err != nil {
		t.Fatalf("%v: %s", err, js)
	}
	if len(ix.Chunks["posts"]) != 1 || ix.Chunks["posts"][0].Count != 3 {
		t.Errorf("chunks %+v", ix.Chunks)
	}
	if !ix.Collections[0].Complete || ix.Collections[1].Complete || ix.Collections[1].Reason != "7 of 9 missing" {
		t.Errorf("collections %+v", ix.Collections)
	}
	if got := strings.Join(ix.Screens["profile"], ","); got != "screens/profile/0001.png,screens/profile/0002.png" {
		t.Errorf("screens %s", got)
	}
	if s, ok := ix.DM["0:1:2:3"]; !ok || len(s.Shots) != 1 {
		t.Errorf("dm %+v", ix.DM)
	}
}

func TestFilesChunks(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 2*ChunkSize+5; i++ {
		b.WriteString(`{"id":"x"}` + "\n")
	}
	files, err := Files(spec(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasPrefix(f.Name, "viewer/data/posts-") {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d chunks, want 3", n)
	}
}

// TestFilesRefusesBadRecords: a records file that is not JSON objects is
// an error naming it, not a viewer that silently shows less.
func TestFilesRefusesBadRecords(t *testing.T) {
	for _, bad := range []string{"{\"id\":1}\nnot json\n", "[1,2]\n", "{\"id\":\"a\"}\n{\"unclosed\":\n"} {
		if _, err := Files(spec(bad)); err == nil || !strings.Contains(err.Error(), "data/posts.jsonl") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	dir := &archive.Spec{Platform: archive.PlatformDir}
	if f, err := Files(dir); err != nil || f != nil {
		t.Errorf("a plain folder got a viewer: %v %v", f, err)
	}
}

// FuzzFiles: any records file either is refused or becomes chunks that
// hold every line.
func FuzzFiles(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\"}\n{\"id\":\"b\",\"created_at\":\"2024\"}\n"))
	f.Add([]byte("\n\n{}\n"))
	f.Add([]byte("{\"a\":\"\u2028</script>\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := Files(spec(string(data)))
		if err != nil {
			return
		}
		lines := 0
		for _, l := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(l) != "" {
				lines++
			}
		}
		got := 0
		for _, f := range files {
			if strings.HasPrefix(f.Name, "viewer/data/posts-") {
				got += strings.Count(string(f.Data), "\n") - 2
			}
		}
		if got != lines {
			t.Fatalf("%d lines in the chunks, %d records", got, lines)
		}
	})
}
