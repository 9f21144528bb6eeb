package douyin

import (
	"strconv"

	"github.com/farewell-app/farewell/parsers/record"
)

// Notice is one notification of /aweme/v1/web/notice/'s notice_list_v2
// (with is_new_notice=1; the older notice_list stays empty). Public code
// reads: nid (a bare number) or nid_str, type, create_time (seconds), and
// a payload by type: comment.comment (the comment, with its user) and
// comment.aweme (the work) for 31, follow.from_user for 33, digg.aweme
// for 41, at.content for an @-mention (45) and general_notice.content
// for the rest (cv-cat/DouYin_Spider dy_apis/douyin_api.py 2026-07; notes
// from HAR captures of 2025–26). Who liked a work (digg.from_user) and
// the danmaku payload are not in public code: they are read under those
// names when present, never required.
type Notice struct {
	NID        ID  `json:"nid"`
	NIDStr     ID  `json:"nid_str"`
	Type       Int `json:"type"`
	CreateTime Int `json:"create_time"`
	Comment    *struct {
		Comment *Comment `json:"comment"`
		Aweme   *Aweme   `json:"aweme"`
	} `json:"comment"`
	Follow *struct {
		FromUser *User `json:"from_user"`
	} `json:"follow"`
	Digg *struct {
		Aweme    *Aweme `json:"aweme"`
		FromUser []User `json:"from_user"`
	} `json:"digg"`
	At       *noticeText `json:"at"`
	Danmaku  *noticeText `json:"danmaku"`
	General  *noticeText `json:"general_notice"`
	FromUser *User       `json:"from_user"`
}

// noticeText is a payload that carries a text, who wrote it and the work.
type noticeText struct {
	Content  string `json:"content"`
	FromUser *User  `json:"from_user"`
	User     *User  `json:"user"`
	Aweme    *Aweme `json:"aweme"`
}

// Key is the notification's id.
func (n *Notice) Key() string { return firstNonEmpty(string(n.NIDStr), string(n.NID)) }

// Notices is a page of /aweme/v1/web/notice/: has_more 0/1 and the time
// window of the page (the next page asks before min_time).
type Notices struct {
	List    []Notice `json:"notice_list_v2"`
	Old     []Notice `json:"notice_list"`
	HasMore More     `json:"has_more"`
	MinTime Int      `json:"min_time"`
	MaxTime Int      `json:"max_time"`
}

// Items returns the page's notifications, whichever list holds them.
func (n *Notices) Items() []Notice { return either(n.List, n.Old) }

// DecodeNotices reads a page of notifications. An answer with neither
// list nor has_more (an unsigned request's bare status_code 0) is an
// error, not an empty page.
func DecodeNotices(raw []byte) (*Notices, error) {
	return decodeIDs(raw, "notification", []string{"notice_list_v2", "notice_list"}, (*Notices).Items, (*Notice).Key)
}

// Notice kinds, by the type public code names.
var noticeKinds = map[int64]string{31: "comment", 33: "follow", 41: "like", 45: "mention"}

// NotificationRecord converts a notification: its kind from its type,
// else from the payload it carries; who, the text and the work from
// that payload.
func NotificationRecord(n *Notice, raw string) record.Notification {
	r := record.Notification{Record: record.TypeNotification, Platform: Platform, ID: n.Key(), CreatedAt: Time(n.CreateTime.V), Raw: raw}
	kind := noticeKinds[n.Type.V]
	var from *User
	var work *Aweme
	switch {
	case n.Comment != nil && (kind == "" || kind == "comment"):
		kind = "comment"
		if c := n.Comment.Comment; c != nil {
			r.Text, r.CommentID, from = c.Text, string(c.CID), c.User
		}
		work = n.Comment.Aweme
	case n.Follow != nil && (kind == "" || kind == "follow"):
		kind, from = "follow", n.Follow.FromUser
	case n.Digg != nil && (kind == "" || kind == "like"):
		kind, work = "like", n.Digg.Aweme
		if len(n.Digg.FromUser) > 0 {
			from = &n.Digg.FromUser[0]
		}
	case n.At != nil && (kind == "" || kind == "mention"):
		kind = "mention"
		r.Text, from, work = n.At.Content, n.At.who(), n.At.Aweme
	case n.Danmaku != nil && kind == "":
		kind = "danmaku"
		r.Text, from, work = n.Danmaku.Content, n.Danmaku.who(), n.Danmaku.Aweme
	case n.General != nil:
		r.Text, from, work = n.General.Content, n.General.who(), n.General.Aweme
	}
	if kind == "" {
		kind = "other"
	}
	if kind == "other" || noticeKinds[n.Type.V] == "" {
		r.Code = strconv.FormatInt(n.Type.V, 10)
	}
	r.Kind = kind
	if from == nil {
		from = n.FromUser
	}
	if from != nil && (from.UID != "" || from.Nickname != "") {
		r.From = &record.Ref{ID: firstNonEmpty(string(from.UID), from.SecUID), Name: from.Nickname}
	}
	if work != nil && work.AwemeID != "" {
		p := Post(work, "")
		r.Post = &record.Post{Record: record.TypePost, Platform: Platform, ID: p.ID, URL: p.URL, Author: p.Author, CreatedAt: p.CreatedAt, Text: p.Text}
	}
	return r
}

// who is the person a payload names.
func (t *noticeText) who() *User {
	if t.FromUser != nil {
		return t.FromUser
	}
	return t.User
}
