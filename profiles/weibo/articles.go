package weibo

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	wb "github.com/farewell-app/farewell/parsers/weibo"
)

// rArticle is the article page's answer with the article's body.
var rArticle = exporter.Route{Path: "/article/m/aj/detail", Collection: cArticles, Kind: string(wb.KindArticle)}

// articles keeps the person's articles (头条文章, §W10): the posts that
// announce them, page by page of mymblog?feature=10 until an empty page
// (its total is the expected count), then each article's page on
// card.weibo.com, whose answer with the body is kept, and the body's
// pictures. An article kept by an earlier run is not asked again; one the
// site does not give is a gap.
func (c *capture) articles(ctx context.Context) error {
	if err := c.onSite(ctx); err != nil {
		return err
	}
	_, err := c.s.Paginate(ctx, cArticles, nil, "1", 2, func(ctx context.Context, cursor string) (exporter.PageResult, error) {
		page, err := strconv.Atoi(cursor)
		if err != nil || page < 1 {
			return exporter.PageResult{}, fmt.Errorf("articles: a journal cursor %q is no page", cursor)
		}
		body, err := c.fetch(ctx, cArticles, wb.KindMymblog, "", fmt.Sprintf("/ajax/statuses/mymblog?uid=%s&page=%d&feature=10", c.uid, page))
		if err != nil {
			return exporter.PageResult{}, err
		}
		tl, err := wb.DecodeTimeline(body)
		if err != nil {
			return exporter.PageResult{}, err
		}
		res := exporter.PageResult{Items: len(c.announced(tl)), Next: strconv.Itoa(page + 1)}
		if len(tl.Statuses) == 0 {
			res.Next = ""
		}
		return res, nil
	})
	if err != nil {
		return err
	}
	ids, total, kept, err := c.articleState(ctx)
	if err != nil {
		return err
	}
	if total.Valid {
		if err := c.s.Expect(cArticles, total.V); err != nil {
			return err
		}
	}
	c.page.Lock()
	defer c.page.Unlock()
	for _, id := range ids {
		if kept[id] {
			continue
		}
		if err := c.article(ctx, id); err != nil {
			if err := c.s.GapOr(ctx, cArticles, "article", id, err); err != nil {
				return err
			}
			continue
		}
		kept[id] = true
	}
	n := 0
	for _, id := range ids {
		if kept[id] {
			n++
		}
	}
	return c.s.Done(cArticles, exporter.StopEnd, i18n.Msg{}, int64(n))
}

// announced returns the articles a page of the list announces, by the
// person only.
func (c *capture) announced(tl *wb.Timeline) []string {
	var ids []string
	for i := range tl.Statuses {
		if st := &tl.Statuses[i]; st.AuthorID() == c.uid {
			for _, id := range st.ArticleIDs() {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
	}
	return ids
}

// articleState reads the captures kept so far: the articles the list
// named (in order), its total from its first page, and the articles
// whose body is kept.
func (c *capture) articleState(ctx context.Context) ([]string, wb.Num, map[string]bool, error) {
	var ids []string
	var total wb.Num
	kept := map[string]bool{}
	err := c.s.Store.EachRaw(ctx, []exporter.Collection{cArticles}, func(_ exporter.Collection, rf exporter.RawFile, body []byte) {
		switch rf.Meta.Kind {
		case string(wb.KindMymblog):
			tl, err := wb.DecodeTimeline(body)
			if err != nil {
				return
			}
			if tl.Total.Valid {
				total = tl.Total
			}
			for _, id := range c.announced(tl) {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		case string(wb.KindArticle):
			if d, err := wb.DecodeArticle(body); err == nil {
				kept[wb.ArticleRecord(d, articleOf(rf), "").ID] = true
			}
		}
	})
	return ids, total, kept, err
}

// articleOf is the article a kept answer is of, by its request.
func articleOf(rf exporter.RawFile) string {
	if u, err := url.Parse(rf.Meta.URL); err == nil {
		return u.Query().Get("id")
	}
	return ""
}

// article opens an article's page, keeps its answer with the body, and
// queues the body's pictures.
func (c *capture) article(ctx context.Context, id string) error {
	v, err := c.t.Open(ctx, wb.ArticlePage(id), 1, rArticle)
	if err != nil {
		return err
	}
	defer v.Close()
	_, body, err := v.Answer(ctx, 0, func(rf exporter.RawFile) bool { return rArticle.Is(rf) && articleOf(rf) == id })
	if err != nil {
		return err
	}
	d, err := wb.DecodeArticle(body)
	if err != nil {
		return err
	}
	for _, m := range wb.ArticleRecord(d, id, "").Media {
		c.media(cArticles, id, m.URL, "image", nil)
	}
	return nil
}
