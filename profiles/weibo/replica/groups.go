package replica

import (
	"net/http"
	"strconv"
)

// allGroups answers /ajax/feed/allGroups: the site's own feeds and the
// groups the person made (type 0), in sections, at the top level
// (cssxsh/weibo-helper data/UserGroupData.kt; what count means is
// unverified: here the members).
func (r *Replica) allGroups(w http.ResponseWriter) {
	system := []obj{{"gid": "4100000000000099", "title": "全部关注", "type": 1, "uid": num(r.acc.Owner.ID), "count": len(r.acc.Following), "frequency": 0, "is_unread": false},
		{"gid": "4100000000000098", "title": "互相关注", "type": 9, "uid": num(r.acc.Owner.ID), "count": 0, "frequency": 0, "is_unread": false}}
	own := []obj{}
	for _, g := range r.acc.Groups {
		own = append(own, obj{"gid": g.GID, "title": g.Title, "type": 0, "uid": num(r.acc.Owner.ID), "count": len(g.Members), "frequency": 0, "is_unread": false})
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "feed_default": 0, "fetch_hot": 1, "is_new_segment": 1, "total_number": len(system) + len(own),
		"groups": []obj{{"title": "默认分组", "group_type": 0, "priority": 0, "group": system}, {"title": "我的分组", "group_type": 1, "priority": 1, "group": own}}})
}

// groupMembers answers /ajax/profile/getGroupMembers?list_id=&page=: a
// group's members, 20 a page (cssxsh api/Profile.kt; the envelope is
// unverified).
func (r *Replica) groupMembers(w http.ResponseWriter, gid string, page int) {
	for _, g := range r.acc.Groups {
		if g.GID != gid {
			continue
		}
		start, end := r.bounds("group"+gid, page, pageSize, len(g.Members))
		users := []obj{}
		for _, u := range g.Members[start:end] {
			users = append(users, r.userFull(u))
		}
		writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"id": gid, "name": g.Title, "total_number": len(g.Members), "users": users}})
		return
	}
	writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "分组不存在", "list_id": strconv.Quote(gid)})
}
