package weibo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/farewell-app/farewell/parsers/record"
)

// Articles (头条文章, real-sites-2026 §W10): the person's own are listed by
// mymblog?feature=10 (gallery-dl); each is announced by a post whose card
// (page_info, object_type "article") or links name the article's id
// ("230940" and sixteen digits) in one of its addresses:
//
//	https://weibo.com/ttarticle/p/show?id=<id>
//	https://card.weibo.com/article/m/show/id/<id>
//	http://media.weibo.cn/article?id=<id>   (the card's page_url, weibo-crawler)
//
// The article page (card.weibo.com/article/m/show/id/<id>) asks
// /article/m/aj/detail?id=<id> for {code, msg:"success", data:{title,
// content (HTML), userinfo, create_at_unix, url}} (stablog; several link
// parsers, 2024-26).

// ArticleID returns the article id an address names, "" for none.
func ArticleID(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	host, path := strings.TrimPrefix(u.Hostname(), "www."), u.Path
	switch {
	case host == "weibo.com" && strings.HasPrefix(path, "/ttarticle/"):
		return articleIDOf(u.Query().Get("id"))
	case host == "media.weibo.cn" && strings.HasPrefix(path, "/article"):
		return articleIDOf(u.Query().Get("id"))
	case host == "card.weibo.com" && strings.HasPrefix(path, "/article/m/show/id/"):
		return articleIDOf(strings.TrimPrefix(path, "/article/m/show/id/"))
	}
	return ""
}

var articleIDRe = regexp.MustCompile(`^230940\d{10,20}$`)

func articleIDOf(s string) string {
	if articleIDRe.MatchString(s) {
		return s
	}
	return ""
}

// ArticleIDs returns the articles a status announces: the ids its card
// and its links name, in order, once each.
func (s *Status) ArticleIDs() []string {
	var out []string
	add := func(raw string) {
		if id := ArticleID(raw); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if s.PageInfo != nil {
		add(s.PageInfo.PageURL)
		if s.PageInfo.ObjectType == "article" {
			if id := articleIDOf(s.PageInfo.PageID); id != "" && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	for _, u := range s.URLStruct {
		add(u.LongURL)
	}
	return out
}

// ArticleURL is an article's address on the web.
func ArticleURL(id string) string { return "https://weibo.com/ttarticle/p/show?id=" + id }

// ArticlePage is the article page that asks for its body.
func ArticlePage(id string) string { return "https://card.weibo.com/article/m/show/id/" + id }

// ArticleDetail is the answer of /article/m/aj/detail.
type ArticleDetail struct {
	ID       ID     `json:"id"`
	URL      string `json:"url"`
	Title    string `json:"title"`
	Content  string `json:"content"`
	Created  Num    `json:"create_at_unix"`
	UserInfo *struct {
		ID         ID     `json:"id"`
		ScreenName string `json:"screen_name"`
	} `json:"userinfo"`
}

// DecodeArticle reads /article/m/aj/detail: an answer whose msg is not
// "success" is an error, with the site's message.
func DecodeArticle(raw []byte) (*ArticleDetail, error) {
	var w struct {
		Code ID              `json:"code"`
		Msg  string          `json:"msg"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(raw), &w); err != nil {
		return nil, fmt.Errorf("weibo article: %w", err)
	}
	if w.Msg != "success" {
		return nil, fmt.Errorf("weibo article: code %s: %s", w.Code, w.Msg)
	}
	var d ArticleDetail
	if err := json.Unmarshal(w.Data, &d); err != nil {
		return nil, fmt.Errorf("weibo article: %w", err)
	}
	if d.Title == "" && d.Content == "" {
		return nil, fmt.Errorf("weibo article: no title and no body")
	}
	return &d, nil
}

// ArticleRecord makes an article's record: the body's paragraphs and
// headings as text, its pictures as media, in order. id is the article's
// id when the answer does not say it.
func ArticleRecord(d *ArticleDetail, id, raw string) record.Article {
	if string(d.ID) != "" {
		id = string(d.ID)
	}
	a := record.Article{Record: record.TypeArticle, Platform: Platform, ID: id, URL: ArticleURL(id), Title: strings.TrimSpace(d.Title),
		HTML: d.Content, Raw: raw, Blocks: []record.ArticleBlock{}}
	if d.Created.Valid && d.Created.V > 0 {
		a.CreatedAt = time.Unix(d.Created.V, 0).In(shanghai).Format(time.RFC3339)
	}
	if d.UserInfo != nil {
		a.Author = &record.Ref{ID: string(d.UserInfo.ID), Name: d.UserInfo.ScreenName}
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(d.Content))
	if err != nil {
		return a
	}
	var text strings.Builder
	flush := func(typ string) {
		var lines []string
		for _, l := range strings.Split(strings.ReplaceAll(text.String(), "\u200b", ""), "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				lines = append(lines, l)
			}
		}
		if t := strings.Join(lines, "\n"); t != "" {
			a.Blocks = append(a.Blocks, record.ArticleBlock{Type: typ, Text: t})
		}
		text.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			text.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
			return
		case n.Type != html.ElementNode && n.Type != html.DocumentNode:
			return
		}
		switch n.Data {
		case "script", "style":
			return
		case "img":
			flush("p")
			src := firstNonEmpty(attr(n, "data-src"), attr(n, "src"))
			if u, err := url.Parse(src); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
				i := len(a.Media)
				a.Media = append(a.Media, record.Media{Type: record.MediaImage, URL: u.String()})
				a.Blocks = append(a.Blocks, record.ArticleBlock{Type: "image", Media: &i})
			}
			return
		case "br":
			text.WriteString("\n")
			return
		}
		block := n.Type == html.ElementNode && isBlock(n.Data)
		if block {
			flush("p")
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
		if block {
			typ := "p"
			if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
				typ = "h"
			}
			flush(typ)
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	flush("p")
	return a
}

func isBlock(tag string) bool {
	switch tag {
	case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "figure", "figcaption", "section", "pre":
		return true
	}
	return false
}
