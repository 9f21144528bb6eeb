package exporter

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestTextProgressEscapes: what a run prints about a collection may quote
// the site (a note, a wait's reason, a collection's name); none of its
// control or bidi characters reaches the terminal, and the printer's own
// line ends stay.
func TestTextProgressEscapes(t *testing.T) {
	const hostile = "\x1b]0;SAFE\x07\x1b[2J\r\u202e"
	for _, c := range []struct {
		name string
		do   func(p Progress)
		want string
	}{
		{"note", func(p Progress) { p.Notef("the site said %q: %s", "ok", hostile) }, `\x1b]0;SAFE\x07\x1b[2J\r\u202e`},
		{"finish note", func(p Progress) { p.Finish("posts", 3, hostile) }, `posts: 3 captured (\x1b]0;SAFE`},
		{"collection", func(p Progress) { p.Collection(Collection("posts"+hostile), nil) }, `posts\x1b]0;SAFE`},
		{"countdown", func(p Progress) { p.Countdown(context.Background(), hostile, time.Millisecond) }, `\x1b[2J\r\u202e: waiting`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			c.do(NewTextProgress(&b, false))
			out := b.String()
			if !strings.Contains(out, c.want) {
				t.Errorf("output %q lacks %q", out, c.want)
			}
			if strings.ContainsAny(out, "\x1b\x07\r\u202e") || strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
				t.Errorf("output %q is not one escaped line", out)
			}
		})
	}
}
