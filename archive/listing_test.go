package archive

import (
	"context"
	"testing"
)

// TestList lists a doctored bundle: a member the manifest leaves out keeps
// its own size and the role of its folder, a member the manifest gives
// another size shows both, and only the manifest and its checksum file
// have the role "manifest".
func TestList(t *testing.T) {
	bundle := craftBundle(t, []craftEntry{
		regular("data/posts.jsonl", []byte("{\"id\":\"1\"}\n")),
		regular("media/extra.jpg", []byte("a picture of 22 bytes.")),
		withManifestSize(regular("raw/a.json", []byte(`{"ok":1}`)), 3),
	}, func(m *Manifest) {
		m.Files = append(m.Files[:1], m.Files[2:]...) // media/extra.jpg leaves the manifest
		m.Totals = Totals{Files: 2, Bytes: m.Files[0].Bytes + m.Files[1].Bytes}
	})
	b, err := Open(context.Background(), bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	m, err := b.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	sums, _ := b.Member(ManifestSumsName)
	mani, _ := b.Member(ManifestName)
	want := []Listing{
		{Path: "data/posts.jsonl", Bytes: 11, SHA256: m.Files[0].SHA256, Role: RoleData},
		{Path: "media/extra.jpg", Bytes: 22, Role: RoleMedia, Unlisted: true},
		{Path: "raw/a.json", Bytes: 8, SHA256: m.Files[1].SHA256, Role: RoleRaw, ManifestBytes: int64p(3)},
		{Path: ManifestName, Bytes: mani.Size, Role: RoleManifest},
		{Path: ManifestSumsName, Bytes: sums.Size, Role: RoleManifest},
	}
	got := b.List(m)
	if len(got) != len(want) {
		t.Fatalf("listed %d members: %+v", len(got), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Path != w.Path || g.Bytes != w.Bytes || g.SHA256 != w.SHA256 || g.Role != w.Role || g.Unlisted != w.Unlisted ||
			(g.ManifestBytes == nil) != (w.ManifestBytes == nil) || (g.ManifestBytes != nil && *g.ManifestBytes != *w.ManifestBytes) {
			t.Errorf("member %d: %+v, want %+v", i, g, w)
		}
	}
}
