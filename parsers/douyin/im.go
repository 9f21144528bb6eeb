package douyin

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/farewell-app/farewell/parsers/record"
)

// Direct messages come from imapi.douyin.com as protobuf. The field
// numbers follow the public notes (get_by_conversation is command 301,
// get_message_by_init 2043; the request's body field 8 holds the command's
// message): farewell reads this layout.
//
//	Response       1 cmd, 2 status_code, 6 body
//	body           301 History, 2043 Init
//	History        1 Message (repeated), 2 has_more, 3 next_cursor
//	Init           1 Conversation (repeated), 2 has_more, 3 cursor
//	Conversation   1 conversation_id, 2 short_id, 3 peer uid, 4 peer nickname, 5 last Message
//	Message        1 conversation_id, 2 conversation_short_id, 3 server_message_id,
//	               4 created_at_us, 5 sender uid, 6 content_json, 7 message_type

// pbField is one field of a protobuf message.
type pbField struct {
	num  int
	wire int
	v    uint64 // varint and fixed values
	b    []byte // length-delimited values
}

// maxPBDepth bounds nesting, so hostile input cannot recurse far.
const maxPBDepth = 16

// pbParse reads the fields of one protobuf message, with every length
// checked against what is left.
func pbParse(b []byte) ([]pbField, error) {
	var out []pbField
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errors.New("protobuf: bad field key")
		}
		b = b[n:]
		f := pbField{num: int(key >> 3), wire: int(key & 7)}
		if f.num <= 0 || key>>3 > 1<<29 {
			return nil, fmt.Errorf("protobuf: bad field number %d", key>>3)
		}
		switch f.wire {
		case 0:
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return nil, errors.New("protobuf: bad varint")
			}
			f.v, b = v, b[n:]
		case 1:
			if len(b) < 8 {
				return nil, errors.New("protobuf: short fixed64")
			}
			f.v, b = binary.LittleEndian.Uint64(b), b[8:]
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return nil, errors.New("protobuf: bad length")
			}
			f.b, b = b[n:n+int(l)], b[n+int(l):]
		case 5:
			if len(b) < 4 {
				return nil, errors.New("protobuf: short fixed32")
			}
			f.v, b = uint64(binary.LittleEndian.Uint32(b)), b[4:]
		default:
			return nil, fmt.Errorf("protobuf: wire type %d", f.wire)
		}
		out = append(out, f)
	}
	return out, nil
}

// pbMessage is a parsed message with typed accessors.
type pbMessage []pbField

func (m pbMessage) varint(num int) uint64 {
	for _, f := range m {
		if f.num == num && f.wire == 0 {
			return f.v
		}
	}
	return 0
}

func (m pbMessage) bytes(num int) []byte {
	for _, f := range m {
		if f.num == num && f.wire == 2 {
			return f.b
		}
	}
	return nil
}

func (m pbMessage) all(num int) [][]byte {
	var out [][]byte
	for _, f := range m {
		if f.num == num && f.wire == 2 {
			out = append(out, f.b)
		}
	}
	return out
}

func (m pbMessage) sub(num int, depth int) (pbMessage, error) {
	b := m.bytes(num)
	if b == nil {
		return nil, nil
	}
	if depth > maxPBDepth {
		return nil, errors.New("protobuf: nested too deep")
	}
	f, err := pbParse(b)
	return pbMessage(f), err
}

// IMMessage is one direct message.
type IMMessage struct {
	ConversationID string
	ShortID        uint64
	ID             string // server_message_id
	CreatedAtUS    uint64
	Sender         string
	Content        string // content_json
	Type           uint64
}

// IMConversation is one conversation of get_message_by_init.
type IMConversation struct {
	ID           string
	ShortID      uint64
	PeerUID      string
	PeerNickname string
	Last         *IMMessage
}

// IMAnswer is a decoded imapi answer.
type IMAnswer struct {
	Cmd           uint64
	StatusCode    uint64
	Messages      []IMMessage      // get_by_conversation
	Conversations []IMConversation // get_message_by_init
	HasMore       bool
	NextCursor    uint64
}

func imMessage(b []byte) (IMMessage, error) {
	f, err := pbParse(b)
	if err != nil {
		return IMMessage{}, err
	}
	m := pbMessage(f)
	msg := IMMessage{ConversationID: string(m.bytes(1)), ShortID: m.varint(2), ID: strconv.FormatUint(m.varint(3), 10),
		CreatedAtUS: m.varint(4), Sender: strconv.FormatUint(m.varint(5), 10), Content: string(m.bytes(6)), Type: m.varint(7)}
	if m.varint(3) == 0 {
		return msg, errors.New("douyin im: a message without server_message_id")
	}
	return msg, nil
}

