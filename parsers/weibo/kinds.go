package weibo

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/farewell-app/farewell/parsers"

	"github.com/farewell-app/farewell/parsers/record"
)

// The kinds of Weibo captures: the endpoint whose answer each holds.
const (
	KindMymblog       parsers.Kind = "weibo.mymblog"       // statuses/mymblog
	KindSearchProfile parsers.Kind = "weibo.searchprofile" // statuses/searchProfile
	KindShow          parsers.Kind = "weibo.show"          // statuses/show
	KindMobileShow    parsers.Kind = "weibo.m.show"        // m.weibo.cn/statuses/show (client-only posts)
	KindLongText      parsers.Kind = "weibo.longtext"      // statuses/longtext
	KindLikelist      parsers.Kind = "weibo.likelist"      // statuses/likelist
	KindFavorites     parsers.Kind = "weibo.favorites"     // favorites/all_fav
	KindFavTags       parsers.Kind = "weibo.favtags"       // favorites/tags (the total)
	KindComments      parsers.Kind = "weibo.comments"      // statuses/buildComments
	KindFriends       parsers.Kind = "weibo.friends"       // friendships/friends
	KindProfile       parsers.Kind = "weibo.profile"       // profile/info
	KindDetail        parsers.Kind = "weibo.detail"        // profile/detail
	KindHistory       parsers.Kind = "weibo.history"       // profile/mbloghistory
	KindEmoticons     parsers.Kind = "weibo.emoticons"     // statuses/config (the emoticon map)
	KindMyComments    parsers.Kind = "weibo.mycmt"         // message/myCmt (comments the person wrote)
	KindReceived      parsers.Kind = "weibo.cmt"           // message/cmt (comments the person received)
	KindCmtMentions   parsers.Kind = "weibo.cmtmentions"   // comments/mentions (comments that @ the person)
	KindMentions      parsers.Kind = "weibo.mentions"      // statuses/mentions (posts that @ the person)
	KindEditHistory   parsers.Kind = "weibo.edithistory"   // statuses/editHistory (a post's versions)
	KindGroups        parsers.Kind = "weibo.groups"        // feed/allGroups (the follow groups)
	KindGroupMembers  parsers.Kind = "weibo.groupmembers"  // profile/getGroupMembers (a group's members)
	KindContacts      parsers.Kind = "weibo.chat.contacts" // webim direct_messages/contacts.json (the conversations)
	KindConversation  parsers.Kind = "weibo.chat.dm"       // webim direct_messages/conversation.json (one person's messages)
	KindGroupMessages parsers.Kind = "weibo.chat.group"    // webim groupchat/query_messages.json (a group's messages)
	KindArticle       parsers.Kind = "weibo.article"       // card.weibo.com article/m/aj/detail (an article's body)
	KindApps          parsers.Kind = "weibo.apps"          // app.weibo.com/my (HTML)
	KindCNProfile     parsers.Kind = "weibo.cn.profile"    // weibo.cn/<uid> (HTML)
	KindCNComment     parsers.Kind = "weibo.cn.comment"    // weibo.cn/comment/<bid> (HTML)
)

// Kinds returns the parser of every Weibo capture kind that yields
// records, by the name "farewell parse --kind" uses. Each first checks
// that the capture is the answer its kind names (parsers.Expect): a file
// of something else is an error, not an empty or invented record.
func Kinds() map[parsers.Kind]parsers.Parser {
	comment := []string{"data.[].rootid", "data.data.[].rootid"}
	statusList := []string{"data.list"}
	kinds := map[parsers.Kind]struct {
		p     parsers.Parser
		shape []string
	}{
		KindMymblog:       {timelineKind, statusList},
		KindSearchProfile: {timelineKind, statusList},
		KindShow:          {showKind, []string{"mblogid", "idstr"}},
		KindMobileShow:    {mobileShowKind, []string{"data.bid", "data.mid"}},
		KindLongText:      {longTextKind, []string{"data.longTextContent", "data.longTextContent_raw", "data.{}"}},
		KindLikelist:      {likesKind, statusList},
		KindFavorites:     {favoritesKind, []string{"data.status", "data.[].mblogid"}},
		KindComments:      {commentsKind, comment},
		KindFriends:       {friendsKind, []string{"users"}},
		KindProfile:       {profileKind, []string{"data.user", "!data.mid", "!data.bid"}},
		KindDetail: {detailKind, []string{"data.created_at", "data.description", "data.birthday", "data.gender", "data.location",
			"data.ip_location", "data.company", "data.sunshine_credit", "!data.user", "!data.mid"}},
		KindApps:          {appsKind, nil},
		KindEmoticons:     {emoticonsKind, []string{"data.emoticon"}},
		KindMyComments:    {messageCommentsKind, []string{"data.comments"}},
		KindReceived:      {messageCommentsKind, []string{"data.comments"}},
		KindCmtMentions:   {messageCommentsKind, []string{"data.comments"}},
		KindMentions:      {mentionsKind, []string{"data.statuses"}},
		KindEditHistory:   {editHistoryKind, []string{"statuses"}},
		KindConversation:  {conversationKind, []string{"direct_messages"}},
		KindArticle:       {articleKind, []string{"data.title", "data.content"}},
		KindGroupMessages: {groupMessagesKind, []string{"messages"}},
		KindCNProfile:     {cnProfileKind, nil},
		KindCNComment:     {cnCommentKind, nil},
	}
	out := make(map[parsers.Kind]parsers.Parser, len(kinds))
	for k, v := range kinds {
		out[k] = v.p
		if v.shape != nil {
			out[k] = parsers.Expect(v.p, v.shape...)
		}
	}
	return out
}

