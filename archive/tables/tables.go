package tables

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Table is one spreadsheet file, csv/<Name>.csv, made from the records of
// data/<Name>.jsonl: one row per record, the columns of [Table.Columns].
type Table struct {
	Name   string
	fields []field
}

// field is one column and how a record gives its cell.
type field struct {
	name string
	get  func(obj) string
}

// Columns returns the table's columns in order.
func (t Table) Columns() []Column {
	out := make([]Column, len(t.fields))
	for i, f := range t.fields {
		out[i] = column(f.name)
	}
	return out
}

// row returns the cells of one record, before they are made safe.
func (t Table) row(o obj) []string {
	out := make([]string, len(t.fields))
	for i, f := range t.fields {
		out[i] = f.get(o)
	}
	return out
}

// All returns every table, in the order README.txt lists them. The
// collections left out are single records or lookups a table adds
// nothing to: profile, wallet and data/emoticons.jsonl.
func All() []Table {
	post := postFields()
	saved := append([]field{
		{"kind", savedKind},
		{"folder", textOf("folder")},
	}, on(savedItem, post)...)
	comment := commentFields()
	mention := append([]field{{"kind", textOf("record")}}, on(mentionItem, comment)...)
	return []Table{
		{"posts", post},
		{"comments", comment},
		{"likes", saved},
		{"favorites", saved},
		{"following", userFields()},
		{"followers", userFields()},
		{"messages", messageFields()},
		{"my_comments", comment},
		{"received_comments", comment},
		{"mentions", mention},
		{"articles", articleFields()},
		{"history", saved},
		{"watch_later", saved},
		{"notifications", notificationFields()},
		{"apps", appFields()},
		{"series", seriesFields()},
		{"sounds", soundFields()},
	}
}

// For returns the table of a collection.
func For(collection string) (Table, bool) {
	for _, t := range All() {
		if t.Name == collection {
			return t, true
		}
	}
	return Table{}, false
}

func textOf(key string) func(obj) string { return func(o obj) string { return o.text(key) } }

func whenOf(key string) func(obj) string { return func(o obj) string { return o.when(key) } }

func flagOf(key string) func(obj) string { return func(o obj) string { return o.flag(key) } }

func joinedOf(key string) func(obj) string { return func(o obj) string { return o.joined(key) } }

// in reads a field of the object under key (author's name, the counts'
// likes).
func in(key string, get func(obj) string) func(obj) string {
	return func(o obj) string { return get(o.sub(key)) }
}

func mediaFiles(o obj) string { return o.mediaFiles() }

// on gives fields that read the object sel picks from a record.
func on(sel func(obj) obj, fields []field) []field {
	out := make([]field, len(fields))
	for i, f := range fields {
		get := f.get
		out[i] = field{f.name, func(o obj) string { return get(sel(o)) }}
	}
	return out
}

func postFields() []field {
	return []field{
		{"id", textOf("id")},
		{"created_at", whenOf("created_at")},
		{"author_id", in("author", textOf("id"))},
		{"author_name", in("author", textOf("name"))},
		{"text", textOf("text")},
		{"reposts", in("counts", textOf("reposts"))},
		{"comments", in("counts", textOf("comments"))},
		{"likes", in("counts", textOf("likes"))},
		{"shares", in("counts", textOf("shares"))},
		{"collects", in("counts", textOf("collects"))},
		{"url", textOf("url")},
		{"pinned", flagOf("pinned")},
		{"visibility", textOf("visibility")},
		{"source", textOf("source")},
		{"region", textOf("region")},
		{"topics", joinedOf("topics")},
		{"repost_of_id", in("repost_of", textOf("id"))},
		{"repost_of_author", in("repost_of", in("author", textOf("name")))},
		{"repost_of_text", in("repost_of", textOf("text"))},
		{"edits", func(o obj) string { return strconv.Itoa(len(o.list("edits"))) }},
		{"music", in("music", textOf("title"))},
		{"media_files", mediaFiles},
	}
}

// savedKind says what a like, favourite or watched work holds.
func savedKind(o obj) string {
	for _, k := range []string{"post", "series", "music"} {
		if o.has(k) {
			return k
		}
	}
	return ""
}

// savedItem returns what a like or favourite holds in the shape of a
// post: the post itself, or a series or a piece of music with its name as
// the text.
func savedItem(o obj) obj {
	if s := o.sub("post"); s != nil {
		return s
	}
	if s := o.sub("series"); s != nil {
		return obj{"id": s["id"], "text": s["name"], "author": s["author"], "url": s["url"], "media": s["media"]}
	}
	if m := o.sub("music"); m != nil {
		author, _ := json.Marshal(obj{"name": m["author"]})
		return obj{"id": m["id"], "text": m["title"], "author": author, "media": m["media"]}
	}
	return nil
}

