package douyin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Platform is the value of every Douyin record's "platform".
const Platform = "douyin"

// ID is an identifier that arrives as a string or as a bare JSON number
// (music.id, author_user_id: integers above 2^53). A number is kept as its
// exact digits and never passes through a float.
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

// Int is a lenient integer: a number or a numeric string.
type Int struct {
	V     int64
	Valid bool
}

// UnmarshalJSON accepts a number, a numeric string, or null.
func (n *Int) UnmarshalJSON(b []byte) error {
	*n = Int{}
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if s == "" || s == "null" {
		return nil
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = Int{V: v, Valid: true}
	} else if f, err := strconv.ParseFloat(s, 64); err == nil && f > -1e15 && f < 1e15 {
		*n = Int{V: int64(f), Valid: true}
	}
	return nil
}

// Ptr returns a pointer to the value, or nil when it is not valid.
func (n Int) Ptr() *int64 {
	if !n.Valid {
		return nil
	}
	v := n.V
	return &v
}

// More is has_more: 0/1 in aweme lists, a boolean in follow lists.
type More bool

// UnmarshalJSON accepts true/false and 0/1.
func (m *More) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	*m = More(s == "true" || s == "1")
	return nil
}

// shanghai is the offset of Douyin's times.
var shanghai = time.FixedZone("CST", 8*3600)

// Time converts a Unix time in seconds to RFC 3339 at +08:00; 0 gives ""
// (unknown times are omitted, never guessed).
func Time(sec int64) string {
	if sec <= 0 {
		return ""
	}
	return time.Unix(sec, 0).In(shanghai).Format(time.RFC3339)
}

// Envelope is the common part of every answer.
type Envelope struct {
	StatusCode Int    `json:"status_code"`
	StatusMsg  string `json:"status_msg"`
	// VerifyTicket is set when the site wants a captcha solved.
	VerifyTicket string `json:"verify_ticket"`
}

// Error is a well-formed answer that is not a success.
type Error struct {
	Code int64
	Msg  string
	// Captcha is true when the answer asks for a verification.
	Captcha bool
}

func (e *Error) Error() string {
	switch {
	case e.Captcha:
		return "douyin: the site asks for a verification (captcha)"
	case e.LoggedOut():
		return fmt.Sprintf("douyin: not logged in (status_code %d %s)", e.Code, e.Msg)
	case e.Msg != "":
		return fmt.Sprintf("douyin: status_code %d: %s", e.Code, e.Msg)
	}
	return fmt.Sprintf("douyin: status_code %d", e.Code)
}

// LoggedOut reports the answers that mean the session is gone:
// status_code 2483, 8, or "用户未登录"/"请先登录".
func (e *Error) LoggedOut() bool {
	return e.Code == 2483 || e.Code == 8 || strings.Contains(e.Msg, "未登录") || strings.Contains(e.Msg, "请先登录")
}

// Check reads the envelope of an answer and returns an *Error for a
// non-zero status_code, a verification request, or the logged-out
// message; and a plain error for a body that is not a JSON object.
func Check(raw []byte) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return fmt.Errorf("douyin: empty answer")
	}
	if raw[0] != '{' {
		return fmt.Errorf("douyin: not a JSON object (%s)", snippet(raw))
	}
	var env Envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("douyin: %w", err)
	}
	switch {
	case env.VerifyTicket != "":
		return &Error{Code: env.StatusCode.V, Msg: env.StatusMsg, Captcha: true}
	case env.StatusCode.V != 0:
		return &Error{Code: env.StatusCode.V, Msg: env.StatusMsg}
	case strings.Contains(env.StatusMsg, "未登录"):
		return &Error{Code: 2483, Msg: env.StatusMsg}
	}
	return nil
}

func snippet(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return strconv.Quote(string(b))
}

func decode(raw []byte, v any) error {
	if err := Check(raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("douyin: %w", err)
	}
	return nil
}
