package archive

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// checkHeader checks the header bytes before a member's data: they must be
// in the one form [Pack] writes, and a tar reader must see exactly the
// member the index describes.
//
// Tar programs disagree about headers outside that form. A header with a
// GNU long name and a PAX path is read as one name by Go's archive/tar and
// as the other by GNU tar; sparse maps and multi-volume records change
// which bytes are the file. So the raw blocks are read first, and anything
// but an optional PAX extended header holding only the records Go's writer
// emits, followed by one POSIX ustar regular-file header, is refused:
// "verify passes" then means "tar -x extracts exactly this".
func checkHeader(b []byte, m *Member) error {
	if err := checkHeaderBlocks(b); err != nil {
		return err
	}
	r := bytes.NewReader(b)
	tr := tar.NewReader(r)
	hdr, err := tr.Next()
	if err != nil {
		return fmt.Errorf("tar header unreadable: %v", err)
	}
	switch {
	case hdr.Typeflag != tar.TypeReg:
		return fmt.Errorf("tar header has type %q, not a regular file", hdr.Typeflag)
	case hdr.Name != m.Name:
		return fmt.Errorf("tar header names it %q", hdr.Name)
	case hdr.Size != m.Size:
		return fmt.Errorf("tar header says %d bytes, the index says %d", hdr.Size, m.Size)
	case r.Len() != 0:
		return fmt.Errorf("tar header region has %d unexpected bytes", r.Len())
	}
	return nil
}

// Offsets of the ustar header fields checkHeaderBlocks reads.
const (
	ustarSize     = 124 // 12 bytes, octal
	ustarTypeflag = 156
	ustarMagic    = 257 // "ustar\x00" then version "00"
)

// checkHeaderBlocks walks the raw 512-byte blocks of a member's header
// region: at most one PAX extended header ('x') with its records, then
// exactly one regular-file header ('0'), every block in POSIX ustar form.
func checkHeaderBlocks(b []byte) error {
	pax := false
	for len(b) >= blockSize {
		blk := b[:blockSize]
		flag := blk[ustarTypeflag]
		if flag != tar.TypeReg && flag != tar.TypeXHeader {
			return fmt.Errorf("tar header holds %s, which farewell never writes", typeflagName(flag))
		}
		if string(blk[ustarMagic:ustarMagic+8]) != "ustar\x0000" {
			return errors.New("tar header is not in POSIX ustar form (GNU or old-style tar headers are read differently by different tools)")
		}
		if flag == tar.TypeReg {
			if len(b) != blockSize {
				return fmt.Errorf("tar header region has %d bytes after the file's header", len(b)-blockSize)
			}
			return nil
		}
		if pax {
			return errors.New("tar header has more than one PAX extended header")
		}
		pax = true
		size, err := octalField(blk[ustarSize : ustarSize+12])
		if err != nil {
			return fmt.Errorf("PAX extended header: size %v", err)
		}
		padded := (size + blockSize - 1) / blockSize * blockSize
		if padded > int64(len(b)-2*blockSize) {
			return errors.New("PAX extended header runs past the member's header")
		}
		if err := checkPAXRecords(b[blockSize : blockSize+size]); err != nil {
			return err
		}
		b = b[blockSize+padded:]
	}
	return errors.New("tar header region holds no file header")
}

// octalField parses a numeric ustar field written in octal (NUL or space
// terminated). Base-256 numbers are refused: Pack never writes them.
func octalField(f []byte) (int64, error) {
	s := strings.TrimLeft(strings.TrimRight(string(f), " \x00"), " ")
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseInt(s, 8, 64)
	if err != nil {
		return 0, fmt.Errorf("is not an octal number")
	}
	return v, nil
}

// checkPAXRecords checks the records of a PAX extended header: each is
// "<length> <key>=<value>\n", and the keys are only those Go's tar writer
// emits for what Pack puts in a header: a long or non-ASCII path, a size
// over 8 GiB, a time outside the ustar range. Each may appear once.
func checkPAXRecords(b []byte) error {
	seen := map[string]bool{}
	for len(b) > 0 {
		sp := bytes.IndexByte(b, ' ')
		if sp <= 0 {
			return errors.New("PAX extended header: malformed record")
		}
		n, err := strconv.Atoi(string(b[:sp]))
		if err != nil || n <= sp+1 || n > len(b) || b[n-1] != '\n' {
			return errors.New("PAX extended header: malformed record")
		}
		key, _, ok := bytes.Cut(b[sp+1:n-1], []byte("="))
		if !ok {
			return errors.New("PAX extended header: malformed record")
		}
		switch k := string(key); k {
		case "path", "size", "mtime":
			if seen[k] {
				return fmt.Errorf("PAX extended header repeats its %q record", k)
			}
			seen[k] = true
		default:
			return fmt.Errorf("PAX extended header carries a %q record, which farewell never writes", k)
		}
		b = b[n:]
	}
	return nil
}

// typeflagName says in words what a tar typeflag is.
func typeflagName(flag byte) string {
	switch flag {
	case 0: // tar.TypeRegA, deprecated
		return "an old-style regular file header"
	case tar.TypeLink:
		return "a hard link"
	case tar.TypeSymlink:
		return "a symbolic link"
	case tar.TypeChar, tar.TypeBlock:
		return "a device"
	case tar.TypeDir:
		return "a folder entry"
	case tar.TypeFifo:
		return "a FIFO"
	case tar.TypeCont:
		return "a contiguous file"
	case tar.TypeXGlobalHeader:
		return "a PAX global header"
	case tar.TypeGNULongName:
		return "a GNU long name"
	case tar.TypeGNULongLink:
		return "a GNU long link name"
	case tar.TypeGNUSparse:
		return "a GNU sparse file"
	case 'M':
		return "a GNU multi-volume continuation"
	case 'V':
		return "a volume label"
	case 'N':
		return "an old GNU long name record"
	case 'D':
		return "a GNU directory dump"
	}
	return fmt.Sprintf("an entry of unknown type %q", flag)
}
