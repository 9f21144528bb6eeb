package replica

import (
	"fmt"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Breakable are the collections fault broken=NAME can break: their
// endpoint answers in a shape nobody documented.
var Breakable = []string{"posts", "comments", "likes", "favorites", "following", "followers", "my_comments", "received_comments", "mentions", "messages"}

// collectionOf names the collection an ajax request lists ("" for the
// rest).
func collectionOf(req *http.Request) string {
	switch req.URL.Path {
	case "/ajax/statuses/mymblog", "/ajax/statuses/searchProfile":
		return "posts"
	case "/ajax/statuses/buildComments":
		return "comments"
	case "/ajax/statuses/likelist":
		return "likes"
	case "/ajax/favorites/all_fav":
		return "favorites"
	case "/ajax/message/myCmt":
		return "my_comments"
	case "/ajax/message/cmt":
		return "received_comments"
	case "/ajax/statuses/mentions", "/ajax/comments/mentions":
		return "mentions"
	case "/ajax/friendships/friends":
		if req.URL.Query().Get("relate") == "fans" {
			return "followers"
		}
		return "following"
	}
	return ""
}

// notLoggedIn is the answer of every ajax endpoint without a session.
func notLoggedIn(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, obj{"ok": -100, "url": "https://passport.weibo.com/sso/signin?entry=miniblog&source=miniblog"})
}

// firewalled says whether the site's firewall refuses an ajax request
// that lacks what the web app's own requests carry: X-Requested-With, a
// weibo.com Referer and, once the XSRF-TOKEN cookie is set, the
// X-XSRF-TOKEN header echoing it (§W1, the Review doc §2; unverified
// elsewhere: weiback-rs src/web_fetcher.rs 2024-07 sends all three).
func firewalled(req *http.Request) bool {
	ref, err := url.Parse(req.Header.Get("Referer"))
	if err != nil || (ref.Host != "weibo.com" && !strings.HasSuffix(ref.Host, ".weibo.com")) {
		return true
	}
	if req.Header.Get("X-Requested-With") != "XMLHttpRequest" {
		return true
	}
	xsrf, err := req.Cookie("XSRF-TOKEN")
	return err == nil && req.Header.Get("X-XSRF-TOKEN") != xsrf.Value
}

