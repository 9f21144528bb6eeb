package replica

import (
	"cmp"
	"io"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// postWindow is how far back one page of works looks.
const postWindow = 120 * 24 * time.Hour

// bogus is the replica's a_bogus: a hash of the page's secret, the query
// (everything before &a_bogus=) and the POST body. The page computes the
// same in app.js; nothing else knows the secret.
func bogus(secret, query, body string) string {
	h1, h2 := uint32(0x811c9dc5), uint32(0x1b873593)
	for _, b := range []byte(secret + "\n" + query + "\n" + body) {
		h1 = (h1 ^ uint32(b)) * 0x01000193
		h2 = (h2 ^ uint32(b)) * 0x5bd1e995
		h2 ^= h2 >> 15
	}
	h1 = (h1 ^ h1>>16) * 0x85ebca6b
	h2 = (h2 ^ h2>>13) * 0xc2b2ae35
	return strconv.FormatUint(uint64(h1)<<32|uint64(h2), 36)
}

// pageSecret is the secret the page of a browser (known by its ttwid
// cookie) signs with.
func (r *Replica) pageSecret(ttwid string) string { return r.mac(24, "bdms", ttwid) }

// signed checks a request's a_bogus, which must be the last parameter.
func (r *Replica) signed(req *http.Request, body string) bool {
	raw := req.URL.RawQuery
	i := strings.LastIndex(raw, "&a_bogus=")
	if i < 0 {
		return false
	}
	c, err := req.Cookie("ttwid")
	if err != nil || c.Value == "" {
		return false
	}
	return raw[i+len("&a_bogus="):] == bogus(r.pageSecret(c.Value), raw[:i], body)
}

// gate applies, in the site's order, the captcha, the rate limit, the
// signature and the session to an API request. It answers and returns
// false when the request goes no further.
func (r *Replica) gate(w http.ResponseWriter, req *http.Request, body string) bool {
	if r.faults.Once("logout", r.cfg.Faults.LogoutAt) {
		r.EndSessions()
	}
	if r.faults.Once("captcha", r.cfg.Faults.CaptchaAt) {
		r.mu.Lock()
		r.captcha = "verify_" + r.mac(12, "captcha", time.Now().UnixNano())
		r.mu.Unlock()
	}
	if r.faults.Once("overlay-captcha", r.cfg.Faults.OverlayCaptchaAt) {
		// The slider over the page (#captcha_container: MediaCrawler,
		// douyin-chat-export), not the 验证码中间页.
		r.mu.Lock()
		r.captcha, r.overlay = "verify_"+r.mac(12, "captcha", time.Now().UnixNano()), true
		r.mu.Unlock()
	}
	r.faults.API()
	r.mu.Lock()
	ticket := r.captcha
	r.mu.Unlock()
	if ticket != "" {
		writeJSON(w, r.envelope(obj{"status_msg": "", "verify_ticket": ticket, "verify_type": "verify_slide", "nlogid": r.mac(16, "n", ticket)}))
		return false
	}
	if !r.limiter.Allow(r.now()) || r.faults.Throttle() {
		r.limited.Add(1)
		r.mu.Lock()
		r.strikes++
		if r.cfg.CaptchaAfter > 0 && r.strikes >= r.cfg.CaptchaAfter {
			r.captcha = "verify_" + r.mac(12, "captcha", time.Now().UnixNano())
		}
		r.mu.Unlock()
		w.WriteHeader(http.StatusTooManyRequests)
		return false
	}
	r.mu.Lock()
	r.strikes = 0
	r.mu.Unlock()
	// Risk control's refusals (real-sites-2026 §D8).
	switch r.faults.Refusal() {
	case "blocked": // a plain-text body (MediaCrawler client.py)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "blocked")
		return false
	case "argus": // unsigned or badly signed calls since 2026-08 (DouK-Downloader#785)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, "Blocked by ArgusSecurityPlugin Signature Not Found")
		return false
	case "code8": // generic, not a logout (jiji262 api_client.py)
		writeJSON(w, obj{"status_code": 8, "status_msg": "", "log_pb": obj{"impr_id": r.mac(20, "x")}})
		return false
	}
	if !r.signed(req, body) {
		r.unsigned.Add(1)
		writeJSON(w, obj{"status_code": 0})
		return false
	}
	sid := r.session(req)
	if sid != "" && r.cfg.SessionRequests > 0 {
		r.mu.Lock()
		r.sessions[sid]++
		if r.sessions[sid] > r.cfg.SessionRequests {
			delete(r.sessions, sid)
			sid = ""
		}
		r.mu.Unlock()
	}
	if sid == "" {
		if strings.Contains(req.URL.Path, "/profile/self/") {
			writeJSON(w, obj{"status_code": 2483, "status_msg": "请先登录", "log_pb": obj{"impr_id": r.mac(20, "x")}})
		} else {
			writeJSON(w, obj{"status_code": 8, "status_msg": "用户未登录", "log_pb": obj{"impr_id": r.mac(20, "x")}})
		}
		return false
	}
	return true
}

// api serves /aweme/v1/web/... and /webcast/....
func (r *Replica) api(w http.ResponseWriter, req *http.Request) {
	var body string
	if req.Method == http.MethodPost {
		b, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body = string(b)
	}
	if !r.gate(w, req, body) {
		return
	}
	q := req.URL.Query()
	a := r.acc
	// count is how many items the page asks for, up to most; under drift
	// some pages hold fewer, without being the end.
	count := func(def, most int) int {
		n, err := strconv.Atoi(q.Get("count"))
		if err != nil || n <= 0 {
			n = def
		}
		return r.drift.PageSize(min(n, most), req.URL.Path, q.Get("cursor"), q.Get("max_cursor"), q.Get("max_time"), q.Get("comment_id"), q.Get("collects_id"))
	}
	offset := func(v string) int {
		n, _ := strconv.Atoi(v)
		return max(n, 0)
	}
	switch strings.TrimSuffix(req.URL.Path, "/") {
	case "/aweme/v1/web/user/profile/other":
		// A person's page by sec_user_id; for the owner the same user as
		// profile/self (the page of /user/<sec_uid>, §D2).
		if q.Get("sec_user_id") != a.Owner.SecUID {
			writeJSON(w, r.envelope(obj{"status_code": 2053, "status_msg": "用户不存在"}))
			return
		}
		fallthrough
	case "/aweme/v1/web/user/profile/self":
		u := r.userJSON(a.Owner, true)
		u["favoriting_count"] = len(a.Likes)
		u["total_favorited"] = 0
		u["gender"] = 2
		u["mplatform_followers_count"] = a.Owner.Followers
		u["create_time"] = r.cfg.Now.AddDate(-6, 0, 0).Unix()
		writeJSON(w, r.envelope(obj{"user": u}))
	case "/aweme/v1/web/query/user":
		writeJSON(w, r.envelope(obj{"user_uid": a.Owner.UID, "id": a.Owner.UID, "create_time": r.cfg.Now.AddDate(-6, 0, 0).Unix()}))
	case "/aweme/v1/web/aweme/post":
		if q.Get("sec_user_id") != a.Owner.SecUID {
			writeJSON(w, r.envelope(obj{"aweme_list": []obj{}, "has_more": 0, "max_cursor": 0, "min_cursor": 0}))
			return
		}
		r.timelinePage(w, a.Works, q.Get("max_cursor"), count(18, 20), postWindow)
	case "/aweme/v1/web/aweme/favorite":
		r.timelinePage(w, a.Likes, q.Get("max_cursor"), count(18, 20), 0)
	case "/aweme/v1/web/aweme/listcollection":
		form, _ := url.ParseQuery(body)
		n, _ := strconv.Atoi(form.Get("count"))
		r.offsetPage(w, a.Favorites, offset(form.Get("cursor")), r.drift.PageSize(min(max(n, 1), 20), req.URL.Path, form.Get("cursor")))
	case "/aweme/v1/web/im/user/info":
		r.imUsers(w, body)
	case "/aweme/v1/web/collects/list":
		list := []obj{}
		for _, f := range a.Folders {
			list = append(list, obj{"collects_id": bare(f.ID), "collects_id_str": f.ID, "collects_name": f.Name, "total_number": len(f.Works),
				"create_time": f.Created.Unix(), "last_collect_time": r.cfg.Now.Unix(), "status": 1, "system_type": 0, "collects_cover": nil})
		}
		writeJSON(w, r.envelope(obj{"collects_list": list, "total_number": len(list), "cursor": len(list), "has_more": false}))
	case "/aweme/v1/web/collects/video/list":
		for _, f := range a.Folders {
			if f.ID == q.Get("collects_id") {
				r.offsetPage(w, f.Works, offset(q.Get("cursor")), count(10, 20))
				return
			}
		}
		writeJSON(w, r.envelope(obj{"aweme_list": []obj{}, "cursor": 0, "has_more": 0}))
	case "/aweme/v1/web/mix/listcollection":
		from := offset(q.Get("cursor"))
		end := min(len(a.Mixes), from+count(12, 20))
		list := []obj{}
		for _, m := range a.Mixes[min(from, end):end] {
			list = append(list, obj{"mix_id": m.ID, "mix_name": m.Name, "author": r.userJSON(m.Author, false),
				"cover_url": obj{"uri": m.Cover, "url_list": []string{r.picURL(m.Cover, originCover)}},
				"statis":    obj{"updated_to_episode": m.Episodes, "collect_vv": 0}, "status": obj{"status": 2}})
		}
		writeJSON(w, r.envelope(obj{"mix_infos": list, "cursor": end, "has_more": boolInt(end < len(a.Mixes))}))
	case "/aweme/v1/web/series/collections":
		// Favourited short dramas: series_infos and a boolean has_more
		// (DouK-Downloader src/interface/collects.py, 2026-08); the
		// fields of each are unverified.
		from := offset(q.Get("cursor"))
		end := min(len(a.Dramas), from+count(12, 20))
		list := []obj{}
		for _, d := range a.Dramas[min(from, end):end] {
			list = append(list, obj{"series_id": d.ID, "series_name": d.Name, "author": r.userJSON(d.Author, false),
				"cover_url": obj{"uri": d.Cover, "url_list": []string{r.picURL(d.Cover, originCover)}}, "stats": obj{"total_episode": d.Episodes}})
		}
		writeJSON(w, r.envelope(obj{"series_infos": list, "cursor": end, "has_more": end < len(a.Dramas)}))
	case "/aweme/v1/web/music/listcollection":
		from := offset(q.Get("cursor"))
		end := min(len(a.Musics), from+count(12, 20))
		list := []obj{}
		for _, m := range a.Musics[min(from, end):end] {
			list = append(list, r.musicJSON(m))
		}
		writeJSON(w, r.envelope(obj{"mc_list": list, "cursor": end, "has_more": boolInt(end < len(a.Musics))}))
	case "/aweme/v1/web/aweme/detail":
		id := q.Get("aweme_id")
		wk := a.works[id]
		switch {
		case wk == nil:
			writeJSON(w, r.envelope(obj{"aweme_detail": nil, "filter_detail": obj{"aweme_id": id, "filter_reason": "status_deleted", "detail_msg": "作品已删除", "notice": "作品已删除"}}))
		case wk.Private == 1 && wk.Author != a.Owner:
			writeJSON(w, r.envelope(obj{"aweme_detail": nil, "filter_detail": obj{"aweme_id": id, "filter_reason": "status_self_see", "detail_msg": "因作者设置，暂时无法查看", "notice": ""}}))
		default:
			writeJSON(w, r.envelope(obj{"aweme_detail": r.awemeJSON(wk, false)}))
		}
	case "/aweme/v1/web/comment/list":
		wk := a.works[q.Get("aweme_id")]
		if wk == nil {
			writeJSON(w, r.envelope(obj{"comments": nil, "cursor": 0, "has_more": 0, "total": 0}))
			return
		}
		from := offset(q.Get("cursor"))
		size := count(20, 20)
		if from == 0 {
			size = min(size, 5) // the first page is short
		}
		tops, _ := a.listed(wk)
		listed := len(tops)
		end := min(listed, from+size)
		list := []obj{}
		for _, c := range wk.Comments[min(from, end):end] {
			list = append(list, r.commentJSON(c))
		}
		writeJSON(w, r.envelope(obj{"comments": list, "cursor": end, "has_more": boolInt(end < listed), "total": len(wk.Comments)}))
	case "/aweme/v1/web/comment/list/reply":
		c := a.comments[q.Get("comment_id")]
		if c == nil || c.Root != nil || c.Work.ID != q.Get("item_id") {
			writeJSON(w, r.envelope(obj{"comments": nil, "cursor": 0, "has_more": 0, "total": 0}))
			return
		}
		replies := append([]*Comment(nil), c.Replies...)
		sort.SliceStable(replies, func(i, j int) bool { return replies[i].CreatedAt.Before(replies[j].CreatedAt) })
		from := offset(q.Get("cursor"))
		end := min(len(replies), from+count(3, 20))
		list := []obj{}
		for _, rc := range replies[min(from, end):end] {
			list = append(list, r.commentJSON(rc))
		}
		writeJSON(w, r.envelope(obj{"comments": list, "cursor": end, "has_more": boolInt(end < len(replies)), "total": len(replies)}))
	case "/aweme/v1/web/user/following/list":
		r.followPage(w, q, "followings", a.Following, len(a.Following), false)
	case "/aweme/v1/web/user/follower/list":
		// The site lists only so many followers (about 300: cv-cat#72,
		// 2026-08; about 500: f2#239), and the list then runs dry: pages
		// with no one, still saying has_more.
		listed := a.Followers
		if len(listed) > a.FollowersCap {
			listed = listed[:a.FollowersCap]
		}
		r.followPage(w, q, "followers", listed, len(a.Followers), len(listed) < len(a.Followers))
	case "/aweme/v1/web/history/read":
		r.historyPage(w, q, count(20, 20))
	case "/aweme/v1/web/watchlater/list":
		r.offsetPage(w, a.WatchLater, offset(q.Get("cursor")), count(20, 20))
	case "/aweme/v1/web/mix/list":
		r.ownMixes(w, q, offset(cmp.Or(q.Get("max_cursor"), q.Get("cursor"))), count(12, 20))
	case "/aweme/v1/web/mix/aweme":
		r.mixWorks(w, q, offset(q.Get("cursor")), count(20, 20))
	case "/aweme/v1/web/music/list":
		r.ownSounds(w, q, offset(cmp.Or(q.Get("max_cursor"), q.Get("cursor"))), count(20, 20))
	case "/aweme/v1/web/notice":
		r.noticesPage(w, q, count(10, 20))
	case "/webcast/wallet/info":
		writeJSON(w, obj{"status_code": 0, "data": obj{"diamond": a.Wallet.Diamond, "money": a.Wallet.MoneyCents, "gold_coins": 0,
			"golden_beans": 0, "cash_money": 0, "has_live_permission": false}, "extra": obj{"now": r.now().UnixMilli()}})
	default:
		if strings.HasPrefix(req.URL.Path, "/aweme/v1/web/drift/") && r.drift.On() {
			// One of the calls a new deploy's page makes that no
			// version of farewell knows.
			writeJSON(w, r.envelope(obj{"data": obj{"name": path.Base(req.URL.Path), "items": []obj{{"id": r.mac(8, req.URL.Path)}}}}))
			return
		}
		writeJSON(w, obj{"status_code": 5, "status_msg": "参数不合法"})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// timeline pages a max_cursor list (posts, likes): works before the
// cursor (a time in ms; 0 is now), newest first, pinned works first on the
// first page. With a window, a page only looks that far back, so a quiet
// stretch gives empty pages that still say has_more 1. It returns the page,
// the next max_cursor and has_more.
func timeline(list []*Work, cursor, now int64, count int, window time.Duration) ([]*Work, int64, bool) {
	first := cursor <= 0
	if first {
		cursor = now
	}
	var page []*Work
	if first {
		for _, wk := range list {
			if wk.Pinned {
				page = append(page, wk)
			}
		}
	}
	floor := int64(0)
	if window > 0 {
		floor = cursor - window.Milliseconds()
	}
	next, n := cursor, 0
	for _, wk := range list {
		t := wk.CreatedAt.UnixMilli()
		if wk.Pinned || t >= cursor {
			continue
		}
		if t < floor || n == count {
			break
		}
		page = append(page, wk)
		next = t
		n++
	}
	if n < count && window > 0 {
		next = min(next, floor) // the window is spent
	}
	more := false
	for _, wk := range list {
		if !wk.Pinned && wk.CreatedAt.UnixMilli() < next {
			more = true
			break
		}
	}
	return page, next, more
}

func (r *Replica) timelinePage(w http.ResponseWriter, list []*Work, cursorArg string, count int, window time.Duration) {
	cursor, _ := strconv.ParseInt(cursorArg, 10, 64)
	now := r.now().UnixMilli()
	works, next, more := timeline(list, cursor, now, count, window)
	page := make([]obj, 0, len(works))
	for _, wk := range works {
		page = append(page, r.awemeJSON(wk, true))
	}
	if cursor <= 0 {
		cursor = now
	}
	writeJSON(w, r.envelope(obj{"aweme_list": page, "has_more": boolInt(more), "max_cursor": next, "min_cursor": cursor,
		"time_list": nil, "request_item_cursor": 0, "post_serial": 2}))
}

// offsetPage answers a cursor-offset list of works (favourites, folders).
func (r *Replica) offsetPage(w http.ResponseWriter, list []*Work, from, count int) {
	end := min(len(list), from+count)
	page := []obj{}
	for _, wk := range list[min(from, end):end] {
		page = append(page, r.awemeJSON(wk, true))
	}
	writeJSON(w, r.envelope(obj{"aweme_list": page, "cursor": end, "has_more": boolInt(end < len(list))}))
}

// followPage answers a follow list: users followed before max_time (Unix
// seconds; 0 is now), newest first, at most 20; min_time is the next
// page's max_time, and has_more is a boolean here.
func (r *Replica) followPage(w http.ResponseWriter, q url.Values, key string, list []*User, total int, dry bool) {
	maxTime, _ := strconv.ParseInt(q.Get("max_time"), 10, 64)
	if maxTime <= 0 {
		maxTime = r.now().Unix() + 1
	}
	count, err := strconv.Atoi(q.Get("count"))
	if err != nil || count <= 0 || count > 20 {
		count = 20
	}
	count = r.drift.PageSize(count, "follow", key, q.Get("max_time"))
	page := []obj{}
	var minTime int64
	rest := false
	for _, u := range list {
		t := u.FollowedAt.Unix()
		if t >= maxTime {
			continue
		}
		if len(page) == count {
			rest = true
			break
		}
		page = append(page, r.followJSON(u))
		minTime = t
	}
	if minTime == 0 {
		minTime = maxTime
	}
	rest = rest || dry
	writeJSON(w, r.envelope(obj{key: page, "has_more": rest, "min_time": minTime, "max_time": maxTime, "offset": 0, "total": total,
		"myself_user_id": r.acc.Owner.UID, "rec_has_more": false}))
}
