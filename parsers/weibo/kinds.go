package weibo

import (
	"strings"

	"github.com/farewell-app/farewell/parsers"

	"github.com/farewell-app/farewell/parsers/record"
)

// Kinds returns the parser of every Weibo capture kind, by the name
// "farewell parse --kind" uses.
func Kinds() map[string]parsers.Kind {
	return map[string]parsers.Kind{
		"weibo.mymblog":       timelineKind,
		"weibo.searchprofile": timelineKind,
		"weibo.show":          showKind,
		"weibo.longtext":      longTextKind,
		"weibo.likelist":      likesKind,
		"weibo.favorites":     favoritesKind,
		"weibo.comments":      commentsKind,
		"weibo.friends":       friendsKind,
		"weibo.profile":       profileKind,
		"weibo.detail":        detailKind,
		"weibo.apps":          appsKind,
		"weibo.cn.profile":    cnProfileKind,
		"weibo.cn.comment":    cnCommentKind,
	}
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

func cnProfileKind(raw []byte, m parsers.Meta) ([]any, error) {
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
	c, err := ParseCNComment(raw, m.Ref, m.Captured, m.Raw)
	if err != nil {
		return nil, err
	}
	out := []any{*c.Post}
	for _, cm := range c.Comments {
		out = append(out, cm)
	}
	return out, nil
}
