package replica

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
	"github.com/farewell-app/farewell/profiles/replicamedia"
)

func i64(v int) *int64 { n := int64(v); return &n }

// original is the sha256 of an original media file (see Original).
func (r *Replica) original(a *Account, key string) string {
	return r.sums.Of(key, func() []byte {
		b, _ := a.Original(key)
		return b
	})
}

// expectedText is a post's whole text as a backup must hold it: short
// links replaced by where they lead.
func expectedText(p *Post) string {
	text := p.Text
	for _, l := range p.Links {
		text = strings.ReplaceAll(text, l.Short, l.Long)
	}
	return text
}

// commentText is a comment's text as a backup holds it: a reply to a
// reply opens with whom it answers, an inline picture is its link.
func commentText(cm *Comment) string {
	text := cm.Text
	if cm.ReplyTo != nil {
		text = "回复@" + cm.ReplyTo.Author.Name + ":" + cm.Text
	}
	if cm.Pic != nil {
		text += " https://photo.weibo.com/h5/comment/compic_id/1022:" + cm.Pic.PID
	}
	return text
}

// via is where a complete backup read a post from when not the desktop
// API: m.weibo.cn for one the web shows only as a stub (§W3).
func via(p *Post) any {
	if p.ClientOnly {
		return "m.weibo.cn"
	}
	return nil
}

