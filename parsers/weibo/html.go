package weibo

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/farewell-app/farewell/parsers/record"
)

// Apps is one page of app.weibo.com/my, the authorised third-party apps.
type Apps struct {
	Apps  []record.App
	Next  string // href of the next page, "" on the last
	Total Num    // the count the page shows, when it shows one
}

// ParseApps reads one page of app.weibo.com/my. Each app is an element
// with node-type="appItem"; its name and link are in .app_name, the time
// of authorisation in .app_time ("授权时间：2021-03-04") and each granted
// permission in a span of .app_scope.
func ParseApps(raw []byte, rawPath string) (*Apps, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("weibo apps: %w", err)
	}
	if doc.Find("[node-type=appList]").Length() == 0 {
		return nil, fmt.Errorf("weibo apps: no app list on the page (logged out, or the page changed)")
	}
	out := &Apps{}
	doc.Find("[node-type=appItem]").Each(func(_ int, s *goquery.Selection) {
		name := s.Find(".app_name").First()
		app := record.App{
			Record:   record.TypeApp,
			Platform: Platform,
			Name:     strings.TrimSpace(name.Text()),
			URL:      strings.TrimSpace(name.AttrOr("href", "")),
			Raw:      rawPath,
		}
		when := strings.TrimSpace(s.Find(".app_time").First().Text())
		when = strings.TrimSpace(strings.TrimPrefix(when, "授权时间："))
		if t, err := time.ParseInLocation("2006-01-02", when, shanghai); err == nil {
			app.AuthorisedAt = t.Format(time.RFC3339)
		}
		s.Find(".app_scope span").Each(func(_ int, sp *goquery.Selection) {
			if t := strings.TrimSpace(sp.Text()); t != "" {
				app.Scopes = append(app.Scopes, t)
			}
		})
		if app.Name != "" {
			out.Apps = append(out.Apps, app)
		}
	})
	out.Next = strings.TrimSpace(doc.Find(".W_pages a.next").AttrOr("href", ""))
	if t := strings.TrimSpace(doc.Find("[node-type=appTotal]").First().Text()); t != "" {
		if n, err := strconv.ParseInt(t, 10, 64); err == nil {
			out.Total = Num{V: n, Valid: true}
		}
	}
	return out, nil
}

var (
	countRe   = regexp.MustCompile(`\[(\d+)\]`)
	minutesRe = regexp.MustCompile(`^(\d+)分钟前`)
)

// cnTime reads the times of weibo.cn ("2020-06-05 11:12:14", "06月17日
// 18:12", "今天 18:12", "5分钟前", "刚刚"). Relative forms need the time
// the page was captured; without it they are omitted.
func cnTime(s string, captured time.Time) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	if s == "" {
		return ""
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04:05", s, shanghai); err == nil {
		return t.Format(time.RFC3339)
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai); err == nil {
		return t.Format(time.RFC3339)
	}
	if captured.IsZero() {
		return ""
	}
	now := captured.In(shanghai)
	switch {
	case s == "刚刚":
		return now.Truncate(time.Minute).Format(time.RFC3339)
	case minutesRe.MatchString(s):
		n, _ := strconv.Atoi(minutesRe.FindStringSubmatch(s)[1])
		return now.Add(-time.Duration(n) * time.Minute).Truncate(time.Minute).Format(time.RFC3339)
	case strings.HasPrefix(s, "今天"):
		if t, err := time.ParseInLocation("15:04", strings.TrimSpace(strings.TrimPrefix(s, "今天")), shanghai); err == nil {
			return time.Date(now.Year(), now.Month(), now.Day(), t.Hour(), t.Minute(), 0, 0, shanghai).Format(time.RFC3339)
		}
	default:
		if t, err := time.ParseInLocation("01月02日 15:04", s, shanghai); err == nil {
			return time.Date(now.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, shanghai).Format(time.RFC3339)
		}
	}
	return ""
}

// splitCT splits a weibo.cn span.ct ("06月17日 18:12 来自iPhone客户端")
// into its time and its client.
func splitCT(s string) (when, source string) {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	when, source, _ = strings.Cut(s, "来自")
	return strings.TrimSpace(when), strings.TrimSpace(source)
}

func cnCount(s string) *int64 {
	m := countRe.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return nil
	}
	return &n
}

