package archive

// RoleManifest is the role `ls` gives MANIFEST.json and
// manifest-sha256.txt, which the manifest does not list.
const RoleManifest = "manifest"

// Listing is one member of a bundle as `farewell ls` shows it: what the
// member index says, with what the manifest says beside it.
type Listing struct {
	Path string `json:"path"`
	// Bytes is the member's size in the bundle.
	Bytes int64 `json:"bytes"`
	// SHA256 is the manifest's; empty for a member it does not list.
	SHA256 string `json:"sha256,omitempty"`
	Role   string `json:"role"`
	// Unlisted marks a member the manifest does not list (a damaged or
	// doctored bundle; verify reports it).
	Unlisted bool `json:"unlisted,omitempty"`
	// ManifestBytes is the size the manifest gives, when it differs.
	ManifestBytes *int64 `json:"manifest_bytes,omitempty"`
}

// List returns every member in tar order with what manifest m says of it.
func (b *Bundle) List(m *Manifest) []Listing {
	files := make(map[string]*File, len(m.Files))
	for i := range m.Files {
		files[m.Files[i].Path] = &m.Files[i]
	}
	out := make([]Listing, 0, len(b.ix.members))
	for _, mem := range b.ix.members {
		l := Listing{Path: mem.Name, Bytes: mem.Size}
		f := files[mem.Name]
		switch {
		case mem.Name == ManifestName || mem.Name == ManifestSumsName:
			l.Role = RoleManifest
		case f == nil:
			l.Role, l.Unlisted = RoleOf(mem.Name), true
		default:
			l.Role, l.SHA256 = f.Role, f.SHA256
			if f.Bytes != mem.Size {
				l.ManifestBytes = &f.Bytes
			}
		}
		out = append(out, l)
	}
	return out
}
