package douyin

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/farewell-app/farewell/parsers/record"
)

// enc writes protobuf for the IM fixtures: the fixtures are built here,
// field by field as the public decoders document the layout (see im.go),
// so that each byte of them says where it comes from.
type enc []byte

func (e enc) u(field int, v uint64) enc {
	e = binary.AppendUvarint(e, uint64(field)<<3)
	return binary.AppendUvarint(e, v)
}

func (e enc) b(field int, v []byte) enc {
	e = binary.AppendUvarint(e, uint64(field)<<3|2)
	e = binary.AppendUvarint(e, uint64(len(v)))
	return append(e, v...)
}

func (e enc) s(field int, v string) enc { return e.b(field, []byte(v)) }

const (
	fxOwner  = 61234567890
	fxFriend = 71112223334
	fxOther  = 71112223335
	fxConv   = "0:1:71112223334:61234567890" // the owner second: the order is not fixed
	fxGroup  = "7100000000000012345"
	fxKey    = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
)

// fxMessage is a MessageBody with the 2026 fields: the send time only in
// ext (ms), field 4 the index, field 5 the conversation's short id.
func fxMessage(conv string, ctype uint64, id uint64, index uint64, typ uint64, sender uint64, content string, ms string) enc {
	m := enc(nil).s(1, conv).u(2, ctype).u(3, id).u(4, index).u(5, 7012345678901234567).u(6, typ).u(7, sender).s(8, content)
	m = m.b(9, enc(nil).s(1, "s:client_message_id").s(2, "0b7c1a3e-5f0e-4a55-9f7e-1d2c3b4a5968"))
	if ms != "" {
		m = m.b(9, enc(nil).s(1, "s:server_message_create_time").s(2, ms))
	}
	return m.s(14, "MS4wLjABAAAA"+hex.EncodeToString([]byte{byte(sender)}))
}

func fxEnvelope(cmd uint64, body enc) enc {
	return enc(nil).u(1, cmd).u(2, 10023).s(4, "OK").u(5, 0).b(6, body).u(13, fxOwner)
}

// imFixtures are the IM test files, built.
func imFixtures() map[string][]byte {
	text := fxMessage(fxConv, 1, 7300000000000000001, 41, 7, fxFriend, `{"text":"明天见 <b>&amp;","aweType":700,"mention_users":[],"richTextInfos":[]}`, "1763611200123")
	quoting := fxMessage(fxConv, 1, 7300000000000000002, 42, 7, fxOwner, `{"text":"好呀","aweType":700}`, "1763611260456").b(18, text)
	picture := fxMessage(fxConv, 1, 7300000000000000003, 43, 27, fxFriend, `{"aweType":2702,"resource_url":{"skey":"`+fxKey+`","origin_url_list":["https://p3-im.douyinpic.com/im/pic/abc"],"large_url_list":["https://p3-im.douyinpic.com/im/pic/abc?size=large"],"md5":"abc"}}`, "1763611320000")
	share := fxMessage(fxConv, 1, 7300000000000000004, 44, 8, fxOwner, `{"aweType":800,"itemId":7301234567890123456,"content_title":"周末去爬山","content_name":"山里人","secUID":"MS4wLjABAAAAhiker","cover_url":{"url_list":["https://p3-pc-sign.douyinpic.com/tos-cn-p-0015/cover~noop.jpeg"]}}`, "1763611380000")
	sticker := fxMessage(fxConv, 1, 7300000000000000005, 45, 5, fxFriend, `{"aweType":507,"display_name":"[比心]","url":{"url_list":["https://p3-im.douyinpic.com/im/sticker/s1"]}}`, "1763611440000")
	voice := fxMessage(fxConv, 1, 7300000000000000006, 46, 17, fxFriend, `{"aweType":700,"duration":12500,"resource_url":{"url_list":["https://lf-im.douyinstatic.com/obj/im-voice/v1.mp3"]}}`, "1763611500000")
	transfer := fxMessage(fxConv, 1, 7300000000000000007, 47, 7, fxOwner, `{"aweType":6003,"trans_type":1,"title":"转账 ¥20.00"}`, "1763611560000")
	unknown := fxMessage(fxConv, 1, 7300000000000000008, 48, 1001, fxFriend, `{"aweType":100157,"push_detail":"对方已开启消息免打扰"}`, "1763611620000")
	hist := enc(nil)
	for _, m := range []enc{unknown, transfer, voice, sticker, share, picture, quoting, text} { // newest first
		hist = hist.b(1, m)
	}
	hist = hist.u(2, 41).u(3, 1)

	// Lenient: the messages under another field of the history body, the
	// time only as a µs value in field 4 (no ext).
	old := enc(nil).s(1, fxGroup).u(2, 2).u(3, 7300000000000000100).u(4, 1700000000123456).u(6, 7).u(7, fxOther).s(8, `{"text":"群里的老消息"}`)
	lenient := enc(nil).b(5, old).u(2, 0).u(3, 0)

	member := func(uid uint64, sec string) enc { return enc(nil).u(1, uid).s(5, sec) }
	one := enc(nil).b(1, enc(nil).s(1, fxConv).u(2, 7012345678901234567).u(3, 1).s(4, "deprecated_ticket1").
		b(6, enc(nil).b(1, member(fxOwner, "MS4wLjABAAAAowner")).b(1, member(fxFriend, "MS4wLjABAAAAfriend1")))).b(2, unknown)
	group := enc(nil).b(1, enc(nil).s(1, fxGroup).u(2, 7012345678901239999).u(3, 2).s(4, "deprecated_ticket2").
		b(6, enc(nil).b(1, member(fxOwner, "MS4wLjABAAAAowner")).b(1, member(fxFriend, "MS4wLjABAAAAfriend1")).b(1, member(fxOther, "MS4wLjABAAAAfriend2")))).
		b(2, fxMessage(fxGroup, 2, 7300000000000000200, 9, 7, fxOther, `{"text":"周六见"}`, "1763611700000"))
	init := enc(nil).b(1, one).b(1, group)

	return map[string][]byte{
		"im-history.bin":         fxEnvelope(IMCmdHistory, enc(nil).b(IMCmdHistory, hist)),
		"im-history-lenient.bin": fxEnvelope(IMCmdHistory, enc(nil).b(IMCmdHistory, lenient)),
		"im-init.bin":            fxEnvelope(IMCmdInit, enc(nil).b(IMCmdInit, init)),
		"im-loggedout.bin":       enc(nil).u(1, IMCmdHistory).u(2, 10025).u(3, 5).s(4, "用户未登录").u(5, 0),
	}
}