func timelineKind(raw []byte, m parsers.Meta) ([]any, error) {
	t, err := DecodeTimeline(raw)
	if err != nil {
		return nil, err
	}
	var out []any
	for i := range t.Statuses {
		s := &t.Statuses[i]
		if m.Owner != "" && s.AuthorID() != m.Owner {
			continue
		}
		out = append(out, Post(s, PostOptions{Raw: m.Raw}))
	}
	return out, nil
}

func showKind(raw []byte, m parsers.Meta) ([]any, error) {
	s, err := DecodeShow(raw)
	if err != nil {
		return nil, err
	}
	return []any{Post(s, PostOptions{Raw: m.Raw})}, nil
}

// messageCommentsKind gives the comments of a page of the messages box,
// each with the post it answers.
func messageCommentsKind(raw []byte, m parsers.Meta) ([]any, error) {
	page, err := DecodeMessageComments(raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(page.Items))
	for i := range page.Items {
		out[i] = CommentRecord(&page.Items[i], "", m.Raw)
	}
	return out, nil
}

func mentionsKind(raw []byte, m parsers.Meta) ([]any, error) {
	page, err := DecodeMentions(raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(page.Items))
	for i := range page.Items {
		out[i] = Post(&page.Items[i], PostOptions{Raw: m.Raw})
	}
	return out, nil
}

// editHistoryKind gives the post an edit history is about, with its
// earlier versions.
func editHistoryKind(raw []byte, m parsers.Meta) ([]any, error) {
	versions, err := DecodeEditHistory(raw)
	if err != nil || len(versions) == 0 {
		return nil, err
	}
	p := Post(&versions[0], PostOptions{Raw: m.Raw})
	p.Edits = Edits(versions)
	return []any{p}, nil
}

func emoticonsKind(raw []byte, m parsers.Meta) ([]any, error) {
	es, err := DecodeEmoticons(raw, m.Raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(es))
	for i := range es {
		out[i] = es[i]
	}
	return out, nil
}

func mobileShowKind(raw []byte, m parsers.Meta) ([]any, error) {
	s, err := DecodeMobileShow(raw)
	if err != nil {
		return nil, err
	}
	return []any{Post(s, PostOptions{Raw: m.Raw})}, nil
}

// longTextKind gives a partial post: the id the capture was about and its
// full text.
func longTextKind(raw []byte, m parsers.Meta) ([]any, error) {
	lt, err := DecodeLongText(raw)
	if err != nil || lt == nil {
		return nil, err
	}
	text, links := expandLinks(lt.Content, lt.URLStruct)
	return []any{record.Post{Record: record.TypePost, Platform: Platform, ID: m.Ref, Text: text, Links: links, Raw: m.Raw}}, nil
}

func likesKind(raw []byte, m parsers.Meta) ([]any, error) {
	t, err := DecodeTimeline(raw)
	if err != nil {
		return nil, err
	}
	var out []any
	for i := range t.Statuses {
		p := Post(&t.Statuses[i], PostOptions{})
		out = append(out, record.Saved{Record: record.TypeLike, Platform: Platform, Post: &p, Raw: m.Raw})
	}
	return out, nil
}