func (r *Replica) api(w http.ResponseWriter, req *http.Request) {
	if firewalled(req) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>")
		return
	}
	if r.faults.Once("logout", r.cfg.Faults.LogoutAt) {
		r.EndSessions()
	}
	if r.faults.Once("renew", r.cfg.Faults.RenewAt) {
		r.staleSessions()
	}
	if r.faults.Once("captcha", r.cfg.Faults.CaptchaAt) {
		r.mu.Lock()
		r.captcha = r.sign(fmt.Sprint("captcha", time.Now().UnixNano()))
		r.mu.Unlock()
	}
	if r.faults.Once("captcha100", r.cfg.Faults.Captcha100At) {
		r.mu.Lock()
		r.captcha, r.captcha100 = r.sign(fmt.Sprint("captcha100", time.Now().UnixNano())), true
		r.mu.Unlock()
	}
	r.faults.API()
	r.mu.Lock()
	captcha, captcha100 := r.captcha, r.captcha100
	r.mu.Unlock()
	switch {
	case captcha != "" && captcha100:
		// The security check as the API says it (§W1, dataabc/weibo-crawler
		// #461 2024-10, #489 2025-02): ok:-100, like a logout, but with
		// the check's url; by the account's seed, the m.weibo.cn captcha
		// or its geetest.
		u := "https://m.weibo.cn/captcha?scene=limit&referer=%2F"
		if r.cfg.Seed%2 == 0 {
			u = "https://m.weibo.cn/api/geetest?testType=1"
		}
		writeJSON(w, http.StatusOK, obj{"ok": -100, "url": u})
		return
	case captcha != "":
		// The verification the site asks for after too much traffic:
		// no data, a url to solve it at.
		writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "请完成安全验证", "url": "https://security.weibo.com/captcha/geetest?id=" + captcha})
		return
	}
	if !r.limiter.Allow(r.now()) || r.faults.Throttle() {
		r.limited.Add(1)
		// Weibo's throttle: 418 with an empty page.
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusTeapot)
		return
	}
	if !r.loggedIn(req) {
		notLoggedIn(w)
		return
	}
	q := req.URL.Query()
	uid := q.Get("uid")
	owner := r.acc.Owner
	if uid != "" && uid != owner.ID && req.URL.Path != "/ajax/statuses/show" {
		writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "这里还没有内容"})
		return
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page < 1 {
		page = 1
	}
	if c := collectionOf(req); c != "" && r.cfg.Faults.IsBroken(c) {
		// A deploy that changed this endpoint's answer: its list comes
		// under keys no version of farewell knows.
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"items_v2": []obj{{"card_type": 9, "mid": "0"}}, "cursor_v2": "x1"}})
		return
	}
	switch req.URL.Path {
	case "/ajax/config/get_config":
		w.Header().Set("x-log-uid", owner.ID)
		http.SetCookie(w, &http.Cookie{Name: "WBPSESS", Value: r.sign("wbpsess" + owner.ID), Domain: "weibo.com", Path: "/", Secure: true, HttpOnly: true})
		// The answer names nobody: the uid is in the header (§W7,
		// 2026-07 notes).
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"ab_test": obj{"feed_new_ui": r.sign("ab")[:2], "comment_v2": 1}}})
	case "/ajax/message/myCmt":
		r.messageComments(w, "myCmt", q.Get("max_id"), r.acc.MyComments)
	case "/ajax/message/cmt":
		r.messageComments(w, "cmt", q.Get("max_id"), r.acc.Received())
	case "/ajax/comments/mentions":
		r.messageComments(w, "cmtMentions", q.Get("max_id"), r.acc.CommentMentions)
	case "/ajax/statuses/mentions":
		r.statusMentions(w, q.Get("max_id"))
	case "/ajax/feed/allGroups":
		r.allGroups(w)
	case "/ajax/profile/getGroupMembers":
		r.groupMembers(w, q.Get("list_id"), page)
	case "/ajax/statuses/editHistory":
		r.editHistory(w, q.Get("mid"))
	case "/ajax/statuses/config":
		writeJSON(w, http.StatusOK, emoticonConfig())
	case "/ajax/profile/info":
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"user": r.userFull(owner), "tabList": []obj{{"name": "home", "tabName": "精选"}, {"name": "feed", "tabName": "微博"}}, "blockText": ""}})
	case "/ajax/profile/detail":
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{
			"birthday": "1990-01-01 摩羯座", "created_at": "2012-05-04 12:00:00", "description": owner.Description,
			"gender": owner.Gender, "location": owner.Location, "ip_location": "IP属地：" + owner.Location,
			"sunshine_credit": obj{"level": "信用极好"}, "label_desc": []obj{}, "real_name": obj{},
		}})
	case "/ajax/statuses/mymblog":
		if q.Get("feature") == "10" {
			r.articleList(w, page)
			return
		}
		r.mymblog(w, q.Get("since_id"), page)
	case "/ajax/statuses/searchProfile":
		r.searchProfile(w, q, page)
	case "/ajax/profile/mbloghistory":
		hist := map[string][]int{}
		seen := map[string]bool{}
		for _, p := range r.acc.Posts {
			y, m := p.CreatedAt.In(cst).Year(), int(p.CreatedAt.In(cst).Month())
			k := fmt.Sprint(y, "-", m)
			if !seen[k] {
				seen[k] = true
				hist[fmt.Sprint(y)] = append(hist[fmt.Sprint(y)], m)
			}
		}
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": hist})
	case "/ajax/statuses/longtext":
		p := r.acc.post(q.Get("id"))
		if p == nil {
			writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "该微博不存在"})
			return
		}
		if !p.Long {
			writeJSON(w, http.StatusOK, obj{"ok": 1, "http_code": 200, "data": obj{}})
			return
		}
		data := obj{"longTextContent": p.Text}
		if s := r.status(p, statusOpts{}); s["url_struct"] != nil {
			data["url_struct"] = s["url_struct"]
		}
		writeJSON(w, http.StatusOK, obj{"ok": 1, "http_code": 200, "data": data})
	case "/ajax/statuses/show":
		p := r.acc.post(q.Get("id"))
		if p == nil || p.Deleted {
			writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "该微博不存在", "error_type": "toast"})
			return
		}
		s := r.status(p, statusOpts{all: true})
		s["ok"] = 1
		writeJSON(w, http.StatusOK, s)
	case "/ajax/statuses/buildComments":
		r.buildComments(w, q)
	case "/ajax/statuses/likelist":
		r.likelist(w, page)
	case "/ajax/favorites/all_fav":
		r.allFav(w, page, q.Get("with_total") == "true")
	case "/ajax/favorites/tags":
		counts := map[string]int{}
		for _, f := range r.acc.Favorites {
			for _, t := range f.Tags {
				counts[t]++
			}
		}
		var tags []obj
		for t, n := range counts {
			tags = append(tags, obj{"tag": t, "count": n})
		}
		sort.Slice(tags, func(i, j int) bool { return tags[i]["tag"].(string) < tags[j]["tag"].(string) })
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": tags, "fav_total_num": len(r.acc.Favorites), "total_number": len(tags)})
	case "/ajax/friendships/friends":
		users, total := r.acc.Following, len(r.acc.Following)
		if q.Get("relate") == "fans" {
			users, total = r.acc.Followers, len(r.acc.Followers)
			if len(users) > r.acc.FollowersCap {
				users = users[:r.acc.FollowersCap] // the site lists no more
			}
		}
		start, end := r.bounds(collectionOf(req), page, pageSize, len(users))
		list := []obj{}
		for i := start; i < end; i++ {
			u := r.userFull(users[i])
			if q.Get("relate") != "fans" {
				// Special follows (特别关注) are marked on the followed
				// account's object (special_follow, a Go client's types
				// of the 2020s API; unverified on this list).
				u["special_follow"] = r.acc.Special[users[i].ID]
			}
			list = append(list, u)
		}
		next := 0
		if end < len(users) {
			next = end
		}
		writeJSON(w, http.StatusOK, obj{"ok": 1, "users": list, "next_cursor": next, "previous_cursor": max(0, start-pageSize),
			"total_number": total, "has_filtered_attentions": false, "has_filtered_fans": false, "use_sink_stragety": false})
	default:
		if strings.HasPrefix(req.URL.Path, "/ajax/drift/") && r.drift.On() {
			// A call a new deploy's page makes that nobody documented.
			writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"name": path.Base(req.URL.Path), "ab": []obj{{"id": r.sign(req.URL.Path)}}}})
			return
		}
		writeJSON(w, http.StatusNotFound, obj{"ok": 0, "msg": "not found"})
	}
}
