package replica

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

func visitorRedirect(w http.ResponseWriter, req *http.Request) {
	back := "https://" + req.Host + req.URL.RequestURI()
	http.Redirect(w, req, "https://passport.weibo.com/visitor/visitor?entry=miniblog&a=enter&url="+url.QueryEscape(back)+"&domain=weibo.com", http.StatusFound)
}

var profileShell = template.Must(template.New("profile").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Name}}的个人主页 - 微博</title>
<script>window.DRIFT_CALLS = {{.Calls}};</script>
<link rel="stylesheet" href="/static/app.css"></head>
<body><div id="app"><header class="woo-box-flex"><a href="/">微博</a></header>
<main><section id="profile" class="ProfileHeader"></section><section id="feed" class="Feed"></section>
<div id="more" class="loading">加载中…</div></main></div>
<script src="/static/profile.js"></script></body></html>`))

const appCSS = `body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC",sans-serif;background:#f1f2f5;color:#333}
header{background:#fff;padding:10px 20px;border-bottom:1px solid #ddd}main{max-width:720px;margin:0 auto}
.ProfileHeader{background:#fff;margin:12px 0;padding:20px;border-radius:6px}.ProfileHeader img{width:80px;height:80px;border-radius:50%}
.name{font-size:22px;font-weight:bold}.counts span{margin-right:16px}
.card{background:#fff;margin:12px 0;padding:16px;border-radius:6px}.card .meta{color:#999;font-size:12px}
.card .pics img{width:110px;height:110px;object-fit:cover;margin:2px}.pinned{color:#fa7d3c}.loading{text-align:center;color:#999;padding:20px}`

const profileJS = `(function(){
  var uid = location.pathname.split('/')[2];
  function xsrf(){ var m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/); return m ? decodeURIComponent(m[1]) : ''; }
  function get(path){ return fetch(path, {credentials:'include', headers:{'X-Requested-With':'XMLHttpRequest', 'X-XSRF-TOKEN': xsrf()}}).then(function(r){ return r.json(); }); }
  function el(tag, cls, text){ var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  var since = '', page = 1, loading = false, done = false;
  (window.DRIFT_CALLS || []).forEach(function(p){ get(p).catch(function(){}); });
  Promise.all([get('/ajax/profile/info?uid=' + uid), get('/ajax/profile/detail?uid=' + uid)]).then(function(res){
    var u = res[0].data.user, d = res[1].data, box = document.getElementById('profile');
    var img = el('img'); img.src = u.avatar_hd; box.appendChild(img);
    box.appendChild(el('div', 'name', u.screen_name));
    box.appendChild(el('div', 'desc', u.description));
    var c = el('div', 'counts');
    c.appendChild(el('span', '', '关注 ' + u.friends_count)); c.appendChild(el('span', '', '粉丝 ' + u.followers_count)); c.appendChild(el('span', '', '微博 ' + u.statuses_count));
    box.appendChild(c);
    box.appendChild(el('div', 'meta', (d.ip_location || '') + ' · ' + (d.location || '')));
    more();
  });
  function more(){
    if (loading || done) return; loading = true;
    get('/ajax/statuses/mymblog?uid=' + uid + '&page=' + page + '&feature=0' + (since ? '&since_id=' + since : '')).then(function(j){
      var feed = document.getElementById('feed');
      (j.data.list || []).forEach(function(s){
        var card = el('article', 'card');
        if (s.isTop) card.appendChild(el('div', 'pinned', '置顶'));
        card.appendChild(el('div', 'meta', s.created_at + ' · ' + s.source));
        card.appendChild(el('p', 'text', s.text_raw));
        var pics = el('div', 'pics');
        (s.pic_ids || []).forEach(function(pid){ var i = el('img'); i.src = s.pic_infos[pid].bmiddle.url; pics.appendChild(i); });
        card.appendChild(pics);
        feed.appendChild(card);
      });
      since = j.data.since_id; page++; loading = false;
      if (!since) { done = true; document.getElementById('more').textContent = '没有更多了'; }
    });
  }
  window.addEventListener('scroll', function(){ if (window.innerHeight + window.scrollY > document.body.scrollHeight - 400) more(); });
})();`

// weiboPages serves weibo.com's HTML: the home page, the profile page (a
// script builds it from the ajax API, like the real single-page app) and
// its assets. Without a session, pages redirect to the visitor system.
func (r *Replica) weiboPages(w http.ResponseWriter, req *http.Request) {
	path := req.URL.Path
	switch path {
	case "/static/app.css":
		w.Header().Set("Content-Type", "text/css")
		fmt.Fprint(w, appCSS)
		return
	case "/static/profile.js":
		w.Header().Set("Content-Type", "application/javascript")
		fmt.Fprint(w, profileJS)
		return
	case "/favicon.ico":
		http.NotFound(w, req)
		return
	}
	if !r.loggedIn(req) {
		r.noSession(w, req)
		return
	}
	if c, err := req.Cookie("XSRF-TOKEN"); err != nil || c.Value == "" {
		// The web app's token for its ajax requests, set by any page
		// that lacks it (§W1).
		http.SetCookie(w, &http.Cookie{Name: "XSRF-TOKEN", Value: r.sign(fmt.Sprint("xsrf", time.Now().UnixNano())), Domain: "weibo.com", Path: "/", Secure: true})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch {
	case path == "/":
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>微博</title><link rel="stylesheet" href="/static/app.css"></head>
<body><header><a href="/">微博</a> <a class="avatar" href="/u/%s">我的主页</a></header><main><div class="card">首页</div></main></body></html>`, r.acc.Owner.ID)
	case strings.HasPrefix(path, "/u/"):
		uid := strings.Trim(strings.TrimPrefix(path, "/u/"), "/")
		if uid != r.acc.Owner.ID {
			http.NotFound(w, req)
			return
		}
		// A deploy's page makes calls nobody documented (--drift).
		calls := []string{}
		for i := 0; r.drift.On() && i <= r.drift.Pick(3, "calls"); i++ {
			calls = append(calls, "/ajax/drift/"+r.drift.Name(fmt.Sprint("call", i)))
		}
		profileShell.Execute(w, struct {
			Name  string
			Calls []string
		}{r.acc.Owner.Name, calls})
	default:
		http.NotFound(w, req)
	}
}

// playerPage is video.weibo.com/media/play: a page with a player, not
// the file it plays (§W8), whether it wraps a live photo's motion or a
// GIF's video.
func playerPage(w http.ResponseWriter, req *http.Request) {
	if req.URL.Path != "/media/play" {
		http.NotFound(w, req)
		return
	}
	src := req.URL.Query().Get("livephoto")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>微博视频</title></head><body><video controls src="%s"></video></body></html>`, html.EscapeString(src))
}

const appsPerPage = 5

// appsPage serves app.weibo.com/my?p=N, the authorised apps.
func (r *Replica) appsPage(w http.ResponseWriter, req *http.Request) {
	if req.URL.Path != "/my" {
		http.NotFound(w, req)
		return
	}
	if !r.loggedIn(req) {
		r.noSession(w, req)
		return
	}
	page, _ := strconv.Atoi(req.URL.Query().Get("p"))
	page = max(page, 1)
	apps := r.acc.Apps
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.variant("apps-unknown") {
		unknownApps(w, apps)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>我的应用 - 微博开放平台</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;background:#f2f2f5}.WB_frame{max-width:800px;margin:20px auto;background:#fff;padding:20px}
.app_item{border-bottom:1px solid #eee;padding:12px 0}.app_name{font-size:16px}.app_time,.app_scope{color:#666;font-size:13px}.W_pages a{margin-right:8px}</style></head>
<body><div class="WB_frame"><div class="app_total">共授权 <em node-type="appTotal">%d</em> 个应用</div><div class="WB_app_list" node-type="appList">`, len(apps))
	for i := (page - 1) * appsPerPage; i < min(len(apps), page*appsPerPage); i++ {
		a := apps[i]
		fmt.Fprintf(&b, `<div class="app_item" node-type="appItem" action-data="app_id=%s"><dl><dt><a class="app_name" href="https://app.weibo.com/t/feed/%s" target="_blank">%s</a></dt>
<dd class="app_time">授权时间：%s</dd><dd class="app_scope">获得权限：`, a.ID, a.ID, html.EscapeString(a.Name), a.AuthorisedAt.In(cst).Format("2006-01-02"))
		for _, s := range a.Scopes {
			fmt.Fprintf(&b, "<span>%s</span>", html.EscapeString(s))
		}
		fmt.Fprintf(&b, `</dd></dl><a class="W_btn_b" action-type="revoke" action-data="app_id=%s">删除</a></div>`, a.ID)
	}
	b.WriteString(`</div><div class="W_pages">`)
	if page*appsPerPage < len(apps) {
		fmt.Fprintf(&b, `<a class="page next S_txt1 S_line1" href="/my?p=%d">下一页</a>`, page+1)
	}
	b.WriteString(`</div></div></body></html>`)
	fmt.Fprint(w, b.String())
}

// unknownApps is the apps page in a layout nobody documented (§W9,
// unverified): every app on one page, none of the hooks of the old one.
func unknownApps(w http.ResponseWriter, apps []*App) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>授权管理</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif}.x7Lk{max-width:760px;margin:20px auto}.x7Lk li{padding:10px;border-bottom:1px solid #eee}</style></head>
<body><div id="app"><div class="x7Lk"><h2>已授权的应用</h2><ul>`)
	for _, a := range apps {
		fmt.Fprintf(&b, `<li data-v-3f1a><span>%s</span> · <time>%s</time> <button>取消授权</button></li>`, html.EscapeString(a.Name), a.AuthorisedAt.In(cst).Format("2006-01-02"))
	}
	b.WriteString(`</ul></div></div></body></html>`)
	fmt.Fprint(w, b.String())
}

const cnPerPage = 10

// cnPages serves the old weibo.cn text pages: /<uid>/profile?page=N and
// /comment/<bid>.
func (r *Replica) cnPages(w http.ResponseWriter, req *http.Request) {
	if !r.loggedIn(req) {
		http.Redirect(w, req, "https://passport.weibo.cn/signin/login?r="+url.QueryEscape("https://weibo.cn"+req.URL.RequestURI()), http.StatusFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	owner := r.acc.Owner
	page, _ := strconv.Atoi(req.URL.Query().Get("page"))
	page = max(page, 1)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"/><title>微博</title></head><body>`)
	switch path := req.URL.Path; {
	case path == "/"+owner.ID+"/profile":
		posts := r.acc.Posts
		for i := (page - 1) * cnPerPage; i < min(len(posts), page*cnPerPage); i++ {
			b.WriteString(r.cnPost(posts[i], false))
			b.WriteString(`<div class="s"></div>`)
		}
		pages := (len(posts) + cnPerPage - 1) / cnPerPage
		fmt.Fprintf(&b, `<div class="pa" id="pagelist"><form action="/%s/profile" method="post"><div>`, owner.ID)
		if page < pages {
			fmt.Fprintf(&b, `<a href="/%s/profile?page=%d">下页</a>&nbsp;`, owner.ID, page+1)
		}
		fmt.Fprintf(&b, `%d/%d页</div></form></div>`, page, pages)
	case strings.HasPrefix(path, "/comment/"):
		p := r.acc.byBid[strings.TrimPrefix(path, "/comment/")]
		if p == nil || p.Deleted {
			http.NotFound(w, req)
			return
		}
		b.WriteString(r.cnPost(p, true))
		top := p.Comments
		if page == 1 && len(top) > 0 { // the most liked comment, repeated as hot
			best := top[0]
			for _, c := range top {
				if c.Likes > best.Likes {
					best = c
				}
			}
			b.WriteString(cnComment(best, true))
		}
		for i := (page - 1) * cnPerPage; i < min(len(top), page*cnPerPage); i++ {
			b.WriteString(cnComment(top[i], false))
		}
	default:
		http.NotFound(w, req)
		return
	}
	b.WriteString(`</body></html>`)
	fmt.Fprint(w, b.String())
}

func cnTime(p *Post) string { return p.CreatedAt.In(cst).Format("2006-01-02 15:04:05") }

func (r *Replica) cnPost(p *Post, full bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="c" id="M_%s"><div>`, p.Bid)
	text := p.Text
	if p.Long && !full {
		text = truncated(p.Text)
	}
	if p.Repost != nil {
		o := p.Repost
		if o.Deleted {
			fmt.Fprintf(&b, `<span class="cmt">转发了微博：</span><span class="ctt">抱歉，此微博已被作者删除。</span>`)
		} else {
			fmt.Fprintf(&b, `<span class="cmt">转发了&nbsp;<a href="https://weibo.cn/u/%s">%s</a>&nbsp;的微博:</span><span class="ctt">%s</span>&nbsp;<span class="cmt">赞[%d]</span>&nbsp;<span class="cmt">原文转发[%d]</span>&nbsp;<a href="https://weibo.cn/comment/%s" class="cc">原文评论[%d]</a>`,
				o.Author.ID, html.EscapeString(o.Author.Name), html.EscapeString(o.Text), o.Likes, o.Reposts, o.Bid, o.CommentCount())
		}
		fmt.Fprintf(&b, `</div><div><span class="cmt">转发理由:</span>%s&nbsp;&nbsp;`, html.EscapeString(text))
	} else {
		fmt.Fprintf(&b, `<span class="ctt">%s`, html.EscapeString(text))
		if p.Long && !full {
			fmt.Fprintf(&b, `<a href="/comment/%s">全文</a>`, p.Bid)
		}
		b.WriteString(`</span>`)
		if len(p.Pics) > 0 {
			fmt.Fprintf(&b, `&nbsp;<a href="https://weibo.cn/mblog/picAll/%s?rl=1">组图共%d张</a></div><div><a href="https://weibo.cn/mblog/pic/%s?rl=0"><img src="%s" alt="图片" class="ib" /></a>&nbsp;`,
				p.Bid, len(p.Pics), p.Bid, picURL(p.Pics[0], "wap180"))
		} else {
			b.WriteString(`&nbsp;`)
		}
	}
	fmt.Fprintf(&b, `<a href="https://weibo.cn/attitude/%s/add">赞[%d]</a>&nbsp;<a href="https://weibo.cn/repost/%s">转发[%d]</a>&nbsp;<a href="https://weibo.cn/comment/%s#cmtfrm" class="cc">评论[%d]</a>&nbsp;<a href="https://weibo.cn/fav/addFav/%s">收藏</a><!---->&nbsp;<span class="ct">%s&nbsp;来自%s</span></div></div>`,
		p.Bid, p.Likes, p.Bid, p.Reposts, p.Bid, p.CommentCount(), p.Bid, cnTime(p), html.EscapeString(p.Source))
	return b.String()
}

func cnComment(c *Comment, hot bool) string {
	kt := ""
	if hot {
		kt = `<span class="kt">[热门]</span>`
	}
	return fmt.Sprintf(`<div class="c" id="C_%s">%s<a href="/u/%s">%s</a>:<span class="ctt">%s</span>&nbsp;<span class="cc"><a href="/attitude/%s/add">赞[%d]</a></span>&nbsp;<span class="ct">%s&nbsp;来自网页</span></div>`,
		c.ID, kt, c.Author.ID, html.EscapeString(c.Author.Name), html.EscapeString(c.Text), c.ID, c.Likes, c.CreatedAt.In(cst).Format("2006-01-02 15:04:05"))
}

// captchaPage is the verification the site sends a person to after too
// much traffic: a slider (here a button) that, once done, lets the API
// answer again.
func (r *Replica) captchaPage(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	open := r.captcha
	r.mu.Unlock()
	switch {
	case req.URL.Path == "/captcha/verify" && req.Method == http.MethodPost:
		if req.FormValue("id") == open && open != "" {
			r.SolveCaptcha()
		}
		http.Redirect(w, req, "https://weibo.com/", http.StatusFound)
	case req.URL.Path == "/captcha/geetest":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>安全验证</title></head><body>
<h1>请完成安全验证</h1><p>拖动滑块完成拼图</p>
<form method="post" action="/captcha/verify"><input type="hidden" name="id" value="%s"><button id="slider">向右拖动滑块</button></form>
</body></html>`, html.EscapeString(req.URL.Query().Get("id")))
	default:
		http.NotFound(w, req)
	}
}
