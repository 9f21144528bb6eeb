package weibo

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/farewell-app/farewell/parsers/record"
)

// Private messages are served by api.weibo.com's webim API to the
// api.weibo.com/chat page (real-sites-2026 §W10):
//
//	/webim/2/direct_messages/contacts.json   every conversation, with its
//	    person (or group) and newest message, and totalNumber; some
//	    captures of 2025-26 are the JSON in base64 (chat-service HAR notes)
//	/webim/2/direct_messages/conversation.json?uid=  one person's messages,
//	    newest first, paged by max_id=<oldest id - 1> until an empty list
//	    (SgLy/weibo-message main.py; stablog), total_number on the first page
//	/webim/groupchat/query_messages.json?id=  a group's messages, oldest
//	    first, paged by max_mid=<oldest id>; {result, messages}
//
// Errors are {"error_code", "error", "request"} (with "result": false for
// the group API); 21301 is "auth failed": the session is gone.

// SourceChat is the app key the chat page sends as source=.
const SourceChat = "209678993"

// ChatError is an error answer of the webim API.
type ChatError struct {
	Code int64
	Msg  string
}

func (e *ChatError) Error() string {
	return fmt.Sprintf("weibo chat: error %d: %s", e.Code, e.Msg)
}

// LoggedOut reports whether the API said the session is gone (21301).
func (e *ChatError) LoggedOut() bool { return e.Code == 21301 }

// CheckChat reports an error answer of the webim API, nil for any other.
func CheckChat(raw []byte) error {
	_, err := openChat(raw)
	return err
}

// openChat returns a webim answer's JSON: base64-wrapped answers are
// unwrapped, and error answers returned as *ChatError.
func openChat(raw []byte) ([]byte, error) {
	t := bytes.TrimSpace(raw)
	if len(t) > 0 && t[0] != '{' && t[0] != '[' {
		dec, err := base64.StdEncoding.DecodeString(string(t))
		if err != nil {
			return nil, fmt.Errorf("weibo chat: neither JSON nor base64 JSON: %s", snippet(raw))
		}
		t = bytes.TrimSpace(dec)
	}
	var e struct {
		Code   Num    `json:"error_code"`
		Error  string `json:"error"`
		Result *bool  `json:"result"`
	}
	if len(t) > 0 && t[0] == '{' {
		if err := json.Unmarshal(t, &e); err != nil {
			return nil, fmt.Errorf("weibo chat: %w", err)
		}
		if e.Code.Valid && e.Code.V != 0 {
			return nil, &ChatError{Code: e.Code.V, Msg: e.Error}
		}
		if e.Result != nil && !*e.Result {
			return nil, &ChatError{Msg: firstNonEmpty(e.Error, "result false")}
		}
	}
	return t, nil
}

// ChatUser is a person or group as the chat API shows them.
type ChatUser struct {
	ID         ID     `json:"id"`
	IDStr      string `json:"idstr"`
	Name       string `json:"name"`
	ScreenName string `json:"screen_name"`
	Remark     string `json:"remark"`
	Avatar     string `json:"profile_image_url"`
	// A group's entry is marked by type 2, group_type 3 or a
	// super_group_type (chat-service notes; unverified which one a
	// given account sees).
	Type           Num `json:"type"`
	GroupType      Num `json:"group_type"`
	SuperGroupType Num `json:"super_group_type"`
	// MemberCount is a group's size.
	MemberCount Num `json:"member_count"`
}

// Key is the user's or group's id.
func (u *ChatUser) Key() string { return firstNonEmpty(u.IDStr, string(u.ID)) }

// Shown is the name the chat shows: the remark the person gave, else the
// screen name.
func (u *ChatUser) Shown() string { return firstNonEmpty(u.Remark, u.ScreenName, u.Name) }

// Group reports whether the entry is a group chat.
func (u *ChatUser) Group() bool {
	return u.Type.V == 2 || u.GroupType.V == 3 || u.SuperGroupType.V > 0
}

// Contact is one conversation of contacts.json.
type Contact struct {
	User    ChatUser `json:"user"`
	Message *DM      `json:"message"`
	Unread  Num      `json:"unread_count"`
}

// Contacts is contacts.json's answer.
type Contacts struct {
	Contacts []Contact `json:"-"`
	Total    Num       `json:"totalNumber"`
	Skipped  Skipped   `json:"-"`
}

