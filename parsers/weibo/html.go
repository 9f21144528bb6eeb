package weibo

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/farewell-app/farewell/parsers/record"
	xhtml "golang.org/x/net/html"
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
			// The year is left out for this year's dates: one after the
			// capture is last year's.
			at := time.Date(now.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, shanghai)
			if at.After(now.Add(24 * time.Hour)) {
				at = at.AddDate(-1, 0, 0)
			}
			return at.Format(time.RFC3339)
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
		orig.ID = originalID(first)
		p.RepostOf = &orig
		p.Text = repostReason(last)
	} else {
		p.Text = cnText(first.Find("span.ctt").First())
	}
	s.Find(`a[href*="/mblog/pic/"] img`).Each(func(_ int, img *goquery.Selection) {
		if src := largePic(img.AttrOr("src", "")); src != "" {
			p.Media = append(p.Media, record.Media{Type: record.MediaImage, URL: src})
		}
	})
	return p, nil
}

// originalID is the id of the post a weibo.cn repost block reposts, from
// its 原文评论 link (.../comment/<bid>), or "".
func originalID(block *goquery.Selection) string {
	href := block.Find("a.cc").AttrOr("href", "")
	i := strings.LastIndex(href, "/comment/")
	if i < 0 {
		return ""
	}
	bid, _, _ := strings.Cut(href[i+len("/comment/"):], "?")
	bid, _, _ = strings.Cut(bid, "#")
	mid, err := MidFromBid(bid)
	if err != nil {
		return ""
	}
	return mid
}

// repostReason is the text of a weibo.cn repost's reason (its block's
// last div without the labels, time and links; emoji as their alt
// text).
func repostReason(div *goquery.Selection) string {
	reason := div.Clone()
	reason.Find("span.cmt, span.ct, a").Remove()
	reason.Find("img[alt]").Each(func(_ int, img *goquery.Selection) { img.ReplaceWithHtml(html.EscapeString(img.AttrOr("alt", ""))) })
	return strings.TrimSpace(strings.ReplaceAll(reason.Text(), "\u00a0", " "))
}

// largePic is the original size of a weibo.cn thumbnail.
func largePic(src string) string {
	for _, small := range []string{"/wap180/", "/thumb180/", "/orj360/"} {
		src = strings.Replace(src, small, "/large/", 1)
	}
	return src
}

// cnText is the text of a span.ctt without the "全文" link of a truncated
// post.
func cnText(s *goquery.Selection) string {
	s = s.Clone()
	s.Find("a").FilterFunction(func(_ int, a *goquery.Selection) bool { return strings.TrimSpace(a.Text()) == "全文" }).Remove()
	return strings.TrimSpace(strings.ReplaceAll(s.Text(), "\u00a0", " "))
}

// CNComments is what a weibo.cn comment page holds: the post (with its full
// text; only on the first page) and one page of comments.
type CNComments struct {
	Post     *record.Post
	PostID   string // the commented post's id, from the page's links
	Comments []record.Comment
}

// bidRes find the commented post's bid in the links of a weibo.cn comment
// page, whose post block is id="M_" without it (weiboSpider's 2020 test
// page of weibo.cn/comment/<bid>): its 收藏 and 操作 links, its 转发 count,
// the paging form and the reply links.
var bidRes = []struct {
	sel, attr string
	re        *regexp.Regexp
}{
	{`a[href*="/fav/addFav/"]`, "href", regexp.MustCompile(`/fav/addFav/([0-9A-Za-z]{9})`)},
	{`a[href*="/mblog/operation/"]`, "href", regexp.MustCompile(`/mblog/operation/([0-9A-Za-z]{9})`)},
	{`a[href*="/repost/"]`, "href", regexp.MustCompile(`/repost/([0-9A-Za-z]{9})`)},
	{`form[action*="/comment/"]`, "action", regexp.MustCompile(`/comment/([0-9A-Za-z]{9})`)},
	{`a[href*="/comments/reply/"]`, "href", regexp.MustCompile(`/comments/reply/([0-9A-Za-z]{9})/`)},
	{`a[href*="/attitude/"][href*="#attitude"]`, "href", regexp.MustCompile(`/attitude/([0-9A-Za-z]{9})`)},
}

