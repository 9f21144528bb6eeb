package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// printJSON writes one JSON Lines message with a message_type field. The
// line stays valid JSON; text from a site or a bundle in it has its
// control and bidi characters written as \u escapes (termsafe.JSON).
func printJSON(w io.Writer, messageType string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = termsafe.JSON(b)
	// Splice message_type in front of the object's own fields.
	if len(b) < 2 || b[0] != '{' {
		return fmt.Errorf("printJSON: %T is not an object", v)
	}
	head := fmt.Sprintf(`{"message_type":%q`, messageType)
	if len(b) > 2 {
		head += ","
	}
	_, err = fmt.Fprintf(w, "%s%s\n", head, b[1:])
	return err
}

// showProgress reports whether progress bars belong on stderr: only when
// it is a terminal and neither --json nor --quiet was given.
func (g *GlobalOptions) showProgress() bool {
	if g.JSON || g.Quiet {
		return false
	}
	f, ok := g.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// termWidth is the width of the terminal stderr is, or 0 when unknown.
func (g *GlobalOptions) termWidth() int {
	f, ok := g.stderr.(*os.File)
	if !ok {
		return 0
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}

// byteProgress returns a progress callback drawing a byte bar on stderr
// (or nothing, when bars are off) and a function that finishes the bar.
func (g *GlobalOptions) byteProgress(desc string) (func(done, total int64), func()) {
	if !g.showProgress() {
		return nil, func() {}
	}
	var bar *progressbar.ProgressBar
	update := func(done, total int64) {
		if bar == nil {
			bar = progressbar.NewOptions64(total,
				progressbar.OptionSetWriter(g.stderr),
				progressbar.OptionSetDescription(desc),
				progressbar.OptionShowBytes(true),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionFullWidth(),
			)
		}
		bar.Set64(done)
	}
	finish := func() {
		if bar != nil {
			bar.Finish()
		}
	}
	return update, finish
}

// archiveMemoryLimit is the soft limit on Go memory while packing,
// verifying or extracting. These stream with fixed-size buffers; the limit
// makes the garbage collector collect before the heap doubles, so peak
// RSS stays near the live data instead of twice it.
const archiveMemoryLimit = 40 << 20

// limitMemory sets a soft memory limit and returns a function restoring
// the previous one.
func limitMemory(limit int64) func() {
	prev := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}
