package replica

import (
	"fmt"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

const pageSize = 20

// Breakable are the collections fault broken=NAME can break: their
// endpoint answers in a shape nobody documented.
var Breakable = []string{"posts", "comments", "likes", "favorites", "following", "followers"}

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

func (r *Replica) api(w http.ResponseWriter, req *http.Request) {
	if r.faults.Once("logout", r.cfg.Faults.LogoutAt) {
		r.EndSessions()
	}
	if r.faults.Once("captcha", r.cfg.Faults.CaptchaAt) {
		r.mu.Lock()
		r.captcha = r.sign(fmt.Sprint("captcha", time.Now().UnixNano()))
		r.mu.Unlock()
	}
	r.faults.API()
	r.mu.Lock()
	captcha := r.captcha
	r.mu.Unlock()
	if captcha != "" {
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
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"login": true, "uid": owner.ID, "imageUrl": "https://wx1.sinaimg.cn"}})
	case "/ajax/profile/info":
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"user": r.userFull(owner), "tabList": []obj{{"name": "home", "tabName": "精选"}, {"name": "feed", "tabName": "微博"}}, "blockText": ""}})
	case "/ajax/profile/detail":
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{
			"birthday": "1990-01-01 摩羯座", "created_at": "2012-05-04 12:00:00", "description": owner.Description,
			"gender": owner.Gender, "location": owner.Location, "ip_location": "IP属地：" + owner.Location,
			"sunshine_credit": obj{"level": "信用极好"}, "label_desc": []obj{}, "real_name": obj{},
		}})
	case "/ajax/statuses/mymblog":
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
		r.statusPage(w, r.acc.Likes, page, "list", nil)
	case "/ajax/favorites/all_fav":
		posts := make([]*Post, len(r.acc.Favorites))
		for i, f := range r.acc.Favorites {
			posts[i] = f.Post
		}
		r.statusPage(w, posts, page, "status", func(i int, s obj) {
			var tags []obj
			for _, t := range r.acc.Favorites[i].Tags {
				tags = append(tags, obj{"tag": t, "id": num(fmt.Sprint(1000 + len(t)))})
			}
			s["tags"] = tags
		})
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
		start, end := r.drift.Bounds(collectionOf(req), page, pageSize, len(users))
		list := []obj{}
		for i := start; i < end; i++ {
			list = append(list, r.userFull(users[i]))
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

// mymblog pages the own timeline with since_id. Page one starts with the
// pinned post; the pinned post appears again in its place; some pages mix
// in other users' posts; the cursor skips CursorHidden posts.
func (r *Replica) mymblog(w http.ResponseWriter, sinceID string, page int) {
	var listed []*Post
	for _, p := range r.acc.Posts {
		if !p.CursorHidden {
			listed = append(listed, p)
		}
	}
	start := 0
	if sinceID != "" {
		mid, _, ok := strings.Cut(sinceID, "kp")
		if !ok {
			writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "参数错误"})
			return
		}
		// Mids have the same number of digits, so they sort as strings.
		start = sort.Search(len(listed), func(i int) bool { return listed[i].Mid <= mid })
	}
	var list []obj
	if sinceID == "" {
		for _, p := range r.acc.Posts {
			if p.Pinned {
				list = append(list, r.status(p, statusOpts{}))
			}
		}
	}
	end := min(len(listed), start+r.drift.PageSize(pageSize, "mymblog", sinceID))
	for i := start; i < end; i++ {
		list = append(list, r.status(listed[i], statusOpts{}))
	}
	if page%5 == 2 && len(r.acc.Foreign) > 0 && len(list) > 3 {
		f := r.acc.Foreign[page/5%len(r.acc.Foreign)]
		list = append(list[:3], append([]obj{r.status(f, statusOpts{})}, list[3:]...)...)
	}
	next := ""
	if end < len(listed) {
		next = fmt.Sprintf("%skp%d", listed[end].Mid, page+1)
	}
	if list == nil {
		list = []obj{}
	}
	data := obj{"since_id": next, "list": list, "status_visible": 0, "bottom_tips_visible": false, "bottom_tips_text": "", "topicList": []obj{}}
	if page == 1 {
		data["total"] = len(r.acc.Posts)
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": data})
}

