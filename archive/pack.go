package archive

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// Spec says what to pack: the payload files and what the manifest should
// say about them. A store fills in platform, account, capture window and
// collections; a plain directory ([DirSpec]) has none of them.
type Spec struct {
	Platform    string // "weibo", "douyin", or PlatformDir
	Account     Account
	Capture     *Window
	Collections Collections
	Warnings    []string
	Readiness   []Readiness
	Files       []SourceFile // in the order they go into the bundle
	// CreatedAt is the bundle's time stamp (the name uses it, in UTC);
	// zero means now.
	CreatedAt time.Time
}

// SourceFile maps a member name to the file on disk that holds it, or to
// bytes made for the bundle (the viewer's assets and data).
type SourceFile struct {
	Name string // path inside the bundle
	Path string // path on disk; "" when Data holds the member
	Data []byte
}

// PackOptions controls [Pack].
type PackOptions struct {
	OutDir string // where the bundle is written; created if missing
	Tool   Tool
	// Progress, if set, is called as payload bytes are read.
	Progress func(done, total int64)
	// Workers is the number of compression goroutines (default 2).
	Workers int

	// create opens the .partial file; tests replace it to simulate a full
	// disk. nil means os.OpenFile.
	create func(path string) (bundleFile, error)
}

type bundleFile interface {
	io.Writer
	Sync() error
	Close() error
}

// PackResult describes a written bundle.
type PackResult struct {
	Path            string
	Manifest        *Manifest
	CompressedBytes int64
}

// BundleName returns farewell-<platform>-<account>-<UTC yyyymmddThhmmssZ>.tar.zst,
// with characters that do not belong in a file name replaced.
func BundleName(platform, account string, t time.Time) string {
	return fmt.Sprintf("farewell-%s-%s-%s.tar.zst",
		nameToken(platform), nameToken(account), t.UTC().Format("20060102T150405Z"))
}

func nameToken(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 80 {
			break
		}
	}
	t := strings.Trim(b.String(), "._")
	if t == "" {
		return "unnamed"
	}
	return t
}

// DirSpec describes a plain directory as a bundle: every regular file,
// in lexical order, under its path relative to dir. Symbolic links and
// special files are skipped with a warning; names a bundle cannot hold are
// an error naming the file.
func DirSpec(ctx context.Context, dir string) (*Spec, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	spec := &Spec{Platform: PlatformDir, Account: Account{ID: filepath.Base(abs)}}
	names := newNameSet(0)
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == abs {
			return nil
		}
		rel, err := filepath.Rel(abs, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			spec.Warnings = append(spec.Warnings, fmt.Sprintf("skipped %s: not a regular file (%s)", name, d.Type()))
			return nil
		case name == ManifestName || name == ManifestSumsName:
			return fmt.Errorf("%s: %s is reserved for the bundle's own manifest (is this an extracted bundle?)", p, name)
		}
		if err := CheckName(name); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if err := names.add(name); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		spec.Files = append(spec.Files, SourceFile{Name: name, Path: p})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return spec, nil
}

// Pack writes spec as a bundle in opts.OutDir. One read of each file feeds
// both sha256 and the compressor. The bundle is written as
// <name>.<host>.<pid>.partial, synced, then moved to its final name, so a file
// with the final name is always whole; on any error the partial file is
// removed, and partial files that killed runs left in opts.OutDir are
// removed first.
func Pack(ctx context.Context, spec *Spec, opts PackOptions) (*PackResult, error) {
	if opts.Workers <= 0 {
		opts.Workers = 2
	}
	created := spec.CreatedAt
	if created.IsZero() {
		created = time.Now()
	}
	created = created.UTC().Truncate(time.Second)

	// Check names and sizes up front, so a bad input fails before any
	// bundle bytes are written.
	names := newNameSet(len(spec.Files) + 2)
	names.add(ManifestName)
	names.add(ManifestSumsName)
	sizes := make([]int64, len(spec.Files))
	var total int64
	for i, f := range spec.Files {
		if err := CheckName(f.Name); err != nil {
			return nil, fmt.Errorf("pack %s: %w", f.Path, err)
		}
		if err := names.add(f.Name); err != nil {
			return nil, fmt.Errorf("pack %s: %w", f.Path, err)
		}
		if f.Path == "" {
			sizes[i] = int64(len(f.Data))
			total += sizes[i]
			continue
		}
		st, err := os.Stat(f.Path)
		if err != nil {
			return nil, fmt.Errorf("pack: %w", err)
		}
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("pack %s: not a regular file", f.Path)
		}
		sizes[i] = st.Size()
		total += st.Size()
	}

	if err := os.MkdirAll(opts.OutDir, 0o700); err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	final := filepath.Join(opts.OutDir, BundleName(spec.Platform, spec.Account.ID, created))
	if _, err := os.Lstat(final); err == nil {
		return nil, fmt.Errorf("pack: %s already exists", final)
	}
	removeStalePartials(opts.OutDir)
	partial := partialName(final)
	create := opts.create
	if create == nil {
		create = func(p string) (bundleFile, error) {
			return os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		}
	}
	out, err := create(partial)
	if err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	res, err := writeBundle(ctx, spec, opts, out, created, sizes, total)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = publish(partial, final)
	}
	if err != nil {
		os.Remove(partial)
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		return nil, fmt.Errorf("pack %s: %w", final, err)
	}
	res.Path = final
	return res, nil
}