// TestIMFixtures keeps the fixture files equal to what imFixtures builds
// (go test -update rewrites them).
func TestIMFixtures(t *testing.T) {
	for name, want := range imFixtures() {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what imFixtures builds (run go test -update)", name)
		}
	}
}

func TestIMDecode(t *testing.T) {
	h, err := DecodeIM(mustRead(t, "im-history.bin"))
	if err != nil {
		t.Fatal(err)
	}
	// The sequence id is not a status: decoding it as one was the old bug.
	if h.Sequence != 10023 || h.Owner != "61234567890" || len(h.Messages) != 8 || !h.HasMore || h.NextCursor != 41 {
		t.Fatalf("history seq %d owner %q %d messages more %v cursor %d", h.Sequence, h.Owner, len(h.Messages), h.HasMore, h.NextCursor)
	}
	kinds := map[string]string{}
	for i := range h.Messages {
		kinds[h.Messages[i].ID] = h.Messages[i].Kind()
	}
	want := map[string]string{"7300000000000000001": KindText, "7300000000000000003": KindPicture, "7300000000000000004": KindShare,
		"7300000000000000005": KindSticker, "7300000000000000006": KindVoice, "7300000000000000007": KindTransfer, "7300000000000000008": KindOther}
	for id, k := range want {
		if kinds[id] != k {
			t.Errorf("message %s is %q, want %q", id, kinds[id], k)
		}
	}
	SortMessages(h.Messages)
	if h.Messages[0].ID != "7300000000000000001" || h.Messages[0].CreatedMS() != 1763611200123 {
		t.Errorf("oldest %s at %d", h.Messages[0].ID, h.Messages[0].CreatedMS())
	}
	if q := h.Messages[1].Quoted; q == nil || q.ID != "7300000000000000001" {
		t.Errorf("the reply's quote: %+v", q)
	}

	l, err := DecodeIM(mustRead(t, "im-history-lenient.bin"))
	if err != nil || len(l.Messages) != 1 || l.Messages[0].CreatedMS() != 1700000000123 {
		t.Fatalf("lenient history: %+v %v", l, err)
	}

	a, err := DecodeIM(mustRead(t, "im-init.bin"))
	if err != nil || len(a.Conversations) != 2 {
		t.Fatalf("init: %+v %v", a, err)
	}
	one, group := a.Conversations[0], a.Conversations[1]
	if one.Group() || one.Peer("61234567890") != (IMMember{UID: "71112223334", SecUID: "MS4wLjABAAAAfriend1"}) || one.Last == nil {
		t.Errorf("one-to-one %+v", one)
	}
	if !group.Group() || len(group.Members) != 3 || group.Last == nil || group.Last.Sender != "71112223335" {
		t.Errorf("group %+v", group)
	}
	// Without participants, the peer comes from the conversation id in
	// either order.
	bare := IMConversation{ID: "0:1:61234567890:71112223334", Type: 1}
	if p := bare.Peer("61234567890"); p.UID != "71112223334" {
		t.Errorf("peer from the id: %+v", p)
	}

	_, err = DecodeIM(mustRead(t, "im-loggedout.bin"))
	var e *Error
	if !errors.As(err, &e) || !e.LoggedOut() || e.Code != 5 {
		t.Errorf("logged out: %v", err)
	}
}

