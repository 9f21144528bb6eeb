package weibo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/farewell-app/farewell/parsers"
)

// The lenient wire types are shared with the other sites' parsers.
type (
	Num  = parsers.Num
	ID   = parsers.ID
	Bool = parsers.Bool
)

// shanghai is the offset every Weibo time is in.
var shanghai = time.FixedZone("CST", 8*3600)

// Time converts Weibo's created_at ("Tue Feb 23 12:28:47 +0800 2021") to
// RFC 3339 with its own offset. It returns "" for an empty or unreadable
// time: an unknown time is omitted, never guessed.
func Time(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, layout := range []string{time.RubyDate, "2006-01-02 15:04:05", "2006-01-02 15:04", time.RFC3339} {
		loc := shanghai
		t, err := time.ParseInLocation(layout, s, loc)
		if err == nil {
			return t.Format(time.RFC3339)
		}
	}
	return ""
}

// envelope is the common {"ok": 1, "data": ...} wrapper. Some endpoints put
// their fields at the top level instead of under "data".
type envelope struct {
	OK   Num             `json:"ok"`
	Msg  string          `json:"msg"`
	URL  string          `json:"url"`
	Data json.RawMessage `json:"data"`
}

// Error is returned for a response that is well-formed JSON but not a
// successful answer: ok != 1 (ok:-100 means logged out).
type Error struct {
	OK  int64
	Msg string
	URL string
}

func (e *Error) Error() string {
	if e.Verification() {
		return fmt.Sprintf("weibo: the site asks for a security check (ok:%d, %s)", e.OK, e.URL)
	}
	if e.OK == -100 {
		return "weibo: not logged in (ok:-100)"
	}
	if e.Msg != "" {
		return fmt.Sprintf("weibo: ok=%d: %s", e.OK, e.Msg)
	}
	return fmt.Sprintf("weibo: ok=%d", e.OK)
}

// LoggedOut reports whether the site said the session is gone: ok:-100
// without a verification to pass (real-sites-2026 §W1).
func (e *Error) LoggedOut() bool { return e.OK == -100 && !e.Verification() }

// Verification reports whether the answer sends the person to the site's
// security check (see IsVerification), not to the login.
func (e *Error) Verification() bool { return IsVerification(e.URL) }

// IsVerification reports whether an address is the site's security
// check, a captcha or slider a person must pass (passing it restores
// the session; real-sites-2026 §W1): m.weibo.cn/captcha, a geetest page,
// security.weibo.com (dataabc/weibo-crawler #461, #489); never the
// login.
func IsVerification(raw string) bool {
	if raw == "" {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil || strings.Contains(u.Host, "passport") || strings.Contains(u.Host, "login") {
		return false
	}
	p := strings.ToLower(u.Path)
	return u.Host == "security.weibo.com" || strings.Contains(p, "captcha") || strings.Contains(p, "geetest") || strings.Contains(p, "verify")
}

// open checks the envelope and returns the payload: "data" when present,
// else the whole object (for endpoints without "data").
func open(raw []byte) (json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, fmt.Errorf("weibo: not a JSON object (%s)", snippet(raw))
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	if !env.OK.Valid || env.OK.V != 1 {
		return nil, &Error{OK: env.OK.V, Msg: env.Msg, URL: env.URL}
	}
	if len(env.Data) > 0 && string(env.Data) != "null" {
		return env.Data, nil
	}
	return json.RawMessage(raw), nil
}

func snippet(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return strconv.Quote(string(b))
}
