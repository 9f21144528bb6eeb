package replica

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// pageSize is how many items a list page holds at most; likelist holds
// one fewer (19 a page, 2026-07 notes, §W4).
const (
	pageSize  = 20
	likesSize = 19
)

// maxCursor is the longest since_id the server takes: past it the
// request's address is too long and it answers HTTP 414 (§W2, single
// source; the exact length is unverified).
const maxCursor = 800

// clientTip is the timeline's note where the web stops showing posts
// (bottom_tips_text, §W2).
const clientTip = "更多内容请到客户端查看"

// pageLen is how many items page (from 1) of a list holds when size is
// asked: the site's pages are often short without being the last (§W4:
// weiboSpider #437, 9 of 10): here every third page is a third short, and
// a deploy (drift) shortens others.
func (r *Replica) pageLen(list string, page, size int) int {
	if page%3 == 2 && size > 3 {
		size -= size / 3
	}
	return r.drift.PageSize(size, list, strconv.Itoa(page))
}

// bounds returns where page (from 1) of a page-numbered list of n items
// begins and ends: each page starts where the one before it ended.
func (r *Replica) bounds(list string, page, size, n int) (start, end int) {
	for p := 1; p < page && start < n; p++ {
		start += r.pageLen(list, p, size)
	}
	start = min(start, n)
	return start, min(n, start+r.pageLen(list, page, size))
}

// pagesOf is how many pages a list of n items takes (at least one).
func (r *Replica) pagesOf(list string, size, n int) int {
	pages, at := 0, 0
	for pages == 0 || at < n {
		pages++
		at += r.pageLen(list, pages, size)
	}
	return pages
}

// withOdd adds what real list pages carry besides their items (§W4,
// nnecec/xb src/lib/weibo/services/adapters/timeline.ts, 2026-04): a
// null entry on every fourth page from the first and, on timelines, an
// ad on the pages after those.
func (r *Replica) withOdd(list []any, page int, ads bool) []any {
	if len(list) < 2 {
		return list
	}
	if page%4 == 1 {
		list = append(list[:1], append([]any{nil}, list[1:]...)...)
	}
	if ads && page%4 == 2 {
		list = append(list[:2], append([]any{r.ad(page)}, list[2:]...)...)
	}
	return list
}

// ad is a promoted post in a list: isAd set, an advertiser as its user.
// Its other fields are unverified.
func (r *Replica) ad(page int) obj {
	mid := fmt.Sprint(5_100_000_000_000_000 + page)
	return obj{"isAd": true, "id": num(mid), "idstr": mid, "mid": mid, "mblogid": "Ad" + r.sign(mid)[:7],
		"created_at": rubyDate(r.cfg.Now), "text_raw": "推广 · 今日特惠", "text": "推广 · 今日特惠",
		"user":      obj{"id": num("7000000001"), "idstr": "7000000001", "screen_name": "品牌推广"},
		"promotion": obj{"type": "ad", "recommend": "广告"}, "pic_ids": []string{}, "pic_num": 0}
}

// onWeb says whether the web shows a post: under web-cap only the newest
// ones (the pinned post always), §W2.
func (r *Replica) onWeb(p *Post) bool {
	return r.webFrom.IsZero() || p.Pinned || !p.CreatedAt.Before(r.webFrom)
}

// webFrom is, under web-cap, the date of the oldest post the web shows
// (about three in five of them); zero otherwise.
func webFrom(a *Account) time.Time {
	n := len(a.Posts) * 3 / 5
	if n == 0 || n >= len(a.Posts) {
		return time.Time{}
	}
	return a.Posts[n-1].CreatedAt
}

// cursor is the since_id of a timeline page: the next post's mid and the
// page; under long-cursor, from the second page it carries state that
// takes it past maxCursor (its content is unverified; real cursors grow
// so only on deep pages, which a small account does not have).
func (r *Replica) cursor(mid string, page int) string {
	c := fmt.Sprintf("%skp%d", mid, page)
	if !r.variant("long-cursor") || page < 2 {
		return c
	}
	var b strings.Builder
	b.WriteString(c + "_")
	for i := 0; b.Len() <= maxCursor+page*8; i++ {
		b.WriteString(r.sign(fmt.Sprint(mid, i)))
	}
	return b.String()
}

// tooLong answers a request whose address the server will not take.
func tooLong(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusRequestURITooLong)
	fmt.Fprint(w, "<html><head><title>414 Request-URI Too Large</title></head><body><center><h1>414 Request-URI Too Large</h1></center></body></html>")
}