// fuidRe is the author's uid in a 举报 link (/spam/?…&fuid=<uid>), the one
// reliable id of a commenter whose link is a custom domain.
var fuidRe = regexp.MustCompile(`[?&]fuid=(\d+)`)

// ParseCNComment reads a weibo.cn comment page (weibo.cn/comment/<bid>). On
// the first page the post is the div.c with id "M_" (the bid after it on
// some pages, else found in the page's links); later pages show no post.
// Comments are div.c with id "C_<id>"; the hot comments repeated at the
// top ([热门]) are counted once. uid is the post's author when the page
// does not name one.
func ParseCNComment(raw []byte, uid string, captured time.Time, rawPath string) (*CNComments, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("weibo.cn comment: %w", err)
	}
	bid := ""
	m := doc.Find(`div.c[id^="M_"]`).First()
	if m.Length() > 0 {
		bid = strings.TrimPrefix(m.AttrOr("id", ""), "M_")
	}
	for _, r := range bidRes {
		if bid != "" {
			break
		}
		doc.Find(r.sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if mm := r.re.FindStringSubmatch(s.AttrOr(r.attr, "")); mm != nil && !strings.Contains(s.Text(), "原文") {
				bid = mm[1]
				return false
			}
			return true
		})
	}
	if bid == "" {
		return nil, fmt.Errorf("weibo.cn comment: the page names no post (no M_ block and no link to it)")
	}
	mid, err := MidFromBid(bid)
	if err != nil {
		return nil, fmt.Errorf("weibo.cn comment: post %q: %w", bid, err)
	}
	out := &CNComments{PostID: mid}
	if m.Length() > 0 {
		p := cnCommentPost(doc, m, bid, mid, uid, captured, rawPath)
		out.Post = &p
	}
	seen := map[string]bool{}
	doc.Find(`div.c[id^="C_"]`).Each(func(_ int, s *goquery.Selection) {
		id := strings.TrimPrefix(s.AttrOr("id", ""), "C_")
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		c := record.Comment{Record: record.TypeComment, Platform: Platform, ID: id, PostID: mid, Raw: rawPath}
		if a := s.ChildrenFiltered("a").First(); a.Length() > 0 {
			c.Author = &record.Ref{ID: cnUserID(a.AttrOr("href", "")), Name: strings.TrimSpace(a.Text())}
			if mm := fuidRe.FindStringSubmatch(s.Find(`a[href*="/spam/"]`).AttrOr("href", "")); mm != nil {
				c.Author.ID = mm[1]
			}
		}
		c.Text = cnInline(s)
		c.Likes = cnCount(s.Find("span.cc a").First().Text())
		when, _ := splitCT(s.Find("span.ct").First().Text())
		c.CreatedAt = cnTime(when, captured)
		out.Comments = append(out.Comments, c)
	})
	return out, nil
}

