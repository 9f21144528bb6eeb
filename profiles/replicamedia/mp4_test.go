package replicamedia

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"github.com/farewell-app/farewell/exporter"
)

// TestMP4: a movie has the size and brand asked, the downloader's sniffing
// calls it a video, its boxes and sample tables point at its frames, its
// stream says the picture's size and holds the picture's samples, and
// its bytes depend only on what was asked. Chromium plays these files in
// the viewer's test (cmd/farewell TestViewerInChromium, "media plays").
func TestMP4(t *testing.T) {
	for _, tc := range []struct {
		name  string
		m     Movie
		ctype string
		w, h  int // the picture
		size  int // 0: m.Size
	}{
		{"weibo 720p", Movie{Name: "v/mp4_720p", Size: 180_000, Width: 1280, Height: 720, Length: 65500 * time.Millisecond}, "video/mp4", 64, 36, 0},
		{"douyin portrait", Movie{Name: "rung", Size: 12_000, Width: 1080, Height: 1920, Length: 30 * time.Second}, "video/mp4", 36, 64, 0},
		{"tight: smaller picture", Movie{Name: "live", Size: 3_000, Width: 720, Height: 1280, Length: 183 * time.Second}, "video/mp4", 8, 16, 0},
		{"live photo", Movie{Name: "motion/x", Size: 40_000, Brand: "qt  ", Width: 1440, Height: 1080, Length: 3 * time.Second}, "video/quicktime", 64, 48, 0},
		{"no shape, no length", Movie{Name: "bare", Size: 10_000}, "video/mp4", 64, 64, 0},
		{"no room for the full picture", Movie{Name: "bare", Size: 5_000}, "video/mp4", 32, 32, 0},
		{"too small for any movie", Movie{Name: "tiny", Size: 64, Width: 16, Height: 16, Length: time.Hour}, "video/mp4", 16, 16, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := MP4(tc.m)
			switch {
			case tc.size == 0 && len(b) != tc.m.Size:
				t.Errorf("%d bytes, want %d", len(b), tc.m.Size)
			case tc.size < 0 && len(b) <= tc.m.Size:
				t.Errorf("%d bytes: no room for a movie in %d", len(b), tc.m.Size)
			}
			if ctype, _ := exporter.Sniff(b); ctype != tc.ctype {
				t.Errorf("sniffed as %q, want %q", ctype, tc.ctype)
			}
			if !bytes.Equal(b, MP4(tc.m)) {
				t.Error("the same movie gave different bytes")
			}
			other := tc.m
			other.Name += "!"
			if bytes.Equal(b, MP4(other)) {
				t.Error("another name gave the same bytes")
			}
			mv, err := readMovie(b)
			if err != nil {
				t.Fatal(err)
			}
			if mv.w != tc.w || mv.h != tc.h {
				t.Errorf("picture %dx%d, want %dx%d", mv.w, mv.h, tc.w, tc.h)
			}
			if want := max(int(tc.m.Length/time.Millisecond), 40); mv.ms != want || mv.sampleMS != want {
				t.Errorf("lasts %d ms (samples %d ms), want %d", mv.ms, mv.sampleMS, want)
			}
			if mv.colours != 2 {
				t.Errorf("%d colours in the picture, want 2", mv.colours)
			}
		})
	}
}

// FuzzMP4: whatever is asked, the movie reads back whole: its boxes,
// sample tables, parameter sets and picture agree.
func FuzzMP4(f *testing.F) {
	f.Add("a", 60_000, 1280, 720, int64(5500))
	f.Add("b", 10, 0, 0, int64(0))
	f.Add("c", 9000, 1, 5000, int64(600_000))
	f.Fuzz(func(t *testing.T, name string, size, w, h int, ms int64) {
		size, w, h, ms = size%1_000_000, w%10_000, h%10_000, ms%3_600_000
		m := Movie{Name: name, Size: size, Width: w, Height: h, Length: time.Duration(ms) * time.Millisecond}
		b := MP4(m)
		if len(b) < size {
			t.Fatalf("%d bytes, want at least %d", len(b), size)
		}
		mv, err := readMovie(b)
		if err != nil {
			t.Fatal(err)
		}
		if mv.w < 2 || mv.h < 2 || max(mv.w, mv.h) > 64 || mv.ms != mv.sampleMS {
			t.Fatalf("read back %+v", mv)
		}
	})
}

