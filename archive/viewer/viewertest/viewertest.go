// Package viewertest makes bundles for testing and measuring the viewer:
// a store-like folder of records (the shapes of parsers/record), media
// files and screenshots, with hostile text planted in posts, names,
// comments and messages, packed with the viewer, the spreadsheets and
// README.txt as a platform bundle is.
// It is used by the viewer's browser tests and by farewell-bench.
package viewertest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/storespec"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles/replicamedia"
)

// Hostile are texts that must stay text: if any of them ran, it would
// set window.__pwned; if any became markup, the page would hold a
// script, an element with an on* attribute, or a javascript: link.
var Hostile = []string{
	`<script>window.__pwned=1</script>`,
	`<img src=x onerror="window.__pwned=1">`,
	`"><svg onload=window.__pwned=1>`,
	`javascript:window.__pwned=1`,
	`<a href="javascript:window.__pwned=1">点我</a>`,
	`<b><i>未闭合的标签 <div`,
	`<iframe src="data:text/html,<script>parent.__pwned=1</script>"></iframe>`,
}

// Options size a generated account.
type Options struct {
	Platform      string // "weibo" or "douyin"
	Posts         int
	Commented     int // how many posts have comments (5 each, 2 of them replies)
	Likes         int
	Favorites     int // spread over three folders
	Following     int
	Followers     int
	Apps          int // weibo
	Boxed         int // weibo: comments written elsewhere, received, and mentions (posts and comments), each
	Conversations int // conversations of Messages messages each (Weibo's last is a named group chat)
	Messages      int
	Articles      int // weibo: articles of three paragraphs, a heading and a picture each
	Activity      int // douyin: watch history, watch later, notifications, series and sounds, so many each
}

// Account is what was generated, for tests to count against.
type Account struct {
	Records map[string]int
	// Media is how many distinct media files the viewer's media page
	// shows (see tally); PictureMonths how many of them are pictures, by
	// the month they belong to ("" for none).
	Media         int
	PictureMonths map[string]int
	PostID        string // a post with comments
	ConvID        string // a conversation
	// ArticleID is an article; ArticleBlocks how many text blocks it has.
	ArticleID     string
	ArticleBlocks int
	Spec          *archive.Spec
}

// Generate writes an account into dir and returns its spec, with the
// viewer, ready to pack.
func Generate(dir string, o Options) (*Account, error) {
	g := &gen{dir: dir, o: o, acc: &Account{Records: map[string]int{}}, files: map[string]bool{}}
	if err := g.run(); err != nil {
		return nil, err
	}
	return g.acc, nil
}

// Pack generates an account into dir/account and packs it into dir.
func Pack(ctx context.Context, dir string, o Options) (*Account, string, error) {
	acc, err := Generate(filepath.Join(dir, "account"), o)
	if err != nil {
		return nil, "", err
	}
	res, err := archive.Pack(ctx, acc.Spec, archive.PackOptions{OutDir: dir, Tool: archive.Tool{Name: "farewell", Version: "test"},
		Workers: 2})
	if err != nil {
		return nil, "", err
	}
	return acc, res.Path, nil
}

type gen struct {
	dir   string
	o     Options
	acc   *Account
	spec  archive.Spec
	files map[string]bool
	media []record.Media // the distinct pictures and videos
	// covers are the videos' covers, by the video's place in media
	// after the pictures (Douyin's posts carry them).
	covers []record.Media
}

var shanghai = time.FixedZone("CST", 8*3600)

