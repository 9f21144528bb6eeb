package douyin

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/farewell-app/farewell/parsers/record"
)

// A message's content is a JSON string whose shape depends on its
// message_type (field 6 of MessageBody). The fields below are those public
// decoders read (creatorhub douyin_im_pb.py, douyin-chat-export
// web_scraper.py, 2026):
//
//	7  text      {"text", "aweType": 700}
//	5  sticker   {"url": {"url_list"}, "display_name"}
//	17 voice     {"resource_url": {"url_list"}, "duration" (ms)}
//	27 picture   {"resource_url": {"skey", "origin_url_list", "large_url_list", …}}
//	             (aweType 2702–2704); the file is AES-256-GCM encrypted
//	8  share     {"itemId", "content_title", "content_name" (author),
//	             "secUID", "cover_url": {"url_list"}}
//	   transfer  any type with "trans_type", its "title"
type imContent struct {
	Text        string `json:"text"`
	AweType     Int    `json:"aweType"`
	DisplayName string `json:"display_name"`
	URL         *URLs  `json:"url"`
	Resource    *struct {
		SKey     string   `json:"skey"`
		Origin   []string `json:"origin_url_list"`
		Large    []string `json:"large_url_list"`
		URLList  []string `json:"url_list"`
		Duration Int      `json:"duration"`
	} `json:"resource_url"`
	Duration    Int    `json:"duration"`
	ItemID      ID     `json:"itemId"`
	Title       string `json:"content_title"`
	Author      string `json:"content_name"`
	AuthorSec   string `json:"secUID"`
	TransType   *Int   `json:"trans_type"`
	TransTitle  string `json:"title"`
	PushDetail  string `json:"push_detail"`
	Description string `json:"description"`
}

// Message kinds, as records name them.
const (
	KindText     = "text"
	KindSticker  = "sticker"
	KindVoice    = "voice"
	KindPicture  = "picture"
	KindShare    = "share"
	KindTransfer = "transfer"
	KindOther    = "other"
)

// Message types of MessageBody field 6.
const (
	imTypeSticker = 5
	imTypeText    = 7
	imTypeShare   = 8
	imTypeVoice   = 17
	imTypePicture = 27
)

func (m *IMMessage) content() imContent {
	var c imContent
	if json.Unmarshal([]byte(m.Content), &c) != nil {
		return imContent{}
	}
	return c
}

// Kind says what the message is.
func (m *IMMessage) Kind() string {
	c := m.content()
	switch {
	case c.TransType != nil:
		return KindTransfer
	case m.Type == imTypeShare || c.ItemID != "":
		return KindShare
	case m.Type == imTypePicture || (c.AweType.V >= 2702 && c.AweType.V <= 2704):
		return KindPicture
	case m.Type == imTypeVoice:
		return KindVoice
	case m.Type == imTypeSticker:
		return KindSticker
	case m.Type == imTypeText || c.Text != "":
		return KindText
	}
	return KindOther
}

// Shown is the text the chat shows in a message's bubble where public
// tools find it (the text, a shared work's title); "" for the other kinds,
// whose bubbles have no documented text element.
func (m *IMMessage) Shown() string {
	c := m.content()
	switch m.Kind() {
	case KindText:
		return c.Text
	case KindShare:
		return c.Title
	}
	return ""
}

// Picture returns where an encrypted DM picture is and its key (hex);
// "" when the message is not a picture.
func (m *IMMessage) Picture() (url, skey string) {
	c := m.content()
	if m.Kind() != KindPicture || c.Resource == nil {
		return "", ""
	}
	for _, l := range [][]string{c.Resource.Origin, c.Resource.Large, c.Resource.URLList} {
		if len(l) > 0 && l[0] != "" {
			return l[0], c.Resource.SKey
		}
	}
	return "", ""
}