// readMovie is what the tests read back from a movie.
type readBack struct {
	w, h     int // the cropped picture of the SPS
	ms       int // the movie's duration
	sampleMS int // the sum of its samples' durations
	colours  int // distinct luma values of the IDR frame's I_PCM samples
}

// readMovie walks a movie's boxes, checks that its sample tables point at
// length-prefixed NAL units that start with an IDR frame, and reads the
// picture's size from the SPS and its samples from the IDR frame.
func readMovie(b []byte) (readBack, error) {
	var r readBack
	top := boxes(b)
	if len(top) != 3 || top[0].typ != "ftyp" || top[1].typ != "moov" || top[2].typ != "mdat" {
		return r, fmt.Errorf("top-level boxes %v, want ftyp, moov, mdat", top)
	}
	moov := top[1].body
	mvhd := find(moov, "mvhd")
	stbl := find(moov, "trak", "mdia", "minf", "stbl")
	if mvhd == nil || stbl == nil || len(mvhd) < 20 {
		return r, fmt.Errorf("no mvhd or stbl")
	}
	r.ms = int(binary.BigEndian.Uint32(mvhd[16:]))
	stts, stsz, stco := find(stbl, "stts"), find(stbl, "stsz"), find(stbl, "stco")
	stsd := find(stbl, "stsd")
	if stts == nil || stsz == nil || stco == nil || len(stsd) < 8 {
		return r, fmt.Errorf("missing sample tables")
	}
	avc1 := find(stsd[8:], "avc1") // after stsd's version, flags and entry count
	if len(avc1) < 78 {
		return r, fmt.Errorf("no avc1")
	}
	avcC := find(avc1[78:], "avcC") // after avc1's own fields
	if len(avcC) < 8 {
		return r, fmt.Errorf("no avcC")
	}
	for i, n := 0, int(binary.BigEndian.Uint32(stts[4:])); i < n; i++ {
		count, delta := binary.BigEndian.Uint32(stts[8+8*i:]), binary.BigEndian.Uint32(stts[12+8*i:])
		r.sampleMS += int(count * delta)
	}
	spsLen := int(binary.BigEndian.Uint16(avcC[6:]))
	if len(avcC) < 8+spsLen || spsLen < 2 {
		return r, fmt.Errorf("short avcC")
	}
	var err error
	r.w, r.h, err = spsSize(unescape(avcC[8+1 : 8+spsLen]))
	if err != nil {
		return r, err
	}
	mbs := (r.w + 15) / 16 * ((r.h + 15) / 16)
	samples := int(binary.BigEndian.Uint32(stsz[8:]))
	off := int(binary.BigEndian.Uint32(stco[8:]))
	mdatEnd := len(b)
	for i := range samples {
		size := int(binary.BigEndian.Uint32(stsz[12+4*i:]))
		if off+size > mdatEnd || size < 5 {
			return r, fmt.Errorf("sample %d at %d+%d is outside the file", i, off, size)
		}
		nal := b[off+4 : off+size]
		if int(binary.BigEndian.Uint32(b[off:])) != len(nal) {
			return r, fmt.Errorf("sample %d: its length prefix disagrees with stsz", i)
		}
		want := byte(0x41)
		if i == 0 {
			want = 0x65
		}
		if nal[0] != want {
			return r, fmt.Errorf("sample %d is NAL %#x, want %#x", i, nal[0], want)
		}
		if i == 0 {
			var err error
			if r.colours, err = pcmColours(unescape(nal[1:]), mbs); err != nil {
				return r, err
			}
		}
		off += size
	}
	return r, nil
}