// Truth returns what a complete backup of the account holds: every
// collection's items with the fields their records must have, and every
// original media file with its sha256.
func (r *Replica) Truth() replicakit.Truth {
	r.accMu.RLock()
	defer r.accMu.RUnlock()
	a := r.acc
	t := replicakit.Truth{Account: a.Owner.ID, Collections: map[string]replicakit.CollectionTruth{}, Media: map[string]string{}}
	addPic := func(p *Pic, size string) {
		t.Media[replicakit.MediaURLKey(picURL(p, size))] = r.original(a, "image:"+p.PID)
		if p.Type == "livephoto" {
			t.Media["livephoto.us.sinaimg.cn/"+p.PID+".mov"] = r.original(a, "motion:"+p.PID)
		}
	}
	addVideo := func(v *Video) {
		t.Media[fmt.Sprintf("f.video.weibocdn.com/o0/%s_%s.mp4", v.ID, v.Rungs[len(v.Rungs)-1].Label)] = r.original(a, "video:"+v.ID)
		t.Media[replicakit.MediaURLKey(coverURL(v))] = r.sums.Of("cover:"+v.ID, func() []byte { return coverJPEG("cover" + v.ID) })
	}
	postMedia := func(p *Post) {
		for _, pic := range p.Pics {
			addPic(pic, "large")
		}
		if p.Video != nil {
			addVideo(p.Video)
		}
		if p.Repost != nil && !p.Repost.Deleted {
			for _, pic := range p.Repost.Pics {
				addPic(pic, "large")
			}
			if p.Repost.Video != nil {
				addVideo(p.Repost.Video)
			}
		}
	}

	for _, e := range emoticonSet {
		t.Media[replicakit.MediaURLKey(emoticonURL(e.name))] = r.sums.Of("emoticon:"+e.name, func() []byte { return emoticonPNG(e.name) })
	}
	owner := a.Owner
	avatar := replicakit.MediaURLKey(r.avatarURL(owner, 1024))
	t.Media[avatar] = r.sums.Of("avatar:"+owner.Avatar, func() []byte { return replicamedia.JPEG(owner.Avatar+".jpg", 1024, 1024) })
	t.Collections["profile"] = replicakit.CollectionTruth{Key: "id", Expected: i64(1), Items: map[string]map[string]any{
		owner.ID: {"name": owner.Name, "description": owner.Description, "counts.posts": len(a.Posts)},
	}}

	posts := map[string]map[string]any{}
	comments := map[string]map[string]any{}
	var commentCount, withheld int
	for _, p := range a.Posts {
		if !r.onWeb(p) {
			withheld++ // in the app alone (web-cap)
			continue
		}
		f := map[string]any{"text": expectedText(p), "author.id": owner.ID, "created_at": p.CreatedAt.In(cst).Format("2006-01-02T15:04:05-07:00"),
			"pinned": nil, "#media": len(p.Pics), "via": via(p)}
		if p.Pinned {
			f["pinned"] = true
		}
		f["#edits"] = len(p.Edits)
		for j, e := range p.Edits {
			f[fmt.Sprintf("edits.%d.text", j)] = e.Text
		}
		if p.Video != nil || p.VideoOuter {
			// The video and its cover (page_pic).
			f["#media"] = len(p.Pics) + 2
		}
		if p.Repost != nil {
			f["repost_of.id"] = p.Repost.Mid
			if p.Repost.Deleted {
				f["repost_of.deleted"] = true
			} else {
				f["repost_of.text"] = p.Repost.Text
			}
		}
		posts[p.Mid] = f
		postMedia(p)
		for _, c := range p.Comments {
			for _, cm := range append([]*Comment{c}, c.Replies...) {
				text := commentText(cm)
				if cm.Pic != nil {
					addPic(cm.Pic, "woriginal")
				}
				parent := any(nil)
				switch {
				case cm.ReplyTo != nil:
					parent = cm.ReplyTo.ID
				case cm.Root != nil:
					parent = cm.Root.ID
				}
				comments[cm.ID] = map[string]any{"post_id": p.Mid, "parent_id": parent, "text": text, "author.id": cm.Author.ID}
				commentCount++
			}
		}
	}
	t.Collections["posts"] = replicakit.CollectionTruth{Key: "id", Items: posts, Expected: i64(len(a.Posts)), Withheld: int64(withheld)}
	t.Collections["comments"] = replicakit.CollectionTruth{Key: "id", Items: comments, Expected: i64(commentCount)}

	likes := map[string]map[string]any{}
	for _, p := range a.Likes {
		likes[p.Mid] = map[string]any{"post.text": p.Text, "post.author.id": p.Author.ID, "post.via": via(p)}
		postMedia(p)
	}
	t.Collections["likes"] = replicakit.CollectionTruth{Key: "post.id", Items: likes}
	favs := map[string]map[string]any{}
	for _, f := range a.Favorites {
		var folder any
		if len(f.Tags) > 0 {
			folder = strings.Join(f.Tags, ",")
		}
		favs[f.Post.Mid] = map[string]any{"post.text": f.Post.Text, "folder": folder, "post.via": via(f.Post)}
		postMedia(f.Post)
	}
	t.Collections["favorites"] = replicakit.CollectionTruth{Key: "post.id", Items: favs, Expected: i64(len(a.Favorites))}

	// The messages box: each comment with the post it answers, and that
	// post's text as the box shows it when the post is someone else's
	// (the person's own are whole in posts; the box shows them cut).
	boxed := func(cs []*Comment) map[string]map[string]any {
		out := map[string]map[string]any{}
		for _, cm := range cs {
			out[cm.ID] = map[string]any{"text": commentText(cm), "author.id": cm.Author.ID, "post.id": cm.Post.Mid}
			if cm.Post.Author != a.Owner {
				out[cm.ID]["post.text"], out[cm.ID]["post.author.id"] = cm.Post.Text, cm.Post.Author.ID
			}
			if cm.Pic != nil {
				addPic(cm.Pic, "woriginal")
			}
		}
		return out
	}
	received := a.Received()
	t.Collections["my_comments"] = replicakit.CollectionTruth{Key: "id", Items: boxed(a.MyComments), Expected: i64(len(a.MyComments))}
	t.Collections["received_comments"] = replicakit.CollectionTruth{Key: "id", Items: boxed(received), Expected: i64(len(received))}
	mentions := boxed(a.CommentMentions)
	for _, p := range a.Mentions {
		mentions[p.Mid] = map[string]any{"record": "post", "text": p.Text, "author.id": p.Author.ID}
		postMedia(p)
	}
	t.Collections["mentions"] = replicakit.CollectionTruth{Key: "id", Items: mentions, Expected: i64(len(a.Mentions) + len(a.CommentMentions))}

	users := func(list []*User) map[string]map[string]any {
		out := map[string]map[string]any{}
		for _, u := range list {
			out[u.ID] = map[string]any{"name": u.Name}
		}
		return out
	}
	following := users(a.Following)
	for id := range following {
		following[id]["groups"] = nil
		following[id]["special_follow"] = nil
		if a.Special[id] {
			following[id]["special_follow"] = true
		}
	}
	for _, g := range a.Groups {
		for _, u := range g.Members {
			list, _ := following[u.ID]["groups"].([]any)
			following[u.ID]["groups"] = append(list, g.Title)
		}
	}
	t.Collections["following"] = replicakit.CollectionTruth{Key: "id", Items: following, Expected: i64(len(a.Following))}
	listed := a.Followers
	if len(listed) > a.FollowersCap {
		listed = listed[:a.FollowersCap]
	}
	t.Collections["followers"] = replicakit.CollectionTruth{Key: "id", Items: users(listed), Expected: i64(len(a.Followers)),
		Withheld: int64(len(a.Followers) - len(listed))}

	apps := map[string]map[string]any{}
	for _, app := range a.Apps {
		scopes := make([]any, len(app.Scopes))
		for i, s := range app.Scopes {
			scopes[i] = s
		}
		apps[app.Name] = map[string]any{"url": "https://app.weibo.com/t/feed/" + app.ID, "scopes": scopes,
			"authorised_at": app.AuthorisedAt.In(cst).Format("2006-01-02") + "T00:00:00+08:00"}
	}
	t.Collections["apps"] = replicakit.CollectionTruth{Key: "name", Items: apps, Expected: i64(len(a.Apps))}
	r.chatTruth(a, &t)
	r.articleTruth(a, &t)
	if r.variant("apps-unknown") {
		t.Collections["apps"] = replicakit.CollectionTruth{Key: "name", Items: map[string]map[string]any{}, Unreadable: true}
	}
	return t
}