// OpenPicture decrypts a DM picture: AES-256-GCM with the message's skey
// (64 hex digits), the first 12 bytes of the file being the nonce and the
// rest the ciphertext and its tag (douyin-chat-export _save_image).
func OpenPicture(skey string, sealed []byte) ([]byte, error) {
	key, err := hex.DecodeString(skey)
	if err != nil || len(key) != 32 {
		return nil, errors.New("douyin im: the picture's key is not 32 bytes of hex")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	if len(sealed) < gcm.NonceSize()+gcm.Overhead() {
		return nil, fmt.Errorf("douyin im: an encrypted picture of %d bytes is too short", len(sealed))
	}
	plain, err := gcm.Open(nil, sealed[:gcm.NonceSize()], sealed[gcm.NonceSize():], nil)
	if err != nil {
		return nil, fmt.Errorf("douyin im: the picture does not decrypt with its key: %w", err)
	}
	return plain, nil
}

// IMContext is what a message's record needs beyond the message: whose
// account it is, the conversation, and the names of its people.
type IMContext struct {
	Owner string // the account's uid
	Conv  *IMConversation
	Names map[string]string // uid → nickname, from im/user/info
}

func (x IMContext) ref(uid, sec string) *record.Ref {
	if uid == "" {
		return nil
	}
	return &record.Ref{ID: uid, Name: x.Names[uid]}
}

// MessageRecord converts a message.
func MessageRecord(m *IMMessage, x IMContext) record.Message {
	c := m.content()
	r := record.Message{Record: record.TypeMessage, Platform: Platform, ID: m.ID, ConversationID: m.ConversationID,
		FromMe: x.Owner != "" && m.Sender == x.Owner, Kind: m.Kind(), Sender: x.ref(m.Sender, m.SenderSecUID)}
	if x.Conv != nil {
		r.ConversationType = "one_to_one"
		if x.Conv.Group() {
			r.ConversationType = "group"
		} else if p := x.Conv.Peer(x.Owner); p.UID != "" {
			r.Peer = x.ref(p.UID, p.SecUID)
		}
	}
	if ms := m.CreatedMS(); ms > 0 {
		r.CreatedAt = time.UnixMilli(ms).In(shanghai).Format(time.RFC3339)
	}
	switch r.Kind {
	case KindText:
		r.Text = c.Text
	case KindShare:
		r.Text = c.Title
		r.Share = &record.SharedWork{ID: string(c.ItemID), URL: "https://www.douyin.com/video/" + string(c.ItemID), Title: c.Title}
		if c.Author != "" || c.AuthorSec != "" {
			r.Share.Author = &record.Ref{ID: c.AuthorSec, Name: c.Author}
		}
	case KindTransfer:
		r.Text = c.TransTitle
	case KindSticker:
		r.Text = c.DisplayName
		if u := c.URL.First(); u != "" {
			r.Media = []record.Media{{Type: record.MediaImage, URL: u}}
		}
	case KindVoice:
		if c.Resource != nil && len(c.Resource.URLList) > 0 {
			d := c.Duration.V
			if d == 0 {
				d = c.Resource.Duration.V
			}
			r.Media = []record.Media{{Type: record.MediaAudio, URL: c.Resource.URLList[0], Duration: d}}
		}
	case KindPicture:
		if u, _ := m.Picture(); u != "" {
			r.Media = []record.Media{{Type: record.MediaImage, URL: u}}
		}
	default:
		r.Text = firstNonEmpty(c.Text, c.PushDetail, c.Description)
		if r.Text == "" {
			r.Text = fmt.Sprintf("[message_type %d]", m.Type)
		}
	}
	if m.Quoted != nil {
		r.Quoted = &record.Quote{ID: m.Quoted.ID, Text: m.Quoted.Shown()}
	}
	return r
}

// IMUsers is an answer of /aweme/v1/web/im/user/info/: the people of the
// conversations, which the protobuf conversation list names only by uid
// (creatorhub account_hub.py hydrates nicknames from it).
type IMUsers struct {
	Envelope
	Data []User `json:"data"`
}

// DecodeIMUsers reads an im/user/info answer.
func DecodeIMUsers(raw []byte) (*IMUsers, error) {
	var u IMUsers
	if err := decode(raw, &u); err != nil {
		return nil, err
	}
	return &u, nil
}
