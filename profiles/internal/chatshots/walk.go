package chatshots

import (
	"context"
	"math"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// Walk decides, view by view, how a conversation's message list is
// walked from its newest message to its oldest: which views are worth a
// screenshot, how far to move the list, when the page must be made to ask
// again for older messages, and when the list will not move at all.
//
// A chat page asks for older messages as its list scrolls near the top.
// When that request fails (a 5xx, a cut connection) the page asks again
// only on the next scroll, and a wheel at the very top scrolls nothing:
// the walk moves the list down a little and back, so the page asks for
// the same older page again, rather than opening the conversation from
// its newest message once more. A list that shows nothing cannot scroll:
// the conversation is opened again.
//
// A view is screenshotted only when it shows something the last
// screenshot did not: the same bubbles, moved together (the page keeps
// the view in place as older messages arrive above it), are the same
// view, and a repeat of it would mislead chatshots.Align.
type Walk struct {
	last  float64  // the list's offset at the view before
	still int      // views in a row at that offset
	asks  int      // asks since older messages last arrived
	shot  []Bubble // the bubbles of the last screenshot
	seen  bool     // a view was read
	toEnd int      // moves to the newest end before the first bubbles
}

// View is what a conversation's message list shows: how far it is
// scrolled, the most it can be (its newest end), how much of it shows,
// and the bubbles wholly in sight.
type View struct {
	ScrollTop float64  `json:"scrollTop"`
	End       float64  `json:"end"`
	Height    float64  `json:"height"`
	Bubbles   []Bubble `json:"bubbles"`
}

// Move is what to do after a view.
type Move struct {
	// Shoot: the view shows what the last screenshot did not.
	Shoot bool
	// Scrolls are how far to scroll the list, one wheel after another
	// (negative: up, towards older messages).
	Scrolls []float64
	// Ask: at the top, older messages to come and none arriving; the
	// scrolls move the list down and back so the page asks again. Reopen
	// says nothing shows, so the conversation must be opened again
	// instead. Attempt counts the asks since older messages last
	// arrived, for the caller's backoff (which also bounds them).
	Ask, Reopen bool
	Attempt     int
	// Stop: the list has not moved for many views, and asking is not
	// what it needs.
	Stop bool
}

// Walk's limits: views at the top, older messages still to come, before
// the page is asked again; views without movement before the walk stops;
// how far down a move that asks again goes at most.
const (
	askAfter  = 3
	stillMost = 20
	askMove   = 80.0
	endTries  = 3
)

// Arrived says older messages arrived: the asks so far are over.
func (w *Walk) Arrived() { w.asks = 0 }

// Next reads a view and says what to do; more says the site has older
// messages still to give. The walk begins at the list's newest end: a
// view of the first bubbles short of it (the page may stop a pixel short)
// is moved there before it is screenshotted, so that the newest bubble is
// whole on a screenshot.
func (w *Walk) Next(v View, more bool) Move {
	top, height, bubbles := v.ScrollTop, v.Height, v.Bubbles
	var mv Move
	if len(w.shot) == 0 && len(bubbles) > 0 && top < v.End-0.5 && w.toEnd < endTries {
		w.toEnd++
		return Move{Scrolls: []float64{v.End - top}}
	}
	if mv.Shoot = !w.seen || !sameView(bubbles, w.shot); mv.Shoot {
		w.shot = bubbles
	}
	if w.seen && top == w.last {
		w.still++
	} else {
		w.still = 0
	}
	w.seen, w.last = true, top
	delta := NextTop(top, height, bubbles) - top
	if delta == 0 {
		delta = -1 // at the top: a nudge has the page load older ones
	}
	mv.Scrolls = []float64{delta}
	switch {
	case top <= 0 && more && w.still >= askAfter:
		mv.Ask, mv.Attempt = true, w.asks
		w.asks++
		w.still = 0
		if len(bubbles) == 0 {
			mv.Reopen, mv.Scrolls = true, nil
		} else {
			d := min(height/4, askMove)
			mv.Scrolls = []float64{d, -d}
		}
	case w.still > stillMost:
		mv.Stop = true
	}
	return mv
}

// sameView reports whether two views show the same bubbles, in the same
// places relative to each other (wherever the list has them).
func sameView(a, b []Bubble) bool {
	if len(a) != len(b) {
		return false
	}
	const px = 0.5
	for i := range a {
		da, db := a[i].Top-a[0].Top, b[i].Top-b[0].Top
		if a[i].Mine != b[i].Mine || a[i].Text != b[i].Text || math.Abs(da-db) > px ||
			math.Abs((a[i].Bottom-a[i].Top)-(b[i].Bottom-b[i].Top)) > px {
			return false
		}
	}
	return true
}

// Pause carries out what a move asks before the list moves again: the
// backoff before the page is asked again for older messages (counted
// against the session's attempts). It says whether the walk ends: the
// list will not move, or the asks are spent (or the run was stopped).
func Pause(ctx context.Context, s *exporter.Session, collection exporter.Collection, mv Move) bool {
	switch {
	case mv.Stop:
		return true
	case mv.Ask:
		return s.Again(ctx, mv.Attempt, i18n.Msg{Code: i18n.WhyOlderMessages, Args: i18n.Args{"collection": collection}}) != nil
	}
	return false
}
