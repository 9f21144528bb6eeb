package archive

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Manifest identity.
const (
	ManifestFormat        = "farewell-bundle"
	ManifestFormatVersion = 1
	// PlatformDir is the platform of a bundle packed from a plain directory.
	PlatformDir = "dir"
)

// Stop reasons with a meaning to verify. A collection whose stop_reason is
// neither of these did not finish (it was interrupted, hit an error, ...).
const (
	StopEnd         = "end"          // the site said the list has no more items
	StopServerLimit = "server_limit" // the site stopped serving before the end
	// StopFailed: the collection's step failed after its retries; the
	// run went on with the others.
	StopFailed = "failed"
)

// Manifest is MANIFEST.json: what a bundle holds and how complete it is.
type Manifest struct {
	Format        string      `json:"format"`
	FormatVersion int         `json:"format_version"`
	Tool          Tool        `json:"tool"`
	CreatedAt     time.Time   `json:"created_at"`
	Platform      string      `json:"platform"`
	Account       Account     `json:"account"`
	Capture       *Window     `json:"capture,omitempty"`
	Collections   Collections `json:"collections"`
	Files         []File      `json:"files"`
	Totals        Totals      `json:"totals"`
	Warnings      []string    `json:"warnings,omitempty"`
	// Readiness is the checklist of things to settle before the account
	// is deleted, beyond the backup itself (money left in a wallet).
	Readiness []Readiness `json:"readiness,omitempty"`
}

// Readiness is one item of the checklist before deleting an account.
type Readiness struct {
	Check string `json:"check"` // what is checked, e.g. "wallet"
	// OK says there is nothing left to do.
	OK bool `json:"ok"`
	// Blocking: while not OK, the account is not safe to delete (money
	// would be lost); other items are shown but leave the verdict alone.
	Blocking bool `json:"blocking,omitempty"`
	// Info marks a rule of the site to know, not a check.
	Info bool `json:"info,omitempty"`
	// Detail is the item in English, for readers of older bundles.
	Detail string `json:"detail"`
	// Code names the item in farewell's message catalog
	// ("douyin.wallet.money") and Params are its values ({"coins":
	// "120"}), so each reader shows it in the person's language; both
	// are empty in bundles older than them, and Detail is shown instead.
	Code   string            `json:"code,omitempty"`
	Params map[string]string `json:"params,omitempty"`
}

// Tool names the program that wrote the bundle.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Account identifies whose data the bundle holds. ID is always a string.
type Account struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Window is the capture window of a backup.
type Window struct {
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
}

// Totals is BagIt's Payload-Oxum for the payload files (the manifest and
// its checksum file excluded).
type Totals struct {
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
}

// File is one payload member.
type File struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
	Role   string `json:"role"`
}

// Member roles, derived from the top-level folder (or the name, for
// index.html and README.txt).
const (
	RoleData       = "data"       // data/*.jsonl records
	RoleRaw        = "raw"        // raw/ captured responses and their sidecars
	RoleMedia      = "media"      // media/ downloaded originals
	RoleScreenshot = "screenshot" // screens/
	RoleViewer     = "viewer"     // index.html, viewer/
	// RoleDiagnostics: what a failed or short step left (screenshot,
	// page outline, request log), under diagnostics/<collection>/.
	RoleDiagnostics = "diagnostics"
	// RoleCSV: csv/*.csv, the spreadsheet copies of the records.
	RoleCSV = "csv"
	// RoleReadme: README.txt, what the bundle holds and how to open
	// and check it.
	RoleReadme = "readme"
	RoleFile   = "file" // anything else (plain directories)
)

// RoleOf returns the role of a member path.
func RoleOf(name string) string {
	top, _, _ := strings.Cut(name, "/")
	switch {
	case top == "data" && name != "data":
		return RoleData
	case top == "raw" && name != "raw":
		return RoleRaw
	case top == "media" && name != "media":
		return RoleMedia
	case top == "screens" && name != "screens":
		return RoleScreenshot
	case name == "index.html" || (top == "viewer" && name != "viewer"):
		return RoleViewer
	case top == "diagnostics" && name != "diagnostics":
		return RoleDiagnostics
	case top == TablesDir && name != TablesDir:
		return RoleCSV
	case name == ReadmeName:
		return RoleReadme
	}
	return RoleFile
}

