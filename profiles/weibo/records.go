package weibo

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers/record"
	wb "github.com/farewell-app/farewell/parsers/weibo"
	"github.com/farewell-app/farewell/profiles"
)

// Records derives every collection's records from the raw captures: the
// union of all pages (so a post the timeline and a month window both
// returned is one record), long texts resolved, the fullest version of
// each post (statuses/show has every picture), and each media file's path
// and hash from the media index.
func (p *Profile) Records(ctx context.Context, st *exporter.Store) error {
	d, err := profiles.NewDeriver(st, MediaKey)
	if err != nil {
		return err
	}
	r := &records{Deriver: d}
	return d.Run(ctx, r.profile, r.emoticons, r.posts, r.comments, r.saved, r.users, r.box, r.messages, r.articles, r.apps, r.checklist)
}

// records derives the collections' records, one method each.
type records struct {
	*profiles.Deriver
	appNames []string // names of the authorised apps, for the checklist
	// appPages counts the apps pages read, appUnread those that could
	// not be: the checklist never says "no app" without having read it.
	appPages, appUnread int
}

func (r *records) fillPost(p *record.Post) {
	r.Fill(p.Media)
	if p.RepostOf != nil {
		r.fillPost(p.RepostOf)
	}
}

func (r *records) profile() error {
	var info *wb.User
	var detail *wb.ProfileDetail
	var raw string
	err := r.Each(cProfile, func(f exporter.RawFile, body []byte) {
		switch f.Meta.Kind {
		case string(wb.KindProfile):
			u, err := wb.DecodeProfileInfo(body)
			r.Warn(f, err)
			if err == nil {
				info, raw = u, f.Name
			}
		case string(wb.KindDetail):
			d, err := wb.DecodeProfileDetail(body)
			r.Warn(f, err)
			if err == nil {
				detail = d
			}
		}
	})
	if err != nil {
		return err
	}
	if info == nil {
		return r.Write(cProfile, nil)
	}
	rec := wb.ProfileRecord(info, detail, raw)
	if rec.Avatar != "" {
		rec.Media = []record.Media{{Type: record.MediaImage, URL: rec.Avatar}}
		r.Fill(rec.Media)
	}
	return r.Write(cProfile, []any{rec})
}

// posts unites the own statuses of every timeline, month-window and show
// capture.
func (r *records) posts() error {
	longText := map[string]string{}
	links := map[string][]wb.URLStruct{}
	type best struct {
		st        wb.Status
		raw, kind string
	}
	byID := map[string]*best{}
	notOwn := map[string]bool{}
	edits := map[string][]record.Post{} // earlier versions, by post
	pinned := map[string]bool{}
	err := r.Each(cPosts, func(f exporter.RawFile, body []byte) {
		if f.Meta.Kind == string(wb.KindEditHistory) {
			versions, err := wb.DecodeEditHistory(body)
			r.Warn(f, err)
			if err == nil {
				edits[f.Meta.Ref] = wb.Edits(versions)
			}
			return
		}
		if f.Meta.Kind == string(wb.KindLongText) {
			lt, err := wb.DecodeLongText(body)
			r.Warn(f, err)
			if err == nil && lt != nil {
				longText[f.Meta.Ref] = lt.Content
				links[f.Meta.Ref] = lt.URLStruct
			}
			return
		}
		sts, skipped, err := decodeStatuses(f, body)
		r.Warn(f, err)
		r.Skipped(f, skipped.String())
		for _, st := range sts {
			id := st.Key()
			if st.Via != "" && st.AuthorID() != r.UID {
				notOwn[id] = true // a stub of another user's post in the timeline
			}
			if st.AuthorID() != r.UID && !st.ClientOnly() {
				continue
			}
			if st.Pinned() {
				pinned[id] = true
			}
			if b := byID[id]; b == nil || fuller(&st, f.Meta.Kind, &b.st, b.kind) {
				byID[id] = &best{st: st, raw: f.Name, kind: f.Meta.Kind}
			}
		}
	})
	if err != nil {
		return err
	}
	out := make([]record.Post, 0, len(byID))
	for id, b := range byID {
		if notOwn[id] {
			continue
		}
		st := b.st
		st.URLStruct = append(st.URLStruct, links[id]...)
		if st.Retweeted != nil {
			st.Retweeted.URLStruct = append(st.Retweeted.URLStruct, links[st.Retweeted.Key()]...)
		}
		p := wb.Post(&st, wb.PostOptions{LongText: longText, Raw: b.raw})
		p.Pinned = pinned[id]
		p.Edits = edits[id]
		r.fillPost(&p)
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].CreatedAt != out[j].CreatedAt {
			return out[i].CreatedAt > out[j].CreatedAt
		}
		return lessID(out[j].ID, out[i].ID)
	})
	recs := make([]any, len(out))
	for i := range out {
		recs[i] = out[i]
	}
	return r.Write(cPosts, recs)
}

