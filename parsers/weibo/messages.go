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
	payload, err := open(raw)
	if err != nil {
		return nil, err
	}
	if err := needKey(payload, "comments"); err != nil {
		return nil, err
	}
	var w struct {
		MessageComments
		List json.RawMessage `json:"comments"`
	}
	if err := json.Unmarshal(payload, &w); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	m := w.MessageComments
	if m.Comments, m.Skipped, err = listOf(w.List, commentKind); err != nil {
		return nil, err
	}
	if m.NextCursor == "0" || m.NextCursor == "-1" {
		m.NextCursor = ""
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
	payload, err := open(raw)
	if err != nil {
		return nil, err
	}
	if err := needKey(payload, "statuses"); err != nil {
		return nil, err
	}
	var w struct {
		Mentions
		List json.RawMessage `json:"statuses"`
	}
	if err := json.Unmarshal(payload, &w); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	m := w.Mentions
	if m.Statuses, m.Skipped, err = listOf(w.List, statusKind); err != nil {
		return nil, err
	}
	if m.NextCursor == "0" || m.NextCursor == "-1" {
		m.NextCursor = ""
	}
	return &m, nil
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
