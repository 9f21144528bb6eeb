package archive

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// ExtractOptions controls [Extract].
type ExtractOptions struct {
	// Progress, if set, is called as member bytes are written.
	Progress func(done, total int64)
}

// Extract writes every member of a bundle into dir, which may exist but
// must not already hold any of the bundle's files.
//
// Extraction reads the tar stream the way `tar -x` would and trusts
// nothing in it: only regular files listed in the manifest are accepted,
// with safe names, each capped at its manifest size and checked against its
// manifest sha256; links, devices and anything else are refused. All
// writes go through an os.Root, so nothing lands outside dir. On any error
// the files and folders this call created are removed again. Afterwards
// `sha256sum -c manifest-sha256.txt` passes inside dir.
func Extract(ctx context.Context, bundlePath, dir string, opts ExtractOptions) (*Manifest, error) {
	b, err := Open(ctx, bundlePath)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	st, err := b.quickCheck()
	if err != nil {
		return nil, err
	}
	if len(st.problems) > 0 {
		p := st.problems[0]
		return nil, &CorruptError{Where: p.Where, Err: errors.New(p.Detail)}
	}
	m := st.manifest
	want := make(map[string]string, len(m.Files)+2) // name -> sha256
	size := make(map[string]int64, len(m.Files)+2)
	for _, f := range m.Files {
		want[f.Path], size[f.Path] = f.SHA256, f.Bytes
	}
	want[ManifestName], size[ManifestName] = hex.EncodeToString(st.manifestSum[:]), st.manifestLen
	want[ManifestSumsName], size[ManifestSumsName] = hex.EncodeToString(st.sumsSum[:]), st.sumsLen
	total := m.Totals.Bytes + st.manifestLen + st.sumsLen

	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	if free, ok := freeBytes(dir); ok && free < total {
		return nil, fmt.Errorf("extract: %s has %d bytes free, the bundle needs %d", dir, free, total)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	defer root.Close()
	x := &extractor{root: root}
	err = x.run(ctx, b, want, size, total, opts.Progress)
	if err != nil {
		x.undo()
		return nil, err
	}
	return m, nil
}

type extractor struct {
	root    *os.Root
	created []string // files and folders made by this call, in order
	dirs    map[string]bool
}

func (x *extractor) run(ctx context.Context, b *Bundle, want map[string]string, size map[string]int64, total int64, progress func(done, total int64)) error {
	s := b.newStreamReader(ctx)
	defer s.Close()
	tr := tar.NewReader(s)
	seen := make(map[string]bool, len(want))
	buf := make([]byte, 1<<20)
	var done int64
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var ce *CorruptError
			if errors.As(err, &ce) {
				return err
			}
			return corruptf(whereStream, "unreadable tar header: %v", err)
		}
		name := hdr.Name
		switch hdr.Typeflag {
		case tar.TypeReg:
		case tar.TypeDir:
			name = strings.TrimSuffix(name, "/")
			if err := CheckName(name); err != nil {
				return corruptf(hdr.Name, "refused: %v", err)
			}
			if err := x.mkdirs(name); err != nil {
				return err
			}
			continue
		case tar.TypeSymlink:
			return corruptf(name, "refused: a symbolic link (to %q)", hdr.Linkname)
		case tar.TypeLink:
			return corruptf(name, "refused: a hard link (to %q)", hdr.Linkname)
		case tar.TypeChar, tar.TypeBlock, tar.TypeFifo:
			return corruptf(name, "refused: a device or FIFO")
		default:
			return corruptf(name, "refused: tar entry type %q", hdr.Typeflag)
		}
		if err := CheckName(name); err != nil {
			return corruptf(name, "refused: %v", err)
		}
		sum, listed := want[name]
		switch {
		case !listed:
			return corruptf(name, "refused: not listed in the manifest")
		case seen[name]:
			return corruptf(name, "refused: appears twice")
		case hdr.Size != size[name]:
			return corruptf(name, "refused: the tar header says %d bytes, the manifest says %d", hdr.Size, size[name])
		}
		seen[name] = true
		if dir := path.Dir(name); dir != "." {
			if err := x.mkdirs(dir); err != nil {
				return err
			}
		}
		f, err := x.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("extract: %s already exists in the target folder", name)
			}
			return fmt.Errorf("extract: %w", err)
		}
		x.created = append(x.created, name)
		h := sha256.New()
		// Read at most the manifest's size: a lying header cannot make us
		// write more than the manifest promised.
		n, err := io.CopyBuffer(io.MultiWriter(f, h), io.LimitReader(tr, size[name]), buf)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			var ce *CorruptError
			if errors.As(err, &ce) {
				return err
			}
			return fmt.Errorf("extract %s: %w", name, err)
		}
		if n != size[name] {
			return corruptf(name, "ends after %d of %d bytes", n, size[name])
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != sum {
			return corruptf(name, "sha256 is %s, the manifest says %s", got, sum)
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	for name := range want {
		if !seen[name] {
			return corruptf(name, "listed in the manifest but missing from the tar stream")
		}
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
				return fmt.Errorf("extract: %s exists in the target folder and is not a folder", p)
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
