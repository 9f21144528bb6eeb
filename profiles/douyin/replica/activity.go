package replica

import (
	"fmt"
	"time"
)

// Viewed is a work in the watch history, with when it was watched (the
// list's order and its cursor; the answer names no viewing time).
type Viewed struct {
	Work *Work
	At   time.Time
}

// Series is one of the owner's own series (合集) and its works.
type Series struct {
	ID      string
	Name    string
	Cover   string
	Created time.Time
	Works   []*Work
}

// Notice is one notification: Kind is comment, like, follow, mention or
// danmaku; From who did it; Work the work it concerns; Comment the
// comment of a comment notification; Text a mention's or a danmaku's.
type Notice struct {
	ID      string
	Kind    string
	At      time.Time
	From    *User
	Work    *Work
	Comment *Comment
	Text    string
	Read    bool
}

// activity generates what the owner did and was told beyond their own
// lists: the watch history (own, liked and favourited works, watched in
// a shuffled order), watch later, own series of own works, own sounds
// (the music of some own works) and notifications. It runs after
// everything else, so that the rest of the account stays what it was.
func (g *gen) activity(cfg Config) {
	acc := g.acc
	viewed := append(append(append([]*Work(nil), acc.Works...), acc.Likes...), acc.Favorites...)
	g.rng.Shuffle(len(viewed), func(i, j int) { viewed[i], viewed[j] = viewed[j], viewed[i] })
	at := cfg.Now.Add(-20 * time.Minute)
	for _, w := range viewed {
		acc.History = append(acc.History, &Viewed{Work: w, At: at.Truncate(time.Millisecond)})
		at = at.Add(-time.Duration(1+g.rng.IntN(600)) * time.Minute)
	}
	for i := range max(3, len(acc.Works)/8) {
		acc.WatchLater = append(acc.WatchLater, g.work(acc.pool[g.rng.IntN(len(acc.pool))], cfg.Now.Add(-time.Duration(i*29+7)*time.Hour), acc.tunes))
	}

	for i, name := range []string{"日常合集", "旅行记录"} {
		s := &Series{ID: "71" + fmt.Sprintf("%017d", g.rng.Int64N(1e17)), Name: name + g.token(2), Cover: "tos-cn-i-0813/own-mix-" + g.token(28),
			Created: cfg.Now.AddDate(0, -4*(i+1), 0)}
		for k, w := range acc.Works {
			if k%5 == 3*i {
				s.Works = append(s.Works, w)
			}
		}
		acc.covers[s.Cover] = true
		acc.Series = append(acc.Series, s)
	}
	for _, k := range []int{2, 6} {
		if k >= len(acc.Works) {
			break
		}
		m := g.music()
		m.Title, m.Author = "@"+acc.Owner.Nickname+"创作的原声", acc.Owner.Nickname
		acc.Works[k].Music = m
		acc.Sounds = append(acc.Sounds, m)
	}

	// Notifications, newest first, a second apart at least: comments on
	// own works (the comments themselves), likes, new followers,
	// @-mentions and a danmaku.
	at = cfg.Now.Add(-time.Hour)
	add := func(n *Notice) {
		n.ID = fmt.Sprint(uint64(7_400_000_000_000_000_000) + uint64(g.rng.Int64N(1e17)))
		n.At = at.Truncate(time.Second)
		n.Read = g.rng.IntN(3) > 0
		at = at.Add(-time.Duration(1+g.rng.IntN(3*24*3600)) * time.Second)
		acc.Notices = append(acc.Notices, n)
	}
	var comments []*Comment
	for _, w := range acc.Works {
		for _, c := range w.Comments {
			if c.Author != acc.Owner && len(comments) < 4 {
				comments = append(comments, c)
			}
		}
	}
	for i := range 13 {
		w := acc.Works[g.rng.IntN(len(acc.Works))]
		from := acc.pool[g.rng.IntN(len(acc.pool))]
		switch k := i % 5; {
		case k == 0 && len(comments) > 0:
			c := comments[0]
			comments = comments[1:]
			add(&Notice{Kind: "comment", From: c.Author, Work: c.Work, Comment: c})
		case k == 1 || k == 0:
			add(&Notice{Kind: "like", From: from, Work: w})
		case k == 2:
			add(&Notice{Kind: "follow", From: acc.Followers[i%len(acc.Followers)]})
		case k == 3:
			add(&Notice{Kind: "mention", From: from, Work: w, Text: "@" + acc.Owner.Nickname + " " + g.text(2+g.rng.IntN(4))})
		case i == 4:
			add(&Notice{Kind: "danmaku", From: from, Work: w, Text: g.text(1 + g.rng.IntN(3))})
		default:
			add(&Notice{Kind: "like", From: from, Work: w})
		}
	}
}
