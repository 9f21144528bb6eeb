package replica

import (
	"net/http"
	"net/url"
	"strconv"
)

// The answers of the lists of activity.go. Sources:
//
//	history/read     f2 apps/douyin/api.py, Evil0ctal endpoints.py (the path);
//	                 a Go client and a test of 2026 (count=20, max_cursor,
//	                 directory, category, status=-1; aweme_list, has_more,
//	                 max_cursor); max_cursor as the time of the last work
//	                 watched, in ms, is unverified
//	watchlater/list  real-sites-2026 §D10 (the path and showTab=watch_later);
//	                 its paging (cursor, has_more as in the collection
//	                 lists) is unverified
//	mix/list         jiji262 douyin-downloader (sec_user_id, max_cursor,
//	                 count; mix_infos, cursor, has_more, min_cursor, total)
//	mix/aweme        jiji262, f2 (mix_id, cursor, count; aweme_list,
//	                 has_more, cursor)
//	music/list       jiji262 (sec_user_id, max_cursor, count; music_list);
//	                 its cursor and has_more are unverified
//	notice           cv-cat/DouYin_Spider dy_apis/douyin_api.py 2026-07
//	                 (is_new_notice=1, notice_group 700 all, 2 comments,
//	                 3 likes, 401 followers, 601 @, 520 danmaku, count=10,
//	                 min_time, max_time; notice_list_v2, has_more 0/1);
//	                 nid, nid_str, type 31/33/41/45, create_time and the
//	                 payloads comment.comment, comment.aweme, follow.from_user,
//	                 digg.aweme, at.content from notes of HAR captures
//	                 (2025–26). Unverified: notice_group 960 as "all" (seen
//	                 in 2026 scripts), digg.from_user, the mention's and the
//	                 danmaku's from_user and aweme, the danmaku's type and
//	                 payload, and which of min_time and max_time the next
//	                 page takes (the answer gives the page's oldest time as
//	                 both).

// historyPage answers history/read: works watched before max_cursor (a
// time in ms; 0 is now), most recently watched first.
func (r *Replica) historyPage(w http.ResponseWriter, q url.Values, size int) {
	cursor, _ := strconv.ParseInt(q.Get("max_cursor"), 10, 64)
	if cursor <= 0 {
		cursor = r.now().UnixMilli()
	}
	page, next, more := []obj{}, cursor, false
	for _, v := range r.acc.History {
		t := v.At.UnixMilli()
		if t >= cursor {
			continue
		}
		if len(page) == size {
			more = true
			break
		}
		page = append(page, r.awemeJSON(v.Work, true))
		next = t
	}
	writeJSON(w, r.envelope(obj{"aweme_list": page, "has_more": boolInt(more), "max_cursor": next, "min_cursor": cursor}))
}

// ownPage renders the page of an owner-only list (mix/list, music/list)
// that starts at from: someone else's is empty. It returns the page and
// where the next one starts.
func ownPage[T any](r *Replica, q url.Values, list []T, from, size int, render func(T) obj) ([]obj, int) {
	page := []obj{}
	if q.Get("sec_user_id") != r.acc.Owner.SecUID {
		return page, 0
	}
	end := min(len(list), from+size)
	for _, x := range list[min(from, end):end] {
		page = append(page, render(x))
	}
	return page, end
}

// ownMixes answers mix/list for the owner: their series by offset.
func (r *Replica) ownMixes(w http.ResponseWriter, q url.Values, from, size int) {
	a := r.acc
	list, end := ownPage(r, q, a.Series, from, size, func(s *Series) obj {
		return obj{"mix_id": s.ID, "mix_name": s.Name, "author": r.userJSON(a.Owner, false), "create_time": s.Created.Unix(),
			"cover_url": obj{"uri": s.Cover, "url_list": []string{r.picURL(s.Cover, originCover)}},
			"statis":    obj{"updated_to_episode": len(s.Works), "collect_vv": 0}, "status": obj{"status": 2}}
	})
	writeJSON(w, r.envelope(obj{"mix_infos": list, "cursor": end, "min_cursor": 0, "has_more": boolInt(end < len(a.Series)), "total": len(a.Series)}))
}

