package replicamedia

import (
	"bytes"
	"image/gif"
	"testing"

	"github.com/farewell-app/farewell/exporter"
)

// TestGIF: two frames of the size asked, sniffed as a picture, bytes that
// depend only on the name.
func TestGIF(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
	}{{"006gif", 160, 120}, {"tiny", 1, 1}, {"zero", 0, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			b := GIF(tc.name, tc.w, tc.h)
			if ctype, _ := exporter.Sniff(b); ctype != "image/gif" {
				t.Errorf("sniffed as %q", ctype)
			}
			g, err := gif.DecodeAll(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if r := g.Image[0].Bounds(); len(g.Image) != 2 || r.Dx() != max(tc.w, 1) || r.Dy() != max(tc.h, 1) {
				t.Errorf("%d frames of %v", len(g.Image), r)
			}
			if !bytes.Equal(b, GIF(tc.name, tc.w, tc.h)) {
				t.Error("the same name gave different bytes")
			}
		})
	}
}
