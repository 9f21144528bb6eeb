package replica

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The IM API speaks protobuf, in the layout public decoders agree on in
// 2025–2026 (../shared/reference/real-sites-2026.md §D1: DouYin_Spider
// static/Response.proto; creatorhub app/browser/douyin_im_pb.py,
// "calibrated against HAR"; douyin-chat-export extractor/web_scraper.py):
//
//	Request       1 cmd, 2 sequence_id, 3 sdk_version, 8 body, 11 device_platform,
//	              21 biz, 22 access (creatorhub's request template)
//	RequestBody   301 history{1 conversation_id, 2 conversation_type, 3 short_id,
//	              4 direction, 5 cursor, 6 count}
//	              2043 init{1 now in µs, 2 1}
//	Response      1 cmd, 2 sequence_id (the request's), 3 error code (absent when OK),
//	              4 message ("OK"), 5 inbox_type, 6 body, 13 the account's uid
//	ResponseBody  2043 init{1 wrapper…}: every conversation at once (creatorhub:
//	              "一次性下发全部会话")
//	              301 history{1 MessageBody…, 2 next cursor, 3 has_more}
//	wrapper       1 core{1 id, 2 short_id, 3 type, 4 ticket, 6 participants{1 member{1 uid, 5 sec_uid}…}},
//	              2 the last MessageBody
//	MessageBody   1 conversation_id, 2 conversation_type, 3 server_message_id,
//	              4 index_in_conversation, 5 conversation short id, 6 message_type,
//	              7 sender uid, 8 content JSON, 9 ext{1 key, 2 value}…
//	              (s:server_message_create_time in ms), 14 sender sec_uid,
//	              18 the quoted message
//
// Unverified details, which the profile does not depend on: the history
// cursor is the index of the oldest message sent (0: the newest); the
// quoted message is a MessageBody; the error code and text of a request
// without a session; a group conversation's id is a bare number.
const (
	cmdHistory = 301
	cmdInit    = 2043
	imPage     = 20
	// imHorizon is how far back the web reaches in a conversation (about
	// a year; the app shows more: douyin-chat-export#16, 2026-05).
	imHorizon = 365 * 24 * time.Hour
)

// pb builds a protobuf message.
type pb []byte

func (b pb) key(field, wire int) pb { return binary.AppendUvarint(b, uint64(field)<<3|uint64(wire)) }

func (b pb) uint(field int, v uint64) pb { return binary.AppendUvarint(b.key(field, 0), v) }

func (b pb) bytes(field int, v []byte) pb {
	b = binary.AppendUvarint(b.key(field, 2), uint64(len(v)))
	return append(b, v...)
}

func (b pb) str(field int, s string) pb { return b.bytes(field, []byte(s)) }

// pbFields reads one level of a protobuf message: varints by field, and
// length-delimited fields by field (the last of each wins).
func pbFields(b []byte) (map[int]uint64, map[int][]byte, error) {
	ints, subs := map[int]uint64{}, map[int][]byte{}
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, nil, errors.New("bad key")
		}
		b = b[n:]
		field := int(key >> 3)
		switch key & 7 {
		case 0:
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return nil, nil, errors.New("bad varint")
			}
			ints[field], b = v, b[n:]
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return nil, nil, errors.New("bad length")
			}
			subs[field], b = b[n:n+int(l)], b[n+int(l):]
		default:
			return nil, nil, errors.New("unsupported wire type")
		}
	}
	return ints, subs, nil
}

func atou(s string) uint64 { v, _ := strconv.ParseUint(s, 10, 64); return v }

// content is a message's content JSON, by its kind (§D1; douyin-chat-export
// reads aweType 2702–2704 pictures from resource_url with an skey, stickers
// from url.url_list; creatorhub reads shared works' itemId, content_title,
// content_name, secUID, cover_url, and transfers' trans_type).
func (r *Replica) content(m *Message) (uint64, obj) {
	switch m.Kind {
	case "share":
		w := m.Share
		cover := obj{"url_list": []string{}}
		if w.Video != nil {
			cover = obj{"url_list": []string{r.picURL(w.Video.Cover, pageCover)}}
		}
		return 8, obj{"aweType": 800, "itemId": w.ID, "content_title": w.Desc, "content_name": w.Author.Nickname,
			"secUID": w.Author.SecUID, "cover_url": cover}
	case "picture":
		u := imPicURL(m.Media)
		return 27, obj{"aweType": 2702, "resource_url": obj{"skey": m.SKey, "origin_url_list": []string{u}, "large_url_list": []string{u + "?size=large"},
			"md5": m.Media}}
	case "sticker":
		return 5, obj{"aweType": 507, "display_name": m.Text, "url": obj{"url_list": []string{imStickerURL(m.Media)}}}
	case "voice":
		return 17, obj{"aweType": 700, "duration": m.Duration, "resource_url": obj{"url_list": []string{imVoiceURL(m.Media)}}}
	case "transfer":
		return 7, obj{"aweType": 6003, "trans_type": 1, "title": m.Text}
	}
	return 7, obj{"aweType": 700, "text": m.Text, "mention_users": []string{}, "richTextInfos": []string{}}
}

func imPicURL(id string) string     { return "https://p3-im.douyinpic.com/im/pic/" + id }
func imStickerURL(id string) string { return "https://p3-im.douyinpic.com/im/sticker/" + id }
func imVoiceURL(id string) string {
	return "https://lf-im.douyinstatic.com/obj/im-voice/" + id + ".mp3"
}