func favoritesKind(raw []byte, m parsers.Meta) ([]any, error) {
	f, err := DecodeFavorites(raw)
	if err != nil {
		return nil, err
	}
	var out []any
	for i := range f.Statuses {
		p := Post(&f.Statuses[i].Status, PostOptions{})
		var tags []string
		for _, t := range f.Statuses[i].Tags {
			tags = append(tags, t.Tag)
		}
		out = append(out, record.Saved{Record: record.TypeFavorite, Platform: Platform, Post: &p, Folder: strings.Join(tags, ","), Raw: m.Raw})
	}
	return out, nil
}

func commentsKind(raw []byte, m parsers.Meta) ([]any, error) {
	c, err := DecodeComments(raw)
	if err != nil {
		return nil, err
	}
	var out []any
	for i := range c.Comments {
		out = append(out, CommentRecord(&c.Comments[i], m.Ref, m.Raw))
	}
	return out, nil
}

func friendsKind(raw []byte, m parsers.Meta) ([]any, error) {
	f, err := DecodeFriends(raw)
	if err != nil {
		return nil, err
	}
	var out []any
	for i := range f.Users {
		out = append(out, UserRecord(&f.Users[i], m.Raw))
	}
	return out, nil
}

func profileKind(raw []byte, m parsers.Meta) ([]any, error) {
	u, err := DecodeProfileInfo(raw)
	if err != nil {
		return nil, err
	}
	return []any{ProfileRecord(u, nil, m.Raw)}, nil
}

func detailKind(raw []byte, m parsers.Meta) ([]any, error) {
	d, err := DecodeProfileDetail(raw)
	if err != nil {
		return nil, err
	}
	return []any{ProfileRecord(&User{IDStr: ID(m.Ref)}, d, m.Raw)}, nil
}

func appsKind(raw []byte, m parsers.Meta) ([]any, error) {
	a, err := ParseApps(raw, m.Raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(a.Apps))
	for _, app := range a.Apps {
		out = append(out, app)
	}
	return out, nil
}

// cnPage says what kind of weibo.cn page raw is: "comment" (a post's
// comments: comment blocks C_..., or its title), "profile" (post blocks
// M_..., the page list, or a profile's info blocks), or "" for anything
// else.
func cnPage(raw []byte) string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
	if err != nil {
		return ""
	}
	switch {
	case doc.Find(`div.c[id^="C_"]`).Length() > 0 || strings.Contains(doc.Find("title").Text(), "评论"):
		return "comment"
	case doc.Find(`div.c[id^="M_"], div#pagelist, div.u, div.tip2`).Length() > 0 || strings.Contains(doc.Text(), "还没发过微博"):
		return "profile"
	}
	return ""
}

func cnProfileKind(raw []byte, m parsers.Meta) ([]any, error) {
	if cnPage(raw) != "profile" {
		return nil, fmt.Errorf("%w: not a weibo.cn profile page", parsers.ErrNotKind)
	}
	posts, err := ParseCNProfile(raw, m.Ref, m.Captured, m.Raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(posts))
	for _, p := range posts {
		out = append(out, p)
	}
	return out, nil
}

func cnCommentKind(raw []byte, m parsers.Meta) ([]any, error) {
	if cnPage(raw) != "comment" {
		return nil, fmt.Errorf("%w: not a weibo.cn comments page", parsers.ErrNotKind)
	}
	c, err := ParseCNComment(raw, m.Ref, m.Captured, m.Raw)
	if err != nil {
		return nil, err
	}
	var out []any
	if c.Post != nil {
		out = append(out, *c.Post)
	}
	for _, cm := range c.Comments {
		out = append(out, cm)
	}
	return out, nil
}

func conversationKind(raw []byte, m parsers.Meta) ([]any, error) {
	c, err := DecodeConversation(raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(c.Messages))
	for i := range c.Messages {
		out = append(out, DMRecord(&c.Messages[i], m.Owner, nil))
	}
	return out, nil
}

func groupMessagesKind(raw []byte, m parsers.Meta) ([]any, error) {
	g, err := DecodeGroupMessages(raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(g.Messages))
	for i := range g.Messages {
		out = append(out, GroupRecord(&g.Messages[i], m.Owner, nil))
	}
	return out, nil
}

func articleKind(raw []byte, m parsers.Meta) ([]any, error) {
	d, err := DecodeArticle(raw)
	if err != nil {
		return nil, err
	}
	return []any{ArticleRecord(d, m.Ref, m.Raw)}, nil
}