// mymblog pages the own timeline with since_id, or by page=N alone (the
// way around long cursors, §W2). Page one starts with the pinned post; the
// pinned post appears again in its place; some pages mix in other users'
// posts; the cursor skips CursorHidden posts; under web-cap the list ends
// early with the site's note.
func (r *Replica) mymblog(w http.ResponseWriter, sinceID string, page int) {
	if len(sinceID) > maxCursor {
		tooLong(w)
		return
	}
	var listed []*Post
	for _, p := range r.acc.Posts {
		if !p.CursorHidden && r.onWeb(p) {
			listed = append(listed, p)
		}
	}
	start := 0
	switch {
	case sinceID != "":
		mid, _, ok := strings.Cut(sinceID, "kp")
		if !ok {
			writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "参数错误"})
			return
		}
		// Mids have the same number of digits, so they sort as strings.
		start = sort.Search(len(listed), func(i int) bool { return listed[i].Mid <= mid })
	case page > 1:
		start, _ = r.bounds("mymblog", page, pageSize, len(listed))
	}
	var list []any
	if start == 0 && page == 1 {
		for _, p := range r.acc.Posts {
			if p.Pinned {
				list = append(list, r.status(p, statusOpts{}))
			}
		}
	}
	end := min(len(listed), start+r.pageLen("mymblog", page, pageSize))
	for i := start; i < end; i++ {
		list = append(list, r.status(listed[i], statusOpts{}))
	}
	if page%5 == 2 && len(r.acc.Foreign) > 0 && len(list) > 3 {
		f := r.acc.Foreign[page/5%len(r.acc.Foreign)]
		list = append(list[:3], append([]any{r.status(f, statusOpts{})}, list[3:]...)...)
	}
	list = r.withOdd(list, page, true)
	next := ""
	if end < len(listed) {
		next = r.cursor(listed[end].Mid, page+1)
	}
	if list == nil {
		list = []any{}
	}
	capped := end >= len(listed) && !r.webFrom.IsZero()
	data := obj{"since_id": next, "list": list, "status_visible": 0, "bottom_tips_visible": capped, "bottom_tips_text": "", "topicList": []obj{}}
	if capped {
		data["bottom_tips_text"] = clientTip
	}
	if page == 1 {
		data["total"] = len(r.acc.Posts)
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": data})
}

// searchProfile lists own posts in a time window, including those the
// timeline cursor skips (under web-cap, only those the web shows).
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
	hidden := false
	for _, p := range r.acc.Posts {
		if t := p.CreatedAt.Unix(); t >= from && t < to {
			if !r.onWeb(p) {
				hidden = true
				continue
			}
			in = append(in, p)
		}
	}
	start, end := r.bounds("searchProfile"+get("starttime"), page, pageSize, len(in))
	list := []any{}
	for i := start; i < end; i++ {
		list = append(list, r.status(in[i], statusOpts{}))
	}
	data := obj{"list": r.withOdd(list, page, false), "total": len(in), "since_id": ""}
	if hidden {
		data["bottom_tips_visible"], data["bottom_tips_text"] = true, clientTip
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": data})
}

// likelist pages the posts the person liked, 19 a page, with no count.
func (r *Replica) likelist(w http.ResponseWriter, page int) {
	start, end := r.bounds("likelist", page, likesSize, len(r.acc.Likes))
	list := []any{}
	for i := start; i < end; i++ {
		list = append(list, r.status(r.acc.Likes[i], statusOpts{}))
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"list": r.withOdd(list, page, true)}})
}

// allFav pages the favourites with their folders (tags). Asked
// with_total, data is {status, total_number}; without it (and always
// under fav-array) a plain array (§W5).
func (r *Replica) allFav(w http.ResponseWriter, page int, withTotal bool) {
	favs := r.acc.Favorites
	start, end := r.bounds("all_fav", page, pageSize, len(favs))
	list := []any{}
	for i := start; i < end; i++ {
		s := r.status(favs[i].Post, statusOpts{})
		var tags []obj
		for _, t := range favs[i].Tags {
			tags = append(tags, obj{"tag": t, "id": num(fmt.Sprint(1000 + len(t)))})
		}
		s["tags"] = tags
		list = append(list, s)
	}
	list = r.withOdd(list, page, false)
	if !withTotal || r.variant("fav-array") {
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": list})
		return
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"status": list, "total_number": len(favs)}})
}

const maxIDBase = 139_000_000_000_000

// listEnd is the max_id of a comment list's last page: 0, -1, "" or null
// (§W6), by the list.
func listEnd(id string) any {
	h := fnv.New32a()
	h.Write([]byte(id))
	return []any{0, -1, "", nil}[h.Sum32()%4]
}

// folded is how many of a post's comments the site counts in
// total_number but does not list (total_number ≠ comments_count, §W6;
// why they differ is unverified).
func folded(p *Post) int { return len(p.Comments) / 4 }

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
	var root obj
	if get("fetch_level") == "1" {
		c := r.acc.comments[get("id")]
		if c == nil || c.Root != nil {
			writeJSON(w, http.StatusOK, obj{"ok": 1, "data": []obj{}, "total_number": 0, "max_id": 0})
			return
		}
		all, total, withPreview = c.Replies, len(c.Replies), false
		root = r.comment(c, false)
	} else {
		p := r.acc.post(get("id"))
		if p == nil {
			writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "该微博不存在"})
			return
		}
		if get("is_show_bulletin") != fmt.Sprint(p.ShowBulletin()) {
			writeJSON(w, http.StatusOK, obj{"ok": 1, "data": []obj{}, "total_number": 0, "max_id": 0, "trendsText": "", "tip_msg": ""})
			return
		}
		all, total = p.Comments, p.CommentCount()+folded(p)
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
	maxID := listEnd(get("id"))
	trends := "已加载全部评论"
	if end < len(all) {
		maxID = maxIDBase + int64(end)
		trends = ""
	}
	if r.variant("comments-nested") {
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"data": data, "max_id": maxID, "total_number": total}, "tip_msg": ""})
		return
	}
	body := obj{"ok": 1, "data": data, "total_number": total, "max_id": maxID, "max_id_type": 0, "trendsText": trends, "tip_msg": "",
		"filter_group": []obj{{"title": "按热度", "filter_type": 0}, {"title": "按时间", "filter_type": 1}}}
	if root != nil {
		body["rootComment"] = root
	}
	writeJSON(w, http.StatusOK, body)
}