func (g *gen) run() error {
	g.spec = archive.Spec{Platform: g.o.Platform, Account: archive.Account{ID: "1234567890", Name: "测试用户<b>粗</b>"}}
	start := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	g.spec.Capture = &archive.Window{StartedAt: start, FinishedAt: start.Add(time.Hour)}
	for i := 0; i < 24; i++ {
		m, err := g.picture(i)
		if err != nil {
			return err
		}
		g.media = append(g.media, m)
	}
	for i := 0; i < 4; i++ {
		w, h := 1280, 720
		if i%2 == 1 {
			w, h = 720, 1280
		}
		m, err := g.file(fmt.Sprintf("video %d", i), "mp4", replicamedia.MP4(replicamedia.Movie{Name: fmt.Sprintf("video %d", i),
			Size: 12_000, Width: w, Height: h, Length: time.Duration(4+3*i) * time.Second}))
		if err != nil {
			return err
		}
		m.Type, m.Width, m.Height, m.Duration = record.MediaVideo, int64(w), int64(h), int64(4+3*i)*1000
		g.media = append(g.media, m)
		// Both sites give every video its cover (Douyin's cover, Weibo's
		// page_pic), which the viewer shows as the video's poster.
		cover, err := g.file(fmt.Sprintf("cover %d", i), "jpg", replicamedia.JPEG(fmt.Sprintf("cover %d", i), w/8, h/8))
		if err != nil {
			return err
		}
		cover.Type, cover.Width, cover.Height = record.MediaCover, int64(w/8), int64(h/8)
		g.covers = append(g.covers, cover)
	}
	steps := []func() error{g.profile, g.posts, g.comments, g.saved, g.users, g.messages}
	if g.o.Platform == "douyin" {
		steps = append(steps, g.activity)
	} else {
		steps = append(steps, g.apps, g.emoticons, g.box, g.articles)
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	// What a store's pack derives from the records: the viewer, the
	// spreadsheets and README.txt.
	made, err := storespec.Derived(context.Background(), &g.spec)
	if err != nil {
		return err
	}
	g.spec.Files = append(g.spec.Files, made...)
	g.acc.Spec = &g.spec
	if err := g.acc.tally(); err != nil {
		return err
	}
	return nil
}

// hostile returns the i-th text of a kind: now and then a hostile one.
func hostile(kind string, i int) string {
	if i%7 == 3 {
		return kind + " " + Hostile[(i/7)%len(Hostile)]
	}
	return fmt.Sprintf("%s %d 今天天气不错[doge] https://example.com/p/%d 🎉[未知]", kind, i, i)
}

// picture is the i-th picture: JPEGs of three shapes (landscape,
// portrait, square), and two animated GIFs among them, so that grids of
// mixed shapes are tested.
func (g *gen) picture(i int) (record.Media, error) {
	shape := [3][2]int{{160, 120}, {120, 160}, {140, 140}}[i%3]
	w, h := shape[0], shape[1]
	name := fmt.Sprintf("picture %d", i)
	if i%12 == 5 {
		m, err := g.file(name, "gif", replicamedia.GIF(name, w/2, h/2))
		m.Type, m.Width, m.Height = record.MediaGIF, int64(w/2), int64(h/2)
		return m, err
	}
	m, err := g.file(name, "jpg", replicamedia.JPEG(name, w, h))
	m.Type, m.Width, m.Height = record.MediaImage, int64(w), int64(h)
	return m, err
}

// file stores content-addressed bytes under media/.
func (g *gen) file(name, ext string, b []byte) (record.Media, error) {
	sum := sha256.Sum256(b)
	hexsum := hex.EncodeToString(sum[:])
	rel := fmt.Sprintf("media/%s/%s.%s", hexsum[:2], hexsum, ext)
	if !g.files[rel] {
		if err := g.write(rel, b); err != nil {
			return record.Media{}, err
		}
		g.files[rel] = true
	}
	return record.Media{URL: "https://cdn.example.com/" + name, File: rel, SHA256: hexsum, Bytes: int64(len(b))}, nil
}

// groupsOf gives some followed accounts follow groups, hostile at times.
func groupsOf(coll string, i int) []string {
	if coll != "following" || i%3 != 0 {
		return nil
	}
	return []string{"同学", hostile("分组", i)}
}

// box writes the messages box's collections: comments the person wrote
// on others' posts (every other one under a post the backup has not),
// comments received on their own posts, and mentions (posts and
// comments), with hostile text in comments and in the posts they answer.
func (g *gen) box() error {
	me := record.Ref{ID: "1234567890", Name: g.spec.Account.Name}
	other := func(i int) *record.Ref { return &record.Ref{ID: fmt.Sprint(500 + i), Name: hostile("别人", i)} }
	comment := func(coll string, i int, author *record.Ref, post *record.Post) record.Comment {
		c := record.Comment{Record: record.TypeComment, Platform: g.o.Platform, ID: fmt.Sprintf("%d", 5300000000000000+len(coll)*1000+i),
			Author: author, CreatedAt: postTime(i).Add(time.Hour).Format(time.RFC3339), Text: hostile(coll, i), Post: post}
		if post != nil {
			c.PostID = post.ID
		}
		return c
	}
	var mine, received, mentions []any
	for i := 0; i < g.o.Boxed; i++ {
		p := g.post(i+2000, *other(i))
		p.Media = nil
		var on *record.Post
		if i%2 == 0 {
			on = &p
		}
		mine = append(mine, comment("my_comments", i, &me, on))
		own := g.post(i%max(g.o.Posts, 1), me)
		own.Media, own.RepostOf = nil, nil
		received = append(received, comment("received_comments", i, other(i), &own))
		if i%2 == 0 {
			m := g.post(i+3000, *other(i))
			mentions = append(mentions, m)
		} else {
			mentions = append(mentions, comment("mentions", i, other(i), &p))
		}
	}
	for _, c := range []struct {
		name string
		recs []any
	}{{"my_comments", mine}, {"received_comments", received}, {"mentions", mentions}} {
		if err := g.records(c.name, c.recs); err != nil {
			return err
		}
	}
	return nil
}

// emoticons writes data/emoticons.jsonl beside the collections, as the
// Weibo profile does: [doge] with its picture, and entries whose phrase
// or file is hostile, which the viewer must never turn into markup or
// load.
func (g *gen) emoticons() error {
	var b bytes.Buffer
	pic := g.media[0]
	for _, e := range []record.Emoticon{
		{Phrase: "[doge]", Media: []record.Media{pic}},
		{Phrase: "[x]", Media: []record.Media{{Type: record.MediaImage, URL: "https://cdn.example.com/x", File: "javascript:window.__pwned=1"}}},
		{Phrase: Hostile[1], Media: []record.Media{pic}},
		{Phrase: "[__proto__]", Media: []record.Media{pic}},
	} {
		e.Record, e.Platform = record.TypeEmoticon, g.o.Platform
		line, err := record.MarshalLine(e)
		if err != nil {
			return err
		}
		b.Write(line)
	}
	return g.write("data/emoticons.jsonl", b.Bytes())
}

func (g *gen) write(rel string, b []byte) error {
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		return err
	}
	g.spec.Files = append(g.spec.Files, archive.SourceFile{Name: rel, Path: p})
	return nil
}

