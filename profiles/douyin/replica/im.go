package replica

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// The IM API speaks protobuf. Field numbers (the layout farewell's parser
// reads):
//
//	Request       1 cmd, 8 body
//	RequestBody   301 history{1 conversation_id, 2 conversation_type, 3 conversation_short_id, 4 direction, 5 cursor, 6 count}
//	              2043 init{1 cursor, 2 count}
//	Response      1 cmd, 2 status_code, 6 body
//	ResponseBody  301 history{1 messages, 2 has_more, 3 next_cursor}
//	              2043 init{1 conversations, 2 has_more, 3 next_cursor}
//	Conversation  1 id, 2 short_id, 3 peer uid, 4 peer nickname, 5 last message
//	Message       1 conversation_id, 2 conversation_short_id, 3 server_message_id,
//	              4 created_at (µs), 5 sender uid, 6 content_json, 7 message type
const (
	cmdHistory = 301
	cmdInit    = 2043
	imPage     = 20
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

func (r *Replica) messagePB(c *Conversation, m *Message) pb {
	content := map[string]any{"text": m.Text, "aweType": 700}
	typ := uint64(7)
	if m.Share != nil {
		content = map[string]any{"itemId": m.Share.ID, "content_title": m.Text, "aweType": 800, "uid": m.Share.Author.UID}
		typ = 8
	}
	cj, _ := json.Marshal(content)
	sender := r.acc.Owner.UID
	if !m.FromMe {
		sender = c.Peer.UID
	}
	id, _ := strconv.ParseUint(m.ID, 10, 64)
	uid, _ := strconv.ParseUint(sender, 10, 64)
	return pb(nil).str(1, c.ID).uint(2, c.ShortID).uint(3, id).uint(4, uint64(m.CreatedAt.UnixMicro())).uint(5, uid).bytes(6, cj).uint(7, typ)
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
	cmd := ints[1]
	_, body, err := pbFields(subs[8])
	if err != nil {
		http.Error(w, "bad request body", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	if r.session(req) == "" {
		w.Write(pb(nil).uint(1, cmd).uint(2, 8))
		return
	}
	var out pb
	switch {
	case strings.HasSuffix(req.URL.Path, "/v1/message/get_message_by_init") && cmd == cmdInit:
		args, _, _ := pbFields(body[cmdInit])
		from := min(int(args[1]), len(r.acc.Conversations))
		end := min(len(r.acc.Conversations), from+imPage)
		var init pb
		for _, c := range r.acc.Conversations[from:end] {
			peer, _ := strconv.ParseUint(c.Peer.UID, 10, 64)
			conv := pb(nil).str(1, c.ID).uint(2, c.ShortID).uint(3, peer).str(4, c.Peer.Nickname)
			if n := len(c.Messages); n > 0 {
				conv = conv.bytes(5, r.messagePB(c, c.Messages[n-1]))
			}
			init = init.bytes(1, conv)
		}
		init = init.uint(2, uint64(boolInt(end < len(r.acc.Conversations)))).uint(3, uint64(end))
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
			w.Write(pb(nil).uint(1, cmd).uint(2, 5))
			return
		}
		count := int(args[6])
		if count <= 0 || count > imPage {
			count = imPage
		}
		// Older than the cursor (µs; 0 is now), newest first.
		end := len(conv.Messages)
		if cur := args[5]; cur > 0 {
			for end > 0 && uint64(conv.Messages[end-1].CreatedAt.UnixMicro()) >= cur {
				end--
			}
		}
		from := max(0, end-count)
		var hist pb
		next := uint64(0)
		for i := end - 1; i >= from; i-- {
			hist = hist.bytes(1, r.messagePB(conv, conv.Messages[i]))
			next = uint64(conv.Messages[i].CreatedAt.UnixMicro())
		}
		hist = hist.uint(2, uint64(boolInt(from > 0))).uint(3, next)
		out = pb(nil).bytes(cmdHistory, hist)
	default:
		w.Write(pb(nil).uint(1, cmd).uint(2, 5))
		return
	}
	w.Write(pb(nil).uint(1, cmd).uint(2, 0).bytes(6, out))
}
