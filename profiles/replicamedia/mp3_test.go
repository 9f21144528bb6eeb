package replicamedia

import (
	"bytes"
	"testing"
	"time"

	"github.com/farewell-app/farewell/exporter"
)

// TestMP3: a file of whole frames for the length asked, each one's header
// and empty side information where a decoder looks, no sync word in the
// filler, sniffed as audio, and bytes that depend only on the name.
func TestMP3(t *testing.T) {
	for _, tc := range []struct {
		name   string
		length time.Duration
		frames int
	}{
		{"a voice", 4200 * time.Millisecond, 117}, {"a sound", 75 * time.Second, 2084}, {"nothing", 0, 1}, {"one frame", 36 * time.Millisecond, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := MP3(tc.name, tc.length)
			if len(b) != tc.frames*mp3Frame {
				t.Fatalf("%d bytes, want %d frames of %d", len(b), tc.frames, mp3Frame)
			}
			if ctype, _ := exporter.Sniff(b); ctype != "audio/mpeg" {
				t.Errorf("sniffed as %q", ctype)
			}
			for i := 0; i < len(b); i += mp3Frame {
				f := b[i : i+mp3Frame]
				if !bytes.Equal(f[:4], mp3Header[:]) || !bytes.Equal(f[4:4+mp3SideInfo], make([]byte, mp3SideInfo)) {
					t.Fatalf("frame %d starts % x", i/mp3Frame, f[:4+mp3SideInfo])
				}
				if bytes.IndexByte(f[4:], 0xFF) >= 0 {
					t.Fatalf("frame %d has a sync byte in its filler", i/mp3Frame)
				}
			}
			if !bytes.Equal(b, MP3(tc.name, tc.length)) || bytes.Equal(b, MP3(tc.name+"!", tc.length)) {
				t.Error("the bytes do not depend on the name alone")
			}
		})
	}
}
