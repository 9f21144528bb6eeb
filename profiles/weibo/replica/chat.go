package replica

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
	"github.com/farewell-app/farewell/profiles/replicamedia"
)

// Private messages: api.weibo.com serves the chat page (/chat) and its
// webim API, and upload.api.weibo.com the messages' pictures and files.
// Sources (real-sites-2026 §W10):
//
//   - contacts.json, conversation.json and their parameters (count up to
//     500 and 200, max_id = the oldest id - 1, source=209678993): SgLy/
//     weibo-message main.py; a 2023 exporter (get_private_contacts:
//     special_source=3, is_include_folder=1, idstr missing for strangers);
//     a 2026 Rust client's chat service.
//   - conversation.json lists newest first and ends with an empty list;
//     total_number on its pages (SgLy/weibo-message).
//   - query_messages.json lists oldest first, pages by max_mid=<oldest
//     id>, {result, messages, last_read_mid, ts}; each message {id, gid,
//     time (seconds), content, from_uid, from_user, media_type, fids,
//     mblogid, url_objects, recall_status} (a Go client's types; a 2026
//     group archiver's notes).
//   - Errors: {"error_code": 21301, "error": "auth failed!", "request"}
//     when the session is gone (a 2026 archiver: "the only sign of the
//     login state"); the chat page itself loads the same either way.
//   - Pictures: upload.api.weibo.com/2/mss/msget?fid=&source= (SgLy/
//     weibo-message); unverified whether it checks the Referer: the
//     replica asks only for the session.
//   - Unverified: how a file message is told (the replica uses
//     media_type 2 with fids), the group entry's marks in contacts.json
//     (type 2 here), the chat page's DOM (chatpage.go).

// ChatMsg is one private message.
type ChatMsg struct {
	ID   int64
	At   time.Time
	From *User
	Text string
	// FID is the picture's or file's id in the message store.
	FID      string
	File     bool // the FID is a file, not a picture
	FileName string
	// Share is a post the message shares.
	Share *Post
}

// Chat is a conversation: with one person, or a group's.
type Chat struct {
	Peer  *User // one-to-one
	GID   string
	Name  string  // a group's name
	Users []*User // a group's members
	// Messages are oldest first.
	Messages []*ChatMsg
}

// ID is the conversation's id: the other person's uid, or the group's id.
func (c *Chat) ID() string {
	if c.Peer != nil {
		return c.Peer.ID
	}
	return c.GID
}

// chats makes the person's conversations: one-to-one ones (the first
// long enough to page) and a group chat, with texts, pictures, a file and
// a shared post.
func (g *gen) chats(cfg Config, pool []*User) {
	acc, owner := g.acc, g.acc.Owner
	// A smaller account has a smaller chat: one person and the group,
	// shorter (the first conversation still pages the chat page's list
	// from 20 posts up, and the API's from 50).
	n, groupSize := max(2, cfg.Posts/40), 12
	switch {
	case cfg.Posts < 20:
		n, groupSize = 1, 6
	case cfg.Posts < 50:
		n, groupSize = 1, 8
	}
	mid := int64(4_950_000_000_000_000)
	fid := int64(4_960_000_000_000_000)
	at := cfg.Now.Add(-30 * 24 * time.Hour)
	msg := func(from *User, i int) *ChatMsg {
		mid += 1 + g.rng.Int64N(1e6)
		at = at.Add(time.Duration(1+g.rng.IntN(300)) * time.Minute)
		m := &ChatMsg{ID: mid, At: at, From: from, Text: g.sentence(1 + g.rng.IntN(5))}
		switch {
		case i%9 == 4:
			fid++
			m.FID, m.Text = strconv.FormatInt(fid, 10), ""
		case i%17 == 8:
			fid++
			m.FID, m.File, m.FileName = strconv.FormatInt(fid, 10), true, "笔记"+strconv.Itoa(i)+".pdf"
			m.Text = m.FileName
		case i%13 == 6 && len(acc.Posts) > 0:
			m.Share = acc.Posts[g.rng.IntN(len(acc.Posts))]
			m.Text = "分享微博 https://weibo.com/" + owner.ID + "/" + m.Share.Bid
		case i%11 == 2:
			m.Text = "好的"
		}
		return m
	}
	for k := range n {
		c := &Chat{Peer: pool[(k*7+3)%len(pool)]}
		size := 6 + g.rng.IntN(8)
		switch {
		case k == 0 && cfg.Posts >= 50:
			size = 58 // more than a page of conversation.json (count=50)
		case k == 0 && cfg.Posts >= 20:
			size = 22 // more than a page of the chat page's own (count=20)
		case k == 0:
			size = 8
		}
		for i := range size {
			from := owner
			if g.rng.IntN(2) == 0 {
				from = c.Peer
			}
			c.Messages = append(c.Messages, msg(from, i))
		}
		acc.Chats = append(acc.Chats, c)
	}
	grp := &Chat{GID: fmt.Sprint(4_300_000_000_000_000 + g.rng.Int64N(1e12)), Name: "周末爬山群"}
	grp.Users = []*User{owner, pool[1], pool[2], pool[5]}
	for i := range groupSize {
		grp.Messages = append(grp.Messages, msg(grp.Users[g.rng.IntN(len(grp.Users))], i))
	}
	acc.Chats = append(acc.Chats, grp)
	// The conversation list is newest first.
	for i := 1; i < len(acc.Chats); i++ {
		for j := i; j > 0 && acc.Chats[j].last().At.After(acc.Chats[j-1].last().At); j-- {
			acc.Chats[j], acc.Chats[j-1] = acc.Chats[j-1], acc.Chats[j]
		}
	}
}

