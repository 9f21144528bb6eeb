package archive

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"path"
	"sort"
	"strings"
	"time"
)

// Verdicts.
const (
	VerdictSafe    = "safe"     // intact and complete: safe to delete the account
	VerdictNotSafe = "not_safe" // intact, but something is missing
	VerdictCorrupt = "corrupt"  // the bundle's bytes are damaged
	VerdictIntact  = "intact"   // a plain-directory bundle: intact, no completeness claims
)

// VerifyOptions controls [Verify].
type VerifyOptions struct {
	// Quick checks the trailer, the manifest's own hash, member names and
	// sizes, but reads no member data.
	Quick bool
	// Progress, if set, is called as the tar stream is decoded.
	Progress func(done, total int64)
}

// Report is the result of [Verify].
type Report struct {
	Bundle      string             `json:"bundle"`
	Level       string             `json:"level"` // "quick" or "full"
	Platform    string             `json:"platform,omitempty"`
	Account     *Account           `json:"account,omitempty"`
	CreatedAt   *time.Time         `json:"created_at,omitempty"`
	Capture     *Window            `json:"capture,omitempty"`
	Integrity   Integrity          `json:"integrity"`
	Collections []CollectionReport `json:"collections"`
	// MissingMedia lists media files that records reference but the
	// bundle does not hold (full verify only).
	MissingMedia []MediaRef `json:"missing_media,omitempty"`
	// Unproven lists records that screenshots should show and do not,
	// and screenshot sets that do not reach the beginning (full verify
	// only).
	Unproven []Problem `json:"unproven,omitempty"`
	// Readiness is the manifest's checklist before deleting.
	Readiness []Readiness `json:"readiness,omitempty"`
	Verdict   string      `json:"verdict"`
	// Reasons says why the verdict is not "safe".
	Reasons  []string `json:"reasons,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// Integrity is the byte-level part of a report.
type Integrity struct {
	OK    bool  `json:"ok"`
	Files int   `json:"files"` // payload files in the manifest
	Bytes int64 `json:"bytes"` // payload bytes in the manifest
	// Checked is the number of payload bytes re-hashed (0 for quick).
	Checked  int64     `json:"checked_bytes"`
	Problems []Problem `json:"problems,omitempty"`
}

// Problem is one integrity failure: Where names the damaged member, the
// manifest, or a structural part of the bundle.
type Problem struct {
	Where  string `json:"where"`
	Detail string `json:"detail"`
}

// CollectionReport is the completeness of one collection.
type CollectionReport struct {
	Name     string `json:"name"`
	Expected *int64 `json:"expected"`
	Captured int64  `json:"captured"`
	Complete bool   `json:"complete"`
	Reason   string `json:"reason,omitempty"`
	// Shortfall is Reason as values, for a reader that says it in the
	// person's language.
	Shortfall   *Shortfall   `json:"shortfall,omitempty"`
	StopReason  string       `json:"stop_reason"`
	ServerLimit *ServerLimit `json:"server_limit,omitempty"`
	Gaps        []Gap        `json:"gaps,omitempty"`
	// Diagnostics is where a failed or short step left what the page
	// showed and asked ("diagnostics/<name>/").
	Diagnostics string `json:"diagnostics,omitempty"`
}

// MediaRef is a media file a record points at.
type MediaRef struct {
	Record string `json:"record"` // member and line, e.g. data/posts.jsonl:17
	File   string `json:"file"`
	Detail string `json:"detail"`
}

// Verify checks a bundle. Damage is not an error: it is reported in the
// Report with verdict "corrupt". The error is for failures to do the
// check at all (the file cannot be read, the context was cancelled).
func Verify(ctx context.Context, bundlePath string, opts VerifyOptions) (*Report, error) {
	rep := &Report{Bundle: bundlePath, Level: "full", Collections: []CollectionReport{}}
	if opts.Quick {
		rep.Level = "quick"
	}
	b, err := Open(ctx, bundlePath)
	if err != nil {
		if !errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		rep.problem(err)
		rep.finish(nil)
		return rep, nil
	}
	defer b.Close()
	st, err := b.quickCheck()
	if err != nil {
		if !errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		rep.problem(err)
	}
	rep.Integrity.Problems = append(rep.Integrity.Problems, st.problems...)
	if st.manifest != nil && !opts.Quick {
		if err := b.fullCheck(ctx, st, rep, opts.Progress); err != nil {
			return nil, err
		}
	}
	rep.finish(st.manifest)
	return rep, nil
}

func (r *Report) problem(err error) {
	var ce *CorruptError
	if errors.As(err, &ce) {
		r.Integrity.Problems = append(r.Integrity.Problems, Problem{Where: ce.Where, Detail: ce.Err.Error()})
		return
	}
	r.Integrity.Problems = append(r.Integrity.Problems, Problem{Where: whereStream, Detail: err.Error()})
}

// finish fills in the completeness part and the verdict.
func (r *Report) finish(m *Manifest) {
	r.Integrity.OK = len(r.Integrity.Problems) == 0
	if m != nil {
		r.Platform = m.Platform
		r.Account = &m.Account
		t := m.CreatedAt
		r.CreatedAt = &t
		r.Capture = m.Capture
		r.Integrity.Files = m.Totals.Files
		r.Integrity.Bytes = m.Totals.Bytes
		r.Warnings = m.Warnings
		r.Readiness = m.Readiness
		for i := range m.Collections {
			c := &m.Collections[i]
			ok, why := c.Complete()
			r.Collections = append(r.Collections, CollectionReport{
				Name: c.Name, Expected: c.Expected, Captured: c.Captured, Complete: ok, Reason: why, Shortfall: c.Shortfall(),
				StopReason: c.StopReason, ServerLimit: c.ServerLimit, Gaps: c.Gaps, Diagnostics: c.Diagnostics,
			})
			if !ok {
				r.Reasons = append(r.Reasons, fmt.Sprintf("%s: %s", c.Name, why))
			}
		}
	}
	for _, mm := range r.MissingMedia {
		r.Reasons = append(r.Reasons, fmt.Sprintf("media %s referenced by %s: %s", mm.File, mm.Record, mm.Detail))
	}
	for _, u := range r.Unproven {
		r.Reasons = append(r.Reasons, fmt.Sprintf("%s: %s", u.Where, u.Detail))
	}
	for _, item := range r.Readiness {
		if !item.OK && item.Blocking {
			r.Reasons = append(r.Reasons, fmt.Sprintf("before deleting: %s: %s", item.Check, item.Detail))
		}
	}
	switch {
	case !r.Integrity.OK:
		r.Verdict = VerdictCorrupt
		r.Reasons = append([]string{fmt.Sprintf("%d integrity problem(s)", len(r.Integrity.Problems))}, r.Reasons...)
	case m != nil && m.Platform == PlatformDir && len(r.Reasons) == 0:
		r.Verdict = VerdictIntact
	case m != nil && m.Platform != PlatformDir && len(m.Collections) == 0:
		r.Verdict = VerdictNotSafe
		r.Reasons = append(r.Reasons, "the manifest records no collections")
	case len(r.Reasons) > 0:
		r.Verdict = VerdictNotSafe
	default:
		r.Verdict = VerdictSafe
	}
}

// quickState is what the quick check learned, reused by the full check.
type quickState struct {
	manifest *Manifest
	// manifestSum and sumsSum are the sha256 of MANIFEST.json and
	// manifest-sha256.txt as the random-access reader saw them.
	manifestSum, sumsSum [32]byte
	manifestLen, sumsLen int64
	files                map[string]*File
	problems             []Problem
}

// openChecked opens the bundle at path and runs the quick check on it
// (see passedQuick); the caller closes the bundle.
func openChecked(ctx context.Context, path string) (*Bundle, *quickState, error) {
	b, err := Open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	st, err := b.passedQuick()
	if err != nil {
		b.Close()
		return nil, nil, err
	}
	return b, st, nil
}

// passedQuick runs the quick check and returns its state, or the first
// problem it found as a CorruptError: what a reader that trusts the
// manifest (extract, the records walk) needs before it reads a byte.
func (b *Bundle) passedQuick() (*quickState, error) {
	st, err := b.quickCheck()
	if err != nil {
		return nil, err
	}
	if len(st.problems) > 0 {
		p := st.problems[0]
		return nil, &CorruptError{Where: p.Where, Err: errors.New(p.Detail)}
	}
	return st, nil
}

// quickCheck checks everything that needs no member data beyond the
// manifest and its checksum file.
func (b *Bundle) quickCheck() (*quickState, error) {
	st := &quickState{}
	prob := func(where, format string, args ...any) {
		st.problems = append(st.problems, Problem{Where: where, Detail: fmt.Sprintf(format, args...)})
	}
	m, msum, mlen, err := b.readManifest()
	if err != nil {
		return st, err
	}
	// The checksum file lists the manifest's files: it can be no larger
	// than the one Pack writes for them.
	if mem, ok := b.Member(ManifestSumsName); ok {
		if limit := sumsLimit(m.Files); mem.Size > limit {
			return st, corruptf(ManifestSumsName, "is %d bytes, more than the %d a checksum file for the manifest's %d files can need", mem.Size, limit, len(m.Files))
		}
	}
	sums, err := b.ReadFile(ManifestSumsName, sumsLimit(m.Files))
	if err != nil {
		if !errors.Is(err, ErrCorrupt) {
			err = corruptf(ManifestSumsName, "cannot be read: %v", err)
		}
		return st, err
	}
	st.sumsSum, st.sumsLen = sha256.Sum256(sums), int64(len(sums))
	want, err := parseSums(sums)
	if err != nil {
		return st, err
	}
	if want[ManifestName] != hex.EncodeToString(msum[:]) {
		return st, corruptf(ManifestName, "its sha256 differs from the one in %s", ManifestSumsName)
	}
	st.manifest, st.manifestSum, st.manifestLen = m, msum, mlen
	st.files = make(map[string]*File, len(m.Files))
	for i := range m.Files {
		f := &m.Files[i]
		st.files[f.Path] = f
		mem, ok := b.Member(f.Path)
		switch {
		case !ok:
			prob(f.Path, "listed in the manifest but missing from the bundle")
		case mem.Size != f.Bytes:
			prob(f.Path, "is %d bytes, the manifest says %d", mem.Size, f.Bytes)
		}
		if s, ok := want[f.Path]; !ok {
			prob(ManifestSumsName, "does not list %s", f.Path)
		} else if s != f.SHA256 {
			prob(ManifestSumsName, "gives %s a different sha256 than the manifest", f.Path)
		}
	}
	for name := range want {
		if name != ManifestName && st.files[name] == nil {
			prob(ManifestSumsName, "lists %s, which the manifest does not", name)
		}
	}
	for _, mem := range b.Members() {
		if mem.Name != ManifestName && mem.Name != ManifestSumsName && st.files[mem.Name] == nil {
			prob(mem.Name, "is in the bundle but not in the manifest")
		}
	}
	for _, c := range m.Collections {
		if f := st.files["data/"+c.Name+".jsonl"]; f == nil && c.Captured > 0 {
			prob(ManifestName, "collection %s claims %d records but data/%s.jsonl is missing", c.Name, c.Captured, c.Name)
		}
	}
	return st, nil
}

// memberState follows one member through the full check.
type memberState struct {
	m       *Member
	hdr     []byte
	h       hash.Hash
	json    *jsonMember
	damage  error
	padding bool // non-zero padding seen
}

// fullCheck decodes every frame and re-hashes every member, checks each
// tar header against the index, the zero padding and the end-of-archive
// blocks, parses every JSON and JSON Lines member, counts records per
// collection and collects media references.
func (b *Bundle) fullCheck(ctx context.Context, st *quickState, rep *Report, progress func(done, total int64)) error {
	prob := func(where, format string, args ...any) {
		rep.Integrity.Problems = append(rep.Integrity.Problems, Problem{Where: where, Detail: fmt.Sprintf(format, args...)})
	}
	members := b.ix.members
	jc := newJSONChecker()
	cur := 0
	var ms *memberState
	start := func() {
		m := &members[cur]
		ms = &memberState{m: m, h: sha256.New(), json: jc.begin(cur, m.Name, m.Size)}
	}
	finish := func() {
		m := ms.m
		defer func() { ms = nil; cur++ }()
		if ms.damage != nil {
			if ms.json != nil {
				ms.json.abort()
			}
			prob(m.Name, "damaged: %v", ms.damage)
			return
		}
		if err := checkHeader(ms.hdr, m); err != nil {
			prob(m.Name, "%v", err)
		}
		if ms.padding {
			prob(m.Name, "non-zero bytes in the tar padding")
		}
		got := hex.EncodeToString(ms.h.Sum(nil))
		var want string
		switch m.Name {
		case ManifestName:
			want = hex.EncodeToString(st.manifestSum[:])
		case ManifestSumsName:
			want = hex.EncodeToString(st.sumsSum[:])
		default:
			if f := st.files[m.Name]; f != nil {
				want = f.SHA256
				rep.Integrity.Checked += m.Size
			}
		}
		if want != "" && got != want {
			if ms.json != nil {
				ms.json.abort()
			}
			prob(m.Name, "sha256 is %s, the manifest says %s", got, want)
			return
		}
		if ms.json != nil {
			ms.json.finish()
		}
	}

	frames, release := b.walkFrames(ctx)
	var tailBad bool
	var decoded int64
	lastEnd := int64(0)
	if n := len(members); n > 0 {
		lastEnd = members[n-1].end()
	}
	for fr := range frames {
		f := &b.frames[fr.index]
		fs, fe := f.dOff, f.dOff+int64(f.dSize)
		if fr.err != nil {
			if fs >= lastEnd {
				prob(whereStream, "end-of-archive frame damaged: %v", fr.err)
			}
		}
		for cur < len(members) && members[cur].hdrOff < fe {
			if ms == nil {
				start()
			}
			m := ms.m
			lo, hi := max(m.hdrOff, fs), min(m.end(), fe)
			if fr.err != nil {
				if ms.damage == nil {
					ms.damage = fr.err
				}
			} else if ms.damage == nil {
				ms.feed(fr.data[lo-fs:hi-fs], lo)
			}
			if m.end() > fe {
				break
			}
			finish()
		}
		if fr.err == nil && fe > lastEnd {
			for _, c := range fr.data[max(lastEnd, fs)-fs:] {
				if c != 0 {
					tailBad = true
					break
				}
			}
		}
		if fr.data != nil {
			release(fr.data)
		}
		decoded = fe
		if progress != nil {
			progress(decoded, b.ix.streamSize)
		}
	}
	if err := ctx.Err(); err != nil {
		if ms != nil && ms.json != nil {
			ms.json.abort()
		}
		jc.wait()
		return err
	}
	if decoded != b.ix.streamSize {
		prob(whereStream, "stream ended after %d of %d bytes", decoded, b.ix.streamSize)
		for cur < len(members) {
			if ms == nil {
				start()
			}
			if ms.damage == nil {
				ms.damage = errors.New("the stream ended before this member")
			}
			finish()
		}
	}
	if tailBad {
		prob(whereStream, "non-zero bytes after the last member")
	}

	// JSON results arrive in any order; report them in member order.
	results := jc.wait()
	sort.Slice(results, func(i, j int) bool { return results[i].member < results[j].member })
	lineCount := map[string]int64{}
	var refs []mediaRefAt
	for _, r := range results {
		name := members[r.member].Name
		switch {
		case r.err != nil:
			prob(name, "JSON check: %v", r.err)
		case r.records:
			lineCount[name] = r.count
			refs = append(refs, r.refs...)
		}
	}
	m := st.manifest
	for _, c := range m.Collections {
		name := "data/" + c.Name + ".jsonl"
		if n, ok := lineCount[name]; ok && n != c.Captured {
			prob(ManifestName, "collection %s claims %d records, %s holds %d", c.Name, c.Captured, name, n)
		}
	}
	for _, r := range refs {
		f := st.files[r.file]
		switch {
		case f == nil:
			rep.MissingMedia = append(rep.MissingMedia, MediaRef{Record: r.at, File: r.file, Detail: "not in the bundle"})
		case r.sha256 != "" && r.sha256 != f.SHA256:
			rep.MissingMedia = append(rep.MissingMedia, MediaRef{Record: r.at, File: r.file, Detail: "the record expects a different sha256"})
		}
	}
	sort.Slice(rep.MissingMedia, func(i, j int) bool { return rep.MissingMedia[i].Record < rep.MissingMedia[j].Record })
	return b.checkScreens(st, rep)
}

// feed processes the member's bytes in [off, off+len(p)) of the stream.
func (ms *memberState) feed(p []byte, off int64) {
	m := ms.m
	end := off + int64(len(p))
	if off < m.dataOff {
		k := min(end, m.dataOff) - off
		ms.hdr = append(ms.hdr, p[:k]...)
		p, off = p[k:], off+k
	}
	dataEnd := m.dataOff + m.Size
	if len(p) > 0 && off < dataEnd {
		k := min(end, dataEnd) - off
		ms.h.Write(p[:k])
		if ms.json != nil {
			ms.json.write(p[:k])
		}
		p = p[k:]
	}
	for _, c := range p {
		if c != 0 {
			ms.padding = true
			break
		}
	}
}

// isRecordFile reports whether name is a data/<collection>.jsonl file.
func isRecordFile(name string) bool {
	dir, file := path.Split(name)
	return dir == "data/" && strings.HasSuffix(file, ".jsonl")
}
