// Package weibo parses what farewell captures from weibo.com: the desktop
// ajax API's JSON (timeline, long text, comments, likes, favourites,
// follow lists, profile) and three HTML pages (app.weibo.com/my and the old
// weibo.cn profile and comment pages, read with goquery).
//
// Two layers: Decode* functions read one endpoint's answer into typed wire
// structs, tolerant of Weibo's quirks (numbers as strings, ids near 2^53,
// endpoints with and without a "data" envelope) and strict about what a
// record needs (an item without an id is an error); [Post],
// [CommentRecord], [UserRecord] and [ProfileRecord] turn wire structs into
// the records of package record. [Kinds] exposes each endpoint's parser by
// the name "farewell parse --kind" uses. Everything here is a pure
// function of its input: no I/O, no clock.
package weibo
