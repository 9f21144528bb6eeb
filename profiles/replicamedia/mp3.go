package replicamedia

import (
	"encoding/binary"
	"math/rand/v2"
	"time"
)

// The frames of [MP3]: MPEG-2 Layer III (ISO/IEC 13818-3), 16 kHz, 8 kbit/s,
// mono, no CRC. Each frame is 36 bytes and 576 samples long (36 ms).
var mp3Header = [4]byte{
	0xFF, 0xF3, // sync, MPEG-2, Layer III, no CRC
	0x18, // bitrate index 1 (8 kbit/s), 16 kHz, no padding
	0xC0, // mono
}

const (
	mp3Frame      = 36
	mp3FrameTime  = 36 * time.Millisecond
	mp3SideInfo   = 9 // bytes, MPEG-2 mono
	mp3FrameCount = 1 << 20
)

// MP3 makes an MP3 file a browser plays: length of silence (at least one
// frame). Each frame's side information says it has no audio data, so a
// decoder plays silence; the bytes after it, which decoders skip as
// ancillary data, depend on name, so that two names give two files.
func MP3(name string, length time.Duration) []byte {
	n := min(max(int((length+mp3FrameTime-1)/mp3FrameTime), 1), mp3FrameCount)
	out := make([]byte, n*mp3Frame)
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], seed(name))
	rand.NewChaCha8(key).Read(out)
	for i := 0; i < len(out); i += mp3Frame {
		copy(out[i:], mp3Header[:])
		clear(out[i+4 : i+4+mp3SideInfo]) // main_data_begin 0, part2_3_length 0: no audio data
		for k := i + 4 + mp3SideInfo; k < i+mp3Frame; k++ {
			out[k] &= 0x7F // no byte of the filler looks like a frame's sync
		}
	}
	return out
}