// emoticons writes the site's emoticons with their pictures
// (emoticons.jsonl, beside the collections), from the newest map kept.
func (r *records) emoticons() error {
	var recs []any
	err := r.Each(cProfile, func(f exporter.RawFile, body []byte) {
		if f.Meta.Kind != string(wb.KindEmoticons) {
			return
		}
		es, err := wb.DecodeEmoticons(body, f.Name)
		r.Warn(f, err)
		if err != nil {
			return
		}
		recs = recs[:0]
		for i := range es {
			r.Fill(es[i].Media)
			recs = append(recs, es[i])
		}
	})
	if err != nil || len(recs) == 0 {
		return err
	}
	return r.Write(cEmoticons, recs)
}

// fuller says whether status a (from a capture of kind ak) says more of
// a post than b (of kind bk): a whole post beats the web's stub of it,
// more pictures beat fewer, and statuses/show beats a list.
func fuller(a *wb.Status, ak string, b *wb.Status, bk string) bool {
	switch {
	case a.ClientOnly() != b.ClientOnly():
		return !a.ClientOnly()
	case len(a.PicIDs) != len(b.PicIDs):
		return len(a.PicIDs) > len(b.PicIDs)
	}
	return ak == string(wb.KindShow) && bk != string(wb.KindShow)
}

func (r *records) comments() error {
	byID := map[string]record.Comment{}
	var order []string
	err := r.Each(cComments, func(f exporter.RawFile, body []byte) {
		page, err := wb.DecodeComments(body)
		if err != nil {
			r.Warn(f, err)
			return
		}
		r.Skipped(f, page.Skipped.String())
		for i := range page.Comments {
			c := wb.CommentRecord(&page.Comments[i], f.Meta.Ref, f.Name)
			r.Fill(c.Media)
			if _, ok := byID[c.ID]; !ok {
				order = append(order, c.ID)
			}
			byID[c.ID] = c
		}
	})
	if err != nil {
		return err
	}
	recs := make([]any, 0, len(order))
	for _, id := range order {
		recs = append(recs, byID[id])
	}
	return r.Write(cComments, recs)
}

