package replica

import (
	"net/http"
	"strconv"
)

// The lists of the messages box (real-sites-2026 §W10; nnecec/xb
// src/lib/weibo/services/adapters 2026, cssxsh/weibo-helper): {ok,
// data:{<list>, total_number, next_cursor, previous_cursor}}, paged by
// max_id=<next_cursor>, count 20; a next_cursor of 0 ends them. That
// myCmt and comments/mentions answer as message/cmt does is inferred;
// what the cursor encodes is unverified.

// cursorPage returns where the page at cursor maxID of a list of n items
// begins and ends, and the next cursor (0 at the end).
func (r *Replica) cursorPage(list, maxID string, n int) (start, end int, next int64) {
	if m, err := strconv.ParseInt(maxID, 10, 64); err == nil && m > maxIDBase {
		start = min(n, int(m-maxIDBase))
	}
	end = min(n, start+r.drift.PageSize(pageSize, list, maxID))
	if end < n {
		next = maxIDBase + int64(end)
	}
	return start, end, next
}

// messageComments answers myCmt, cmt and comments/mentions: comments, each
// with the post it answers (status).
func (r *Replica) messageComments(w http.ResponseWriter, list, maxID string, cs []*Comment) {
	start, end, next := r.cursorPage(list, maxID, len(cs))
	out := []any{}
	for _, c := range cs[start:end] {
		o := r.comment(c, false)
		o["status"] = r.status(c.Post, statusOpts{})
		out = append(out, o)
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"comments": r.withOdd(out, start/pageSize+1, false), "total_number": len(cs),
		"next_cursor": next, "previous_cursor": 0, "miss_count": 0}})
}

// statusMentions answers statuses/mentions: the posts that @-mention the
// person, with ads among them (xb drops isAd).
func (r *Replica) statusMentions(w http.ResponseWriter, maxID string) {
	ps := r.acc.Mentions
	start, end, next := r.cursorPage("mentions", maxID, len(ps))
	out := []any{}
	for _, p := range ps[start:end] {
		out = append(out, r.status(p, statusOpts{}))
	}
	writeJSON(w, http.StatusOK, obj{"ok": 1, "data": obj{"statuses": r.withOdd(out, start/pageSize+2, true), "total_number": len(ps),
		"next_cursor": next, "previous_cursor": 0, "miss_ids": []string{}, "hasvisible": false, "tips_show": 0, "interval": 0}})
}