// MediaKey names a media URL for Served and Truth: its host and path,
// and for a message's picture or file (one path for all) its fid.
func (r *Replica) MediaKey(u string) string { return mediaKey(u) }

func mediaKey(u string) string {
	k := replicakit.MediaURLKey(u)
	if p, err := url.Parse(u); err == nil && strings.EqualFold(p.Host, "upload.api.weibo.com") {
		k += "?fid=" + p.Query().Get("fid")
	}
	return k
}

// Served returns how many times each media file was requested, by
// MediaKey.
func (r *Replica) Served() map[string]int { return r.served.Snapshot() }

// Needed is the fewest ajax requests a complete backup of the account
// takes: every list page (with the empty page that ends a list that has no
// count), every long text and statuses/show, every comment and reply page,
// the session checks of a login and a backup, and the requests the
// profile page makes itself. A capture's wall time cannot beat
// Needed()/Rate.
func (r *Replica) Needed() int {
	a := r.acc
	pages := func(n int) int { return (n + pageSize - 1) / pageSize }
	n := 2 + 2 + 1 // get_config and profile/info, at login and at backup; the emoticon map
	n += 3         // the profile page: profile/info, profile/detail, its first mymblog page
	listed := 0
	months := map[string]int{}
	for _, p := range a.Posts {
		if !r.onWeb(p) {
			continue
		}
		if !p.CursorHidden {
			listed++
		}
		months[p.CreatedAt.In(cst).Format("2006-01")]++
		if p.Long || p.FalseLong {
			n++ // longtext
		}
		if len(p.Edits) > 0 {
			n++ // editHistory
		}
		if len(p.Pics) > 9 {
			n++ // statuses/show
		}
		if p.CommentCount() > 0 {
			n += max(1, pages(len(p.Comments)))
			for _, c := range p.Comments {
				n += pages(len(c.Replies))
			}
		}
	}
	n += r.pagesOf("mymblog", pageSize, listed)
	n++ // mbloghistory
	for _, c := range months {
		n += c/pageSize + 1 // searchProfile: at least a page a month
	}
	n += r.pagesOf("likelist", likesSize, len(a.Likes)) + 1 // likelist, to an empty page
	n += 1 + r.pagesOf("all_fav", pageSize, len(a.Favorites))
	n += r.pagesOf("following", pageSize, len(a.Following))
	n++ // allGroups
	for _, g := range a.Groups {
		n += r.pagesOf("group"+g.GID, pageSize, len(g.Members))
	}
	n += r.pagesOf("followers", pageSize, min(len(a.Followers), a.FollowersCap))
	n += (len(a.articlePosts())+9)/10 + 1 // mymblog?feature=10, to an empty page
	return n
}
