package replica

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
)

// mobile serves what farewell meets of m.weibo.cn: the security check
// the API sends a session to with ok:-100 (§W1: /captcha and
// /api/geetest, a slider that, done, restores the session), and
// statuses/show, which answers the posts the web shows only as a stub
// (§W3).
func (r *Replica) mobile(w http.ResponseWriter, req *http.Request) {
	switch req.URL.Path {
	case "/statuses/show":
		r.requests.Add("mobile")
		r.mobileShow(w, req)
	case "/captcha", "/api/geetest":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>安全验证</title></head><body>
<h1>请完成安全验证</h1><p>拖动滑块完成验证</p>
<form method="post" action="/captcha/verify"><button id="slider">向右拖动滑块</button></form>
</body></html>`)
	case "/captcha/verify":
		if req.Method != http.MethodPost {
			http.NotFound(w, req)
			return
		}
		if r.loggedIn(req) {
			r.SolveCaptcha()
		}
		http.Redirect(w, req, "https://m.weibo.cn/", http.StatusFound)
	case "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>微博</title></head><body><div id="app">微博</div></body></html>`)
	default:
		http.NotFound(w, req)
	}
}

// mobileShow answers m.weibo.cn/statuses/show?id=<mblogid or mid>: {ok,
// data} with the status in m.weibo.cn's shape (§W3: weiback-rs refetches
// client-only posts there; the shape from weibo-crawler, RSSHub and
// nonebot-plugin-parser). A post that does not exist: errno 20101
// (single source).
func (r *Replica) mobileShow(w http.ResponseWriter, req *http.Request) {
	if !r.loggedIn(req) {
		writeJSON(w, http.StatusOK, obj{"ok": -100, "url": "https://passport.weibo.cn/signin/login?entry=mweibo&r=" + url.QueryEscape("https://m.weibo.cn/")})
		return
	}
	p := r.acc.post(req.URL.Query().Get("id"))
	if p == nil || p.Deleted {
		writeJSON(w, http.StatusOK, obj{"ok": 0, "errno": "20101", "msg": "该微博不存在"})
		return
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": r.mobileStatus(p)})
}

// mobileStatus renders a post as m.weibo.cn does: ids as strings, bid,
// HTML text only, pics with their large size, the video's mp4s under
// urls.
func (r *Replica) mobileStatus(p *Post) obj {
	if p.Deleted {
		return obj{"id": p.Mid, "mid": p.Mid, "bid": p.Bid, "text": "抱歉，此微博已被作者删除。查看帮助：http://t.cn/Rf0EG7L", "user": nil, "created_at": ""}
	}
	text := p.Text
	if p.Long {
		text = truncated(p.Text)
	}
	s := obj{
		"visible": obj{"type": p.Visible, "list_id": 0}, "created_at": rubyDate(p.CreatedAt),
		"id": p.Mid, "mid": p.Mid, "bid": p.Bid, "text": mobileHTML(p, text), "textLength": len([]rune(p.Text)),
		"source": p.Source, "region_name": "发布于 " + p.Region, "isLongText": p.Long, "favorited": false, "mblogtype": 0, "can_edit": false,
		"user": r.mobileUser(p.Author), "reposts_count": p.Reposts, "comments_count": p.CommentCount(), "attitudes_count": p.Likes,
	}
	if p.Long {
		// The whole text, as HTML like text (RSSHub reads
		// longText.longTextContent; that it is HTML is unverified).
		s["longText"] = obj{"longTextContent": mobileHTML(p, p.Text)}
	}
	ids, pics := []string{}, []obj{}
	for _, pic := range p.Pics {
		ids = append(ids, pic.PID)
		o := obj{"pid": pic.PID, "url": picURL(pic, "orj360"), "size": "orj360",
			"geo":   obj{"width": 360, "height": 360 * pic.H / max(pic.W, 1), "croped": false},
			"large": obj{"size": "large", "url": picURL(pic, "large"), "geo": obj{"width": fmt.Sprint(pic.W), "height": fmt.Sprint(pic.H), "croped": false}}}
		if pic.Type == "livephoto" {
			o["type"] = "livephoto"
			o["videoSrc"] = r.picInfo(pic)["video"]
		}
		pics = append(pics, o)
	}
	s["pic_ids"], s["pic_num"], s["pics"] = ids, len(ids), pics
	if v := p.shownVideo(); v != nil {
		urls := obj{}
		for _, rg := range v.Rungs {
			urls[rg.Label+"_mp4"] = r.videoURL(v, rg.Label, false)
		}
		s["page_info"] = obj{"type": "video", "object_type": 11, "object_id": "1034:" + v.ID, "page_title": "视频", "title": "视频",
			"page_pic": obj{"url": coverURL(v), "width": 1280, "height": 720},
			"page_url": "https://video.weibo.com/show?fid=1034:" + v.ID, "play_count": "1万次播放",
			"media_info": obj{"stream_url": r.videoURL(v, "mp4_ld", false), "stream_url_hd": r.videoURL(v, "mp4_hd", false), "duration": v.Duration},
			"urls":       urls}
	}
	if orig := p.shownRepost(); orig != nil {
		s["retweeted_status"] = r.mobileStatus(orig)
	}
	return s
}

// mobileUser is the user object of m.weibo.cn: a numeric id, counters
// that may be strings.
func (r *Replica) mobileUser(u *User) obj {
	return obj{"id": num(u.ID), "screen_name": u.Name, "profile_image_url": r.avatarURL(u, 180), "avatar_hd": r.avatarURL(u, 1024),
		"profile_url": "https://m.weibo.cn/u/" + u.ID, "verified": false, "gender": u.Gender, "description": u.Description,
		"followers_count": fmt.Sprint(u.Followers), "follow_count": u.Friends, "statuses_count": u.Statuses, "mbrank": 0, "mbtype": 0,
		"following": false, "follow_me": false}
}

// mobileHTML renders text as m.weibo.cn's text: short links as weibo.cn
// redirects that name where they lead, topics as search links, line
// breaks as <br />.
func mobileHTML(p *Post, text string) string {
	s := html.EscapeString(text)
	for _, l := range p.Links {
		s = strings.ReplaceAll(s, l.Short, fmt.Sprintf(`<a data-url="%s" href="https://weibo.cn/sinaurl?u=%s"><span class="surl-text">%s</span></a>`,
			l.Short, url.QueryEscape(l.Long), html.EscapeString(l.Title)))
	}
	for _, t := range p.Topics {
		tag := "#" + t + "#"
		s = strings.ReplaceAll(s, tag, fmt.Sprintf(`<a href="https://m.weibo.cn/search?containerid=%s">%s</a>`, url.QueryEscape("231522type=1&q="+tag), tag))
	}
	return strings.ReplaceAll(s, "\n", "<br />")
}