// Collection is the completeness record of one collection (posts,
// followers, ...).
type Collection struct {
	Name string `json:"-"`
	// Expected comes from the site's own counters; nil when the site gives
	// none (Weibo's likes, for instance).
	Expected *int64 `json:"expected"`
	// Captured is the number of records in data/<name>.jsonl.
	Captured   int64  `json:"captured"`
	Pages      int    `json:"pages"`
	StopReason string `json:"stop_reason"`
	StopDetail string `json:"stop_detail,omitempty"`
	Gaps       []Gap  `json:"gaps"`
	// ServerLimit, when set, records items the site itself would not serve
	// (Weibo's follower cap, Douyin's comment cap). They do not count as
	// missing, but verify shows them.
	ServerLimit *ServerLimit `json:"server_limit,omitempty"`
	// Diagnostics is the folder ("diagnostics/<name>/") where a failed or
	// short step left what the page showed and asked; "" when none.
	Diagnostics string `json:"diagnostics,omitempty"`
}

// Gap is something a backup knows it is missing.
type Gap struct {
	Kind   string `json:"kind"`
	Ref    string `json:"ref,omitempty"`
	Detail string `json:"detail"`
}

// ServerLimit describes items the site did not serve.
type ServerLimit struct {
	Limit       int64  `json:"limit,omitempty"` // the site's cap, when it is one number
	Unavailable int64  `json:"unavailable"`     // items the site would not serve
	Reason      string `json:"reason"`          // in English, for readers of older bundles
	// Code and Params name the limit in farewell's message catalog
	// ("douyin.followers.listed", {"listed": "26", "total": "40"}), as
	// for [Readiness].
	Code   string            `json:"code,omitempty"`
	Params map[string]string `json:"params,omitempty"`
}

// Why a collection is not complete ([Shortfall.Kind]).
const (
	ShortFailed          = "failed"           // the step failed (Detail)
	ShortGaps            = "gaps"             // Count gaps recorded
	ShortUnfinished      = "unfinished"       // stopped for Stop (Detail), or never started (Stop "")
	ShortLimitUnrecorded = "limit_unrecorded" // stopped at a server limit it did not record
	ShortMissing         = "missing"          // Count of Expected missing
)

// Shortfall is why a collection is not complete, as values a reader puts
// into words in the person's language.
type Shortfall struct {
	Kind     string `json:"kind"`
	Count    int64  `json:"count,omitempty"`
	Expected int64  `json:"expected,omitempty"`
	Stop     string `json:"stop,omitempty"`
	Detail   string `json:"detail,omitempty"`
	// See is the diagnostics folder to look in, "" when none.
	See string `json:"see,omitempty"`
}

// Shortfall returns why the collection is not complete, or nil when it
// holds everything the site would serve.
func (c *Collection) Shortfall() *Shortfall {
	sf := &Shortfall{See: c.Diagnostics}
	switch {
	case c.StopReason == StopFailed:
		sf.Kind, sf.Detail = ShortFailed, c.StopDetail
	case len(c.Gaps) > 0:
		sf.Kind, sf.Count = ShortGaps, int64(len(c.Gaps))
	case c.StopReason != StopEnd && c.StopReason != StopServerLimit:
		sf.Kind, sf.Stop, sf.Detail = ShortUnfinished, c.StopReason, c.StopDetail
	case c.StopReason == StopServerLimit && c.ServerLimit == nil:
		sf.Kind, sf.See = ShortLimitUnrecorded, ""
	case c.Expected != nil:
		have := c.Captured
		if c.ServerLimit != nil {
			have += c.ServerLimit.Unavailable
		}
		if have >= *c.Expected {
			return nil
		}
		sf.Kind, sf.Count, sf.Expected = ShortMissing, *c.Expected-have, *c.Expected
	default:
		return nil
	}
	return sf
}