type mp4Box struct {
	typ  string
	body []byte
}

func (b mp4Box) String() string { return b.typ }

func boxes(b []byte) []mp4Box {
	var out []mp4Box
	for len(b) >= 8 {
		n := int(binary.BigEndian.Uint32(b))
		if n < 8 || n > len(b) {
			return append(out, mp4Box{typ: "bad"})
		}
		out = append(out, mp4Box{string(b[4:8]), b[8:n]})
		b = b[n:]
	}
	return out
}

// find descends through boxes by type; full boxes' version and flags are
// part of the body returned.
func find(b []byte, path ...string) []byte {
	for _, typ := range path {
		var next []byte
		for _, x := range boxes(b) {
			if x.typ == typ {
				next = x.body
				break
			}
		}
		if next == nil {
			return nil
		}
		b = next
	}
	return b
}

// unescape removes emulation prevention bytes.
func unescape(nal []byte) []byte {
	var out []byte
	zeros := 0
	for _, c := range nal {
		if zeros >= 2 && c == 3 {
			zeros = 0
			continue
		}
		out = append(out, c)
		if c == 0 {
			zeros++
		} else {
			zeros = 0
		}
	}
	return out
}

type bitReader struct {
	b   []byte
	pos int
}

func (r *bitReader) u(n int) int {
	v := 0
	for range n {
		bit := 0
		if r.pos/8 < len(r.b) {
			bit = int(r.b[r.pos/8]>>(7-r.pos%8)) & 1
		}
		v = v<<1 | bit
		r.pos++
	}
	return v
}

func (r *bitReader) ue() int {
	zeros := 0
	for r.u(1) == 0 && zeros < 32 {
		zeros++
	}
	return 1<<zeros - 1 + r.u(zeros)
}

// spsSize reads the cropped picture size from an SPS of the Baseline
// profile with pic_order_cnt_type 2.
func spsSize(sps []byte) (int, int, error) {
	r := &bitReader{b: sps}
	if p := r.u(8); p != 66 {
		return 0, 0, fmt.Errorf("profile %d", p)
	}
	r.u(16)
	r.ue()
	r.ue()
	if poc := r.ue(); poc != 2 {
		return 0, 0, fmt.Errorf("pic_order_cnt_type %d", poc)
	}
	r.ue()
	r.u(1)
	w, h := (r.ue()+1)*16, (r.ue()+1)*16
	r.u(2)
	if r.u(1) == 1 {
		left, right, top, bottom := r.ue(), r.ue(), r.ue(), r.ue()
		w -= 2 * (left + right)
		h -= 2 * (top + bottom)
	}
	return w, h, nil
}

// pcmColours reads an IDR slice of farewell's form (every macroblock
// I_PCM) and counts the distinct luma samples of the whole picture.
func pcmColours(slice []byte, mbs int) (int, error) {
	r := &bitReader{b: slice}
	r.ue()
	if st := r.ue(); st != 7 {
		return 0, fmt.Errorf("slice_type %d", st)
	}
	r.ue()
	r.u(log2MaxFrameNum)
	r.ue()
	r.u(2)
	r.ue() // slice_qp_delta 0
	r.ue()
	seen := map[byte]bool{}
	for i := range mbs {
		if mb := r.ue(); mb != 25 {
			return 0, fmt.Errorf("macroblock %d: mb_type %d, want I_PCM", i, mb)
		}
		for r.pos%8 != 0 {
			r.u(1)
		}
		start := r.pos / 8
		if start+384 > len(slice) {
			return 0, fmt.Errorf("macroblock %d: short", i)
		}
		for _, v := range slice[start : start+384] {
			if v == 0 {
				return 0, fmt.Errorf("macroblock %d: a zero sample", i)
			}
		}
		for _, v := range slice[start : start+256] {
			seen[v] = true
		}
		r.pos += 384 * 8
	}
	return len(seen), nil
}