func (c *Chat) last() *ChatMsg { return c.Messages[len(c.Messages)-1] }

// chat finds a conversation by its id.
func (a *Account) chat(id string) *Chat {
	for _, c := range a.Chats {
		if c.ID() == id {
			return c
		}
	}
	return nil
}

// chatFile finds a message's picture or file by its fid.
func (a *Account) chatFile(fid string) *ChatMsg {
	for _, c := range a.Chats {
		for _, m := range c.Messages {
			if m.FID == fid {
				return m
			}
		}
	}
	return nil
}

// webimError is the webim API's error answer.
func webimError(w http.ResponseWriter, req *http.Request, code int, msg string) {
	writeJSON(w, http.StatusOK, obj{"result": false, "error_code": code, "error": msg, "request": strings.TrimPrefix(req.URL.Path, "/webim")})
}

// chatUser is a person as the chat API shows them.
func (r *Replica) chatUser(u *User) obj {
	o := r.userShort(u)
	o["name"], o["remark"] = u.Name, ""
	return o
}

// dmJSON is a message of conversation.json.
func (r *Replica) dmJSON(c *Chat, m *ChatMsg) obj {
	to := c.Peer
	if m.From != r.acc.Owner {
		to = r.acc.Owner
	}
	o := obj{"id": m.ID, "idstr": strconv.FormatInt(m.ID, 10), "mid": strconv.FormatInt(m.ID, 10), "created_at": rubyDate(m.At),
		"text": m.Text, "sender_id": num(m.From.ID), "recipient_id": num(to.ID), "sender_screen_name": m.From.Name,
		"recipient_screen_name": to.Name, "media_type": 0, "status_id": 0}
	r.chatAttachments(o, "att_ids", m)
	return o
}

// chatAttachments adds a message's picture or file and shared post.
func (r *Replica) chatAttachments(o obj, fidKey string, m *ChatMsg) {
	switch {
	case m.FID != "" && m.File:
		o["media_type"], o[fidKey] = 2, []json.Number{num(m.FID)}
	case m.FID != "":
		o["media_type"], o[fidKey] = 1, []json.Number{num(m.FID)}
	}
	if m.Share != nil {
		u := "https://weibo.com/" + m.Share.Author.ID + "/" + m.Share.Bid
		o["url_objects"] = []obj{{"url_ori": u, "info": obj{"url_long": u, "title": "微博正文", "type": 0},
			"status": obj{"id": num(m.Share.Mid), "idstr": m.Share.Mid, "mid": m.Share.Mid, "text": m.Share.Text,
				"user": obj{"id": num(m.Share.Author.ID), "screen_name": m.Share.Author.Name}}}}
	}
}