// English is the shortfall in English, as reports have always said it.
func (sf *Shortfall) English() string {
	see := ""
	if sf.See != "" {
		see = " (see " + sf.See + ")"
	}
	switch sf.Kind {
	case ShortFailed:
		if sf.Detail != "" {
			return "failed: " + sf.Detail
		}
		return "failed" + see
	case ShortGaps:
		return fmt.Sprintf("%d gap(s) recorded%s", sf.Count, see)
	case ShortUnfinished:
		reason := sf.Stop
		if reason == "" {
			reason = "never started"
		}
		if sf.Detail != "" {
			reason += ": " + sf.Detail
		}
		return "did not finish (" + reason + ")"
	case ShortLimitUnrecorded:
		return "stopped at a server limit that was not recorded"
	}
	return fmt.Sprintf("%d of %d missing%s", sf.Count, sf.Expected, see)
}

// Complete reports whether the collection holds everything the site would
// serve, and if not, why (in English; [Collection.Shortfall] gives the
// values).
func (c *Collection) Complete() (bool, string) {
	if sf := c.Shortfall(); sf != nil {
		return false, sf.English()
	}
	return true, ""
}

// Collections keeps collections in the order the platform lists them and
// marshals as a JSON object keyed by name.
type Collections []Collection

// MarshalJSON writes {"name": {...}, ...} in slice order.
func (cs Collections) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(c.Name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(c)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads the object form, keeping the key order.
func (cs *Collections) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		*cs = nil
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("collections: want an object")
	}
	var out Collections
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string)
		if seen[name] {
			return fmt.Errorf("collections: %q appears twice", name)
		}
		seen[name] = true
		var c Collection
		if err := dec.Decode(&c); err != nil {
			return fmt.Errorf("collections: %s: %w", name, err)
		}
		c.Name = name
		out = append(out, c)
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	*cs = out
	return nil
}

// Get returns the named collection, or nil.
func (cs Collections) Get(name string) *Collection {
	for i := range cs {
		if cs[i].Name == name {
			return &cs[i]
		}
	}
	return nil
}

// marshalManifest renders the manifest as indented JSON with a final
// newline, each file entry on one line: easy to read and to grep, and half
// the size of fully indented JSON for bundles of many files.
func marshalManifest(m *Manifest) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{")
	n := 0
	field := func(key string, v any) error {
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		fmt.Fprintf(&b, "\n  %q: ", key)
		if key == "files" {
			files := v.([]File)
			if len(files) == 0 {
				b.WriteString("[]")
				return nil
			}
			b.WriteString("[")
			for i := range files {
				if i > 0 {
					b.WriteByte(',')
				}
				line, err := json.Marshal(&files[i])
				if err != nil {
					return err
				}
				b.WriteString("\n    ")
				b.Write(line)
			}
			b.WriteString("\n  ]")
			return nil
		}
		val, err := json.MarshalIndent(v, "  ", "  ")
		if err != nil {
			return err
		}
		b.Write(val)
		return nil
	}
	fields := []struct {
		key  string
		v    any
		omit bool
	}{
		{"format", m.Format, false},
		{"format_version", m.FormatVersion, false},
		{"tool", m.Tool, false},
		{"created_at", m.CreatedAt, false},
		{"platform", m.Platform, false},
		{"account", m.Account, false},
		{"capture", m.Capture, m.Capture == nil},
		{"collections", m.Collections, false},
		{"files", m.Files, false},
		{"totals", m.Totals, false},
		{"readiness", m.Readiness, len(m.Readiness) == 0},
		{"warnings", m.Warnings, len(m.Warnings) == 0},
	}
	for _, f := range fields {
		if f.omit {
			continue
		}
		if err := field(f.key, f.v); err != nil {
			return nil, err
		}
	}
	b.WriteString("\n}\n")
	return b.Bytes(), nil
}

