package archive

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// storeSpec writes a small store-shaped payload and returns a Spec for it:
// three posts, the second referencing a picture that is present, the third
// one that is missing unless withMissing is false.
func storeSpec(t *testing.T, withMissing bool) *Spec {
	t.Helper()
	dir := t.TempDir()
	pic := []byte("\xff\xd8\xff\xe0 jpeg bytes")
	picSum := fmt.Sprintf("%x", sha256Bytes(pic))
	picPath := "media/" + picSum[:2] + "/" + picSum + ".jpg"
	posts := fmt.Sprintf(`{"record":"post","platform":"weibo","id":"1","text":"第一条"}
{"record":"post","platform":"weibo","id":"2","media":[{"type":"image","file":%q,"sha256":%q}]}
`, picPath, picSum)
	if withMissing {
		posts += `{"record":"post","platform":"weibo","id":"3","repost_of":{"id":"9","media":[{"type":"image","file":"media/00/gone.jpg"}]}}` + "\n"
	} else {
		posts += `{"record":"post","platform":"weibo","id":"3"}` + "\n"
	}
	files := tree{
		"data/posts.jsonl":     []byte(posts),
		"data/followers.jsonl": []byte("{\"record\":\"user\",\"id\":\"7\"}\n{\"record\":\"user\",\"id\":\"8\"}\n"),
		"raw/posts/0001.json":  []byte(`{"ok":1,"data":{"list":[]}}`),
		picPath:                pic,
	}
	files.write(t, dir)
	spec := &Spec{
		Platform:  "weibo",
		Account:   Account{ID: "1234567890", Name: "测试用户"},
		CreatedAt: mustTime("2026-11-23T10:00:00Z"),
		Capture:   &Window{StartedAt: mustTime("2026-11-23T09:50:00Z"), FinishedAt: mustTime("2026-11-23T09:59:00Z")},
		Collections: Collections{
			{Name: "posts", Expected: int64p(3), Captured: 3, Pages: 1, StopReason: StopEnd, Gaps: []Gap{}},
			{Name: "followers", Expected: int64p(5000), Captured: 2, Pages: 1, StopReason: StopServerLimit, Gaps: []Gap{},
				ServerLimit: &ServerLimit{Limit: 2, Unavailable: 4998, Reason: "the site lists at most 2 followers"}},
		},
	}
	for _, name := range files.names() {
		spec.Files = append(spec.Files, SourceFile{Name: name, Path: filepath.Join(dir, filepath.FromSlash(name))})
	}
	return spec
}

func sha256Bytes(b []byte) []byte {
	h := newHash()
	h.Write(b)
	return h.Sum(nil)
}

func packSpec(t *testing.T, spec *Spec) string {
	t.Helper()
	res, err := Pack(context.Background(), spec, PackOptions{OutDir: t.TempDir(), Tool: testTool})
	if err != nil {
		t.Fatal(err)
	}
	return res.Path
}

func TestVerdicts(t *testing.T) {
	cases := []struct {
		name        string
		missing     bool
		edit        func(*Spec)
		verdict     string
		reasonParts []string
	}{
		{name: "complete, with a server limit", verdict: VerdictSafe},
		{name: "unknown expected count", edit: func(s *Spec) { s.Collections[0].Expected = nil }, verdict: VerdictSafe},
		{name: "short collection", edit: func(s *Spec) { s.Collections[0].Expected = int64p(5) }, verdict: VerdictNotSafe,
			reasonParts: []string{"posts", "2 of 5 missing"}},
		{name: "gap recorded", edit: func(s *Spec) {
			s.Collections[0].Gaps = []Gap{{Kind: "long_text", Ref: "2", Detail: "longtext answered ok:0"}}
		}, verdict: VerdictNotSafe, reasonParts: []string{"posts", "1 gap"}},
		{name: "interrupted", edit: func(s *Spec) { s.Collections[0].StopReason = "interrupted" }, verdict: VerdictNotSafe,
			reasonParts: []string{"posts", "did not finish (interrupted)"}},
		{name: "server limit not recorded", edit: func(s *Spec) { s.Collections[1].ServerLimit = nil }, verdict: VerdictNotSafe,
			reasonParts: []string{"followers"}},
		{name: "missing media file", missing: true, verdict: VerdictNotSafe,
			reasonParts: []string{"media/00/gone.jpg", "data/posts.jsonl:3"}},
		{name: "no collections", edit: func(s *Spec) { s.Collections = nil }, verdict: VerdictNotSafe,
			reasonParts: []string{"no collections"}},
		{name: "captured disagrees with the records", edit: func(s *Spec) { s.Collections[0].Captured = 4 }, verdict: VerdictCorrupt,
			reasonParts: []string{"integrity"}},
		{name: "collection without its records", edit: func(s *Spec) {
			s.Collections = append(s.Collections, Collection{Name: "likes", Captured: 3, StopReason: StopEnd})
		}, verdict: VerdictCorrupt},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec := storeSpec(t, tc.missing)
			if tc.edit != nil {
				tc.edit(spec)
			}
			rep := verify(t, packSpec(t, spec), false)
			if rep.Verdict != tc.verdict {
				t.Fatalf("verdict %s, want %s; reasons %q problems %+v", rep.Verdict, tc.verdict, rep.Reasons, rep.Integrity.Problems)
			}
			all := strings.Join(rep.Reasons, "\n")
			for _, part := range tc.reasonParts {
				if !strings.Contains(all, part) {
					t.Errorf("reasons %q do not mention %q", rep.Reasons, part)
				}
			}
			if tc.verdict == VerdictSafe && len(rep.Reasons) != 0 {
				t.Errorf("safe with reasons %q", rep.Reasons)
			}
		})
	}
}

// TestManifestGolden pins MANIFEST.json's shape: field names and order,
// ids as strings, collections as an object in platform order.
func TestManifestGolden(t *testing.T) {
	spec := storeSpec(t, false)
	for _, f := range spec.Files {
		os.Chtimes(f.Path, time.Time{}, mustTime("2026-11-23T09:00:00Z"))
	}
	b, err := Open(context.Background(), packSpec(t, spec))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	raw, err := b.ReadFile(ManifestName, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "manifest.golden.json")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(raw) != string(want) {
		t.Errorf("MANIFEST.json differs from %s; run go test ./archive -run Golden -update and review the diff\ngot:\n%s", golden, raw)
	}
}

func TestCollectionsKeepOrder(t *testing.T) {
	in := Collections{{Name: "profile", Captured: 1, StopReason: StopEnd}, {Name: "posts", Captured: 2}, {Name: "apps"}}
	b, err := in.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var out Collections
	if err := out.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range out {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{"profile", "posts", "apps"}) || out[1].Captured != 2 {
		t.Fatalf("round trip gave %+v", out)
	}
	if err := out.UnmarshalJSON([]byte(`{"a":{},"a":{}}`)); err == nil {
		t.Fatal("duplicate collection accepted")
	}
}