// ParseCNProfile reads a weibo.cn profile page (weibo.cn/<uid>/profile?page=N):
// each post is a div.c with id="M_<bid>"; the post id is the numeric mid
// computed from the bid. captured is when the page was fetched, used for
// relative times (zero: they are omitted).
func ParseCNProfile(raw []byte, uid string, captured time.Time, rawPath string) ([]record.Post, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("weibo.cn profile: %w", err)
	}
	var out []record.Post
	var perr error
	doc.Find(`div.c[id^="M_"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		p, err := cnPost(s, uid, captured, rawPath)
		if err != nil {
			perr = err
			return false
		}
		out = append(out, p)
		return true
	})
	return out, perr
}

func cnPost(s *goquery.Selection, uid string, captured time.Time, rawPath string) (record.Post, error) {
	bid := strings.TrimPrefix(s.AttrOr("id", ""), "M_")
	mid, err := MidFromBid(bid)
	if err != nil {
		return record.Post{}, fmt.Errorf("weibo.cn: post %q: %w", bid, err)
	}
	p := record.Post{Record: record.TypePost, Platform: Platform, ID: mid, Raw: rawPath}
	if uid != "" {
		p.Author = &record.Ref{ID: uid}
		p.URL = "https://weibo.com/" + uid + "/" + bid
	}
	divs := s.ChildrenFiltered("div")
	first := divs.First()
	last := divs.Last()
	when, source := splitCT(last.Find("span.ct").Text())
	p.CreatedAt, p.Source = cnTime(when, captured), source
	counts := &record.Counts{}
	last.Find("a").Each(func(_ int, a *goquery.Selection) {
		t := a.Text()
		switch {
		case strings.HasPrefix(t, "赞"):
			counts.Likes = cnCount(t)
		case strings.HasPrefix(t, "转发"):
			counts.Reposts = cnCount(t)
		case strings.HasPrefix(t, "评论"):
			counts.Comments = cnCount(t)
		}
	})
	if counts.Likes != nil || counts.Reposts != nil || counts.Comments != nil {
		p.Counts = counts
	}
	if cmt := first.Find("span.cmt").First(); strings.HasPrefix(strings.TrimSpace(cmt.Text()), "转发了") {
		orig := record.Post{Record: record.TypePost, Platform: Platform, Text: cnText(first.Find("span.ctt").First())}
		if a := cmt.Find("a").First(); a.Length() > 0 {
			orig.Author = &record.Ref{ID: strings.TrimPrefix(a.AttrOr("href", ""), "https://weibo.cn/u/"), Name: strings.TrimSpace(a.Text())}
		}
		// The original's id is in its comment link: .../comment/<bid>.
		if href := first.Find("a.cc").AttrOr("href", ""); strings.Contains(href, "/comment/") {
			bid := href[strings.LastIndex(href, "/comment/")+len("/comment/"):]
			bid, _, _ = strings.Cut(bid, "?")
			if mid, err := MidFromBid(bid); err == nil {
				orig.ID = mid
			}
		}
		p.RepostOf = &orig
		reason := last.Clone()
		reason.Find("span.cmt, span.ct, a").Remove()
		p.Text = strings.TrimSpace(strings.ReplaceAll(reason.Text(), "\u00a0", " "))
	} else {
		p.Text = cnText(first.Find("span.ctt").First())
	}
	s.Find(`a[href*="/mblog/pic/"] img`).Each(func(_ int, img *goquery.Selection) {
		src := img.AttrOr("src", "")
		for _, small := range []string{"/wap180/", "/thumb180/", "/orj360/"} {
			src = strings.Replace(src, small, "/large/", 1)
		}
		if src != "" {
			p.Media = append(p.Media, record.Media{Type: record.MediaImage, URL: src})
		}
	})
	return p, nil
}

// cnText is the text of a span.ctt without the "全文" link of a truncated
// post.
func cnText(s *goquery.Selection) string {
	s = s.Clone()
	s.Find("a").FilterFunction(func(_ int, a *goquery.Selection) bool { return strings.TrimSpace(a.Text()) == "全文" }).Remove()
	return strings.TrimSpace(strings.ReplaceAll(s.Text(), "\u00a0", " "))
}

// CNComments is what a weibo.cn comment page holds: the post (with its full
// text) and one page of comments.
type CNComments struct {
	Post     *record.Post
	Comments []record.Comment
}

// ParseCNComment reads a weibo.cn comment page (weibo.cn/comment/<bid>). The
// post is the div.c with id="M_"; comments are div.c with id="C_<id>"; the
// hot comments repeated at the top ([热门]) are counted once.
func ParseCNComment(raw []byte, uid string, captured time.Time, rawPath string) (*CNComments, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("weibo.cn comment: %w", err)
	}
	out := &CNComments{}
	if s := doc.Find(`div.c[id^="M_"]`).First(); s.Length() > 0 {
		p, err := cnPost(s, uid, captured, rawPath)
		if err != nil {
			return nil, err
		}
		out.Post = &p
	} else {
		return nil, fmt.Errorf("weibo.cn comment: no post on the page")
	}
	seen := map[string]bool{}
	doc.Find(`div.c[id^="C_"]`).Each(func(_ int, s *goquery.Selection) {
		id := strings.TrimPrefix(s.AttrOr("id", ""), "C_")
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		c := record.Comment{Record: record.TypeComment, Platform: Platform, ID: id, PostID: out.Post.ID, Raw: rawPath}
		if a := s.ChildrenFiltered("a").First(); a.Length() > 0 {
			href := a.AttrOr("href", "")
			id := strings.TrimPrefix(strings.TrimPrefix(href, "https://weibo.cn"), "/u/")
			if strings.HasPrefix(href, "/") || strings.HasPrefix(href, "https://weibo.cn/") {
				c.Author = &record.Ref{ID: strings.Trim(id, "/"), Name: strings.TrimSpace(a.Text())}
			}
		}
		c.Text = cnText(s.Find("span.ctt").First())
		c.Likes = cnCount(s.Find("span.cc a").First().Text())
		when, _ := splitCT(s.Find("span.ct").First().Text())
		c.CreatedAt = cnTime(when, captured)
		out.Comments = append(out.Comments, c)
	})
	return out, nil
}