// records writes data/<coll>.jsonl and the collection's manifest entry.
// Every eleventh record carries fields of the wrong type (see
// wrongTypes): the viewer must still draw it.
func (g *gen) records(coll string, recs []any) error {
	var b bytes.Buffer
	for i, r := range recs {
		line, err := record.MarshalLine(r)
		if err != nil {
			return err
		}
		if i%11 == 6 {
			if line, err = wrongTypes(coll, line); err != nil {
				return err
			}
		}
		b.Write(line)
	}
	if err := g.write("data/"+coll+".jsonl", b.Bytes()); err != nil {
		return err
	}
	n := int64(len(recs))
	g.spec.Collections = append(g.spec.Collections, archive.Collection{Name: coll, Expected: &n, Captured: n, Pages: 1, StopReason: archive.StopEnd, Gaps: []archive.Gap{}})
	g.acc.Records[coll] = len(recs)
	return nil
}

func (g *gen) profile() error {
	posts := int64(g.o.Posts)
	return g.records("profile", []any{record.User{Record: record.TypeProfile, Platform: g.o.Platform, ID: "1234567890",
		Name: g.spec.Account.Name, Description: Hostile[1], Counts: &record.Counts{Posts: &posts}}})
}

func (g *gen) post(i int, author record.Ref) record.Post {
	at := postTime(i)
	likes, comments := int64(i%97), int64(i%4)
	if i < g.o.Commented {
		comments = 5
	}
	p := record.Post{Record: record.TypePost, Platform: g.o.Platform, ID: fmt.Sprintf("%d", 4900000000000000+i),
		Author: &author, CreatedAt: at.Format(time.RFC3339), Text: hostile("帖子", i), Counts: &record.Counts{Likes: &likes, Comments: &comments},
		Source: "iPhone", Region: "北京"}
	if i%9 == 1 {
		// An edited post: two earlier versions, one of them hostile at
		// times.
		p.Edits = []record.Post{
			{Record: record.TypePost, Platform: g.o.Platform, ID: p.ID, CreatedAt: at.Add(-time.Hour).Format(time.RFC3339), Text: hostile("旧版", i+2)},
			{Record: record.TypePost, Platform: g.o.Platform, ID: p.ID, CreatedAt: at.Add(-2 * time.Hour).Format(time.RFC3339), Text: hostile("初稿", i)},
		}
	}
	switch i % 5 {
	case 1:
		p.Media = []record.Media{g.media[i%24], g.media[(i+1)%24]}
	case 2:
		p.Media = []record.Media{g.media[24+i%4], g.covers[i%4]}
	case 3:
		orig := record.Post{Record: record.TypePost, Platform: g.o.Platform, ID: fmt.Sprintf("%d", 4800000000000000+i),
			Author: &record.Ref{ID: "42", Name: hostile("原作者", i)}, Text: hostile("原文", i+3)}
		p.RepostOf = &orig
	}
	if i == 2 {
		p.Pinned = true
	}
	return p
}

