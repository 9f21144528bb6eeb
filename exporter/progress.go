package exporter

import (
	"context"
	"fmt"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// Progress reports a run as it goes: which collection of how many, a bar
// per collection (captured of expected), the media downloads, countdowns
// while the site makes us wait, and notes. NewTextProgress reports to a
// person, NewJSONProgress to a program.
type Progress interface {
	// Plan names the collections this run captures, in order: a run
	// that continues an earlier one plans only what is left. Each
	// session of a run (a restarted browser) plans again.
	Plan(collections []Collection)
	// Collection starts a collection; expected is nil when unknown.
	Collection(name Collection, expected *int64)
	// Captured adds n items to the current collection.
	Captured(name Collection, n int)
	// Finish ends a collection with the number of its items in the
	// store, the count the summary shows.
	Finish(name Collection, captured int64, note i18n.Msg)
	// Media reports the session's downloads so far.
	Media(m MediaStats)
	// Countdown waits d, showing why, and returns early if ctx ends.
	Countdown(ctx context.Context, why i18n.Msg, d time.Duration) error
	// Note reports something worth knowing.
	Note(m i18n.Msg)
}

// runCounts is what both reports keep of a run: its plan, and the media
// of the sessions before the current one.
type runCounts struct {
	plan []Collection
	// media is the current session's downloads; earlier adds up the
	// sessions before it.
	media, earlier MediaStats
}

// plan starts a session's count.
func (r *runCounts) setPlan(collections []Collection) {
	r.plan = append([]Collection(nil), collections...)
	r.earlier = r.earlier.Add(r.media)
	r.media = MediaStats{}
}

// position is "[i/n]" for a collection of the plan, or "".
func (r *runCounts) position(name Collection) string {
	for i, c := range r.plan {
		if c == name {
			return fmt.Sprintf("[%d/%d]", i+1, len(r.plan))
		}
	}
	return ""
}

// downloads is the media of the whole run so far.
func (r *runCounts) downloads() MediaStats { return r.earlier.Add(r.media) }

// pending reports whether downloads are queued and not yet done.
func (m MediaStats) pending() bool { return m.Queued > m.Fetched+m.Failed }

// FormatBytes is n in B, kB, MB or GB (powers of 1000), as progress
// lines and the command line show sizes.
func FormatBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}

// formatElapsed is d in tr's language: "45s", "12m04s" or "3h02m"
// (Chinese: "45 秒", "12 分 04 秒", "3 小时 02 分").
func formatElapsed(tr *i18n.Catalog, d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return tr.T(i18n.DurationSeconds, i18n.Args{"s": int(d.Seconds())})
	case d < time.Hour:
		return tr.T(i18n.DurationMinutes, i18n.Args{"m": int(d.Minutes()), "ss": fmt.Sprintf("%02d", int(d.Seconds())%60)})
	default:
		return tr.T(i18n.DurationHours, i18n.Args{"h": int(d.Hours()), "mm": fmt.Sprintf("%02d", int(d.Minutes())%60)})
	}
}