// saved builds likes and favourites.
func (r *records) saved() error {
	for _, coll := range []struct {
		name      exporter.Collection
		kind, typ string
	}{
		{cLikes, string(wb.KindLikelist), record.TypeLike}, {cFavorites, string(wb.KindFavorites), record.TypeFavorite},
	} {
		seen := map[string]bool{}
		var recs []any
		err := r.Each(coll.name, func(f exporter.RawFile, body []byte) {
			var items []record.Saved
			switch f.Meta.Kind {
			case string(wb.KindLikelist):
				tl, err := wb.DecodeTimeline(body)
				r.Warn(f, err)
				if err == nil {
					r.Skipped(f, tl.Skipped.String())
					for i := range tl.Statuses {
						p := wb.Post(&tl.Statuses[i], wb.PostOptions{})
						items = append(items, record.Saved{Record: coll.typ, Platform: wb.Platform, Post: &p, Raw: f.Name})
					}
				}
			case string(wb.KindFavorites):
				fav, err := wb.DecodeFavorites(body)
				r.Warn(f, err)
				if err == nil {
					r.Skipped(f, fav.Skipped.String())
					for i := range fav.Statuses {
						p := wb.Post(&fav.Statuses[i].Status, wb.PostOptions{})
						folder := ""
						for j, t := range fav.Statuses[i].Tags {
							if j > 0 {
								folder += ","
							}
							folder += t.Tag
						}
						items = append(items, record.Saved{Record: coll.typ, Platform: wb.Platform, Post: &p, Folder: folder, Raw: f.Name})
					}
				}
			}
			for _, it := range items {
				if seen[it.Post.ID] {
					continue
				}
				seen[it.Post.ID] = true
				recs = append(recs, it)
			}
		})
		if err != nil {
			return err
		}
		whole, err := r.mobilePosts(coll.name)
		if err != nil {
			return err
		}
		for i := range recs {
			it := recs[i].(record.Saved)
			if p, ok := whole[it.Post.ID]; ok && it.Post.Via == record.ViaStub {
				it.Post = &p // the web's stub, read whole from m.weibo.cn
			}
			r.fillPost(it.Post)
			recs[i] = it
		}
		if err := r.Write(coll.name, recs); err != nil {
			return err
		}
	}
	return nil
}

// box writes the collections of the messages box: the comments the
// person wrote and received, each with the post it answers, and the posts
// and comments that mention them; each once, in the site's order.
func (r *records) box() error {
	for _, coll := range []exporter.Collection{cMyComments, cReceived, cMentions} {
		seen := map[string]bool{}
		var recs []any
		err := r.Each(coll, func(f exporter.RawFile, body []byte) {
			if f.Meta.Kind == string(wb.KindMentions) {
				page, err := wb.DecodeMentions(body)
				r.Warn(f, err)
				if err != nil {
					return
				}
				r.Skipped(f, page.Skipped.String())
				for i := range page.Items {
					if p := wb.Post(&page.Items[i], wb.PostOptions{Raw: f.Name}); !seen[p.ID] {
						seen[p.ID] = true
						r.fillPost(&p)
						recs = append(recs, p)
					}
				}
				return
			}
			page, err := wb.DecodeMessageComments(body)
			r.Warn(f, err)
			if err != nil {
				return
			}
			r.Skipped(f, page.Skipped.String())
			for i := range page.Items {
				if c := wb.CommentRecord(&page.Items[i], "", f.Name); !seen[c.ID] {
					seen[c.ID] = true
					r.Fill(c.Media)
					recs = append(recs, c)
				}
			}
		})
		if err != nil {
			return err
		}
		if err := r.Write(coll, recs); err != nil {
			return err
		}
	}
	return nil
}

// mobilePosts returns the posts of a collection read whole from
// m.weibo.cn (client-only posts, §W3), by id.
func (r *records) mobilePosts(collection exporter.Collection) (map[string]record.Post, error) {
	out := map[string]record.Post{}
	err := r.Each(collection, func(f exporter.RawFile, body []byte) {
		if f.Meta.Kind != string(wb.KindMobileShow) {
			return
		}
		st, err := wb.DecodeMobileShow(body)
		r.Warn(f, err)
		if err == nil {
			out[st.Key()] = wb.Post(st, wb.PostOptions{Raw: f.Name})
		}
	})
	return out, err
}

func (r *records) users() error {
	groups, err := r.groups()
	if err != nil {
		return err
	}
	return r.Users(func(rf exporter.RawFile, body []byte) ([]record.User, error) {
		if rf.Meta.Kind != string(wb.KindFriends) {
			return nil, nil // the follow groups, read by groups
		}
		page, err := wb.DecodeFriends(body)
		if err != nil {
			return nil, err
		}
		out := make([]record.User, 0, len(page.Users))
		for i := range page.Users {
			u := wb.UserRecord(&page.Users[i], rf.Name)
			if rf.Meta.Collection == cFollowing {
				u.Groups = groups[u.ID]
			}
			out = append(out, u)
		}
		return out, nil
	})
}