// DecodeContacts reads contacts.json (plain or base64); entries without
// an id are skipped and counted.
func DecodeContacts(raw []byte) (*Contacts, error) {
	c := &Contacts{}
	var err error
	c.Contacts, c.Skipped, err = chatList(raw, "contacts", func(c *Contact) string { return c.User.Key() }, c)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// chatList decodes the list under key of a webim answer (null entries
// and entries without an id skipped and counted), and the answer's other
// fields into rest.
func chatList[T any](raw []byte, key string, id func(*T) string, rest any) ([]T, Skipped, error) {
	t, err := openChat(raw)
	if err != nil {
		return nil, Skipped{}, err
	}
	if err := needKey(t, key); err != nil {
		return nil, Skipped{}, err
	}
	var lists map[string]json.RawMessage
	if err := json.Unmarshal(t, &lists); err != nil {
		return nil, Skipped{}, fmt.Errorf("weibo chat: %w", err)
	}
	if err := json.Unmarshal(t, rest); err != nil {
		return nil, Skipped{}, fmt.Errorf("weibo chat: %w", err)
	}
	return listOf(lists[key], func(v *T) (bool, string) { return false, id(v) })
}

// DM is one message of conversation.json (and a contact's newest).
type DM struct {
	ID          ID     `json:"id"`
	IDStr       string `json:"idstr"`
	Mid         ID     `json:"mid"`
	CreatedAt   string `json:"created_at"`
	Text        string `json:"text"`
	SenderID    ID     `json:"sender_id"`
	RecipientID ID     `json:"recipient_id"`
	SenderName  string `json:"sender_screen_name"`
	// MediaType is 0 for text, 1 for a picture; other values carry
	// files (att_ids or fids) whose kind is not documented.
	MediaType Num         `json:"media_type"`
	AttIDs    []ID        `json:"att_ids"`
	FIDs      []ID        `json:"fids"`
	URLs      []URLObject `json:"url_objects"`
}

// Key is the message's id.
func (m *DM) Key() string { return firstNonEmpty(m.IDStr, string(m.ID), string(m.Mid)) }

// URLObject is a link card of a message: a shared post's carries the
// post under "status" and its address under info.url_long.
type URLObject struct {
	Info struct {
		Title   string `json:"title"`
		URLLong string `json:"url_long"`
	} `json:"info"`
	Status *struct {
		ID    ID     `json:"id"`
		IDStr string `json:"idstr"`
		Mid   ID     `json:"mid"`
		Text  string `json:"text"`
		User  *struct {
			ID         ID     `json:"id"`
			ScreenName string `json:"screen_name"`
		} `json:"user"`
	} `json:"status"`
}

// Conversation is a page of conversation.json.
type Conversation struct {
	Messages []DM    `json:"-"`
	Total    Num     `json:"total_number"`
	Skipped  Skipped `json:"-"`
}

// DecodeConversation reads a page of a one-to-one conversation (newest
// first).
func DecodeConversation(raw []byte) (*Conversation, error) {
	c := &Conversation{}
	var err error
	c.Messages, c.Skipped, err = chatList(raw, "direct_messages", func(m *DM) string { return m.Key() }, c)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// GroupMessage is one message of query_messages.json.
type GroupMessage struct {
	ID        ID     `json:"id"`
	GID       ID     `json:"gid"`
	Time      Num    `json:"time"` // seconds
	Content   string `json:"content"`
	FromUID   ID     `json:"from_uid"`
	MediaType Num    `json:"media_type"`
	FIDs      []ID   `json:"fids"`
	// MblogID is the post a shared-post message links to.
	MblogID  string      `json:"mblogid"`
	Recalled Num         `json:"recall_status"`
	URLs     []URLObject `json:"url_objects"`
	FromUser *struct {
		ID         ID     `json:"id"`
		ScreenName string `json:"screen_name"`
	} `json:"from_user"`
}

// GroupPage is a page of a group's messages (oldest first).
type GroupPage struct {
	Messages []GroupMessage `json:"-"`
	Skipped  Skipped        `json:"-"`
}

// DecodeGroupMessages reads a page of query_messages.json.
func DecodeGroupMessages(raw []byte) (*GroupPage, error) {
	g := &GroupPage{}
	var err error
	g.Messages, g.Skipped, err = chatList(raw, "messages", func(m *GroupMessage) string { return string(m.ID) }, g)
	if err != nil {
		return nil, err
	}
	return g, nil
}

// Oldest is the smallest message id of a page ("" when empty): conversation
// pages go on from one less than it, group pages from it.
func Oldest(ids []string) string {
	best := ""
	var bv uint64
	for _, id := range ids {
		v, err := strconv.ParseUint(id, 10, 64)
		if err != nil {
			continue
		}
		if best == "" || v < bv {
			best, bv = id, v
		}
	}
	return best
}

// ChatPicture is the address of a message's picture or file by its fid
// (upload.api.weibo.com/2/mss/msget, SgLy/weibo-message).
func ChatPicture(fid string) string {
	return "https://upload.api.weibo.com/2/mss/msget?source=" + SourceChat + "&fid=" + url.QueryEscape(fid)
}

// DMRecord makes a one-to-one message's record; owner is the person
// backed up, peer the conversation's other side.
func DMRecord(m *DM, owner string, peer *ChatUser) record.Message {
	rec := record.Message{Record: record.TypeMessage, Platform: Platform, ID: m.Key(), ConversationType: "one_to_one",
		CreatedAt: Time(m.CreatedAt), Text: m.Text, FromMe: string(m.SenderID) == owner}
	if peer != nil {
		rec.ConversationID = peer.Key()
		rec.Peer = &record.Ref{ID: peer.Key(), Name: peer.Shown()}
	}
	if rec.ConversationID == "" {
		rec.ConversationID = string(m.SenderID)
		if rec.FromMe {
			rec.ConversationID = string(m.RecipientID)
		}
	}
	rec.Sender = &record.Ref{ID: string(m.SenderID), Name: m.SenderName}
	fids := m.AttIDs
	if len(fids) == 0 {
		fids = m.FIDs
	}
	chatKind(&rec, m.MediaType, fids, m.URLs, "")
	return rec
}

// GroupRecord makes a group message's record.
func GroupRecord(m *GroupMessage, owner string, group *ChatUser) record.Message {
	rec := record.Message{Record: record.TypeMessage, Platform: Platform, ID: string(m.ID), ConversationID: string(m.GID),
		ConversationType: "group", Text: m.Content, FromMe: string(m.FromUID) == owner}
	if group != nil {
		rec.ConversationName = group.Shown()
		if rec.ConversationID == "" {
			rec.ConversationID = group.Key()
		}
	}
	if m.Time.Valid && m.Time.V > 0 {
		rec.CreatedAt = time.Unix(m.Time.V, 0).In(shanghai).Format(time.RFC3339)
	}
	rec.Sender = &record.Ref{ID: string(m.FromUID)}
	if m.FromUser != nil {
		rec.Sender.Name = m.FromUser.ScreenName
	}
	if m.Recalled.V != 0 {
		rec.Kind = "recalled"
	}
	chatKind(&rec, m.MediaType, m.FIDs, m.URLs, m.MblogID)
	return rec
}

// chatKind sets a message's kind, media and shared post.
func chatKind(rec *record.Message, mediaType Num, fids []ID, urls []URLObject, mblogID string) {
	if rec.Kind == "" {
		rec.Kind = "text"
	}
	for _, f := range fids {
		if f == "" {
			continue
		}
		typ := record.MediaImage
		if mediaType.V != 1 {
			typ = record.MediaFile
		}
		rec.Media = append(rec.Media, record.Media{Type: typ, URL: ChatPicture(string(f))})
	}
	switch {
	case mediaType.V == 1 && len(rec.Media) > 0:
		rec.Kind = "picture"
	case len(rec.Media) > 0:
		rec.Kind = "file"
	}
	for _, u := range urls {
		if u.Status == nil {
			continue
		}
		id := firstNonEmpty(u.Status.IDStr, string(u.Status.ID), string(u.Status.Mid))
		if id == "" {
			continue
		}
		sw := &record.SharedWork{ID: id, URL: u.Info.URLLong, Title: u.Status.Text}
		if u.Status.User != nil {
			sw.Author = &record.Ref{ID: string(u.Status.User.ID), Name: u.Status.User.ScreenName}
		}
		rec.Share, rec.Kind = sw, "share"
		return
	}
	if mblogID != "" {
		rec.Share, rec.Kind = &record.SharedWork{ID: mblogID, URL: "https://weibo.com/detail/" + url.PathEscape(mblogID)}, "share"
	}
}

// ShownText is the text the chat shows for a message: its text, trimmed.
func ShownText(m record.Message) string { return strings.TrimSpace(m.Text) }