func (r *Replica) messagePB(c *Conversation, m *Message, quoted bool) pb {
	typ, content := r.content(m)
	cj, _ := json.Marshal(content)
	out := pb(nil).str(1, c.ID).uint(2, c.Type).uint(3, atou(m.ID)).uint(4, m.Index).uint(5, c.ShortID).uint(6, typ).
		uint(7, atou(m.Sender.UID)).bytes(8, cj)
	for _, kv := range [][2]string{{"s:client_message_id", r.mac(32, "client", m.ID)}, {"s:server_message_create_time", strconv.FormatInt(m.CreatedAt.UnixMilli(), 10)}} {
		out = out.bytes(9, pb(nil).str(1, kv[0]).str(2, kv[1]))
	}
	out = out.str(14, m.Sender.SecUID)
	if m.Quoted != nil && !quoted {
		out = out.bytes(18, r.messagePB(c, m.Quoted, true))
	}
	return out
}

// shown is the part of a conversation the web reaches.
func (r *Replica) shown(c *Conversation) []*Message {
	from := r.cfg.Now.Add(-imHorizon)
	for i, m := range c.Messages {
		if !m.CreatedAt.Before(from) {
			return c.Messages[i:]
		}
	}
	return nil
}

// imapi serves the IM API: the conversation list and each
// conversation's history, newest first, twenty at a time.
func (r *Replica) imapi(w http.ResponseWriter, req *http.Request) {
	if cors(w, req) {
		return
	}
	if req.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	raw, err := io.ReadAll(io.LimitReader(req.Body, 1<<16))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ints, subs, err := pbFields(raw)
	if err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return
	}
	cmd, seq := ints[1], ints[2]
	_, body, err := pbFields(subs[8])
	if err != nil {
		http.Error(w, "bad request body", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	head := pb(nil).uint(1, cmd).uint(2, seq)
	fail := func(code uint64, msg string) { w.Write(head.uint(3, code).str(4, msg).uint(5, 0)) }
	if r.session(req) == "" {
		fail(5, "用户未登录") // unverified: the code and text of a request without a session
		return
	}
	var out pb
	switch {
	case strings.HasSuffix(req.URL.Path, "/v1/message/get_message_by_init") && cmd == cmdInit:
		var init pb
		for _, c := range r.acc.Conversations {
			var members pb
			for _, u := range append([]*User{r.acc.Owner}, c.Members...) {
				members = members.bytes(1, pb(nil).uint(1, atou(u.UID)).str(5, u.SecUID))
			}
			core := pb(nil).str(1, c.ID).uint(2, c.ShortID).uint(3, c.Type).str(4, c.Ticket).bytes(6, members)
			wrapper := pb(nil).bytes(1, core)
			if n := len(c.Messages); n > 0 {
				wrapper = wrapper.bytes(2, r.messagePB(c, c.Messages[n-1], false))
			}
			init = init.bytes(1, wrapper)
		}
		out = pb(nil).bytes(cmdInit, init)
	case strings.HasSuffix(req.URL.Path, "/v1/message/get_by_conversation") && cmd == cmdHistory:
		args, strs, _ := pbFields(body[cmdHistory])
		var conv *Conversation
		for _, c := range r.acc.Conversations {
			if c.ID == string(strs[1]) {
				conv = c
			}
		}
		if conv == nil {
			fail(4, "conversation not found")
			return
		}
		count := int(args[6])
		if count <= 0 || count > imPage {
			count = imPage
		}
		// Older than the cursor (an index; 0 is the newest), newest
		// first, as far back as the web reaches.
		msgs := r.shown(conv)
		end := len(msgs)
		if cur := args[5]; cur > 0 {
			for end > 0 && msgs[end-1].Index >= cur {
				end--
			}
		}
		from := max(0, end-count)
		var hist pb
		next := uint64(0)
		for i := end - 1; i >= from; i-- {
			hist = hist.bytes(1, r.messagePB(conv, msgs[i], false))
			next = msgs[i].Index
		}
		hist = hist.uint(2, next).uint(3, uint64(boolInt(from > 0)))
		out = pb(nil).bytes(cmdHistory, hist)
	default:
		fail(4, "unknown command")
		return
	}
	w.Write(head.str(4, "OK").uint(5, 0).bytes(6, out).uint(13, atou(r.acc.Owner.UID)))
}

// imUsers answers /aweme/v1/web/im/user/info/: the people named by the
// form's sec_user_ids (a JSON list), which the page asks for to name its
// conversations (creatorhub account_hub.py; the user objects' fields
// beyond uid, sec_uid and nickname are unverified).
func (r *Replica) imUsers(w http.ResponseWriter, body string) {
	form, _ := url.ParseQuery(body)
	var ids []string
	if err := json.Unmarshal([]byte(form.Get("sec_user_ids")), &ids); err != nil {
		writeJSON(w, r.envelope(obj{"status_code": 5, "status_msg": "invalid sec_user_ids"}))
		return
	}
	var out []obj
	for _, id := range ids {
		for _, u := range r.imPeople() {
			if u.SecUID == id {
				out = append(out, obj{"uid": u.UID, "sec_uid": u.SecUID, "nickname": u.Nickname, "unique_id": u.UniqueID,
					"avatar_thumb": obj{"uri": u.Avatar, "url_list": []string{avatarURL(u.Avatar, 100)}}})
				break
			}
		}
	}
	writeJSON(w, r.envelope(obj{"data": out}))
}

// imPeople is everyone in the account's conversations, the owner first.
func (r *Replica) imPeople() []*User {
	out := []*User{r.acc.Owner}
	for _, c := range r.acc.Conversations {
		out = append(out, c.Members...)
	}
	return out
}
