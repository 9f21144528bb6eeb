// Package chatshots matches the screenshots of a conversation with its
// messages. A profile scrolls a conversation's message list from the
// newest message to the oldest, screenshotting the list at each step and
// reading which bubbles the screenshot shows (their side and text); this
// package says which messages each screenshot holds, so that verify can
// prove every message is on one, and where to scroll next so that no
// bubble is only ever seen cut in half.
package chatshots

import (
	"encoding/json"
	"os"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers/record"
)

// Bubble is one message on screen: whether it is the person's own (on
// their side), its text, and where it is in the list's scrolled content.
type Bubble struct {
	Mine   bool    `json:"mine"`
	Text   string  `json:"text"`
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
}

// Message is a message as a bubble shows it.
type Message struct {
	ID   string
	Mine bool
	Text string
}

// Shows reports whether a bubble shows a message: the same side, and the
// same text once runs of white space are one space. A bubble may show more
// than the message's text after it (a link's card, a file's name), never
// less.
func Shows(b Bubble, m Message) bool {
	if b.Mine != m.Mine {
		return false
	}
	bt, mt := squash(b.Text), squash(m.Text)
	return bt == mt || (mt != "" && strings.HasPrefix(bt, mt+" "))
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// Align finds which messages each screenshot shows. msgs is the whole
// conversation, oldest first; views are the bubbles of each screenshot,
// top to bottom, in the order they were taken, from the newest end
// upwards. A screenshot's bubbles are a run of consecutive messages each
// bubble shows; where the texts repeat, the run that ends nearest above
// the top of the screenshot before it wins (each view is scrolled so that
// the previous view's top bubble ends it). A screenshot that matches
// nowhere gets no ids.
func Align(msgs []Message, views [][]Bubble) [][]string {
	out := make([][]string, len(views))
	expect := len(msgs) - 1 // where the next view's last bubble should be
	for k, bs := range views {
		n := len(bs)
		if n == 0 || n > len(msgs) {
			continue
		}
		best, dist := -1, 0
		for p := 0; p+n <= len(msgs); p++ {
			if !runShows(msgs[p:p+n], bs) {
				continue
			}
			// Views move up: a run ending at or above where the last view
			// began is likelier than one ending below it.
			d := expect - (p + n - 1)
			if d < 0 {
				d = len(msgs) - d
			}
			if best < 0 || d < dist || (d == dist && p > best) {
				best, dist = p, d
			}
		}
		if best < 0 {
			continue
		}
		for _, m := range msgs[best : best+n] {
			out[k] = append(out[k], m.ID)
		}
		expect = best
	}
	return out
}

func runShows(msgs []Message, bs []Bubble) bool {
	for i := range bs {
		if !Shows(bs[i], msgs[i]) {
			return false
		}
	}
	return true
}

// NextTop is where to scroll a list shown from scrollTop, height high,
// with these bubbles: up so that the topmost whole bubble ends the next
// view (the one above it, cut off now, is then whole), or by half a view
// when that bubble is too tall or taller than the view (such a bubble is
// never whole: half a view at a time, every part of it is on a view);
// never above 0.
func NextTop(scrollTop, height float64, bubbles []Bubble) float64 {
	target := scrollTop - height/2
	if len(bubbles) > 0 && bubbles[0].Bottom-bubbles[0].Top <= height && bubbles[0].Bottom-height < scrollTop {
		target = bubbles[0].Bottom - height
	}
	return max(0, target)
}

// Dir is a conversation's folder under screens/: dm/<id>, with every
// character but letters, digits and '-' made '_'.
func Dir(id string) string {
	return "dm/" + strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '-' {
			return r
		}
		return '_'
	}, id)
}

// Screened reports whether the store holds a conversation's screenshots
// to its beginning: only then may a later pass keep them.
func Screened(st *exporter.Store, id string) bool {
	data, err := os.ReadFile(st.Path(exporter.ScreensDir, Dir(id), "index.json"))
	if err != nil {
		return false
	}
	var ix record.ScreenIndex
	return json.Unmarshal(data, &ix) == nil && ix.Complete
}

// Save writes a conversation's screenshot index, screens/dm/<id>/index.json:
// its screenshots with the ids of the messages of data/messages.jsonl
// each shows.
func Save(st *exporter.Store, id string, complete bool, shots []record.Shot) error {
	ix := record.ScreenIndex{Collection: "messages", Key: "conversation_id", Value: id, Complete: complete, Shots: shots}
	data, err := json.MarshalIndent(ix, "", "  ")
	if err != nil {
		return err
	}
	_, err = st.SaveScreen(Dir(id)+"/index.json", append(data, '\n'))
	return err
}
