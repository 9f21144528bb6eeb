package douyin

import (
	"context"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
)

// Records derives every collection's records from the raw captures: the
// union of all pages (a work two pages listed is one record), the newest
// version of each work (aweme/detail after a list), favourites with the
// folders they are in, messages with their conversation's peer, and each
// media file's path and hash from the media index.
func (p *Profile) Records(ctx context.Context, st *exporter.Store) error {
	entries, err := st.MediaEntries()
	if err != nil {
		return err
	}
	r := &records{st: st, uid: st.Info.Account.ID, media: entries}
	for _, step := range []func() error{r.profile, r.posts, r.comments, r.likes, r.favorites, r.users, r.messages, r.wallet} {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

type records struct {
	st    *exporter.Store
	uid   string
	media map[string]exporter.MediaEntry
}

// fill sets the file, hash and size of downloaded media.
func (r *records) fill(ms []record.Media) {
	for i := range ms {
		if e, ok := r.media[MediaKey(ms[i].URL)]; ok {
			ms[i].File, ms[i].SHA256, ms[i].Bytes = e.File, e.SHA256, e.Bytes
		}
		if ms[i].Motion != nil {
			motion := []record.Media{*ms[i].Motion}
			r.fill(motion)
			ms[i].Motion = &motion[0]
		}
	}
}

func (r *records) write(collection string, recs []any) error {
	lines := make([][]byte, 0, len(recs))
	for _, rec := range recs {
		line, err := record.MarshalLine(rec)
		if err != nil {
			return err
		}
		lines = append(lines, line)
	}
	return r.st.WriteRecords(collection, lines)
}

// each calls fn with the body of every raw capture of a collection.
func (r *records) each(collection string, fn func(rf exporter.RawFile, body []byte)) {
	raws, _ := r.st.Raws(collection)
	for _, rf := range raws {
		if body, err := rf.Read(); err == nil {
			fn(rf, body)
		}
	}
}

func (r *records) profile() error {
	var recs []any
	r.each("profile", func(rf exporter.RawFile, body []byte) {
		if u, err := dy.DecodeProfile(body); err == nil {
			rec := dy.ProfileRecord(u, rf.Name)
			r.fill(rec.Media)
			recs = []any{rec} // the newest wins
		}
	})
	return r.write("profile", recs)
}

// posts unites the own works of every post page and detail.
func (r *records) posts() error {
	byID := map[string]record.Post{}
	r.each("posts", func(rf exporter.RawFile, body []byte) {
		for _, a := range awemesOf(rf) {
			if a.AuthorID() != r.uid {
				continue
			}
			p := dy.Post(&a, rf.Name)
			if old, ok := byID[p.ID]; ok && old.Pinned && rf.Meta.Kind == "douyin.detail" {
				p.Pinned = true // a detail does not say is_top
			}
			byID[p.ID] = p
		}
	})
	out := make([]record.Post, 0, len(byID))
	for _, p := range byID {
		r.fill(p.Media)
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].CreatedAt != out[j].CreatedAt {
			return out[i].CreatedAt > out[j].CreatedAt
		}
		return out[i].ID > out[j].ID
	})
	recs := make([]any, len(out))
	for i := range out {
		recs[i] = out[i]
	}
	return r.write("posts", recs)
}

func (r *records) comments() error {
	byID := map[string]record.Comment{}
	var order []string
	r.each("comments", func(rf exporter.RawFile, body []byte) {
		cs, err := dy.DecodeComments(body)
		if err != nil {
			return
		}
		postID := ""
		if u, err := url.Parse(rf.Meta.URL); err == nil {
			postID = u.Query().Get("aweme_id")
			if postID == "" {
				postID = u.Query().Get("item_id")
			}
		}
		for i := range cs.Comments {
			c := dy.CommentRecord(&cs.Comments[i], postID, rf.Name)
			r.fill(c.Media)
			if _, ok := byID[c.ID]; !ok {
				order = append(order, c.ID)
			}
			byID[c.ID] = c
		}
	})
	recs := make([]any, 0, len(order))
	for _, id := range order {
		recs = append(recs, byID[id])
	}
	return r.write("comments", recs)
}

func (r *records) likes() error {
	seen := map[string]bool{}
	var recs []any
	r.each("likes", func(rf exporter.RawFile, _ []byte) {
		for _, a := range awemesOf(rf) {
			p := dy.Post(&a, "")
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			r.fill(p.Media)
			recs = append(recs, record.Saved{Record: record.TypeLike, Platform: dy.Platform, Post: &p, Raw: rf.Name})
		}
	})
	return r.write("likes", recs)
}

