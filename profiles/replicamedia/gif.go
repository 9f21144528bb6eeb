package replicamedia

import (
	"bytes"
	"image"
	"image/color/palette"
	"image/gif"
	"math/rand/v2"
)

// GIF draws a w×h animated GIF of two frames that depends only on name:
// diagonal stripes that move between the frames.
func GIF(name string, w, h int) []byte {
	w, h = min(max(w, 1), 4096), min(max(h, 1), 4096)
	rng := rand.New(rand.NewPCG(seed(name), 9))
	var frames []*image.Paletted
	for f := range 2 {
		img := image.NewPaletted(image.Rect(0, 0, w, h), palette.Plan9)
		base := uint8(rng.IntN(200))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				img.SetColorIndex(x, y, base+uint8((x+y+f*7)%40))
			}
		}
		frames = append(frames, img)
	}
	var b bytes.Buffer
	gif.EncodeAll(&b, &gif.GIF{Image: frames, Delay: []int{20, 20}})
	return b.Bytes()
}