// groupMsgJSON is a message of query_messages.json.
func (r *Replica) groupMsgJSON(c *Chat, m *ChatMsg) obj {
	o := obj{"id": m.ID, "gid": num(c.GID), "time": m.At.Unix(), "content": m.Text, "from_uid": num(m.From.ID),
		"from_user":  obj{"id": num(m.From.ID), "screen_name": m.From.Name, "profile_image_url": r.avatarURL(m.From, 50)},
		"media_type": 0, "type": 321, "recall_status": 0, "annotations": obj{"send_from": "pc"}}
	r.chatAttachments(o, "fids", m)
	if m.Share != nil {
		o["mblogid"] = m.Share.Bid
	}
	return o
}

// webim serves api.weibo.com: the chat page and the webim API.
func (r *Replica) webim(w http.ResponseWriter, req *http.Request) {
	if req.URL.Path == "/chat" || req.URL.Path == "/chat/" {
		r.requests.Add("page")
		r.chatPage(w, req)
		return
	}
	if !strings.HasPrefix(req.URL.Path, "/webim/") {
		http.NotFound(w, req)
		return
	}
	r.requests.Add("webim")
	r.faults.API()
	if !r.limiter.Allow(r.now()) || r.faults.Throttle() {
		r.limited.Add(1)
		w.WriteHeader(http.StatusTooManyRequests) // unverified: the webim API's throttle
		return
	}
	if !r.loggedIn(req) {
		webimError(w, req, 21301, "auth failed!")
		return
	}
	if r.cfg.Faults.IsBroken("messages") {
		writeJSON(w, http.StatusOK, obj{"result": true, "sessions_v2": []obj{{"sid": 1}}})
		return
	}
	q := req.URL.Query()
	count, _ := strconv.Atoi(q.Get("count"))
	switch req.URL.Path {
	case "/webim/query_primary_info.json":
		// Who is logged in (a 2026 Rust client's chat service).
		writeJSON(w, http.StatusOK, obj{"profile": obj{"id": num(r.acc.Owner.ID), "screen_name": r.acc.Owner.Name}})
	case "/webim/2/direct_messages/contacts.json":
		r.contacts(w, count)
	case "/webim/2/direct_messages/conversation.json":
		c := r.acc.chat(q.Get("uid"))
		if c == nil || c.Peer == nil {
			webimError(w, req, 20003, "User does not exists!")
			return
		}
		count = min(max(count, 1), 200)
		maxID, _ := strconv.ParseInt(q.Get("max_id"), 10, 64)
		var page []obj
		for i := len(c.Messages) - 1; i >= 0 && len(page) < count; i-- {
			if m := c.Messages[i]; maxID == 0 || m.ID <= maxID {
				page = append(page, r.dmJSON(c, m))
			}
		}
		writeJSON(w, http.StatusOK, obj{"direct_messages": orEmpty(page), "total_number": len(c.Messages),
			"following": false, "last_read_mid": c.last().ID})
	case "/webim/groupchat/query_messages.json":
		c := r.acc.chat(q.Get("id"))
		if c == nil || c.Peer != nil {
			webimError(w, req, 21201, "群不存在")
			return
		}
		count = min(max(count, 1), 100)
		maxMid, _ := strconv.ParseInt(q.Get("max_mid"), 10, 64)
		end := len(c.Messages)
		if maxMid != 0 {
			end = 0
			for end < len(c.Messages) && c.Messages[end].ID < maxMid {
				end++
			}
		}
		var page []obj
		for _, m := range c.Messages[max(0, end-count):end] {
			page = append(page, r.groupMsgJSON(c, m))
		}
		writeJSON(w, http.StatusOK, obj{"result": true, "messages": orEmpty(page), "last_read_mid": c.last().ID,
			"significant_msgs": []obj{}, "group_tips": []obj{}, "ts": r.now().UnixMilli()})
	default:
		http.NotFound(w, req)
	}
}

func orEmpty(s []obj) []obj {
	if s == nil {
		return []obj{}
	}
	return s
}