// DecodeIM reads an imapi answer (get_by_conversation or
// get_message_by_init).
func DecodeIM(raw []byte) (*IMAnswer, error) {
	f, err := pbParse(raw)
	if err != nil {
		return nil, fmt.Errorf("douyin im: %w", err)
	}
	resp := pbMessage(f)
	a := &IMAnswer{Cmd: resp.varint(1), StatusCode: resp.varint(2)}
	if a.StatusCode != 0 {
		return nil, &Error{Code: int64(a.StatusCode), Msg: "imapi"}
	}
	body, err := resp.sub(6, 1)
	if err != nil {
		return nil, fmt.Errorf("douyin im: %w", err)
	}
	if body == nil {
		return nil, errors.New("douyin im: an answer without a body")
	}
	if hist, err := body.sub(301, 2); err != nil {
		return nil, fmt.Errorf("douyin im: %w", err)
	} else if hist != nil {
		for _, b := range hist.all(1) {
			m, err := imMessage(b)
			if err != nil {
				return nil, err
			}
			a.Messages = append(a.Messages, m)
		}
		a.HasMore, a.NextCursor = hist.varint(2) == 1, hist.varint(3)
		return a, nil
	}
	init, err := body.sub(2043, 2)
	if err != nil {
		return nil, fmt.Errorf("douyin im: %w", err)
	}
	if init == nil {
		return nil, errors.New("douyin im: an answer to an unknown command")
	}
	for _, b := range init.all(1) {
		cf, err := pbParse(b)
		if err != nil {
			return nil, fmt.Errorf("douyin im: %w", err)
		}
		c := pbMessage(cf)
		conv := IMConversation{ID: string(c.bytes(1)), ShortID: c.varint(2), PeerUID: strconv.FormatUint(c.varint(3), 10), PeerNickname: string(c.bytes(4))}
		if conv.ID == "" {
			return nil, errors.New("douyin im: a conversation without an id")
		}
		if last := c.bytes(5); last != nil {
			if m, err := imMessage(last); err == nil {
				conv.Last = &m
			}
		}
		a.Conversations = append(a.Conversations, conv)
	}
	a.HasMore, a.NextCursor = init.varint(2) == 1, init.varint(3)
	return a, nil
}

// messageText reads the text a message shows from its content_json.
func messageText(content string) (string, []record.Media) {
	var c struct {
		Text        string `json:"text"`
		Title       string `json:"content_title"`
		ResourceURL *struct {
			OriginURLList []string `json:"origin_url_list"`
		} `json:"resource_url"`
		AwemeID string `json:"itemId"`
	}
	if json.Unmarshal([]byte(content), &c) != nil {
		return content, nil
	}
	switch {
	case c.Text != "":
		return c.Text, nil
	case c.ResourceURL != nil && len(c.ResourceURL.OriginURLList) > 0:
		// DM pictures are encrypted; the record keeps where they are.
		return "[图片]", []record.Media{{Type: record.MediaImage, URL: c.ResourceURL.OriginURLList[0]}}
	case c.AwemeID != "":
		return "[分享作品] " + c.Title, nil
	}
	return "", nil
}

// Shown is the text the chat shows for a message: its text, or the title
// of a shared work's card ("" for pictures and stickers).
func (m *IMMessage) Shown() string {
	var c struct {
		Text  string `json:"text"`
		Title string `json:"content_title"`
	}
	if json.Unmarshal([]byte(m.Content), &c) != nil {
		return ""
	}
	if c.Text != "" {
		return c.Text
	}
	return c.Title
}

// MessageRecord converts a message; owner is the account's uid (for
// from_me), peer the other side of the conversation.
func MessageRecord(m *IMMessage, owner string, peer *record.Ref) record.Message {
	text, media := messageText(m.Content)
	r := record.Message{Record: record.TypeMessage, Platform: Platform, ID: m.ID, ConversationID: m.ConversationID,
		Peer: peer, FromMe: m.Sender == owner, Text: text, Media: media}
	if m.CreatedAtUS > 0 {
		r.CreatedAt = time.UnixMicro(int64(m.CreatedAtUS)).In(shanghai).Format(time.RFC3339)
	}
	return r
}