// mixWorks answers mix/aweme: a series' works in the series' order.
func (r *Replica) mixWorks(w http.ResponseWriter, q url.Values, from, size int) {
	for _, s := range r.acc.Series {
		if s.ID == q.Get("mix_id") {
			r.offsetPage(w, s.Works, from, size)
			return
		}
	}
	writeJSON(w, r.envelope(obj{"aweme_list": []obj{}, "cursor": 0, "has_more": 0}))
}

// ownSounds answers music/list for the owner: their original sounds by
// offset.
func (r *Replica) ownSounds(w http.ResponseWriter, q url.Values, from, size int) {
	list, end := ownPage(r, q, r.acc.Sounds, from, size, func(m *Music) obj {
		o := r.musicJSON(m)
		o["is_original"] = true
		return o
	})
	writeJSON(w, r.envelope(obj{"music_list": list, "cursor": end, "has_more": boolInt(end < len(r.acc.Sounds))}))
}

// noticeGroups are the notice_group values and the kinds each lists.
var noticeGroups = map[string]string{"2": "comment", "3": "like", "401": "follow", "601": "mention", "520": "danmaku"}

// noticeTypes are the types of the kinds (danmaku's is unverified).
var noticeTypes = map[string]int{"comment": 31, "follow": 33, "like": 41, "mention": 45, "danmaku": 47}

// noticesPage answers notice: the group's notifications before max_time
// (Unix seconds; 0 is now), newest first.
func (r *Replica) noticesPage(w http.ResponseWriter, q url.Values, size int) {
	group := q.Get("notice_group")
	kind, ok := noticeGroups[group]
	if !ok && group != "700" && group != "960" {
		writeJSON(w, obj{"status_code": 5, "status_msg": "参数不合法"})
		return
	}
	before, _ := strconv.ParseInt(q.Get("max_time"), 10, 64)
	if before <= 0 {
		before = r.now().Unix() + 1
	}
	page, oldest, more := []obj{}, before, false
	for _, n := range r.acc.Notices {
		if (kind != "" && n.Kind != kind) || n.At.Unix() >= before {
			continue
		}
		if len(page) == size {
			more = true
			break
		}
		page = append(page, r.noticeJSON(n))
		oldest = n.At.Unix()
	}
	writeJSON(w, r.envelope(obj{"notice_list_v2": page, "notice_list": []obj{}, "has_more": boolInt(more), "min_time": oldest, "max_time": oldest}))
}

// noticeJSON renders a notification with the payload of its kind.
func (r *Replica) noticeJSON(n *Notice) obj {
	o := obj{"nid": bare(n.ID), "nid_str": n.ID, "type": noticeTypes[n.Kind], "create_time": n.At.Unix(), "has_read": n.Read}
	from := r.userJSON(n.From, false)
	switch n.Kind {
	case "comment":
		o["comment"] = obj{"comment": r.commentJSON(n.Comment), "aweme": r.noticeWork(n.Work)}
	case "follow":
		o["follow"] = obj{"from_user": from}
	case "like":
		o["digg"] = obj{"aweme": r.noticeWork(n.Work), "from_user": []obj{from}}
	case "mention":
		o["at"] = obj{"content": n.Text, "from_user": from, "aweme": r.noticeWork(n.Work)}
	case "danmaku":
		o["danmaku"] = obj{"content": n.Text, "from_user": from, "aweme": r.noticeWork(n.Work)}
	}
	return o
}

// noticeWork is the work a notification shows: its id, text, time,
// author and cover, as the captures public notes come from hold it.
func (r *Replica) noticeWork(w *Work) obj {
	typ, media := 0, 4
	if w.Photo() {
		typ, media = 68, 2
	}
	o := obj{"aweme_id": w.ID, "desc": w.Desc, "create_time": w.CreatedAt.Unix(), "author": r.userJSON(w.Author, false),
		"author_user_id": bare(w.Author.UID), "aweme_type": typ, "media_type": media,
		"status": obj{"aweme_id": w.ID, "is_delete": false, "allow_share": true, "allow_comment": true, "is_private": w.Private == 1}}
	if !w.Photo() {
		o["video"] = obj{"cover": obj{"uri": w.Video.Cover, "url_list": []string{r.picURL(w.Video.Cover, pageCover)}}}
	}
	return o
}
