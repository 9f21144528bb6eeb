package douyin

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Direct messages come from imapi.douyin.com as protobuf. The layout is
// the one public decoders agree on in 2025–2026 (DouYin_Spider's
// Response.proto, creatorhub's douyin_im_pb.py calibrated against HAR
// captures, douyin-chat-export's web scraper); where they disagree this
// reader accepts each.
//
//	Response      1 cmd, 2 sequence_id (a request counter, not a status),
//	              3 error code (absent when OK), 4 message ("OK"),
//	              5 inbox_type, 6 body, 13 the account's own uid
//	body          2043 init, 301 history
//	init          1 wrapper (repeated)
//	wrapper       1 core, 2 last MessageBody
//	core          1 conversation_id, 2 short_id, 3 type (1 one-to-one),
//	              4 ticket, 6 participants {1 member (repeated)}
//	member        1 uid, 5 sec_uid
//	history       1 MessageBody (repeated; the field number is not
//	              confirmed, so any field holding message bodies is
//	              read), 2 next cursor, 3 has_more
//	MessageBody   1 conversation_id, 2 conversation_type,
//	              3 server_message_id, 4 index in the conversation (or a
//	              µs time), 5 conversation short id (or a µs order),
//	              6 message_type, 7 sender uid, 8 content (JSON),
//	              9 ext (repeated {1 key, 2 value}), 14 sender sec_uid,
//	              18 the quoted message
//
// The send time is the ext entry s:server_message_create_time, in ms.

// IM commands.
const (
	IMCmdHistory = 301
	IMCmdInit    = 2043
)

// IMMessage is one direct message.
type IMMessage struct {
	ConversationID   string
	ConversationType uint64
	ID               string // server_message_id
	Index            uint64 // field 4
	Order            uint64 // field 5
	Type             uint64 // message_type
	Sender           string // uid
	SenderSecUID     string
	Content          string // JSON
	Ext              map[string]string
	Quoted           *IMMessage
}

// CreatedMS is the message's send time in ms: the ext entry
// s:server_message_create_time, else a field 4 or 5 that holds a µs time;
// 0 when the message does not say.
func (m *IMMessage) CreatedMS() int64 {
	if v, err := strconv.ParseInt(m.Ext["s:server_message_create_time"], 10, 64); err == nil && v > 0 {
		return v
	}
	for _, us := range []uint64{m.Index, m.Order} {
		// A µs time of the years 2001–2286: larger than any index.
		if us >= 1e15 && us < 1e19 {
			return int64(us / 1000)
		}
	}
	return 0
}

// IMMember is one participant of a conversation.
type IMMember struct {
	UID    string
	SecUID string
}

// IMConversation is one conversation of get_message_by_init.
type IMConversation struct {
	ID      string
	ShortID uint64
	Type    uint64 // 1 one-to-one, else a group
	Ticket  string
	Members []IMMember
	Last    *IMMessage
}

// Group reports a group chat.
func (c *IMConversation) Group() bool { return c.Type != 1 }

// Peer is the other side of a one-to-one conversation: the participant
// that is not owner, else the uid of the conversation id
// ("0:1:<uid>:<uid>", in either order) that is not owner.
func (c *IMConversation) Peer(owner string) IMMember {
	for _, m := range c.Members {
		if m.UID != "" && m.UID != owner {
			return m
		}
	}
	parts := strings.Split(c.ID, ":")
	if len(parts) == 4 {
		for _, p := range parts[2:] {
			if p != owner && p != "" {
				return IMMember{UID: p}
			}
		}
	}
	return IMMember{}
}

// IMAnswer is a decoded imapi answer.
type IMAnswer struct {
	Cmd           uint64
	Sequence      uint64
	Owner         string           // field 13
	Messages      []IMMessage      // get_by_conversation
	Conversations []IMConversation // get_message_by_init
	HasMore       bool
	NextCursor    uint64
}

// imMessage reads one MessageBody; depth bounds the quoted chain.
func imMessage(b []byte, depth int) (IMMessage, error) {
	if depth > maxPBDepth {
		return IMMessage{}, errors.New("douyin im: quoted messages nested too deep")
	}
	f, err := pbParse(b)
	if err != nil {
		return IMMessage{}, err
	}
	m := pbMessage(f)
	msg := IMMessage{ConversationID: m.str(1), ConversationType: m.varint(2), ID: m.id(3), Index: m.varint(4), Order: m.varint(5),
		Type: m.varint(6), Sender: m.id(7), Content: m.str(8), SenderSecUID: m.str(14)}
	for _, e := range m.all(9) {
		kv, err := pbParse(e)
		if err != nil {
			continue // one bad ext entry does not lose the message
		}
		k := pbMessage(kv).str(1)
		if k == "" {
			continue
		}
		if msg.Ext == nil {
			msg.Ext = map[string]string{}
		}
		msg.Ext[k] = pbMessage(kv).str(2)
	}
	if q := m.bytes(18); q != nil {
		if qm, err := imMessage(q, depth+1); err == nil {
			msg.Quoted = &qm
		}
	}
	if msg.ID == "" || msg.ID == "0" {
		return msg, errors.New("douyin im: a message without server_message_id")
	}
	return msg, nil
}

