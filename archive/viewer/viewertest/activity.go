package viewertest

import (
	"fmt"
	"time"

	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles/replicamedia"
)

// activity writes Douyin's watch history, watch later, notifications,
// own series (each with works) and own sounds (each with an audio file),
// Activity of each, with hostile text in names, titles and texts.
func (g *gen) activity() error {
	other := record.Ref{ID: "78", Name: hostile("作者", 3)}
	me := record.Ref{ID: "1234567890", Name: g.spec.Account.Name}
	var history, later, notices, series, sounds []any
	kinds := []string{"comment", "like", "follow", "mention", "danmaku", "other"}
	for i := 0; i < g.o.Activity; i++ {
		p := g.post(300000+i, other)
		history = append(history, record.Saved{Record: record.TypeHistory, Platform: g.o.Platform, Post: &p})
		q := g.post(400000+i, other)
		later = append(later, record.Saved{Record: record.TypeWatchLater, Platform: g.o.Platform, Post: &q})

		n := record.Notification{Record: record.TypeNotification, Platform: g.o.Platform, ID: fmt.Sprint(7400000000000000000 + i),
			Kind: kinds[i%len(kinds)], From: &record.Ref{ID: fmt.Sprint(900 + i), Name: hostile("通知人", i)}, Text: hostile("通知", i),
			CreatedAt: time.Date(2026, 11, 18, 20, 0, 0, 0, shanghai).Add(-time.Duration(i) * 7 * time.Hour).Format(time.RFC3339)}
		if i%3 != 2 {
			own := g.post(i%max(g.o.Posts, 1), me)
			n.Post = &record.Post{Record: record.TypePost, Platform: g.o.Platform, ID: own.ID, Text: own.Text, Author: own.Author}
		}
		notices = append(notices, n)

		s := record.OwnSeries{Record: record.TypeSeries, Platform: g.o.Platform,
			Series: record.Series{ID: fmt.Sprint(7100000000000000000 + i), Name: hostile("合集", i), Author: &me, Media: []record.Media{g.media[i%24]}}}
		for k := 0; k < 1+i%3; k++ {
			s.Works = append(s.Works, g.post((i+k)%max(g.o.Posts, 1), me))
		}
		episodes := int64(len(s.Works))
		s.Episodes = &episodes
		series = append(series, s)

		audio, err := g.file(fmt.Sprintf("sound %d", i), "mp3", replicamedia.MP3(fmt.Sprintf("sound %d", i), time.Duration(3+i)*time.Second))
		if err != nil {
			return err
		}
		audio.Type, audio.Duration = record.MediaAudio, int64(3+i)*1000
		sounds = append(sounds, record.Sound{Record: record.TypeSound, Platform: g.o.Platform,
			Music: record.Music{ID: fmt.Sprint(7200000000000000000 + i), Title: hostile("原声", i), Author: me.Name, Media: []record.Media{audio}}})
	}
	for _, c := range []struct {
		name string
		recs []any
	}{{"history", history}, {"watch_later", later}, {"notifications", notices}, {"series", series}, {"sounds", sounds}} {
		if err := g.records(c.name, c.recs); err != nil {
			return err
		}
	}
	return nil
}
