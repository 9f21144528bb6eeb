package weibo

import (
	"encoding/json"
	"fmt"

	"github.com/farewell-app/farewell/parsers/record"
)

// The lists of the person's messages box (real-sites-2026 §W10; nnecec/xb
// src/lib/weibo/services/adapters, 2026; cssxsh/weibo-helper): each is
// {ok, data:{<list>, total_number, next_cursor}}, paged by
// max_id=<next_cursor>, and ends at a next_cursor of 0 or an empty list.
//
//	/ajax/message/myCmt       comments the person wrote (comments, each with its status)
//	/ajax/message/cmt         comments the person received (comments)
//	/ajax/comments/mentions   comments that @-mention the person (comments; shape inferred)
//	/ajax/statuses/mentions   posts that @-mention the person (statuses)

// MessageComments is one page of myCmt, cmt or comments/mentions.
type MessageComments struct {
	Comments   []Comment `json:"-"`
	Total      Num       `json:"total_number"`
	NextCursor ID        `json:"next_cursor"`
	Skipped    Skipped   `json:"-"`
}

// DecodeMessageComments reads a page of comments of the messages box.
func DecodeMessageComments(raw []byte) (*MessageComments, error) {
	var m MessageComments
	var err error
	m.Comments, m.Total, m.NextCursor, m.Skipped, err = boxList(raw, "comments", commentKind)
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// Mentions is one page of statuses/mentions.
type Mentions struct {
	Statuses   []Status `json:"-"`
	Total      Num      `json:"total_number"`
	NextCursor ID       `json:"next_cursor"`
	Skipped    Skipped  `json:"-"`
}

// DecodeMentions reads a page of the posts that @-mention the person; ads
// (isAd, which xb drops) are skipped and counted.
func DecodeMentions(raw []byte) (*Mentions, error) {
	var m Mentions
	var err error
	m.Statuses, m.Total, m.NextCursor, m.Skipped, err = boxList(raw, "statuses", statusKind)
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// boxList decodes a page of a list of the messages box: its entries under
// key (null entries, ads and entries without an id skipped and counted),
// total_number, and next_cursor ("" at the end: 0 or -1).
func boxList[T any](raw []byte, key string, kind func(*T) (bool, string)) ([]T, Num, ID, Skipped, error) {
	payload, err := open(raw)
	if err != nil {
		return nil, Num{}, "", Skipped{}, err
	}
	if err := needKey(payload, key); err != nil {
		return nil, Num{}, "", Skipped{}, err
	}
	var w struct {
		Total      Num `json:"total_number"`
		NextCursor ID  `json:"next_cursor"`
	}
	var lists map[string]json.RawMessage
	if err := json.Unmarshal(payload, &w); err != nil {
		return nil, Num{}, "", Skipped{}, fmt.Errorf("weibo: %w", err)
	}
	if err := json.Unmarshal(payload, &lists); err != nil {
		return nil, Num{}, "", Skipped{}, fmt.Errorf("weibo: %w", err)
	}
	list, skipped, err := listOf(lists[key], kind)
	if err != nil {
		return nil, Num{}, "", Skipped{}, err
	}
	if w.NextCursor == "0" || w.NextCursor == "-1" {
		w.NextCursor = ""
	}
	return list, w.Total, w.NextCursor, skipped, nil
}

// PostShown is the post a comment of the messages box answers, as the
// box shows it: who wrote it and its text, without its media (the post
// is someone else's, or kept whole in posts).
func PostShown(s *Status) *record.Post {
	if s == nil || s.Key() == "" {
		return nil
	}
	p := Post(s, PostOptions{})
	p.Media, p.RepostOf, p.Counts, p.HTML, p.Links = nil, nil, nil, "", nil
	return &p
}

// DecodeEditHistory reads statuses/editHistory: every version of an
// edited post, the current one first (a 2025–26 crawler and a downloader
// read "statuses" at the top level, newest first).
func DecodeEditHistory(raw []byte) ([]Status, error) {
	if err := Check(raw); err != nil {
		return nil, err
	}
	if err := needKey(raw, "statuses"); err != nil {
		return nil, err
	}
	var w struct {
		List json.RawMessage `json:"statuses"`
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	list, _, err := listOf(w.List, statusKind)
	return list, err
}

// Edits are a post's earlier versions from its edit history (versions,
// the current one first): newest first, each as the box of a post shows
// it, its time the time that version was written.
func Edits(versions []Status) []record.Post {
	var out []record.Post
	for i := 1; i < len(versions); i++ {
		if p := PostShown(&versions[i]); p != nil {
			out = append(out, *p)
		}
	}
	return out
}