// isMessageBody reports whether bytes read as a MessageBody: a
// conversation id, a server message id and a message type.
func isMessageBody(b []byte) bool {
	f, err := pbParse(b)
	if err != nil {
		return false
	}
	m := pbMessage(f)
	return m.str(1) != "" && m.has(3, 0) && m.has(6, 0)
}

// DecodeIM reads an imapi answer (get_by_conversation or
// get_message_by_init).
func DecodeIM(raw []byte) (*IMAnswer, error) {
	f, err := pbParse(raw)
	if err != nil {
		return nil, fmt.Errorf("douyin im: %w", err)
	}
	resp := pbMessage(f)
	a := &IMAnswer{Cmd: resp.varint(1), Sequence: resp.varint(2), Owner: resp.id(13)}
	if code := resp.varint(3); code != 0 {
		return nil, &Error{Code: int64(code), Msg: resp.str(4)}
	}
	body, err := resp.sub(6, 1)
	if err != nil {
		return nil, fmt.Errorf("douyin im: %w", err)
	}
	if body == nil {
		if msg := resp.str(4); msg != "" && msg != "OK" {
			return nil, &Error{Msg: msg}
		}
		return nil, errors.New("douyin im: an answer without a body")
	}
	if hist, err := body.sub(IMCmdHistory, 2); err != nil {
		return nil, fmt.Errorf("douyin im: %w", err)
	} else if hist != nil {
		bodies := hist.all(1)
		if len(bodies) == 0 {
			// The field number of the list is not confirmed: take any
			// field whose values read as message bodies.
			for _, f := range hist {
				if f.wire == 2 && isMessageBody(f.b) {
					bodies = append(bodies, f.b)
				}
			}
		}
		for _, b := range bodies {
			m, err := imMessage(b, 0)
			if err != nil {
				return nil, err
			}
			a.Messages = append(a.Messages, m)
		}
		a.NextCursor, a.HasMore = hist.varint(2), hist.varint(3) != 0
		return a, nil
	}
	init, err := body.sub(IMCmdInit, 2)
	if err != nil {
		return nil, fmt.Errorf("douyin im: %w", err)
	}
	if init == nil {
		return nil, errors.New("douyin im: an answer to an unknown command")
	}
	for _, w := range init.all(1) {
		conv, err := imConversation(w)
		if err != nil {
			return nil, err
		}
		a.Conversations = append(a.Conversations, conv)
	}
	return a, nil
}

// imConversation reads one wrapper of get_message_by_init.
func imConversation(b []byte) (IMConversation, error) {
	wf, err := pbParse(b)
	if err != nil {
		return IMConversation{}, fmt.Errorf("douyin im: %w", err)
	}
	w := pbMessage(wf)
	core, err := w.sub(1, 3)
	if err != nil {
		return IMConversation{}, fmt.Errorf("douyin im: %w", err)
	}
	c := IMConversation{ID: core.str(1), ShortID: core.varint(2), Type: core.varint(3), Ticket: core.str(4)}
	if c.ID == "" {
		return c, errors.New("douyin im: a conversation without an id")
	}
	for _, pb := range core.all(6) {
		pf, err := pbParse(pb)
		if err != nil {
			continue
		}
		for _, mb := range pbMessage(pf).all(1) {
			mf, err := pbParse(mb)
			if err != nil {
				continue
			}
			if m := (IMMember{UID: pbMessage(mf).id(1), SecUID: pbMessage(mf).str(5)}); m.UID != "" {
				c.Members = append(c.Members, m)
			}
		}
	}
	if last := w.bytes(2); last != nil {
		if m, err := imMessage(last, 0); err == nil {
			c.Last = &m
		}
	}
	return c, nil
}

// SortMessages orders messages oldest first, as the chat shows them: by
// send time, then by index, then by id.
func SortMessages(msgs []IMMessage) {
	sort.SliceStable(msgs, func(i, j int) bool {
		a, b := msgs[i].CreatedMS(), msgs[j].CreatedMS()
		if a != b {
			return a < b
		}
		if msgs[i].Index != msgs[j].Index {
			return msgs[i].Index < msgs[j].Index
		}
		x, _ := strconv.ParseUint(msgs[i].ID, 10, 64)
		y, _ := strconv.ParseUint(msgs[j].ID, 10, 64)
		return x < y
	})
}

// IMRequestConversation reads which conversation a get_by_conversation
// request asks for: request field 8, its command's body (301), field 1.
// "" when the request is not one.
func IMRequestConversation(req []byte) string {
	f, err := pbParse(req)
	if err != nil {
		return ""
	}
	body, err := pbMessage(f).sub(8, 1)
	if err != nil || body == nil {
		return ""
	}
	hist, err := body.sub(IMCmdHistory, 2)
	if err != nil || hist == nil {
		return ""
	}
	return hist.str(1)
}
