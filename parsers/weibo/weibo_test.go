package weibo

import (
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/parsers/parsertest"
)

var update = flag.Bool("update", false, "rewrite golden files")

var captured = time.Date(2025, 3, 10, 12, 0, 0, 0, shanghai)

var goldenCases = []parsertest.Case{
	{File: "mymblog.json", Kind: "weibo.mymblog", Meta: parsers.Meta{Owner: "1234567890", Raw: "raw/posts/000001.json"}},
	{File: "longtext.json", Kind: "weibo.longtext", Meta: parsers.Meta{Ref: "4980000000000002"}},
	{File: "longtext-empty.json", Kind: "weibo.longtext", Meta: parsers.Meta{Ref: "4990000000000001"}},
	{File: "show.json", Kind: "weibo.show"},
	{File: "comments.json", Kind: "weibo.comments", Meta: parsers.Meta{Ref: "4990000000000001"}},
	{File: "replies.json", Kind: "weibo.comments", Meta: parsers.Meta{Ref: "4990000000000001"}},
	{File: "likelist.json", Kind: "weibo.likelist"},
	{File: "favorites.json", Kind: "weibo.favorites"},
	{File: "friends.json", Kind: "weibo.friends"},
	{File: "friends-end.json", Kind: "weibo.friends"},
	{File: "profile-info.json", Kind: "weibo.profile"},
	{File: "profile-detail.json", Kind: "weibo.detail", Meta: parsers.Meta{Ref: "1234567890"}},
	{File: "apps.html", Kind: "weibo.apps", Meta: parsers.Meta{Raw: "raw/apps/000001.html"}},
	{File: "cn-profile.html", Kind: "weibo.cn.profile", Meta: parsers.Meta{Ref: "1234567890", Captured: captured}},
	{File: "cn-comment.html", Kind: "weibo.cn.comment", Meta: parsers.Meta{Ref: "1234567890", Captured: captured}},
	{File: "mymblog-odd.json", Kind: "weibo.mymblog", Meta: parsers.Meta{Owner: "1234567890", Raw: "raw/posts/000002.json"}},
	{File: "favorites-array.json", Kind: "weibo.favorites"},
	{File: "comments-nested.json", Kind: "weibo.comments", Meta: parsers.Meta{Ref: "4990000000000001"}},
	// The structure of a real weibo.cn comment page of 2020 (weiboSpider's
	// test page): a post block id="M_" without its bid, an emoji that
	// closes span.ctt early, a hot comment by a custom-domain user.
	{File: "cn-comment-2020.html", Kind: "weibo.cn.comment", Meta: parsers.Meta{Ref: "1234567890", Captured: captured}},
	{File: "cn-comment-page2.html", Kind: "weibo.cn.comment", Meta: parsers.Meta{Ref: "1234567890", Captured: captured}},
	// A post the web shows only as a stub (§W3), owner or not: kept as a
	// stub, never as deleted; its whole self comes from m.weibo.cn.
	{File: "mymblog-stub.json", Kind: "weibo.mymblog", Meta: parsers.Meta{Raw: "raw/posts/000003.json"}},
	{File: "m-show.json", Kind: "weibo.m.show", Meta: parsers.Meta{Raw: "raw/posts/000004.json"}},
	{File: "m-show-pics-object.json", Kind: "weibo.m.show"},
	{File: "m-show-missing.json", Kind: "weibo.m.show", WantErr: "不存在"},
	// The messages box (§W10): a comment the person wrote, with the post it
	// answers; a reply; a null entry. Posts that @ the person, with an ad.
	{File: "mycmt.json", Kind: "weibo.mycmt", Meta: parsers.Meta{Raw: "raw/my_comments/000001.json"}},
	{File: "mentions.json", Kind: "weibo.mentions", Meta: parsers.Meta{Raw: "raw/mentions/000001.json"}},
	{File: "mentions.json", Kind: "weibo.cmt", WantErr: "comments"},
	// An edited post's versions, the current one first (§W10).
	{File: "edithistory.json", Kind: "weibo.edithistory", Meta: parsers.Meta{Raw: "raw/posts/000009.json"}},
	{File: "mycmt.json", Kind: "weibo.edithistory", WantErr: "statuses"},
	{File: "emoticons.json", Kind: "weibo.emoticons", Meta: parsers.Meta{Raw: "raw/profile/000003.json"}},
	{File: "profile-info.json", Kind: "weibo.emoticons", WantErr: "no emoticon map"},
	// Private messages (§W10): a one-to-one page, newest first, with a
	// shared post, a file, a picture, a null and a message without idstr;
	// a group's page, oldest first, with a picture, a shared post by
	// mblogid and a recalled message; the API's answer to a lost session.
	{File: "chat-dm.json", Kind: "weibo.chat.dm", Meta: parsers.Meta{Owner: "1234567890"}},
	{File: "chat-group.json", Kind: "weibo.chat.group", Meta: parsers.Meta{Owner: "1234567890"}},
	{File: "chat-authfailed.json", Kind: "weibo.chat.dm", WantErr: "error 21301"},
	{File: "chat-dm.json", Kind: "weibo.chat.group", WantErr: "messages"},
	// An article's body (§W10): paragraphs, a heading, a line break, a
	// picture, a picture with a script address (dropped), a nested
	// block; a missing article.
	{File: "article.json", Kind: "weibo.article", Meta: parsers.Meta{Ref: "2309405170000000000001", Raw: "raw/articles/000002.json"}},
	{File: "article-missing.json", Kind: "weibo.article", WantErr: "文章不存在"},
	{File: "loggedout.json", Kind: "weibo.mymblog", WantErr: "not logged in"},
	{File: "visitor.html", Kind: "weibo.mymblog", WantErr: "not a JSON object"},
	{File: "profile-info.json", Kind: "weibo.apps", WantErr: "no app list"},
}