// PostText reports whether the i-th generated post holds needle where the
// viewer's search looks: its text, its original's text, and their
// authors' names.
func PostText(i int, needle string) bool {
	hay := hostile("帖子", i)
	if i%5 == 3 {
		hay += "\n" + hostile("原文", i+3) + "\n" + hostile("原作者", i)
	}
	return strings.Contains(strings.ToLower(hay), strings.ToLower(needle))
}

// PostYear is the year the i-th generated post was made, in +08:00.
func PostYear(i int) string {
	return postTime(i).Format("2006")
}

// postTime is when the i-th post was made: every five days or so back
// from November 2026; saved posts (i from 100000) repeat the own posts'
// dates.
func postTime(i int) time.Time {
	return time.Date(2026, 11, 1, 12, 0, 0, 0, shanghai).Add(-time.Duration(i%1000) * 121 * time.Hour)
}

func (g *gen) posts() error {
	me := record.Ref{ID: "1234567890", Name: g.spec.Account.Name}
	recs := make([]any, 0, g.o.Posts)
	for i := 0; i < g.o.Posts; i++ {
		recs = append(recs, g.post(i, me))
	}
	if g.o.Posts > 0 {
		g.acc.PostID = fmt.Sprintf("%d", 4900000000000000+min(1, g.o.Posts-1))
	}
	return g.records("posts", recs)
}

func (g *gen) comments() error {
	var recs []any
	for i := 0; i < g.o.Commented && i < g.o.Posts; i++ {
		post := fmt.Sprintf("%d", 4900000000000000+i)
		for k := 0; k < 5; k++ {
			c := record.Comment{Record: record.TypeComment, Platform: g.o.Platform, ID: fmt.Sprintf("%d", 5100000000000000+i*10+k),
				PostID: post, Author: &record.Ref{ID: fmt.Sprint(300 + k), Name: hostile("评论者", k+i)}, Text: hostile("评论", i*5+k),
				CreatedAt: time.Date(2026, 11, 2, 8, k, 0, 0, shanghai).Format(time.RFC3339)}
			if k >= 3 {
				c.ParentID = fmt.Sprintf("%d", 5100000000000000+i*10)
			}
			recs = append(recs, c)
		}
	}
	return g.records("comments", recs)
}

func (g *gen) saved() error {
	other := record.Ref{ID: "77", Name: hostile("别人", 3)}
	var likes, favs []any
	for i := 0; i < g.o.Likes; i++ {
		p := g.post(100000+i, other)
		likes = append(likes, record.Saved{Record: record.TypeLike, Platform: g.o.Platform, Post: &p})
	}
	folders := []string{"默认收藏夹", "学习", Hostile[0]}
	for i := 0; i < g.o.Favorites; i++ {
		p := g.post(200000+i, other)
		favs = append(favs, record.Saved{Record: record.TypeFavorite, Platform: g.o.Platform, Post: &p, Folder: folders[i%3]})
	}
	if err := g.records("likes", likes); err != nil {
		return err
	}
	return g.records("favorites", favs)
}