// favorites: the works of listcollection and of every folder (with the
// folders each is in, in the site's order), the series and the music.
func (r *records) favorites() error {
	folderName := map[string]string{}
	var folderOrder []string
	r.each("favorites", func(rf exporter.RawFile, body []byte) {
		if rf.Meta.Kind != "douyin.folders" {
			return
		}
		if f, err := dy.DecodeFolders(body); err == nil {
			for i := range f.List {
				id := f.List[i].Key()
				if _, ok := folderName[id]; !ok {
					folderOrder = append(folderOrder, id)
				}
				folderName[id] = f.List[i].Name
			}
		}
	})
	type fav struct {
		saved   record.Saved
		folders map[string]bool
	}
	var order []string
	byKey := map[string]*fav{}
	add := func(key string, s record.Saved) *fav {
		f := byKey[key]
		if f == nil {
			f = &fav{saved: s, folders: map[string]bool{}}
			byKey[key] = f
			order = append(order, key)
		}
		return f
	}
	r.each("favorites", func(rf exporter.RawFile, body []byte) {
		switch rf.Meta.Kind {
		case "douyin.collection":
			folder := ""
			if u, err := url.Parse(rf.Meta.URL); err == nil && strings.Contains(u.Path, "/collects/video/list") {
				folder = u.Query().Get("collects_id")
			}
			for _, a := range awemesOf(rf) {
				p := dy.Post(&a, "")
				f := add("post:"+p.ID, record.Saved{Record: record.TypeFavorite, Platform: dy.Platform, Post: &p, Raw: rf.Name})
				if folder != "" {
					f.folders[folder] = true
				}
			}
		case "douyin.mixes":
			if m, err := dy.DecodeMixes(body); err == nil {
				for i := range m.List {
					add("mix:"+string(m.List[i].MixID), dy.SeriesSaved(&m.List[i], rf.Name))
				}
			}
		case "douyin.musics":
			if m, err := dy.DecodeMusics(body); err == nil {
				for i := range m.List {
					add("music:"+m.List[i].Key(), dy.MusicSaved(&m.List[i], rf.Name))
				}
			}
		}
	})
	recs := make([]any, 0, len(order))
	for _, key := range order {
		f := byKey[key]
		s := f.saved
		var names []string
		for _, id := range folderOrder {
			if f.folders[id] {
				names = append(names, folderName[id])
			}
		}
		if len(names) > 0 {
			s.Folder = strings.Join(names, ",")
		}
		switch {
		case s.Post != nil:
			r.fill(s.Post.Media)
		case s.Series != nil:
			r.fill(s.Series.Media)
		case s.Music != nil:
			r.fill(s.Music.Media)
		}
		recs = append(recs, s)
	}
	return r.write("favorites", recs)
}

func (r *records) users() error {
	for _, coll := range []string{"following", "followers"} {
		seen := map[string]bool{}
		var recs []any
		r.each(coll, func(rf exporter.RawFile, body []byte) {
			f, err := dy.DecodeFollow(body)
			if err != nil {
				return
			}
			users := f.Users()
			for i := range users {
				u := dy.UserRecord(&users[i], rf.Name)
				if !seen[u.ID] {
					seen[u.ID] = true
					recs = append(recs, u)
				}
			}
		})
		if err := r.write(coll, recs); err != nil {
			return err
		}
	}
	return nil
}

// messages: every message of every history answer, with its
// conversation's peer from the conversation list; by conversation, oldest
// first.
func (r *records) messages() error {
	peers := map[string]*record.Ref{}
	var convOrder []string
	byConv := map[string]map[string]dy.IMMessage{}
	r.each("messages", func(_ exporter.RawFile, body []byte) {
		a, err := dy.DecodeIM(body)
		if err != nil {
			return
		}
		for _, c := range a.Conversations {
			if _, ok := peers[c.ID]; !ok {
				convOrder = append(convOrder, c.ID)
			}
			peers[c.ID] = &record.Ref{ID: c.PeerUID, Name: c.PeerNickname}
		}
		for _, m := range a.Messages {
			if byConv[m.ConversationID] == nil {
				byConv[m.ConversationID] = map[string]dy.IMMessage{}
			}
			byConv[m.ConversationID][m.ID] = m
		}
	})
	var extra []string
	for id := range byConv {
		if _, ok := peers[id]; !ok {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	convOrder = append(convOrder, extra...)
	var recs []any
	for _, id := range convOrder {
		msgs := make([]dy.IMMessage, 0, len(byConv[id]))
		for _, m := range byConv[id] {
			msgs = append(msgs, m)
		}
		sortMessages(msgs)
		for i := range msgs {
			recs = append(recs, dy.MessageRecord(&msgs[i], r.uid, peers[id]))
		}
	}
	return r.write("messages", recs)
}

func (r *records) wallet() error {
	var recs []any
	r.each("wallet", func(rf exporter.RawFile, body []byte) {
		if w, err := dy.DecodeWallet(body); err == nil {
			rec := dy.WalletRecord(w, rf.Name)
			if _, err := os.Stat(r.st.Path(exporter.ScreensDir, "wallet", "0001.png")); err == nil {
				rec.Screens = []string{exporter.ScreensDir + "/wallet/0001.png"}
			}
			recs = []any{rec}
		}
	})
	return r.write("wallet", recs)
}