// cnCommentPost reads the post block (id "M_") of a comment page: the
// author's link and the text in its first div (or, for a repost, the
// original there and the reason in the second), the time in the last;
// the counts sit in the div after the block.
func cnCommentPost(doc *goquery.Document, m *goquery.Selection, bid, mid, uid string, captured time.Time, rawPath string) record.Post {
	p := record.Post{Record: record.TypePost, Platform: Platform, ID: mid, Raw: rawPath}
	divs := m.ChildrenFiltered("div")
	first, last := divs.First(), divs.Last()
	if a := first.ChildrenFiltered("a").First(); a.Length() > 0 {
		if id := cnUserID(a.AttrOr("href", "")); id != "" {
			p.Author = &record.Ref{ID: id, Name: strings.TrimSpace(a.Text())}
		}
	}
	if mm := fuidRe.FindStringSubmatch(m.Find(`a[href*="/spam/"]`).AttrOr("href", "")); mm != nil {
		if p.Author == nil {
			p.Author = &record.Ref{}
		}
		p.Author.ID = mm[1]
	}
	if (p.Author == nil || p.Author.ID == "") && uid != "" {
		p.Author = &record.Ref{ID: uid}
	}
	if p.Author != nil && p.Author.ID != "" {
		p.URL = "https://weibo.com/" + p.Author.ID + "/" + bid
	}
	when, source := splitCT(last.Find("span.ct").Text())
	p.CreatedAt, p.Source = cnTime(when, captured), source
	if cmt := first.Find("span.cmt").First(); strings.Contains(cmt.Text(), "转发了") {
		orig := record.Post{Record: record.TypePost, Platform: Platform, Text: cnInline(first)}
		if a := cmt.Find("a").First(); a.Length() > 0 {
			orig.Author = &record.Ref{ID: cnUserID(a.AttrOr("href", "")), Name: strings.TrimPrefix(strings.TrimSpace(a.Text()), "@")}
		}
		orig.ID = originalID(first)
		p.RepostOf = &orig
		p.Text = repostReason(last)
	} else {
		p.Text = cnInline(first)
	}
	counts := &record.Counts{}
	doc.Find(`a[href*="/repost/"]`).EachWithBreak(func(_ int, a *goquery.Selection) bool {
		counts.Reposts = cnCount(a.Text())
		return counts.Reposts == nil
	})
	doc.Find(`span.pms`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if strings.Contains(s.Text(), "评论") {
			counts.Comments = cnCount(s.Text())
		}
		return counts.Comments == nil
	})
	doc.Find(`a[href*="/attitude/"]`).EachWithBreak(func(_ int, a *goquery.Selection) bool {
		if strings.Contains(a.AttrOr("href", ""), "#attitude") {
			counts.Likes = cnCount(a.Text())
		}
		return counts.Likes == nil
	})
	if counts.Likes != nil || counts.Reposts != nil || counts.Comments != nil {
		p.Counts = counts
	}
	m.Find(`a[href*="/mblog/pic/"] img`).Each(func(_ int, img *goquery.Selection) {
		if src := largePic(img.AttrOr("src", "")); src != "" {
			p.Media = append(p.Media, record.Media{Type: record.MediaImage, URL: src})
		}
	})
	return p
}

// cnUserID is the uid in a weibo.cn user link (/u/<uid>, or
// https://weibo.cn/u/<uid>); a custom domain (/luxchina) gives "".
func cnUserID(href string) string {
	href = strings.TrimPrefix(href, "https://weibo.cn")
	href = strings.TrimPrefix(href, "http://weibo.cn")
	if rest, ok := strings.CutPrefix(href, "/u/"); ok {
		rest, _, _ = strings.Cut(rest, "?")
		return strings.Trim(rest, "/")
	}
	if rest, ok := strings.CutPrefix(href, "/"); ok {
		rest, _, _ = strings.Cut(rest, "?")
		if _, err := strconv.ParseUint(rest, 10, 64); err == nil {
			return rest
		}
	}
	return ""
}

// cnInline is the text of a block's span.ctt and what follows it up to
// its 举报 link, counts or time: in 2020 weibo.cn closed span.ctt early
// after an emoji (an </span> without its <span class="url-icon">), so the
// rest of the text follows the span in the parent. Emoji keep their alt
// text ([心]); the "全文" link of a truncated text and the separator
// colon before the text are left out.
func cnInline(block *goquery.Selection) string {
	ctt := block.Find("span.ctt").First()
	if ctt.Length() == 0 {
		return ""
	}
	var b strings.Builder
	// The "全文" link of a truncated text is left out.
	more := func(n *xhtml.Node) (string, bool) {
		return "", strings.TrimSpace(goquery.NewDocumentFromNode(n).Text()) == "全文"
	}
	walk := func(n *xhtml.Node) { inlineText(&b, n, more) }
	walk(ctt.Nodes[0])
	for n := ctt.Nodes[0].NextSibling; n != nil; n = n.NextSibling {
		if n.Type == xhtml.ElementNode && cnInlineEnd(n) {
			break
		}
		walk(n)
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.ReplaceAll(b.String(), "\u00a0", " ")), ":"))
}

// cnInlineEnd says whether n ends a block's text: its 举报 link, a count,
// its time, the repost's counts or the original's comment link.
func cnInlineEnd(n *xhtml.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "class" && (a.Val == "cc" || a.Val == "ct" || a.Val == "cmt"):
			return true
		case a.Key == "href" && strings.Contains(a.Val, "/spam/"):
			return true
		}
	}
	return n.Data == "div"
}