func (g *gen) users() error {
	for _, c := range []struct {
		coll string
		n    int
	}{{"following", g.o.Following}, {"followers", g.o.Followers}} {
		var recs []any
		for i := 0; i < c.n; i++ {
			f := int64(i * 37 % 1000)
			recs = append(recs, record.User{Record: record.TypeUser, Platform: g.o.Platform, ID: fmt.Sprint(600000 + i),
				Name: hostile("用户", i), Handle: fmt.Sprintf("user%d", i), Description: hostile("简介", i+1), Groups: groupsOf(c.coll, i),
				SpecialFollow: c.coll == "following" && i%5 == 1, Counts: &record.Counts{Followers: &f}, URL: "javascript:window.__pwned=1"})
		}
		if err := g.records(c.coll, recs); err != nil {
			return err
		}
	}
	return nil
}

// articles writes Weibo articles: hostile titles and paragraphs, a
// heading, a picture from the bundle, and a block whose picture index
// points nowhere.
func (g *gen) articles() error {
	var recs []any
	for i := 0; i < g.o.Articles; i++ {
		zero, far := 0, 99
		a := record.Article{Record: record.TypeArticle, Platform: g.o.Platform, ID: fmt.Sprintf("230940%016d", 5170000000000000+i),
			Title: hostile("文章", i+3), CreatedAt: time.Date(2026, 9, 1+i, 20, 0, 0, 0, shanghai).Format(time.RFC3339),
			URL: "javascript:window.__pwned=1", HTML: Hostile[0], Media: []record.Media{g.media[i%24]},
			Blocks: []record.ArticleBlock{{Type: "p", Text: hostile("段落", i)}, {Type: "h", Text: hostile("小标题", i+1)},
				{Type: "image", Media: &zero}, {Type: "p", Text: hostile("段落", i+3)}, {Type: "image", Media: &far}, {Type: "p", Text: "完"}}}
		if i == 0 {
			g.acc.ArticleID, g.acc.ArticleBlocks = a.ID, 4
		}
		recs = append(recs, a)
	}
	return g.records("articles", recs)
}

func (g *gen) apps() error {
	var recs []any
	for i := 0; i < g.o.Apps; i++ {
		recs = append(recs, record.App{Record: record.TypeApp, Platform: g.o.Platform, Name: hostile("应用", i),
			AuthorisedAt: "2024-05-01T10:00:00+08:00", Scopes: []string{"读取", Hostile[2]}})
	}
	return g.records("apps", recs)
}