func TestIMRequestConversation(t *testing.T) {
	req := enc(nil).u(1, IMCmdHistory).u(2, 10030).s(3, "0.1.6").
		b(8, enc(nil).b(IMCmdHistory, enc(nil).s(1, fxConv).u(2, 1).u(3, 7012345678901234567).u(4, 1).u(5, 0).u(6, 20))).s(11, "douyin_pc")
	if got := IMRequestConversation(req); got != fxConv {
		t.Errorf("got %q", got)
	}
	if got := IMRequestConversation([]byte("{}")); got != "" {
		t.Errorf("JSON: %q", got)
	}
}

func TestMessageRecords(t *testing.T) {
	a, _ := DecodeIM(mustRead(t, "im-init.bin"))
	h, _ := DecodeIM(mustRead(t, "im-history.bin"))
	x := IMContext{Owner: "61234567890", Conv: &a.Conversations[0], Names: map[string]string{"71112223334": "私信好友"}}
	recs := map[string]record.Message{}
	for i := range h.Messages {
		r := MessageRecord(&h.Messages[i], x)
		recs[r.ID] = r
	}
	text := recs["7300000000000000001"]
	if text.Text != "明天见 <b>&amp;" || text.FromMe || text.Peer == nil || text.Peer.Name != "私信好友" || text.ConversationType != "one_to_one" ||
		text.CreatedAt != "2025-11-20T12:00:00+08:00" || text.Sender.ID != "71112223334" {
		t.Errorf("text %+v", text)
	}
	share := recs["7300000000000000004"]
	if !share.FromMe || share.Share == nil || share.Share.ID != "7301234567890123456" || share.Share.URL != "https://www.douyin.com/video/7301234567890123456" ||
		share.Share.Author == nil || share.Share.Author.Name != "山里人" {
		t.Errorf("share %+v", share)
	}
	if p := recs["7300000000000000003"]; len(p.Media) != 1 || p.Media[0].URL != "https://p3-im.douyinpic.com/im/pic/abc" {
		t.Errorf("picture %+v", p)
	}
	if v := recs["7300000000000000006"]; len(v.Media) != 1 || v.Media[0].Type != record.MediaAudio || v.Media[0].Duration != 12500 {
		t.Errorf("voice %+v", v)
	}
	if q := recs["7300000000000000002"].Quoted; q == nil || q.Text != "明天见 <b>&amp;" {
		t.Errorf("quote %+v", q)
	}
	g := MessageRecord(a.Conversations[1].Last, IMContext{Owner: "61234567890", Conv: &a.Conversations[1]})
	if g.ConversationType != "group" || g.Peer != nil {
		t.Errorf("group message %+v", g)
	}
}

func TestOpenPicture(t *testing.T) {
	key, _ := hex.DecodeString(fxKey)
	block, _ := aes.NewCipher(key)
	gcm, _ := cipher.NewGCM(block)
	plain := []byte("\xff\xd8\xff\xe0 a JPEG")
	nonce := []byte("twelve bytes")
	sealed := gcm.Seal(append([]byte(nil), nonce...), nonce, plain, nil)
	tampered := append([]byte(nil), sealed...)
	tampered[len(tampered)-1] ^= 1
	got, err := OpenPicture(fxKey, sealed)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("open: %q %v", got, err)
	}
	for name, c := range map[string]struct {
		key    string
		sealed []byte
	}{
		"wrong key":  {"ff" + fxKey[2:], sealed},
		"short key":  {fxKey[:32], sealed},
		"not hex":    {"zz" + fxKey[2:], sealed},
		"tampered":   {fxKey, tampered},
		"too short":  {fxKey, sealed[:20]},
		"empty file": {fxKey, nil},
	} {
		if _, err := OpenPicture(c.key, c.sealed); err == nil {
			t.Errorf("%s: opened", name)
		}
	}
}
