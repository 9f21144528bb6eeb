package exporter

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// List is one list of an open page: which of the view's answers are its
// pages, what each page holds, and how to ask for the next one.
type List struct {
	// From is the first of the view's answers that may be one of its
	// pages (see View.Mark).
	From int
	Want func(RawFile) bool
	// Judge tells good answers from refusals (default: the site's).
	Judge func(r *Response) error
	// Page reads one good answer: how many new items it brought, and
	// whether the site says more follow.
	Page func(rf RawFile, body []byte) (items int, more bool, err error)
	// Next asks the page for more.
	Next Action
	// Ask says the list's first page, too, is asked for by Next; else
	// an earlier action (the page load, a click) asked for it.
	Ask bool
	// Done, if set, ends the list even though no page said so (no 展开
	// button left).
	Done func(ctx context.Context) (bool, error)
	// Patience is how many rounds in a row may bring nothing before the
	// list is given up as ended (a time-window list can have empty
	// pages).
	Patience int
}

// Drive reads the list's pages as the page receives them and asks for
// the next one, until a page says the list has ended (true), Done holds
// (true), or patience runs out (false). A throttled answer pauses with a
// countdown and asks again; a verification or a lost session ends it
// with the error. It asks for the next page as soon as the last one has
// arrived, while its body is still being kept: the page itself knows
// whether there is a next one, and does not ask when there is not.
func (v *View) Drive(ctx context.Context, l *List) (bool, error) {
	idle, throttled, waited := 0, 0, l.Ask
	// Once the list is over by Done or by patience, every body still
	// being kept is read before Drive returns what it found.
	finishing, result := false, false
	// listed says a page of the list has come at all; refused that the
	// site refused or cut off one of its pages since the last good one.
	listed, refused, failedSeen := false, "", len(v.w.Failed())
	// acted is how many requests the page had started when the list last
	// asked for more: a request started since, whose answer has not come
	// yet (a slow machine, a slow site), is not an idle round.
	acted := v.w.Started()
	for {
		wait := v.answered
		if finishing {
			wait = v.settle
		}
		if err := wait(ctx); err != nil {
			return false, err
		}
		saved := v.w.Saved()
		got, ended, seen, slowed := false, false, false, false
		for _, rf := range saved[l.From:] {
			if !l.Want(rf) {
				continue
			}
			seen = true
			body, err := rf.Read()
			if err != nil {
				return false, err
			}
			if err := v.judge(l.Judge, rf, body); err != nil {
				switch {
				case errors.Is(err, ErrCaptcha):
					return false, v.t.challenge(ctx)
				case errors.Is(err, ErrThrottled):
					if err := v.t.S.Throttled(ctx, throttled, i18n.PlainText(err.Error())); err != nil {
						return false, err
					}
					throttled++
					slowed = true
					refused = err.Error()
					continue
				case rf.Meta.Status >= 500:
					// A moment's failure of the site: the step goes
					// on from its last page after a pause.
					return false, v.t.S.Retry(ctx, siteFailed(rf))
				}
				return false, fmt.Errorf("%s: %w", rf.Name, err)
			}
			throttled, refused = 0, ""
			n, more, err := l.Page(rf, body)
			if err != nil {
				return false, fmt.Errorf("%s: %w", rf.Name, err)
			}
			got = got || n > 0
			ended = ended || !more
		}
		l.From = len(saved)
		listed = listed || seen
		switch {
		case ended:
			return true, nil
		case finishing:
			return result, nil
		}
		if b := v.Broken(); b != "" {
			// A page whose code did not load neither shows nor asks for
			// anything: the step loads it again.
			return false, v.t.S.Retry(ctx, i18n.Msg{Code: i18n.WhyCodeNotLoaded, Args: i18n.Args{"detail": b}})
		}
		if !seen && !waited {
			// The first page may still be on its way (the page asks for
			// it after others): give it time once.
			waited = true
			deadline := time.Now().Add(v.t.S.cfg.RenderWait)
			failed := len(v.w.Failed())
			for !v.arrived(l) && !v.lost(l, failed) && v.Broken() == "" && time.Now().Before(deadline) {
				if err := Sleep(ctx, 50*time.Millisecond); err != nil {
					return false, err
				}
			}
			if !v.arrived(l) && v.lost(l, failed) && !listed {
				// The list's first page got no answer: the page shows an
				// error, not a list to scroll. A person loads it again.
				return false, v.t.S.Retry(ctx, i18n.Msg{Code: i18n.WhyFirstPage, Args: i18n.Args{"detail": failedFor(v.w.Failed()[failed:], l.Want)}})
			}
			continue
		}
		if l.Done != nil {
			if done, err := l.Done(ctx); err != nil {
				return false, err
			} else if done {
				finishing, result = true, true
				continue
			}
		}
		switch {
		case got:
			idle = 0
		case slowed, v.w.Busy() > 0, v.w.Started() > acted:
		default:
			idle++
		}
		if idle > l.Patience {
			if !listed {
				// Not one page came: the page did not show the list (a
				// click that missed, an answer lost), which is not an
				// empty list. A person loads the page again.
				return false, v.t.S.Retry(ctx, i18n.Msg{Code: i18n.WhyNoFirstPage})
			}
			finishing, result = true, false
			continue
		}
		if failed := v.w.Failed(); len(failed) > failedSeen {
			if u := failedFor(failed[failedSeen:], l.Want); u != "" {
				refused = "no answer for " + shortURL(u)
			}
			failedSeen = len(failed)
		}
		acted = v.w.Started()
		if err := v.Act(ctx, l.Next); err != nil {
			return false, err
		}
		if refused != "" && v.w.Started() == acted {
			// The site refused a page, and the page does not ask for it
			// again when scrolled (a list too short to scroll shows its
			// error instead): a person loads the page again.
			return false, v.t.S.Retry(ctx, i18n.Msg{Code: i18n.WhyPageRefused, Args: i18n.Args{"detail": refused}})
		}
	}
}

// arrived reports whether one of the list's pages is among the view's
// answers not read yet.
func (v *View) arrived(l *List) bool {
	for _, rf := range v.w.Saved()[l.From:] {
		if l.Want(rf) {
			return true
		}
	}
	return false
}

// lost reports whether one of the list's requests after the first skip
// failures of the view got no answer at all: the page will ask again
// when it is scrolled, so there is no point waiting for it.
func (v *View) lost(l *List, skip int) bool {
	failed := v.w.Failed()
	return failedFor(failed[min(skip, len(failed)):], l.Want) != ""
}