// searchProfile lists own posts in a time window, including those the
// timeline cursor skips.
func (r *Replica) searchProfile(w http.ResponseWriter, q map[string][]string, page int) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	from, err1 := strconv.ParseInt(get("starttime"), 10, 64)
	to, err2 := strconv.ParseInt(get("endtime"), 10, 64)
	if err1 != nil || err2 != nil || to <= from {
		writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "参数错误"})
		return
	}
	var in []*Post
	for _, p := range r.acc.Posts {
		if t := p.CreatedAt.Unix(); t >= from && t < to {
			in = append(in, p)
		}
	}
	start, end := r.drift.Bounds("searchProfile"+get("starttime"), page, pageSize, len(in))
	list := []obj{}
	for i := start; i < end; i++ {
		list = append(list, r.status(in[i], statusOpts{}))
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"list": list, "total": len(in), "since_id": ""}})
}

// statusPage pages a list of statuses 20 at a time under key.
func (r *Replica) statusPage(w http.ResponseWriter, posts []*Post, page int, key string, decorate func(int, obj)) {
	start, end := r.drift.Bounds(key, page, pageSize, len(posts))
	list := []obj{}
	for i := start; i < end; i++ {
		s := r.status(posts[i], statusOpts{})
		if decorate != nil {
			decorate(i, s)
		}
		list = append(list, s)
	}
	data := obj{key: list}
	if key == "status" {
		data["total_number"] = len(posts)
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": data})
}

const maxIDBase = 139_000_000_000_000

// buildComments pages a post's comments (fetch_level=0) or one comment's
// replies (fetch_level=1), 20 at a time, with max_id as the cursor. Called
// with an is_show_bulletin other than the post's own, it answers an empty
// list: old posts need 0.
func (r *Replica) buildComments(w http.ResponseWriter, q map[string][]string) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	offset := 0
	if m, err := strconv.ParseInt(get("max_id"), 10, 64); err == nil && m > maxIDBase {
		offset = int(m - maxIDBase)
	}
	count := pageSize
	if n, err := strconv.Atoi(get("count")); err == nil && n > 0 && n < pageSize {
		count = n
	}
	count = r.drift.PageSize(count, "comments", get("id"), get("max_id"))
	var all []*Comment
	var total int
	withPreview := true
	if get("fetch_level") == "1" {
		root := r.acc.comments[get("id")]
		if root == nil || root.Root != nil {
			writeJSON(w, http.StatusOK, obj{"ok": 1, "data": []obj{}, "total_number": 0, "max_id": 0})
			return
		}
		all, total, withPreview = root.Replies, len(root.Replies), false
	} else {
		p := r.acc.post(get("id"))
		if p == nil {
			writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "该微博不存在"})
			return
		}
		if get("is_show_bulletin") != fmt.Sprint(p.ShowBulletin()) {
			writeJSON(w, http.StatusOK, obj{"ok": 1, "data": []obj{}, "rootComment": []obj{}, "total_number": 0, "max_id": 0, "trendsText": ""})
			return
		}
		all, total = p.Comments, p.CommentCount()
		if get("flow") == "0" { // by popularity
			all = append([]*Comment(nil), all...)
			sort.SliceStable(all, func(i, j int) bool { return all[i].Likes > all[j].Likes })
		}
	}
	data := []obj{}
	end := min(len(all), offset+count)
	for i := offset; i < end; i++ {
		data = append(data, r.comment(all[i], withPreview))
	}
	maxID := int64(0)
	trends := "已加载全部评论"
	if end < len(all) {
		maxID = maxIDBase + int64(end)
		trends = ""
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": data, "rootComment": []obj{}, "total_number": total,
		"max_id": maxID, "max_id_type": 0, "trendsText": trends, "filter_group": []obj{{"title": "按热度", "filter_type": 0}, {"title": "按时间", "filter_type": 1}}})
}
