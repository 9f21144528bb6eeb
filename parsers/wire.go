package parsers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The lenient JSON types below read the fields both sites send in more
// than one form. They never guess: what is not a plain value is left
// invalid, so a record omits it rather than inventing one.

// Num is a lenient integer. The sites send counters and sizes as numbers
// or as strings ("828"), sometimes both within one object, and
// display-capped values such as "100万+". Valid is false for anything that
// is not a plain number.
type Num struct {
	V     int64
	Valid bool
}

// UnmarshalJSON accepts a number, a numeric string, "", or null.
func (n *Num) UnmarshalJSON(b []byte) error {
	*n = Num{}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		b = []byte(strings.TrimSpace(s))
	}
	if v, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		*n = Num{V: v, Valid: true}
		return nil
	}
	if f, err := strconv.ParseFloat(string(b), 64); err == nil && f >= -1e15 && f <= 1e15 {
		*n = Num{V: int64(f), Valid: true}
	}
	return nil
}

// Ptr returns a pointer to the value, or nil when it is not valid.
func (n Num) Ptr() *int64 {
	if !n.Valid {
		return nil
	}
	v := n.V
	return &v
}

// ID is an identifier that arrives as a string or as a bare JSON number.
// A number is kept as its exact digits: Weibo ids have 16 digits, close to
// 2^53, Douyin's music ids and author_user_id go past it, and none may
// pass through a float.
type ID string

// UnmarshalJSON keeps the literal digits of a number.
func (id *ID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*id = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = ID(s)
	default:
		for _, c := range b {
			if (c < '0' || c > '9') && c != '-' {
				return fmt.Errorf("id %s is not an integer", b)
			}
		}
		*id = ID(b)
	}
	return nil
}

// Bool accepts true/false, 0/1 and "0"/"1" (has_more is 0/1 in some
// lists and a boolean in others).
type Bool bool

// UnmarshalJSON is lenient about the form.
func (v *Bool) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	*v = Bool(s == "true" || s == "1")
	return nil
}