// contacts answers contacts.json: every conversation with its newest
// message, newest first (base64 under chat-base64).
func (r *Replica) contacts(w http.ResponseWriter, count int) {
	count = min(max(count, 1), 500)
	var list []obj
	for _, c := range r.acc.Chats[:min(count, len(r.acc.Chats))] {
		var user obj
		var last obj
		if c.Peer != nil {
			user, last = r.chatUser(c.Peer), r.dmJSON(c, c.last())
		} else {
			user = obj{"id": num(c.GID), "idstr": c.GID, "name": c.Name, "screen_name": c.Name, "type": 2,
				"member_count": len(c.Users), "profile_image_url": r.avatarURL(c.Users[1], 50)}
			last = obj{"text": c.last().Text, "created_at": rubyDate(c.last().At)}
		}
		list = append(list, obj{"user": user, "message": last, "unread_count": 0})
	}
	body := obj{"contacts": orEmpty(list), "totalNumber": len(r.acc.Chats)}
	if !r.variant("chat-base64") {
		writeJSON(w, http.StatusOK, body)
		return
	}
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(base64.StdEncoding.EncodeToString(b)))
}

// chatMedia serves upload.api.weibo.com/2/mss/msget: a message's picture
// or file, to a session.
func (r *Replica) chatMedia(w http.ResponseWriter, req *http.Request) {
	if req.Method == http.MethodGet && !replicakit.PageLoad(req) {
		r.served.Add(mediaKey("https://" + replicakit.HostOf(req) + req.URL.RequestURI()))
	}
	if req.URL.Path != "/2/mss/msget" && req.URL.Path != "/2/mss/msget_thumbnail" {
		http.NotFound(w, req)
		return
	}
	if !r.loggedIn(req) {
		writeJSON(w, http.StatusBadRequest, obj{"error_code": 21301, "error": "auth failed!"})
		return
	}
	fid := req.URL.Query().Get("fid")
	if r.acc.chatFile(fid) == nil {
		http.NotFound(w, req)
		return
	}
	b, ctype := r.acc.chatBytes(fid)
	key := ""
	if req.URL.Path == "/2/mss/msget" {
		key = "dm:" + fid
	}
	r.serveBytes(w, req, ctype, b, key)
}

// chatBytes are the bytes of a message's picture or file, and its type.
func (a *Account) chatBytes(fid string) ([]byte, string) {
	m := a.chatFile(fid)
	if m != nil && m.File {
		return []byte("%PDF-1.4\n% farewell replica file " + fid + "\n%%EOF\n"), "application/octet-stream"
	}
	return replicamedia.JPEG("dm/"+fid, 320, 240), "image/jpeg"
}

// chatFileURL is the address a backup fetches a message's file from.
func chatFileURL(fid string) string {
	return "https://upload.api.weibo.com/2/mss/msget?source=209678993&fid=" + url.QueryEscape(fid)
}

// chatTruth adds the messages a complete backup holds, the screenshots
// that must show each conversation's, and their pictures and files.
func (r *Replica) chatTruth(a *Account, t *replicakit.Truth) {
	msgs := map[string]map[string]any{}
	t.Screens = map[string][]string{}
	total := 0
	for _, c := range a.Chats {
		for _, m := range c.Messages {
			id := strconv.FormatInt(m.ID, 10)
			item := map[string]any{"conversation_id": c.ID(), "from_me": m.From == a.Owner, "sender.id": m.From.ID,
				"created_at": m.At.In(cst).Truncate(time.Second).Format(time.RFC3339), "text": m.Text}
			if c.Peer != nil {
				item["conversation_type"], item["peer.id"], item["peer.name"] = "one_to_one", c.Peer.ID, c.Peer.Name
			} else {
				item["conversation_type"], item["peer"], item["sender.name"] = "group", nil, m.From.Name
			}
			switch {
			case m.FID != "" && m.File:
				item["kind"], item["#media"], item["media.0.type"] = "file", 1, "file"
			case m.FID != "":
				item["kind"], item["#media"], item["media.0.type"] = "picture", 1, "image"
			case m.Share != nil:
				item["kind"], item["share.id"] = "share", m.Share.Mid
			default:
				item["kind"], item["#media"] = "text", 0
			}
			if m.FID != "" {
				b, _ := a.chatBytes(m.FID)
				t.Media[mediaKey(chatFileURL(m.FID))] = r.sums.Of("dm:"+m.FID, func() []byte { return b })
			}
			msgs[id] = item
			t.Screens[c.ID()] = append(t.Screens[c.ID()], id)
			total++
		}
	}
	// The count: each one-to-one conversation's total_number, and a
	// group's messages as read (its API gives no total).
	t.Collections["messages"] = replicakit.CollectionTruth{Key: "id", Items: msgs, Expected: i64(total)}
}