// TestGolden runs every kind on its fixture and compares the records with
// testdata/golden. Run with -update to rewrite them, and review the diff.
func TestGolden(t *testing.T) {
	parsertest.Golden(t, Kinds(), goldenCases, *update)
}

func TestTime(t *testing.T) {
	cases := map[string]string{
		"Tue Feb 23 12:28:47 +0800 2021": "2021-02-23T12:28:47+08:00",
		"Tue Feb 23 04:28:47 +0000 2021": "2021-02-23T04:28:47Z",
		"2020-06-05 11:12:14":            "2020-06-05T11:12:14+08:00",
		"":                               "",
		"昨天 10:00":                       "",
	}
	for in, want := range cases {
		if got := Time(in); got != want {
			t.Errorf("Time(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMidBid(t *testing.T) {
	// Worked by hand (0-9 = 0..9, a-z = 10..35, A-Z = 36..61):
	// "K2sOc1ALd" splits into K | 2sOc | 1ALd; K = 46,
	// 2sOc = 2*62^3 + 28*62^2 + 50*62 + 12 = 587400 -> "0587400",
	// 1ALd = 1*62^3 + 36*62^2 + 47*62 + 13 = 379639 -> "0379639".
	mid, err := MidFromBid("K2sOc1ALd")
	if err != nil || mid != "4605874000379639" {
		t.Fatalf("MidFromBid = %q, %v", mid, err)
	}
	for _, m := range []string{"4605874000379639", "4990000000000001", "1000000", "4900000000000011"} {
		bid, err := BidFromMid(m)
		if err != nil {
			t.Fatal(err)
		}
		back, err := MidFromBid(bid)
		if err != nil || back != m {
			t.Fatalf("%s -> %s -> %s (%v)", m, bid, back, err)
		}
	}
	for _, bad := range []string{"", "abc!", strings.Repeat("z", 20)} {
		if _, err := MidFromBid(bad); err == nil {
			t.Errorf("MidFromBid(%q) accepted", bad)
		}
	}
}

func TestTimelineDetails(t *testing.T) {
	raw, _ := os.ReadFile("testdata/mymblog.json")
	tl, err := DecodeTimeline(raw)
	if err != nil {
		t.Fatal(err)
	}
	if tl.SinceID != "4890123456789012kp1" || tl.Total.V != 321 || len(tl.Statuses) != 5 {
		t.Fatalf("timeline %q %+v %d", tl.SinceID, tl.Total, len(tl.Statuses))
	}
	s := tl.Statuses
	if !s[0].Pinned() || s[1].Pinned() || !bool(s[1].IsLongText) || s[0].IsShowBulletin.V != 2 || s[3].IsShowBulletin.V != 0 {
		t.Fatal("pinned / isLongText / is_show_bulletin misread")
	}
	if !s[3].NeedsShow() || s[0].NeedsShow() {
		t.Fatal("NeedsShow wrong: pic_num 12 with 2 pic_ids needs statuses/show")
	}
	url, w, h, _ := s[2].Video()
	if !strings.Contains(url, "720p99.mp4") || w != 1280 || h != 720 {
		t.Fatalf("best video %s %dx%d: want the 720p mp4, never the scrubber JPEG", url, w, h)
	}
	if !s[2].Retweeted.IsDeleted() || s[4].AuthorID() != "2222222222" {
		t.Fatal("deleted original or foreign author misread")
	}
	lt, _ := os.ReadFile("testdata/longtext.json")
	full, err := DecodeLongText(lt)
	if err != nil || full == nil {
		t.Fatal(err)
	}
	p := Post(&s[1], PostOptions{LongText: map[string]string{"4980000000000002": full.Content}})
	if !strings.HasSuffix(p.Text, "一直写到结束。") || !strings.Contains(p.Text, "https://example.org/告别?x=1&y=2") || strings.Contains(p.Text, "t.cn") {
		t.Fatalf("long text not resolved or link not expanded: %q", p.Text)
	}
}

func TestCheck(t *testing.T) {
	var werr *Error
	raw, _ := os.ReadFile("testdata/loggedout.json")
	if err := Check(raw); !errors.As(err, &werr) || !werr.LoggedOut() {
		t.Fatalf("logged out not recognised: %v", err)
	}
	if err := Check([]byte(`{"ok":0,"msg":"这里还没有内容"}`)); !errors.As(err, &werr) || werr.LoggedOut() {
		t.Fatalf("ok:0 = %v", err)
	}
	if err := Check([]byte("<html>")); err == nil || errors.As(err, &werr) {
		t.Fatalf("HTML = %v", err)
	}
	hist, _ := os.ReadFile("testdata/history.json")
	months, err := DecodeHistory(hist)
	if err != nil || len(months) != 5 || months[0] != (Month{2025, 3}) || months[4] != (Month{2024, 6}) {
		t.Fatalf("history %v %v", months, err)
	}
	tags, _ := os.ReadFile("testdata/favtags.json")
	if n, err := DecodeFavTotal(tags); err != nil || n.V != 7 {
		t.Fatalf("fav total %v %v", n, err)
	}
	cfg, err := DecodeConfig([]byte(`{"ok":1,"data":{"login":true,"uid":"1234567890"}}`))
	if err != nil || !bool(cfg.Login) || cfg.UID != "1234567890" {
		t.Fatalf("config %+v %v", cfg, err)
	}
}

// TestUnknownShape: a list answer without the key its list comes under is
// a shape farewell does not know, an error, never an empty list; an empty
// list is one.
func TestUnknownShape(t *testing.T) {
	for _, c := range []struct {
		name string
		dec  func([]byte) error
		odd  string
		ok   string
	}{
		{"timeline", func(b []byte) error { _, err := DecodeTimeline(b); return err },
			`{"ok":1,"data":{"items_v2":[{"mid":"0"}],"cursor_v2":"x"}}`, `{"ok":1,"data":{"list":[],"since_id":""}}`},
		{"comments", func(b []byte) error { _, err := DecodeComments(b); return err },
			`{"ok":1,"items":[],"max_id":0}`, `{"ok":1,"data":[],"max_id":0}`},
		{"friends", func(b []byte) error { _, err := DecodeFriends(b); return err },
			`{"ok":1,"list":[]}`, `{"ok":1,"users":[],"next_cursor":0}`},
	} {
		if err := c.dec([]byte(c.odd)); err == nil || !strings.Contains(err.Error(), "a shape farewell does not know") {
			t.Errorf("%s: %s gave %v", c.name, c.odd, err)
		}
		if err := c.dec([]byte(c.ok)); err != nil {
			t.Errorf("%s: an empty list: %v", c.name, err)
		}
	}
}

// TestOddEntries: null entries, ads and entries without an id are
// skipped and counted, never a reason to fail a page (§W4); favourites
// come in either shape (§W5); comments wrapped one level deeper keep
// their cursor and total, and a max_id of -1 ends the list (§W6).
func TestOddEntries(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tl, err := DecodeTimeline(read("mymblog-odd.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Statuses) != 1 || tl.Skipped != (Skipped{Nulls: 2, Ads: 1, NoID: 1}) || tl.BottomTips != "更多内容请到客户端查看" {
		t.Errorf("timeline: %d statuses, skipped %+v, tips %q", len(tl.Statuses), tl.Skipped, tl.BottomTips)
	}
	if got := tl.Skipped.String(); got != "skipped list entries: 2 null, 1 ad, 1 without an id" {
		t.Errorf("the warning says %q", got)
	}
	for _, c := range []struct {
		file  string
		n     int
		total Num
	}{{"favorites-array.json", 1, Num{}}, {"favorites.json", 1, Num{V: 7, Valid: true}}} {
		f, err := DecodeFavorites(read(c.file))
		if err != nil || len(f.Statuses) != c.n || f.TotalNumber != c.total {
			t.Errorf("%s: %v, %+v", c.file, err, f)
		}
	}
	cs, err := DecodeComments(read("comments-nested.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.Comments) != 1 || cs.MaxID != "" || cs.Total != (Num{V: 267, Valid: true}) || cs.TipMsg == "" || cs.Skipped.Nulls != 1 {
		t.Errorf("nested comments: %+v", cs)
	}
	if _, err := DecodeFavorites([]byte(`{"ok":1,"data":{"favs":[]}}`)); err == nil || !strings.Contains(err.Error(), "shape farewell does not know") {
		t.Errorf("favourites of an unknown shape: %v", err)
	}
}

// TestGroups reads the follow groups (feed/allGroups): every group of
// every section, the person's own (type 0) told from the site's feeds, an
// entry without a gid or of another shape skipped; and a page of a
// group's members.
func TestGroups(t *testing.T) {
	raw, err := os.ReadFile("testdata/groups.json")
	if err != nil {
		t.Fatal(err)
	}
	gs, err := DecodeGroups(raw)
	if err != nil {
		t.Fatal(err)
	}
	var own []string
	for _, g := range gs {
		if g.Own() {
			own = append(own, string(g.GID)+" "+g.Title)
		}
	}
	if len(gs) != 4 || strings.Join(own, ", ") != "4100000000000001 同学, 4100000000000008 旅行" {
		t.Fatalf("%d groups, own %v", len(gs), own)
	}
	raw, err = os.ReadFile("testdata/groupmembers.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := DecodeGroupMembers(raw)
	if err != nil || len(m.Users) != 2 || m.Users[1].Key() != "3000000002" || m.Total.V != 2 {
		t.Fatalf("members: %+v %v", m, err)
	}
	if _, err := DecodeGroups([]byte(`{"ok":1,"data":{}}`)); err == nil {
		t.Error("an answer without groups was read")
	}
}

// TestChatContacts reads the chat's conversation list as JSON and as the
// base64 text some sessions get (variant chat-base64): null entries and
// entries without an id (a folder) are skipped and counted, a group is
// told from a person.
func TestChatContacts(t *testing.T) {
	for _, file := range []string{"chat-contacts.json", "chat-contacts-base64.txt"} {
		raw, err := os.ReadFile("testdata/" + file)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := DecodeContacts(raw)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(cs.Contacts) != 2 || cs.Total.V != 3 || cs.Skipped.Nulls != 1 || cs.Skipped.NoID != 1 {
			t.Fatalf("%s: %d contacts of %d, skipped %+v", file, len(cs.Contacts), cs.Total.V, cs.Skipped)
		}
		p, g := cs.Contacts[0].User, cs.Contacts[1].User
		if p.Group() || p.Key() != "2001234567" || p.Shown() != "小明" || cs.Contacts[0].Message.Key() != "4950000000000101" {
			t.Errorf("%s: person %+v", file, p)
		}
		if !g.Group() || g.Key() != "4300195455854916" || g.Shown() != "周末爬山群" {
			t.Errorf("%s: group %+v", file, g)
		}
	}
	for _, bad := range []string{`{"error_code":21301,"error":"auth failed!"}`, "not base64 at all!", `{"sessions":[]}`} {
		_, err := DecodeContacts([]byte(bad))
		if err == nil {
			t.Errorf("%q: no error", bad)
		}
		var ce *ChatError
		if errors.As(err, &ce) != strings.Contains(bad, "21301") || (ce != nil && !ce.LoggedOut()) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestOldest(t *testing.T) {
	if got := Oldest([]string{"4950000000000104", "4950000000000099", "x", "4950000000000101"}); got != "4950000000000099" {
		t.Fatal(got)
	}
	if got := Oldest(nil); got != "" {
		t.Fatal(got)
	}
}

func TestArticleID(t *testing.T) {
	const id = "2309405170000000000001"
	cases := map[string]string{
		"https://weibo.com/ttarticle/p/show?id=" + id:        id,
		"http://www.weibo.com/ttarticle/x/m/show?id=" + id:   id,
		"http://media.weibo.cn/article?object_id=1&id=" + id: id,
		"https://card.weibo.com/article/m/show/id/" + id:     id,
		"https://weibo.com/ttarticle/p/show?id=12345":        "",
		"https://evil.example/ttarticle/p/show?id=" + id:     "",
		"https://weibo.com/1234567890/L00qxl4JP":             "",
		"%zz":                                                "",
	}
	for in, want := range cases {
		if got := ArticleID(in); got != want {
			t.Errorf("ArticleID(%q) = %q, want %q", in, got, want)
		}
	}
	st := Status{PageInfo: &PageInfo{ObjectType: "article", PageID: id, PageURL: "http://media.weibo.cn/article?id=" + id},
		URLStruct: []URLStruct{{LongURL: "https://weibo.com/ttarticle/p/show?id=2309405170000000000002"}, {LongURL: "https://weibo.com/"}}}
	if got := st.ArticleIDs(); len(got) != 2 || got[0] != id || got[1] != "2309405170000000000002" {
		t.Errorf("ArticleIDs = %v", got)
	}
}