// publish moves the finished partial file to its final name without ever
// replacing an existing file, then syncs the directory.
func publish(partial, final string) error {
	if err := os.Link(partial, final); err == nil {
		os.Remove(partial)
	} else if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists", final)
	} else if err := os.Rename(partial, final); err != nil {
		return err
	}
	d, err := os.Open(filepath.Dir(final))
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// writeBundle writes the frames, the member index and the seek table.
func writeBundle(ctx context.Context, spec *Spec, opts PackOptions, out io.Writer, created time.Time, sizes []int64, total int64) (*PackResult, error) {
	enc, err := newEncoder(opts.Workers)
	if err != nil {
		return nil, err
	}
	defer enc.Close()
	fw := newFrameWriter(out, enc, opts.Workers)
	closed := false
	defer func() {
		if !closed {
			fw.Close()
		}
	}()
	tw := tar.NewWriter(fw)
	ix := &index{}
	files := make([]File, 0, len(spec.Files))
	buf := make([]byte, 1<<20)
	var done int64

	// add writes one member from r, which must yield exactly size bytes.
	add := func(name string, size int64, mtime time.Time, r io.Reader) ([32]byte, error) {
		var sum [32]byte
		if err := tw.Flush(); err != nil {
			return sum, err
		}
		if err := fw.Boundary(size + blockSize); err != nil {
			return sum, err
		}
		m := Member{Name: name, Size: size, hdrOff: fw.off}
		hdr := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     name,
			Size:     size,
			Mode:     0o600,
			ModTime:  mtime.Truncate(time.Second),
			Format:   tar.FormatPAX,
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return sum, err
		}
		m.dataOff = fw.off
		h := sha256.New()
		var n int64
		for {
			if err := ctx.Err(); err != nil {
				return sum, err
			}
			k, rerr := r.Read(buf)
			if k > 0 {
				if n+int64(k) > size {
					return sum, fmt.Errorf("%s grew while it was being packed", name)
				}
				h.Write(buf[:k])
				if _, err := tw.Write(buf[:k]); err != nil {
					return sum, err
				}
				n += int64(k)
				done += int64(k)
				if opts.Progress != nil {
					opts.Progress(done, total)
				}
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				return sum, rerr
			}
		}
		if n != size {
			return sum, fmt.Errorf("%s shrank while it was being packed (%d of %d bytes)", name, n, size)
		}
		copy(sum[:], h.Sum(nil))
		ix.members = append(ix.members, m)
		return sum, nil
	}

	for i, sf := range spec.Files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var sum [32]byte
		if sf.Path == "" {
			sum, err = add(sf.Name, sizes[i], created, bytes.NewReader(sf.Data))
		} else {
			sum, err = addFile(sf, sizes[i], add)
		}
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: sf.Name, Bytes: sizes[i], SHA256: hex.EncodeToString(sum[:]), Role: RoleOf(sf.Name)})
	}

	m := &Manifest{
		Format:        ManifestFormat,
		FormatVersion: ManifestFormatVersion,
		Tool:          opts.Tool,
		CreatedAt:     created,
		Platform:      spec.Platform,
		Account:       spec.Account,
		Capture:       spec.Capture,
		Collections:   spec.Collections,
		Files:         files,
		Totals:        Totals{Files: len(files), Bytes: total},
		Warnings:      spec.Warnings,
		Readiness:     spec.Readiness,
	}
	if m.Collections == nil {
		m.Collections = Collections{}
	}
	mb, err := marshalManifest(m)
	if err != nil {
		return nil, err
	}
	msum, err := add(ManifestName, int64(len(mb)), created, bytes.NewReader(mb))
	if err != nil {
		return nil, err
	}
	sb := sumsFile(files, msum)
	if _, err := add(ManifestSumsName, int64(len(sb)), created, bytes.NewReader(sb)); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	ix.streamSize = fw.off
	closed = true
	frames, written, err := fw.Close()
	if err != nil {
		return nil, err
	}
	seek := encodeSeekTable(frames)
	ix.seekSum = sha256.Sum256(seek)
	idxFrame := encodeIndexFrame(enc.EncodeAll(encodeIndexPayload(ix), nil))
	for _, b := range [][]byte{idxFrame, seek} {
		if _, err := out.Write(b); err != nil {
			return nil, err
		}
	}
	return &PackResult{Manifest: m, CompressedBytes: written + int64(len(idxFrame)+len(seek))}, nil
}

// addFile adds one member from a file on disk, with the file's time.
func addFile(sf SourceFile, size int64, add func(string, int64, time.Time, io.Reader) ([32]byte, error)) ([32]byte, error) {
	f, err := os.Open(sf.Path)
	if err != nil {
		return [32]byte{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return [32]byte{}, err
	}
	return add(sf.Name, size, st.ModTime(), f)
}
