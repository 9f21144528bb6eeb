package archive

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// ExtractOptions controls [Extract].
type ExtractOptions struct {
	// Progress, if set, is called as member bytes are written.
	Progress func(done, total int64)
}

// Extract writes every member of a bundle into dir, which may exist but
// must not already hold any of the bundle's files.
//
// Extraction trusts nothing in the bundle. The quick check runs first (the
// manifest, its checksum file, every name safe, no name both a file and a
// folder), then the tar stream is read in the order of the member index:
// each member's header blocks must be in the one form Pack writes and name
// exactly that member (see checkHeader), so a tar program reads the same
// files; its bytes are capped at its manifest size and checked against its
// manifest sha256; the padding and the end of the archive must be zeros.
// All writes go through an os.Root, so nothing lands outside dir. On any
// error or interruption the files and folders this call created are
// removed again, dir itself included when this call made it. Afterwards
// `sha256sum -c manifest-sha256.txt` passes inside dir.
func Extract(ctx context.Context, bundlePath, dir string, opts ExtractOptions) (*Manifest, error) {
	b, st, err := openChecked(ctx, bundlePath)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	m := st.manifest
	want := make(map[string]string, len(m.Files)+2) // name -> sha256
	for _, f := range m.Files {
		want[f.Path] = f.SHA256
	}
	want[ManifestName] = hex.EncodeToString(st.manifestSum[:])
	want[ManifestSumsName] = hex.EncodeToString(st.sumsSum[:])
	total := m.Totals.Bytes + st.manifestLen + st.sumsLen

	made, err := mkdirAllTracked(dir)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	fail := func(err error) (*Manifest, error) {
		removeMade(made)
		return nil, err
	}
	if free, ok := freeBytes(dir); ok && free < total {
		return fail(fmt.Errorf("extract: %s has %d bytes free, the bundle needs %d", dir, free, total))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fail(fmt.Errorf("extract: %w", err))
	}
	x := &extractor{root: root}
	err = x.run(ctx, b, want, total, opts.Progress)
	if err != nil {
		x.undo()
		root.Close()
		return fail(err)
	}
	if err := root.Close(); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	return m, nil
}

// mkdirAllTracked creates dir and any missing parents, and returns the
// folders it created, outermost first.
func mkdirAllTracked(dir string) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var missing []string
	for p := abs; ; {
		if _, err := os.Lstat(p); err == nil {
			break
		}
		missing = append(missing, p)
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		p = parent
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, err
	}
	slices.Reverse(missing)
	return missing, nil
}

// removeMade removes the folders mkdirAllTracked created, innermost first,
// as long as they are empty.
func removeMade(made []string) {
	for i := len(made) - 1; i >= 0; i-- {
		if os.Remove(made[i]) != nil {
			return
		}
	}
}

type extractor struct {
	root    *os.Root
	created []string // files and folders made by this call, in order
	dirs    map[string]bool
}

// run writes every member, reading the tar stream once, in index order.
func (x *extractor) run(ctx context.Context, b *Bundle, want map[string]string, total int64, progress func(done, total int64)) error {
	s := b.newStreamReader(ctx)
	defer s.Close()
	read := func(p []byte) error {
		_, err := io.ReadFull(s, p)
		if err == nil {
			return nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		var ce *CorruptError
		if errors.As(err, &ce) {
			return err
		}
		return corruptf(whereStream, "ends early: %v", err)
	}
	hdr := make([]byte, 0, 4*blockSize)
	buf := make([]byte, 1<<20)
	var done, end int64
	for i := range b.ix.members {
		m := &b.ix.members[i]
		if err := ctx.Err(); err != nil {
			return err
		}
		hdr = slices.Grow(hdr[:0], int(m.dataOff-m.hdrOff))[:m.dataOff-m.hdrOff]
		if err := read(hdr); err != nil {
			return err
		}
		if err := checkHeader(hdr, m); err != nil {
			return corruptf(m.Name, "refused: %v", err)
		}
		sum, listed := want[m.Name]
		if !listed {
			return corruptf(m.Name, "refused: not listed in the manifest")
		}
		if dir := path.Dir(m.Name); dir != "." {
			if err := x.mkdirs(dir); err != nil {
				return err
			}
		}
		f, err := x.root.OpenFile(m.Name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return &fs.PathError{Op: "extract", Path: filepath.Join(x.root.Name(), filepath.FromSlash(m.Name)), Err: fs.ErrExist}
			}
			return fmt.Errorf("extract: %w", err)
		}
		x.created = append(x.created, m.Name)
		h := sha256.New()
		for left := m.Size; left > 0; {
			p := buf[:min(int64(len(buf)), left)]
			if err = read(p); err != nil {
				break
			}
			h.Write(p)
			if _, err = f.Write(p); err != nil {
				err = fmt.Errorf("extract %s: %w", m.Name, err)
				break
			}
			left -= int64(len(p))
			done += int64(len(p))
			if progress != nil {
				progress(done, total)
			}
		}
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("extract %s: %w", m.Name, cerr)
		}
		if err != nil {
			return err
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != sum {
			return corruptf(m.Name, "sha256 is %s, the manifest says %s", got, sum)
		}
		if err := zeroBytes(read, buf, m.end()-m.dataOff-m.Size, m.Name, "non-zero bytes in the tar padding"); err != nil {
			return err
		}
		end = m.end()
	}
	return zeroBytes(read, buf, b.ix.streamSize-end, whereStream, "non-zero bytes after the last member")
}

// zeroBytes reads n bytes of the stream and refuses any that is not zero.
func zeroBytes(read func([]byte) error, buf []byte, n int64, where, complaint string) error {
	for n > 0 {
		p := buf[:min(int64(len(buf)), n)]
		if err := read(p); err != nil {
			return err
		}
		if slices.ContainsFunc(p, func(c byte) bool { return c != 0 }) {
			return corruptf(where, "refused: %s", complaint)
		}
		n -= int64(len(p))
	}
	return nil
}

// mkdirs creates dir and its parents inside the root, remembering the
// ones it made.
func (x *extractor) mkdirs(dir string) error {
	if x.dirs == nil {
		x.dirs = map[string]bool{}
	}
	parts := strings.Split(dir, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		if x.dirs[p] {
			continue
		}
		err := x.root.Mkdir(p, 0o700)
		switch {
		case err == nil:
			x.created = append(x.created, p)
		case errors.Is(err, fs.ErrExist):
			st, serr := x.root.Lstat(p)
			if serr != nil || !st.IsDir() {
				return &fs.PathError{Op: "extract", Path: filepath.Join(x.root.Name(), filepath.FromSlash(p)), Err: syscall.ENOTDIR}
			}
		default:
			return fmt.Errorf("extract: %w", err)
		}
		x.dirs[p] = true
	}
	return nil
}

// undo removes what this extraction created, newest first.
func (x *extractor) undo() {
	for i := len(x.created) - 1; i >= 0; i-- {
		x.root.Remove(x.created[i])
	}
}