func (g *gen) messages() error {
	var recs []any
	for c := 0; c < g.o.Conversations; c++ {
		// Douyin's conversations have ids of their own; Weibo's are the
		// other person's uid, or a group's id (the last one here).
		conv, group := fmt.Sprintf("0:1:1234567890:%d", 800+c), false
		if g.o.Platform != "douyin" {
			conv, group = fmt.Sprintf("%d", 800+c), c == g.o.Conversations-1 && c > 0
		}
		if c == 0 {
			g.acc.ConvID = conv
		}
		peer := record.Ref{ID: fmt.Sprint(800 + c), Name: hostile("好友", c)}
		ix := record.ScreenIndex{Collection: "messages", Key: "conversation_id", Value: conv, Complete: true}
		var msgs []record.Message
		for k := 0; k < g.o.Messages; k++ {
			id := fmt.Sprintf("%d", 7300000000000000000+c*1000+k)
			m := record.Message{Record: record.TypeMessage, Platform: g.o.Platform, ID: id, ConversationID: conv,
				Peer: &peer, FromMe: k%2 == 0, Text: hostile("消息", k+c), Kind: "text", Sender: &peer,
				CreatedAt: time.Date(2026, 10, 1, 9, k, 0, 0, shanghai).Format(time.RFC3339)}
			if group {
				m.Peer, m.ConversationType, m.ConversationName = nil, "group", hostile("群聊", c)
			}
			switch k % 7 {
			case 3: // a shared work, its title and author from the site
				m.Kind, m.Share = "share", &record.SharedWork{ID: "7301234567890123456", URL: "https://www.douyin.com/video/7301234567890123456",
					Title: hostile("作品", k+c+1), Author: &record.Ref{ID: "MS4wLjABAAAAx", Name: hostile("作者", k)}}
			case 5: // a reply quoting a message
				m.Quoted = &record.Quote{ID: fmt.Sprintf("%d", 7300000000000000000+c*1000+k-1), Text: hostile("引用", k+c+2)}
			}
			if k%7 == 6 { // a picture
				m.Kind, m.Text, m.Media = "picture", "", []record.Media{g.media[(k+c)%24]}
			}
			if k%2 == 0 {
				m.Sender = &record.Ref{ID: "1234567890", Name: "我"}
			}
			msgs = append(msgs, m)
		}
		// The records come newest first, as the site lists them, and so
		// do the screenshots, taken from the newest message up to the
		// oldest: five messages each, listed top to bottom.
		for k := len(msgs) - 1; k >= 0; k-- {
			recs = append(recs, msgs[k])
		}
		for end := len(msgs); end > 0; end -= 5 {
			var shot record.Shot
			for _, m := range msgs[max(0, end-5):end] {
				shot.IDs = append(shot.IDs, m.ID)
			}
			name := fmt.Sprintf("screens/dm/%d/%04d.png", 800+c, len(ix.Shots)+1)
			var b bytes.Buffer
			img := image.NewRGBA(image.Rect(0, 0, 120, 200))
			for y := 0; y < 200; y++ {
				for x := 0; x < 120; x++ {
					img.Set(x, y, color.RGBA{uint8(200 - y/2), 230, uint8(180 + len(ix.Shots)*10), 255})
				}
			}
			if err := png.Encode(&b, img); err != nil {
				return err
			}
			if err := g.write(name, b.Bytes()); err != nil {
				return err
			}
			shot.File = name
			ix.Shots = append(ix.Shots, shot)
		}
		b, err := json.Marshal(ix)
		if err != nil {
			return err
		}
		if err := g.write(fmt.Sprintf("screens/dm/%d/index.json", 800+c), b); err != nil {
			return err
		}
	}
	return g.records("messages", recs)
}

// wrongTypes gives a record's fields types the schema does not have: a
// name that is an object, counts that are strings and lists, a media
// list that is an object, topics and earlier versions that are not
// lists, a date that is a number. It leaves alone what the viewer tests
// count (texts, the posts' dates, media that is there, follow groups,
// conversation names), so the pages must draw every record as before.
func wrongTypes(coll string, line []byte) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(line, &m); err != nil {
		return nil, err
	}
	spoil := func(m map[string]any) {
		for _, who := range []string{"author", "peer", "sender", "from"} {
			if a, ok := m[who].(map[string]any); ok {
				a["name"] = map[string]any{"first": "名", "last": []any{"姓"}}
				a["id"] = []any{1, 2}
			}
		}
		m["counts"] = map[string]any{"likes": map[string]any{"n": 1}, "comments": "许多", "reposts": []any{1}, "shares": true}
		if _, ok := m["media"]; !ok {
			m["media"] = map[string]any{"file": "media/none.jpg", "type": "image"}
		}
		m["topics"] = "不是列表"
		m["scopes"] = map[string]any{"all": true}
		if _, ok := m["edits"]; !ok {
			m["edits"] = "不是列表"
		}
	}
	spoil(m)
	if p, ok := m["post"].(map[string]any); ok {
		spoil(p)
	}
	switch m["record"] {
	case record.TypeUser:
		m["name"] = map[string]any{"zh": "名字"}
	case record.TypeApp:
		m["url"] = map[string]any{"href": "https://example.com/"}
		m["name"] = 12345
	}
	if _, ok := m["created_at"]; ok && coll != "posts" && coll != "messages" {
		m["created_at"] = 1732000000
	}
	b, err := json.Marshal(m)
	return append(b, '\n'), err
}
