package replica

import (
	"fmt"
	"strings"
	"time"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

func i64(v int) *int64 { n := int64(v); return &n }

func rfc3339(t time.Time) string { return t.In(cst).Format(time.RFC3339) }

// listed returns the top-level comments of a work the site lists, and
// how many comments (with replies) it withholds. The site stops at a cap
// (near 900 on the real site: MediaCrawler#945), and some lists end a
// little short of their total below it (740 of 781: ShilongLee/Crawler#52;
// 619 of 2416: cv-cat#21): here every fourth work with more than six.
func (a *Account) listed(w *Work) ([]*Comment, int) {
	tops := w.Comments
	n := min(len(tops), a.CommentCap)
	if len(tops) > 6 && replicakit.SeedOf(w.ID)%4 == 1 {
		n = min(n, len(tops)-2)
	}
	withheld := 0
	for _, c := range tops[n:] {
		withheld += 1 + len(c.Replies)
	}
	return tops[:n], withheld
}

// Truth returns what a complete backup of the account holds: every
// collection's items with the fields their records must have, every
// original media file with its sha256, and the watermarked copies no
// backup may hold.
func (r *Replica) Truth() replicakit.Truth {
	r.accMu.RLock()
	defer r.accMu.RUnlock()
	a := r.acc
	t := replicakit.Truth{Account: a.Owner.UID, Collections: map[string]replicakit.CollectionTruth{}, Media: map[string]string{}, Forbidden: map[string]string{}}
	add := func(u, key string) {
		var b []byte
		original := func() []byte {
			if b == nil {
				b, _ = a.Original(key)
			}
			return b
		}
		t.Media[MediaKey(u)] = r.sums.Of(key, original)
		// The watermarked copy is the original stamped (Watermarked).
		wm := r.sums.Of("watermarked:"+key, func() []byte { return replicakit.Stamp(original(), watermark) })
		t.Forbidden[wm] = "the watermarked copy of " + key
	}
	video := func(v *Video) {
		best := v.Best()
		add(r.vodURL("v26-web.douyinvod.com", &best, 0), "rung:"+best.FileID)
	}
	work := func(w *Work) {
		if w.Photo() {
			for _, img := range w.Images {
				add(r.picURL(img.URI, cleanImage), "image:"+img.URI)
				if img.Live != nil {
					video(img.Live)
				}
			}
		} else {
			video(w.Video)
			add(r.picURL(w.Video.Cover, originCover), "cover:"+w.Video.Cover)
		}
		add(musicURL(w.Music), "music:"+w.Music.ID)
	}
	mediaCount := func(w *Work) int {
		if w.Photo() {
			return len(w.Images) + 1
		}
		return 3 // the video, its cover, its music
	}

	owner := a.Owner
	add(avatarURL(owner.Avatar, 1080), "avatar:"+owner.Avatar)
	t.Collections["profile"] = replicakit.CollectionTruth{Key: "id", Expected: i64(1), Items: map[string]map[string]any{
		owner.UID: {"name": owner.Nickname, "handle": owner.UniqueID, "description": owner.Signature, "counts.posts": len(a.Works)},
	}}

	posts := map[string]map[string]any{}
	comments := map[string]map[string]any{}
	all, withheld := 0, 0
	for _, w := range a.Works {
		f := map[string]any{"text": w.Desc, "author.id": owner.UID, "created_at": rfc3339(w.CreatedAt), "pinned": nil, "#media": mediaCount(w),
			"visibility": []string{"public", "private", "friends"}[w.Private], "music.id": w.Music.ID, "music.title": w.Music.Title}
		if w.Pinned {
			f["pinned"] = true
		}
		posts[w.ID] = f
		work(w)
		all += w.CommentCount()
		tops, held := a.listed(w)
		withheld += held
		for _, c := range tops {
			for _, cm := range append([]*Comment{c}, c.Replies...) {
				parent := any(nil)
				switch {
				case cm.ReplyTo != nil:
					parent = cm.ReplyTo.CID
				case cm.Root != nil:
					parent = cm.Root.CID
				}
				comments[cm.CID] = map[string]any{"post_id": w.ID, "parent_id": parent, "text": cm.Text, "author.id": cm.Author.UID,
					"created_at": rfc3339(cm.CreatedAt)}
				if cm.Picture != nil {
					add(r.picURL(cm.Picture.URI, cleanImage), "image:"+cm.Picture.URI)
				}
			}
		}
	}
	t.Collections["posts"] = replicakit.CollectionTruth{Key: "id", Items: posts, Expected: i64(len(a.Works))}
	t.Collections["comments"] = replicakit.CollectionTruth{Key: "id", Items: comments, Expected: i64(all), Withheld: int64(withheld)}

	likes := map[string]map[string]any{}
	for _, w := range a.Likes {
		likes[w.ID] = map[string]any{"post.text": w.Desc, "post.author.id": w.Author.UID, "#post.media": mediaCount(w)}
		work(w)
	}
	t.Collections["likes"] = replicakit.CollectionTruth{Key: "post.id", Items: likes, Expected: i64(len(a.Likes))}

	favs := map[string]map[string]any{}
	for _, w := range a.Favorites {
		var in []string
		for _, f := range a.Folders {
			for _, fw := range f.Works {
				if fw == w {
					in = append(in, f.Name)
				}
			}
		}
		folder := any(nil)
		if len(in) > 0 {
			folder = strings.Join(in, ",")
		}
		favs[w.ID] = map[string]any{"post.text": w.Desc, "post.author.id": w.Author.UID, "folder": folder}
		work(w)
	}
	for _, m := range a.Mixes {
		favs[m.ID] = map[string]any{"series.name": m.Name, "series.author.id": m.Author.UID, "folder": "合集"}
		add(r.picURL(m.Cover, originCover), "cover:"+m.Cover)
	}
	for _, d := range a.Dramas {
		favs[d.ID] = map[string]any{"series.name": d.Name, "series.author.id": d.Author.UID, "folder": "短剧"}
		add(r.picURL(d.Cover, originCover), "cover:"+d.Cover)
	}
	for _, m := range a.Musics {
		favs[m.ID] = map[string]any{"music.title": m.Title, "folder": "音乐"}
		add(musicURL(m), "music:"+m.ID)
	}
	t.Collections["favorites"] = replicakit.CollectionTruth{Key: "post.id|series.id|music.id", Items: favs}

	users := func(list []*User) map[string]map[string]any {
		out := map[string]map[string]any{}
		for _, u := range list {
			out[u.UID] = map[string]any{"name": u.Nickname, "handle": u.UniqueID}
		}
		return out
	}
	t.Collections["following"] = replicakit.CollectionTruth{Key: "id", Items: users(a.Following), Expected: i64(len(a.Following))}
	shown := a.Followers[:min(len(a.Followers), a.FollowersCap)]
	t.Collections["followers"] = replicakit.CollectionTruth{Key: "id", Items: users(shown), Expected: i64(len(a.Followers)),
		Withheld: int64(len(a.Followers) - len(shown))}

	msgs := map[string]map[string]any{}
	t.Screens = map[string][]string{}
	for _, c := range a.Conversations {
		for _, m := range r.shown(c) {
			item := map[string]any{"conversation_id": c.ID, "from_me": m.FromMe, "kind": m.Kind, "sender.id": m.Sender.UID,
				"sender.name": m.Sender.Nickname, "created_at": rfc3339(m.CreatedAt.Truncate(time.Second))}
			if c.Type == 1 {
				item["conversation_type"], item["peer.id"], item["peer.name"] = "one_to_one", c.Peer.UID, c.Peer.Nickname
			} else {
				item["conversation_type"], item["peer"] = "group", nil
			}
			switch m.Kind {
			case "share":
				item["share.id"], item["share.url"], item["text"] = m.Share.ID, "https://www.douyin.com/video/"+m.Share.ID, m.Share.Desc
			case "picture", "voice":
				item["#media"] = 1
			case "sticker":
				item["#media"], item["text"] = 1, m.Text
			default:
				item["text"] = m.Text
			}
			if m.Quoted != nil {
				item["quoted.id"] = m.Quoted.ID
			}
			switch m.Kind {
			case "picture":
				add(imPicURL(m.Media), "dm:"+m.Media)
			case "sticker":
				add(imStickerURL(m.Media), "dm:"+m.Media)
			case "voice":
				add(imVoiceURL(m.Media), "dm:"+m.Media)
			}
			msgs[m.ID] = item
			t.Screens[c.ID] = append(t.Screens[c.ID], m.ID)
		}
	}
	t.Collections["messages"] = replicakit.CollectionTruth{Key: "id", Items: msgs}
	t.Collections["wallet"] = replicakit.CollectionTruth{Key: "record", Expected: i64(1), Items: map[string]map[string]any{
		"wallet": {"coins": a.Wallet.Diamond, "money_cents": a.Wallet.MoneyCents}}}
	r.activityTruth(&t, add, work, mediaCount)
	return t
}

// activityTruth adds the watch history, watch later, own series, own
// sounds and notifications to t; add adds a media file, work a work's.
func (r *Replica) activityTruth(t *replicakit.Truth, add func(u, key string), work func(*Work), mediaCount func(*Work) int) {
	a := r.acc
	saved := func(record string, list []*Work) map[string]map[string]any {
		out := map[string]map[string]any{}
		for _, w := range list {
			out[w.ID] = map[string]any{"record": record, "post.text": w.Desc, "post.author.id": w.Author.UID, "#post.media": mediaCount(w)}
			work(w)
		}
		return out
	}
	var viewed []*Work
	for _, v := range a.History {
		viewed = append(viewed, v.Work)
	}
	t.Collections["history"] = replicakit.CollectionTruth{Key: "post.id", Items: saved("history", viewed)}
	t.Collections["watch_later"] = replicakit.CollectionTruth{Key: "post.id", Items: saved("watch_later", a.WatchLater)}

	series := map[string]map[string]any{}
	for _, s := range a.Series {
		f := map[string]any{"name": s.Name, "author.id": a.Owner.UID, "episodes": len(s.Works), "#works": len(s.Works), "#media": 1}
		for i, w := range s.Works {
			f[fmt.Sprintf("works.%d.id", i)] = w.ID
			work(w)
		}
		series[s.ID] = f
		add(r.picURL(s.Cover, originCover), "cover:"+s.Cover)
	}
	t.Collections["series"] = replicakit.CollectionTruth{Key: "id", Items: series, Expected: i64(len(a.Series))}

	sounds := map[string]map[string]any{}
	for _, m := range a.Sounds {
		sounds[m.ID] = map[string]any{"title": m.Title, "author": m.Author, "#media": 1}
		add(musicURL(m), "music:"+m.ID)
	}
	t.Collections["sounds"] = replicakit.CollectionTruth{Key: "id", Items: sounds}

	notices := map[string]map[string]any{}
	for _, n := range a.Notices {
		f := map[string]any{"kind": n.Kind, "from.id": n.From.UID, "created_at": rfc3339(n.At), "post.id": nil}
		if n.Work != nil {
			f["post.id"] = n.Work.ID
		}
		switch n.Kind {
		case "comment":
			f["text"], f["comment_id"] = n.Comment.Text, n.Comment.CID
		case "mention", "danmaku":
			f["text"] = n.Text
		}
		notices[n.ID] = f
	}
	t.Collections["notifications"] = replicakit.CollectionTruth{Key: "id", Items: notices}
}

// MediaKey names a media URL for Served and Truth.
func (r *Replica) MediaKey(u string) string { return MediaKey(u) }

// Served returns how many times each media file was requested, by
// MediaKey.
func (r *Replica) Served() map[string]int { return r.served.Snapshot() }

// Needed is the fewest API requests (the rate-limited kind) a complete
// backup of the account takes, driving the site's pages as a person
// would: the session checks of a login and a backup; each collection's
// page load (the profile page asks for profile/self and the open tab's
// first page by itself); every further page of every list; each own
// work's page with comments (its detail and comment pages, and every
// 展开 of replies, three replies first and ten after); each favourites
// folder (opened and left again); the chat's profile check; the wallet;
// the watch history and watch later; the notification pane; the 合集
// tab and each series' page; the 音乐 tab.
// A capture's wall time cannot beat Needed()/Rate.
func (r *Replica) Needed() int {
	a := r.acc
	pages := func(n, size int) int { return max(1, (n+size-1)/size) }
	now := r.now().UnixMilli()
	count := func(list []*Work, window time.Duration) int {
		p, cursor := 0, int64(0)
		for {
			_, next, more := timeline(list, cursor, now, 18, window)
			p++
			if !more {
				return p
			}
			cursor = next
		}
	}
	// A load of the profile page shows the works tab, which asks for
	// pages by itself until its grid overflows its box (more than two
	// rows of four at the 900-pixel window farewell uses) or ends.
	shown := func() int {
		p, items, cursor := 0, 0, int64(0)
		for {
			works, next, more := timeline(a.Works, cursor, now, 18, postWindow)
			p++
			items += len(works)
			if !more || items > 8 {
				return p
			}
			cursor = next
		}
	}
	n := 2 + 1 + shown()                // profile/self at login and at backup; the profile step's page load (profile/self, its works)
	n += 1 + count(a.Works, postWindow) // posts
	for _, w := range a.Works {
		if w.CommentCount() == 0 {
			continue
		}
		tops, _ := a.listed(w)
		n++                                  // aweme/detail
		n += 1 + (max(0, len(tops)-5)+19)/20 // comment pages: 5, then 20 each
		for _, c := range tops {
			if k := len(c.Replies); k > 0 {
				n += 1 + (max(0, k-3)+9)/10
			}
		}
	}
	n += 1 + count(a.Likes, 0) // likes
	n += 1 + pages(len(a.Favorites), 10)
	n++ // collects/list
	for _, f := range a.Folders {
		n += pages(len(f.Works), 10) + 1 // its works, and collects/list again on the way back
	}
	n += pages(len(a.Mixes), 12) + pages(len(a.Musics), 12) + pages(len(a.Dramas), 12)
	n += 1 + shown() + pages(len(a.Following), 20)
	n += 1 + shown() + pages(min(len(a.Followers), a.FollowersCap), 20)
	if len(a.Followers) > a.FollowersCap {
		n++ // the page that shows the list ran dry
	}
	n++ // the chat page's profile/self
	if len(a.Conversations) > 0 {
		n++ // and im/user/info, for the names of the conversations' people
	}
	n++                                   // the wallet: /pay asks for wallet/info as it loads
	n += 1 + pages(len(a.History), 20)    // history: showTab=record asks for profile/other and its first page
	n += 1 + pages(len(a.WatchLater), 20) // watch later, likewise
	n += pages(len(a.Notices), 10)        // the 通知 pane of the home page (which asks for nothing)
	n += 1 + pages(len(a.Series), 12)     // showTab=mix opens the 合集 tab
	for _, s := range a.Series {
		n += pages(len(s.Works), 20) // each series' page
	}
	n += 1 + pages(len(a.Sounds), 20)
	return n
}
