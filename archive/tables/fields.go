package tables

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
)

// obj is one JSON object of a record, read leniently: records come from
// a bundle, and a bundle is hostile, so a field of a type the schema does
// not give it reads as absent instead of failing the record. A nil obj
// has no fields.
type obj map[string]json.RawMessage

// parseObj reads one record line. ok is false when the line is not valid
// JSON; valid JSON that is not an object reads as an object with no
// fields, so that every record the bundle counts has its row.
func parseObj(line []byte) (o obj, ok bool) {
	if err := json.Unmarshal(line, &o); err != nil {
		return nil, json.Valid(line)
	}
	return o, true
}

// kindOf returns the JSON kind of a raw value by its first byte: '"',
// '{', '[', 't', 'f', 'n', or '0' for a number.
func kindOf(raw json.RawMessage) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	switch c := raw[0]; {
	case c == '-' || (c >= '0' && c <= '9'):
		return '0'
	default:
		return c
	}
}

// text returns a field that is text: a string as it is, a number as its
// literal digits (never through a float, so long ids survive), and
// anything else as "".
func (o obj) text(key string) string {
	raw := o[key]
	switch kindOf(raw) {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	case '0':
		return string(bytes.TrimSpace(raw))
	}
	return ""
}

// flag returns "true" when a field is JSON true and "false" otherwise:
// records omit a false flag.
func (o obj) flag(key string) string {
	if kindOf(o[key]) == 't' {
		return "true"
	}
	return "false"
}

// sub returns a field that is an object, or nil.
func (o obj) sub(key string) obj {
	if kindOf(o[key]) != '{' {
		return nil
	}
	var s obj
	if json.Unmarshal(o[key], &s) != nil {
		return nil
	}
	return s
}

// has reports whether a field is an object.
func (o obj) has(key string) bool {
	return kindOf(o[key]) == '{'
}

// list returns the elements of a field that is an array, or nil.
func (o obj) list(key string) []json.RawMessage {
	if kindOf(o[key]) != '[' {
		return nil
	}
	var l []json.RawMessage
	if json.Unmarshal(o[key], &l) != nil {
		return nil
	}
	return l
}

// objs returns the elements of an array field that are objects.
func (o obj) objs(key string) []obj {
	var out []obj
	for _, raw := range o.list(key) {
		if kindOf(raw) != '{' {
			continue
		}
		var e obj
		if json.Unmarshal(raw, &e) == nil {
			out = append(out, e)
		}
	}
	return out
}

// texts returns the elements of an array field that are text (see
// [obj.text]).
func (o obj) texts(key string) []string {
	var out []string
	for _, raw := range o.list(key) {
		if t := (obj{"v": raw}).text("v"); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// listSep joins the items of a list cell that are text (topics, follow
// groups, scopes, ids): "; " rarely occurs inside one of them.
const listSep = "; "

// joined returns a field's text items joined with listSep.
func (o obj) joined(key string) string {
	return strings.Join(o.texts(key), listSep)
}

// siteZone is Asia/Shanghai, the zone both sites show their times in.
// It has kept UTC+8 without daylight saving since 1991, before either
// site existed, so a fixed zone gives the same times without needing the
// system's time zone database (which Windows lacks).
func siteZone() *time.Location {
	return time.FixedZone("CST", 8*3600)
}

// when returns a time field in the site's zone as ISO 8601 with its
// offset (2026-11-01T12:00:00+08:00). A time that is not RFC 3339 is
// given as the record has it.
func (o obj) when(key string) string {
	s := o.text(key)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(siteZone()).Format(time.RFC3339)
	}
	return s
}

// mediaFiles returns the bundle paths of a record's downloaded media (and
// of their moving parts: a live photo's video), separated by spaces.
// Media not downloaded has no file and is left out.
func (o obj) mediaFiles() string {
	var files []string
	for _, m := range o.objs("media") {
		for _, part := range []obj{m, m.sub("motion")} {
			if f := part.text("file"); f != "" {
				files = append(files, f)
			}
		}
	}
	return strings.Join(files, " ")
}
