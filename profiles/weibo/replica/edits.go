package replica

import (
	"net/http"
	"time"
)

// editHistory answers statuses/editHistory?mid=&page=: every version of
// an edited post, the current one first, each a status (a 2025–26
// crawler and a downloader read statuses at the top level, newest first;
// the total is unverified).
func (r *Replica) editHistory(w http.ResponseWriter, mid string) {
	p := r.acc.post(mid)
	if p == nil || p.Deleted {
		writeJSON(w, http.StatusOK, obj{"ok": 0, "msg": "该微博不存在"})
		return
	}
	current := r.status(p, statusOpts{})
	current["created_at"] = rubyDate(p.CreatedAt.Add(time.Duration(len(p.Edits)) * time.Hour))
	list := []obj{current}
	for _, e := range p.Edits {
		v := obj{"id": num(p.Mid), "idstr": p.Mid, "mid": p.Mid, "mblogid": p.Bid, "created_at": rubyDate(e.At),
			"text": textHTML(p, e.Text), "text_raw": e.Text, "user": r.userShort(p.Author), "pic_ids": []string{}, "pic_num": 0}
		list = append(list, v)
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "statuses": list, "total": len(list)})
}
