package douyin

import (
	"github.com/farewell-app/farewell/exporter"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
)

// The records of the collections of issue 17 (§D10).

func (r *records) history() error { return r.savedWorks(cViewed, record.TypeHistory) }

func (r *records) watchLater() error { return r.savedWorks(cWatchLater, record.TypeWatchLater) }

// notifications: every notification of every group's pages once, the
// newest first.
func (r *records) notifications() error {
	byID := map[string]record.Notification{}
	if err := r.Each(cNotifications, func(rf exporter.RawFile, body []byte) {
		n, err := dy.DecodeNotices(body)
		if err != nil {
			r.Warn(rf, err)
			return
		}
		items := n.Items()
		for i := range items {
			rec := dy.NotificationRecord(&items[i], rf.Name)
			byID[rec.ID] = rec
		}
	}); err != nil {
		return err
	}
	return r.Write(cNotifications, newestFirst(byID, func(n *record.Notification) (string, string) { return n.CreatedAt, n.ID }))
}

// series: each own series of mix/list, in the site's order, with the
// works its page listed (mix/aweme), in the series' order.
func (r *records) series() error {
	var order []string
	byID := map[string]record.OwnSeries{}
	works := map[string][]record.Post{}
	seen := map[string]bool{}
	if err := r.Each(cSeries, func(rf exporter.RawFile, body []byte) {
		switch {
		case rOwnMixes.Is(rf):
			l, err := dy.DecodeOwnMixes(body)
			if err != nil {
				r.Warn(rf, err)
				return
			}
			items := l.Items()
			for i := range items {
				s := dy.SeriesRecord(&items[i], rf.Name)
				if _, ok := byID[s.ID]; !ok {
					order = append(order, s.ID)
				}
				byID[s.ID] = s
			}
		case rMixWorks.Is(rf):
			mix := queryOf(rf, "mix_id")
			for _, a := range r.works(rf, body) {
				if key := mix + ":" + string(a.AwemeID); !seen[key] {
					seen[key] = true
					works[mix] = append(works[mix], dy.Post(&a, rf.Name))
				}
			}
		}
	}); err != nil {
		return err
	}
	recs := make([]any, 0, len(order))
	for _, id := range order {
		s := byID[id]
		s.Works = works[id]
		r.Fill(s.Media)
		for i := range s.Works {
			r.Fill(s.Works[i].Media)
		}
		recs = append(recs, s)
	}
	return r.Write(cSeries, recs)
}

// sounds: each own sound once, in the site's order, with its file.
func (r *records) sounds() error {
	seen := map[string]bool{}
	var recs []any
	if err := r.Each(cSounds, func(rf exporter.RawFile, body []byte) {
		l, err := dy.DecodeSounds(body)
		if err != nil {
			r.Warn(rf, err)
			return
		}
		items := l.Items()
		for i := range items {
			s := dy.SoundRecord(&items[i], rf.Name)
			if seen[s.ID] {
				continue
			}
			seen[s.ID] = true
			r.Fill(s.Media)
			recs = append(recs, s)
		}
	}); err != nil {
		return err
	}
	return r.Write(cSounds, recs)
}