func commentFields() []field {
	return []field{
		{"id", textOf("id")},
		{"created_at", whenOf("created_at")},
		{"author_id", in("author", textOf("id"))},
		{"author_name", in("author", textOf("name"))},
		{"text", textOf("text")},
		{"likes", textOf("likes")},
		{"region", textOf("region")},
		{"parent_id", textOf("parent_id")},
		{"post_id", func(o obj) string {
			if id := o.text("post_id"); id != "" {
				return id
			}
			return o.sub("post").text("id")
		}},
		{"post_author_name", in("post", in("author", textOf("name")))},
		{"post_text", in("post", textOf("text"))},
		{"post_url", in("post", textOf("url"))},
		{"media_files", mediaFiles},
	}
}

// mentionItem returns a mention in the shape of a comment: a comment as
// it is; a post that mentions the person with its likes, and itself as
// the post (post_id and post_url are its own).
func mentionItem(o obj) obj {
	if o.text("record") != "post" {
		return o
	}
	self, _ := json.Marshal(obj{"id": o["id"], "url": o["url"]})
	return obj{"id": o["id"], "created_at": o["created_at"], "author": o["author"], "text": o["text"],
		"likes": o.sub("counts")["likes"], "region": o["region"], "media": o["media"], "post": self}
}

func userFields() []field {
	return []field{
		{"id", textOf("id")},
		{"name", textOf("name")},
		{"handle", textOf("handle")},
		{"description", textOf("description")},
		{"followers", in("counts", textOf("followers"))},
		{"following", in("counts", textOf("following"))},
		{"posts", in("counts", textOf("posts"))},
		{"groups", joinedOf("groups")},
		{"special_follow", flagOf("special_follow")},
		{"gender", textOf("gender")},
		{"location", textOf("location")},
		{"ip_location", textOf("ip_location")},
		{"created_at", whenOf("created_at")},
		{"url", textOf("url")},
	}
}

func messageFields() []field {
	return []field{
		{"conversation_id", textOf("conversation_id")},
		{"conversation_type", textOf("conversation_type")},
		{"conversation_name", textOf("conversation_name")},
		{"peer_id", in("peer", textOf("id"))},
		{"peer_name", in("peer", textOf("name"))},
		{"id", textOf("id")},
		{"created_at", whenOf("created_at")},
		{"from_me", flagOf("from_me")},
		{"sender_id", in("sender", textOf("id"))},
		{"sender_name", in("sender", textOf("name"))},
		{"kind", textOf("kind")},
		{"text", textOf("text")},
		{"quoted_text", in("quoted", textOf("text"))},
		{"share_title", in("share", textOf("title"))},
		{"share_url", in("share", textOf("url"))},
		{"media_files", mediaFiles},
	}
}

func articleFields() []field {
	return []field{
		{"id", textOf("id")},
		{"created_at", whenOf("created_at")},
		{"title", textOf("title")},
		{"url", textOf("url")},
		{"media_files", mediaFiles},
	}
}

func notificationFields() []field {
	return []field{
		{"id", textOf("id")},
		{"created_at", whenOf("created_at")},
		{"kind", textOf("kind")},
		{"from_id", in("from", textOf("id"))},
		{"from_name", in("from", textOf("name"))},
		{"text", textOf("text")},
		{"post_id", in("post", textOf("id"))},
		{"post_text", in("post", textOf("text"))},
		{"post_url", in("post", textOf("url"))},
		{"comment_id", textOf("comment_id")},
	}
}

func appFields() []field {
	return []field{
		{"name", textOf("name")},
		{"authorised_at", whenOf("authorised_at")},
		{"scopes", joinedOf("scopes")},
		{"url", textOf("url")},
	}
}

func seriesFields() []field {
	return []field{
		{"id", textOf("id")},
		{"name", textOf("name")},
		{"episodes", textOf("episodes")},
		{"author_name", in("author", textOf("name"))},
		{"url", textOf("url")},
		{"works", func(o obj) string {
			var ids []string
			for _, w := range o.objs("works") {
				if id := w.text("id"); id != "" {
					ids = append(ids, id)
				}
			}
			return strings.Join(ids, listSep)
		}},
		{"media_files", mediaFiles},
	}
}

func soundFields() []field {
	return []field{
		{"id", textOf("id")},
		{"title", textOf("title")},
		{"author_name", textOf("author")},
		{"media_files", mediaFiles},
	}
}
