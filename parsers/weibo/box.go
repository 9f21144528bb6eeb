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

// BoxPage is one page of a list of the messages box.
type BoxPage[T any] struct {
	Items      []T
	Total      Num // total_number
	NextCursor ID  // "" at the end
	Skipped    Skipped
}

// DecodeMessageComments reads a page of comments of the messages box
// (myCmt, cmt, comments/mentions).
func DecodeMessageComments(raw []byte) (*BoxPage[Comment], error) {
	return boxList(raw, "comments", commentKind)
}

// DecodeMentions reads a page of the posts that @-mention the person; ads
// (isAd, which xb drops) are skipped and counted.
func DecodeMentions(raw []byte) (*BoxPage[Status], error) {
	return boxList(raw, "statuses", statusKind)
}

// boxList decodes a page of a list of the messages box: its entries under
// key (null entries, ads and entries without an id skipped and counted),
// total_number, and next_cursor ("" at the end: 0 or -1).
func boxList[T any](raw []byte, key string, kind func(*T) (bool, string)) (*BoxPage[T], error) {
	payload, err := open(raw)
	if err != nil {
		return nil, err
	}
	// One pass over the payload: the list and its two numbers are
	// taken from the decoded object.
	var lists map[string]json.RawMessage
	if err := json.Unmarshal(payload, &lists); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	if err := keyIn(lists, key); err != nil {
		return nil, err
	}
	var w struct {
		Total      Num
		NextCursor ID
	}
	for name, v := range map[string]any{"total_number": &w.Total, "next_cursor": &w.NextCursor} {
		if raw, ok := lists[name]; ok {
			if err := json.Unmarshal(raw, v); err != nil {
				return nil, fmt.Errorf("weibo: %w", err)
			}
		}
	}
	page := &BoxPage[T]{Total: w.Total, NextCursor: w.NextCursor}
	if page.Items, page.Skipped, err = listOf(lists[key], kind); err != nil {
		return nil, err
	}
	if page.NextCursor == "0" || page.NextCursor == "-1" {
		page.NextCursor = ""
	}
	return page, nil
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
