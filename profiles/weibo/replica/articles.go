package replica

import (
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

// Articles (头条文章, §W10). Sources:
//
//   - mymblog?feature=10 lists the posts that announce the person's
//     articles (gallery-dl); its paging here is the timeline's by
//     page=N, ten to a page (unverified).
//   - An announcing post links the article (a t.cn link whose long_url is
//     weibo.com/ttarticle/p/show?id=<id>) and carries a card whose
//     page_url is media.weibo.cn/article?id=<id> (weibo-crawler); the
//     card's object_type "article" and page_id are unverified.
//   - card.weibo.com/article/m/show/id/<id> is the article page; it asks
//     /article/m/aj/detail?id=<id>&_t= for {code:"100000", msg:"success",
//     data:{id, url, title, content, userinfo, create_at_unix}} (stablog;
//     link parsers of 2024-26 send the show page as Referer). An unknown
//     id's answer ({code:"100001", msg:"文章不存在"}) is unverified.
//   - The body's pictures are on the image CDN (wx1-4.sinaimg.cn/large).

// Article is a long-form article the person published.
type Article struct {
	ID         string
	Title      string
	Heading    string
	Paragraphs []string
	Pics       []*Pic
	At         time.Time
}

// articles makes some own posts announce an article: original posts of
// plain text, without video, shown on the web.
func (g *gen) articles() {
	acc := g.acc
	k := 0
	for i, p := range acc.Posts {
		if i%12 != 4 || p.Repost != nil || p.Video != nil || p.Long || p.FalseLong || p.ClientOnly || p.Deleted || p.Pinned {
			continue
		}
		k++
		a := &Article{ID: fmt.Sprintf("230940%016d", 5170000000000000+int64(k)*7919+g.rng.Int64N(7000)),
			Title: g.sentence(2 + g.rng.IntN(3)), Heading: g.sentence(1), At: p.CreatedAt.Add(-time.Minute)}
		for range 2 + g.rng.IntN(3) {
			a.Paragraphs = append(a.Paragraphs, g.sentence(10+g.rng.IntN(20)))
		}
		for range 1 + g.rng.IntN(2) {
			a.Pics = append(a.Pics, g.pic("pic"))
		}
		short := "http://t.cn/A6" + g.token(6)
		p.Text += " 发布了头条文章：《" + a.Title + "》 " + short
		p.Links = append(p.Links, Link{Short: short, Long: "https://weibo.com/ttarticle/p/show?id=" + a.ID, Title: a.Title})
		p.Article = a
	}
}

// articlePosts are the posts that announce articles, newest first.
func (a *Account) articlePosts() []*Post {
	var out []*Post
	for _, p := range a.Posts {
		if p.Article != nil {
			out = append(out, p)
		}
	}
	return out
}

// articleCard is the card of a post that announces an article.
func articleCard(a *Article) obj {
	return obj{"type": "article", "object_type": "article", "page_id": a.ID, "page_title": a.Title, "content1": a.Title,
		"page_url": "http://media.weibo.cn/article?object_id=1022%3A" + a.ID + "&id=" + a.ID}
}

// articleList answers mymblog?feature=10: the posts that announce
// articles, ten to a page by page=N.
func (r *Replica) articleList(w http.ResponseWriter, page int) {
	const size = 10
	posts := r.acc.articlePosts()
	list := []any{}
	for _, p := range posts[min(len(posts), (page-1)*size):min(len(posts), page*size)] {
		list = append(list, r.status(p, statusOpts{}))
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"list": list, "since_id": "", "total": len(posts)}})
}

// articleBody is an article's body as the page's content: paragraphs, a
// heading and its pictures.
func articleBody(a *Article) string {
	var b strings.Builder
	for i, para := range a.Paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(para))
		if i == 0 {
			fmt.Fprintf(&b, "<h2>%s</h2>", html.EscapeString(a.Heading))
		}
		if i < len(a.Pics) {
			u := picURL(a.Pics[i], "large")
			fmt.Fprintf(&b, `<p><img src="%s" data-src="%s"></p>`, u, u)
		}
	}
	return b.String()
}

