// Package viewer is the offline viewer every platform bundle carries:
// index.html and viewer/ (a script, a style sheet and the records as
// script files), so that the bundle can be looked at with no network,
// from file:// after `farewell extract` or through `farewell browse`,
// which serves the members straight from the compressed bundle.
//
// The records reach the page as script files, not JSON, because a page
// opened from file:// may not fetch files beside it; each file calls the
// viewer's loader with one chunk of a collection. The page renders all
// text with textContent, never as markup, and runs under a strict
// Content-Security-Policy (a meta element under file://, a header as
// well when served), so hostile text in a post, a name or a message can
// neither run nor become markup.
package viewer

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/parsers/record"
)

//go:embed assets
var assets embed.FS

// ChunkSize is how many records one data script holds: small enough that
// the first screen waits only for the first one.
const ChunkSize = 1000

// Index is viewer/data/index.js: what the overview shows and where each
// collection's chunks are.
type Index struct {
	Platform    string                        `json:"platform"`
	Account     archive.Account               `json:"account"`
	Capture     *archive.Window               `json:"capture,omitempty"`
	Collections []IndexCollection             `json:"collections"`
	Readiness   []archive.Readiness           `json:"readiness,omitempty"`
	Warnings    []string                      `json:"warnings,omitempty"`
	Chunks      map[string][]Chunk            `json:"chunks"`
	Screens     map[string][]string           `json:"screens"` // collection -> screenshot files, in order
	DM          map[string]record.ScreenIndex `json:"dm"`      // conversation -> its screenshots
}

// IndexCollection is a collection as the overview shows it, with whether
// its own account is complete (as the manifest will record it).
type IndexCollection struct {
	Name string `json:"name"`
	archive.Collection
	Complete bool   `json:"complete"`
	Reason   string `json:"reason,omitempty"`
}

// Chunk is one data script and how many records it holds.
type Chunk struct {
	File  string `json:"file"`
	Count int    `json:"count"`
}

// Files returns the viewer's members for a platform bundle: index.html,
// the viewer's script and style, and the records of every data/*.jsonl
// member of spec as chunked scripts, with an index of them. Posts are
// ordered newest first, so the first chunk is the first screen; other
// collections keep the order the site gave. A plain directory gets no
// viewer (nil).
func Files(spec *archive.Spec) ([]archive.SourceFile, error) {
	if spec.Platform == "" || spec.Platform == archive.PlatformDir {
		return nil, nil
	}
	ix := Index{
		Platform: spec.Platform, Account: spec.Account, Capture: spec.Capture,
		Readiness: spec.Readiness, Warnings: spec.Warnings,
		Chunks: map[string][]Chunk{}, Screens: map[string][]string{}, DM: map[string]record.ScreenIndex{},
	}
	for _, c := range spec.Collections {
		ok, why := c.Complete()
		ix.Collections = append(ix.Collections, IndexCollection{Name: c.Name, Collection: c, Complete: ok, Reason: why})
	}
	var out []archive.SourceFile
	for _, f := range spec.Files {
		switch {
		case strings.HasPrefix(f.Name, "data/") && strings.HasSuffix(f.Name, ".jsonl"):
			coll := strings.TrimSuffix(path.Base(f.Name), ".jsonl")
			chunks, n, err := chunkRecords(coll, f)
			if err != nil {
				return nil, err
			}
			for i, c := range chunks {
				ix.Chunks[coll] = append(ix.Chunks[coll], Chunk{File: c.Name, Count: n[i]})
			}
			out = append(out, chunks...)
		case strings.HasPrefix(f.Name, "screens/dm/") && path.Base(f.Name) == "index.json":
			b, err := read(f)
			if err != nil {
				return nil, err
			}
			var s record.ScreenIndex
			if err := json.Unmarshal(b, &s); err != nil {
				return nil, fmt.Errorf("viewer: %s: %w", f.Name, err)
			}
			key := s.Value // the conversation's id
			if key == "" {
				key = path.Base(path.Dir(f.Name))
			}
			ix.DM[key] = s
		case strings.HasPrefix(f.Name, "screens/") && !strings.HasPrefix(f.Name, "screens/dm/") && strings.HasSuffix(f.Name, ".png"):
			coll := strings.SplitN(f.Name, "/", 3)[1]
			ix.Screens[coll] = append(ix.Screens[coll], f.Name)
		}
	}
	for _, files := range ix.Screens {
		sort.Strings(files)
	}
	b, err := json.Marshal(ix)
	if err != nil {
		return nil, err
	}
	out = append(out, archive.SourceFile{Name: "viewer/data/index.js", Data: script("FW_INDEX", b)})
	// The live check: empty in the bundle (a file:// viewer shows what
	// was recorded at pack time); browse serves a fresh verify report in
	// its place.
	out = append(out, archive.SourceFile{Name: VerifyMember, Data: script("FW_VERIFY", []byte("null"))})
	static, err := staticFiles()
	if err != nil {
		return nil, err
	}
	return append(static, out...), nil
}