// Limits on what a bundle's manifest and checksum file may declare, so
// that reading them costs memory in proportion to the members the bundle
// really has.
const (
	// maxManifestBase is room for everything in a manifest but its file
	// list: collections with their gaps, the checklist, warnings.
	maxManifestBase = 32 << 20
	// manifestPerFile is room for one entry of the file list besides its
	// path (size, sha256, role, JSON punctuation).
	manifestPerFile = 256
	// sumsPerFile is the bytes of one line of manifest-sha256.txt besides
	// its path: the sha256 in hex, two spaces and the newline.
	sumsPerFile = 64 + 2 + 1
)

// manifestLimit returns the largest MANIFEST.json a bundle of these
// members can have: each member's entry, its path escaped at worst as
// \uXXXX for every byte, and the base.
func manifestLimit(members []Member) int64 {
	limit := int64(maxManifestBase)
	for _, m := range members {
		limit += manifestPerFile + 6*int64(len(m.Name))
	}
	return limit
}

// sumsLimit returns the size of the manifest-sha256.txt [Pack] writes for
// a manifest listing files: no well-formed one is larger.
func sumsLimit(files []File) int64 {
	n := int64(sumsPerFile + len(ManifestName))
	for _, f := range files {
		n += sumsPerFile + int64(len(f.Path))
	}
	return n
}

// parseManifest decodes MANIFEST.json from memory; see decodeManifest.
func parseManifest(b []byte) (*Manifest, error) {
	return decodeManifest(bytes.NewReader(b))
}

// decodeManifest decodes MANIFEST.json as a stream, strictly: anything
// but one JSON object, an unknown format, a version from the future, or an
// unsafe path is an error. Bytes that are not JSON end it at once; a
// damaged member's own error is passed on.
func decodeManifest(r io.Reader) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(r)
	err := dec.Decode(&m)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("more than one JSON value")
		}
	}
	if err != nil {
		var ce *CorruptError
		if errors.As(err, &ce) {
			return nil, err
		}
		return nil, corruptf(ManifestName, "not valid JSON: %v", err)
	}
	if m.Format != ManifestFormat {
		return nil, corruptf(ManifestName, "format is %q, want %q", m.Format, ManifestFormat)
	}
	if m.FormatVersion < 1 || m.FormatVersion > ManifestFormatVersion {
		return nil, corruptf(ManifestName, "format version %d is not supported by this farewell (max %d)", m.FormatVersion, ManifestFormatVersion)
	}
	names := newNameSet(len(m.Files) + 2)
	names.add(ManifestName)
	names.add(ManifestSumsName)
	var total int64
	for _, f := range m.Files {
		if err := CheckName(f.Path); err != nil {
			return nil, corruptf(ManifestName, "%v", err)
		}
		if err := names.add(f.Path); err != nil {
			return nil, corruptf(ManifestName, "%v", err)
		}
		if f.Bytes < 0 {
			return nil, corruptf(ManifestName, "%s: negative size", f.Path)
		}
		if len(f.SHA256) != 64 || !isLowerHex(f.SHA256) {
			return nil, corruptf(ManifestName, "%s: malformed sha256 %q", f.Path, f.SHA256)
		}
		total += f.Bytes
	}
	if m.Totals.Files != len(m.Files) || m.Totals.Bytes != total {
		return nil, corruptf(ManifestName, "totals say %d files / %d bytes, the file list holds %d / %d",
			m.Totals.Files, m.Totals.Bytes, len(m.Files), total)
	}
	return &m, nil
}

func isLowerHex(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// sumsFile renders manifest-sha256.txt in the format `sha256sum -c` reads.
func sumsFile(files []File, manifestSum [32]byte) []byte {
	var b bytes.Buffer
	for _, f := range files {
		fmt.Fprintf(&b, "%s  %s\n", f.SHA256, f.Path)
	}
	fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(manifestSum[:]), ManifestName)
	return b.Bytes()
}

// parseSums reads manifest-sha256.txt into a path -> hex map.
func parseSums(b []byte) (map[string]string, error) {
	out := map[string]string{}
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 || !isLowerHex(sum) {
			return nil, corruptf(ManifestSumsName, "line %d is malformed", i+1)
		}
		if _, dup := out[name]; dup {
			return nil, corruptf(ManifestSumsName, "%s is listed twice", name)
		}
		out[name] = sum
	}
	return out, nil
}
