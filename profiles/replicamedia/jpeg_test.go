package replicamedia

import (
	"bytes"
	"image/jpeg"
	"testing"

	"github.com/farewell-app/farewell/exporter"
)

// TestJPEG: the pictures are sniffed as JPEG, decode with the standard decoder at the size
// asked, depend only on their name, and show two colours.
func TestJPEG(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
	}{
		{"006abc/0", 1024, 1024}, {"tos-cn-i-0813/x", 361, 487}, {"tiny", 1, 1}, {"odd", 9, 17}, {"wide", 2000, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := JPEG(tc.name, tc.w, tc.h)
			if !bytes.Equal(b, JPEG(tc.name, tc.w, tc.h)) {
				t.Fatal("the same name gave different bytes")
			}
			if bytes.Equal(b, JPEG(tc.name+"!", tc.w, tc.h)) {
				t.Fatal("another name gave the same bytes")
			}
			if ctype, _ := exporter.Sniff(b); ctype != "image/jpeg" {
				t.Errorf("sniffed as %q", ctype)
			}
			img, err := jpeg.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if r := img.Bounds(); r.Dx() != tc.w || r.Dy() != tc.h {
				t.Fatalf("decoded %v, want %dx%d", r, tc.w, tc.h)
			}
			if tc.w >= 64 && tc.h >= 64 {
				seen := map[uint32]bool{}
				for y := 0; y < tc.h; y += 8 {
					r, g, b, _ := img.At(0, y).RGBA()
					seen[r>>12<<8|g>>12<<4|b>>12] = true
				}
				if len(seen) < 2 {
					t.Fatalf("one colour down the left edge: %v", seen)
				}
			}
		})
	}
}