// VerifyMember is the data script that carries a live verify report
// (window.FW_VERIFY): null in the bundle, filled in by [Server.SetVerify].
const VerifyMember = "viewer/data/verify.js"

// chunkRecords turns one records file into data scripts of ChunkSize
// records each, and how many records each holds. Every line must be a
// JSON object: a records file that is not is an error, not a page that
// silently shows less.
func chunkRecords(coll string, f archive.SourceFile) ([]archive.SourceFile, []int, error) {
	b, err := read(f)
	if err != nil {
		return nil, nil, err
	}
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if !json.Valid(line) || line[0] != '{' {
			return nil, nil, fmt.Errorf("viewer: %s line %d is not a JSON object", f.Name, len(lines)+1)
		}
		lines = append(lines, append([]byte(nil), line...))
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("viewer: %s: %w", f.Name, err)
	}
	if coll == "posts" {
		sortNewestFirst(lines)
	}
	var out []archive.SourceFile
	var n []int
	for i := 0; i < len(lines); i += ChunkSize {
		part := lines[i:min(i+ChunkSize, len(lines))]
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "FW_CHUNK(%q,%d,[\n", coll, i/ChunkSize)
		buf.Write(bytes.Join(part, []byte(",\n")))
		buf.WriteString("\n]);\n")
		out = append(out, archive.SourceFile{Name: fmt.Sprintf("viewer/data/%s-%04d.js", coll, i/ChunkSize), Data: buf.Bytes()})
		n = append(n, len(part))
	}
	return out, n, nil
}

// sortNewestFirst orders post lines by created_at, newest first (RFC 3339
// times with one offset sort as strings; a post without one goes last).
func sortNewestFirst(lines [][]byte) {
	keys := make([]string, len(lines))
	for i, l := range lines {
		var p struct {
			CreatedAt string `json:"created_at"`
		}
		json.Unmarshal(l, &p)
		keys[i] = p.CreatedAt
	}
	idx := make([]int, len(lines))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] > keys[idx[b]] })
	sorted := make([][]byte, len(lines))
	for i, j := range idx {
		sorted[i] = lines[j]
	}
	copy(lines, sorted)
}

// script is a data script that assigns a JSON value to a global.
func script(global string, v []byte) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "window.%s = ", global)
	buf.Write(v)
	buf.WriteString(";\n")
	return buf.Bytes()
}

func read(f archive.SourceFile) ([]byte, error) {
	if f.Path == "" {
		return f.Data, nil
	}
	b, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, fmt.Errorf("viewer: %w", err)
	}
	return b, nil
}

// staticFiles are index.html and viewer/app.js, app.css.
func staticFiles() ([]archive.SourceFile, error) {
	var out []archive.SourceFile
	err := fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "assets/")
		if name != "index.html" {
			name = "viewer/" + name
		}
		out = append(out, archive.SourceFile{Name: name, Data: b})
		return nil
	})
	return out, err
}