// articlePages serves card.weibo.com: the article page and its
// aj/detail.
func (r *Replica) articlePages(w http.ResponseWriter, req *http.Request) {
	path := req.URL.Path
	switch {
	case strings.HasPrefix(path, "/article/m/show/id/"):
		r.requests.Add("page")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articleHTML)
	case path == "/article/m/aj/detail":
		r.requests.Add("article")
		r.faults.API()
		id := req.URL.Query().Get("id")
		var a *Article
		var p *Post
		for _, q := range r.acc.articlePosts() {
			if q.Article.ID == id {
				a, p = q.Article, q
			}
		}
		if a == nil {
			writeJSON(w, http.StatusOK, obj{"code": "100001", "msg": "文章不存在", "data": []any{}})
			return
		}
		writeJSON(w, http.StatusOK, obj{"code": "100000", "msg": "success", "data": obj{
			"id": a.ID, "url": "https://weibo.com/ttarticle/p/show?id=" + a.ID, "title": a.Title, "content": articleBody(a),
			"create_at_unix": a.At.Unix(), "create_at": a.At.In(cst).Format("2006-01-02 15:04"), "summary": a.Paragraphs[0],
			"userinfo":   obj{"id": p.Author.ID, "screen_name": p.Author.Name, "profile_image_url": r.avatarURL(p.Author, 180)},
			"read_count": 100 + len(a.Paragraphs)*37}})
	default:
		http.NotFound(w, req)
	}
}

// articleHTML is the article page: it asks aj/detail for the article and
// shows it.
const articleHTML = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>头条文章</title>
<style>body{margin:0;font-family:"Noto Sans CJK SC",sans-serif;background:#fff;color:#333}
main{max-width:680px;margin:0 auto;padding:20px}h1{font-size:24px}.meta{color:#999;font-size:13px}
.WB_editor_iframe p{line-height:1.8}.WB_editor_iframe img{max-width:100%}</style></head>
<body><main><h1 node-type="articleTitle" class="title"></h1><div class="meta"></div>
<div node-type="contentBody" class="WB_editor_iframe"></div></main>
<script>
(function(){
  var id = location.pathname.split('/').pop();
  fetch('/article/m/aj/detail?id=' + id + '&_t=' + Date.now(), {credentials: 'include'}).then(function(r){ return r.json(); }).then(function(j){
    if (j.msg !== 'success') { document.querySelector('.title').textContent = j.msg; return; }
    document.querySelector('.title').textContent = j.data.title;
    document.querySelector('.meta').textContent = j.data.userinfo.screen_name + ' · ' + j.data.create_at;
    document.querySelector('.WB_editor_iframe').innerHTML = j.data.content;
  });
})();
</script></body></html>`

// articleTruth adds the articles a complete backup holds, with their
// pictures.
func (r *Replica) articleTruth(a *Account, t *replicakit.Truth) {
	items := map[string]map[string]any{}
	for _, p := range a.articlePosts() {
		ar := p.Article
		items[ar.ID] = map[string]any{"title": ar.Title, "url": "https://weibo.com/ttarticle/p/show?id=" + ar.ID,
			"created_at": ar.At.In(cst).Truncate(time.Second).Format(time.RFC3339), "author.id": p.Author.ID,
			"#media": len(ar.Pics), "blocks.0.text": ar.Paragraphs[0], "blocks.1.type": "h", "blocks.1.text": ar.Heading}
		for _, pic := range ar.Pics {
			t.Media[replicakit.MediaURLKey(picURL(pic, "large"))] = r.original(a, "image:"+pic.PID)
		}
	}
	t.Collections["articles"] = replicakit.CollectionTruth{Key: "id", Items: items, Expected: i64(len(items))}
}