// groups returns the follow groups of each followed account, by id, in
// the order allGroups lists the groups.
func (r *records) groups() (map[string][]string, error) {
	var order []wb.Group
	members := map[string][]string{} // group id: member ids
	err := r.Each(cFollowing, func(f exporter.RawFile, body []byte) {
		switch f.Meta.Kind {
		case string(wb.KindGroups):
			gs, err := wb.DecodeGroups(body)
			r.Warn(f, err)
			if err == nil {
				// Each pass starts with the groups: the newest pass's
				// members are the ones that hold.
				order, members = gs, map[string][]string{}
			}
		case string(wb.KindGroupMembers):
			m, err := wb.DecodeGroupMembers(body)
			r.Warn(f, err)
			if err == nil {
				for i := range m.Users {
					members[f.Meta.Ref] = append(members[f.Meta.Ref], m.Users[i].Key())
				}
			}
		}
	})
	out := map[string][]string{}
	for _, g := range order {
		seen := map[string]bool{}
		for _, id := range members[string(g.GID)] {
			if !seen[id] {
				seen[id] = true
				out[id] = append(out[id], g.Title)
			}
		}
	}
	return out, err
}

func (r *records) apps() error {
	seen := map[string]bool{}
	var recs []any
	err := r.Each(cApps, func(f exporter.RawFile, body []byte) {
		page, err := wb.ParseApps(body, f.Name)
		if err != nil {
			r.appUnread++
			r.Warn(f, err)
			return
		}
		r.appPages++
		for _, a := range page.Apps {
			if key := a.Name + "\x00" + a.URL; !seen[key] {
				seen[key] = true
				recs = append(recs, a)
				r.appNames = append(r.appNames, a.Name)
			}
		}
	})
	if err != nil {
		return err
	}
	return r.Write(cApps, recs)
}

// checklist writes what to settle before deleting a Weibo account: the
// authorised apps still linked, the wallet farewell cannot read, and the
// site's rule on recent password or phone changes.
func (r *records) checklist() error {
	apps := exporter.Readiness{Check: "apps", OK: len(r.appNames) == 0, Detail: "no third-party app is authorised to use the account", Code: string(i18n.WeiboAppsNone)}
	if n := len(r.appNames); n > 0 {
		names := strings.Join(r.appNames[:min(n, 5)], ", ")
		if n > 5 {
			names += ", …"
		}
		apps.Detail = fmt.Sprintf("%d authorised app(s) still linked (%s): revoke them at 我的应用 first; apps that log in with Weibo stop working once the account is gone", n, names)
		apps.Code, apps.Params = string(i18n.WeiboAppsLinked), map[string]string{"n": strconv.Itoa(n), "names": names}
	}
	if r.appPages == 0 || r.appUnread > 0 {
		// Unknown is not "none": the page was not read (§W9).
		apps = exporter.NotRead("apps", false, "the list of authorised apps (the page it saw is kept as a screenshot)",
			"open 我的应用 ("+appsURL+") and revoke every app still linked before deleting", i18n.WeiboAppsUnread, map[string]string{"url": appsURL})
	}
	return r.Store.WriteReadiness([]exporter.Readiness{
		apps,
		{Check: "wallet", Code: string(i18n.WeiboWallet), Detail: "farewell does not read Weibo's wallet: open 微博钱包 in the app and withdraw any balance and unclaimed red packets (红包) before deleting"},
		{Check: "security", Info: true, Code: string(i18n.WeiboSecurity), Detail: "Weibo refuses to delete an account whose password or bound phone changed in the last three months"},
	})
}
