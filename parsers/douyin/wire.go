package douyin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/farewell-app/farewell/parsers"
)

// Platform is the value of every Douyin record's "platform".
const Platform = "douyin"

// The lenient wire types are shared with the other sites' parsers: Int
// is a counter, More is has_more (0/1 in aweme lists, a boolean in follow
// lists).
type (
	ID   = parsers.ID
	Int  = parsers.Num
	More = parsers.Bool
)

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
// status_code 2483, or "用户未登录"/"请先登录". A bare status_code 8 is
// the site's generic refusal, not a logout (jiji262 api_client.py): it is
// retried like a throttled answer.
func (e *Error) LoggedOut() bool {
	return e.Code == 2483 || strings.Contains(e.Msg, "未登录") || strings.Contains(e.Msg, "请先登录")
}

// Refused reports the generic refusal (status_code 8 without the
// logged-out message): a risk-control answer that passes.
func (e *Error) Refused() bool { return e.Code == 8 && !e.LoggedOut() }

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

// decodeList reads a list answer into v. An answer that holds none of
// keys and no has_more (what the site answers an unsigned request: a bare
// {"status_code":0}) is an error: it is not an empty page.
func decodeList(raw []byte, v any, keys ...string) error {
	var probe map[string]json.RawMessage
	if err := decode(raw, &probe); err != nil {
		return err
	}
	found := false
	for _, k := range append(keys, "has_more") {
		_, ok := probe[k]
		found = found || ok
	}
	if !found {
		return fmt.Errorf("douyin: an answer without a list (an unsigned request?)")
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("douyin: %w", err)
	}
	return nil
}
