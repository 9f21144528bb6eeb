package weibo

import (
	"errors"
	"net/url"
	"testing"

	"github.com/farewell-app/farewell/exporter"
)

// TestClassify: how an answer of the site is read. ok:-100 is a logout
// only without a security check to pass (real-sites-2026 §W1): with a
// captcha or geetest url it is a verification, which a person passes in
// a window and which restores the session.
func TestClassify(t *testing.T) {
	const ajaxURL = "https://weibo.com/ajax/statuses/mymblog?uid=1"
	for _, c := range []struct {
		name, body string
		status     int
		want       error
		url        string // the request's (ajaxURL when empty)
	}{
		{"ok", `{"ok":1,"data":{}}`, 200, nil, ""},
		{"logout", `{"ok":-100,"url":"https://passport.weibo.com/sso/signin?entry=miniblog"}`, 200, exporter.ErrNotLoggedIn, ""},
		{"bare -100", `{"ok":-100}`, 200, exporter.ErrNotLoggedIn, ""},
		{"m.weibo.cn captcha", `{"ok":-100,"url":"https://m.weibo.cn/captcha?scene=limit&referer=/"}`, 200, exporter.ErrCaptcha, ""},
		{"geetest", `{"ok":-100,"url":"https://m.weibo.cn/api/geetest?testType=1"}`, 200, exporter.ErrCaptcha, ""},
		{"security page", `{"ok":0,"url":"https://security.weibo.com/captcha/geetest?c=1"}`, 200, exporter.ErrCaptcha, ""},
		{"refused", `{"ok":0,"msg":"请求过于频繁"}`, 200, exporter.ErrThrottled, ""},
		{"418", ``, 418, exporter.ErrThrottled, ""},
		{"414", `<html><title>414 Request-URI Too Large</title></html>`, 414, exporter.ErrRejected, ""},
		{"firewall", `<html><title>403 Forbidden</title></html>`, 403, errFirewall, ""},
		{"visitor", `<html><title>Sina Visitor System</title></html>`, 200, exporter.ErrNotLoggedIn, ""},
		// The chat's webim API (§W10): 21301 is a lost session; its lists
		// have no "ok"; a base64 list is read as one.
		{"chat", `{"direct_messages":[],"total_number":0}`, 200, nil, "https://api.weibo.com/webim/2/direct_messages/conversation.json?uid=1"},
		{"chat 21301", `{"error_code":21301,"error":"auth failed!"}`, 200, exporter.ErrNotLoggedIn, "https://api.weibo.com/webim/2/direct_messages/contacts.json"},
		{"chat base64", "eyJjb250YWN0cyI6W119", 200, nil, "https://api.weibo.com/webim/2/direct_messages/contacts.json"},
		{"chat 429", ``, 429, exporter.ErrThrottled, "https://api.weibo.com/webim/groupchat/query_messages.json?id=1"},
		{"chat group page", `{"result":true,"messages":[]}`, 200, nil, "https://api.weibo.com/webim/groupchat/query_messages.json?id=1"},
		{"chat group 21301", `{"result":false,"error_code":21301,"error":"auth failed!"}`, 200, exporter.ErrNotLoggedIn, "https://api.weibo.com/webim/groupchat/query_messages.json?id=1"},
		// The article page's answer: {code, msg, data}.
		{"article", `{"code":"100000","msg":"success","data":{"title":"t","content":"<p>x</p>"}}`, 200, nil, "https://card.weibo.com/article/m/aj/detail?id=2309405170000000000001"},
		{"article missing", `{"code":"100001","msg":"文章不存在","data":[]}`, 200, exporter.ErrNotFound, "https://card.weibo.com/article/m/aj/detail?id=2309405170000000000002"},
		{"article refused", ``, 429, exporter.ErrThrottled, "https://card.weibo.com/article/m/aj/detail?id=2309405170000000000002"},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := c.url
			if u == "" {
				u = ajaxURL
			}
			err := classify(&exporter.Response{Status: c.status, URL: u, Body: []byte(c.body)})
			if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
				t.Fatalf("classify = %v, want %v", err, c.want)
			}
			if errors.Is(err, errFirewall) && (errors.Is(err, exporter.ErrNotLoggedIn) || errors.Is(err, exporter.ErrThrottled)) {
				t.Fatalf("the firewall's refusal read as a logout or throttling: %v", err)
			}
			if errors.Is(err, exporter.ErrCaptcha) && errors.Is(err, exporter.ErrNotLoggedIn) {
				t.Fatalf("a verification read as a logout too: %v", err)
			}
		})
	}
}

// TestMediaKeyLivePhoto: live-photo motions, bare or wrapped in the
// player's address (§W8), are known by their own file: two motions never
// share a key, and a motion has one key however it is linked.
func TestMediaKeyLivePhoto(t *testing.T) {
	bare := "https://livephoto.us.sinaimg.cn/000aBcDe1x08abc.mov?Expires=1764000000&ssig=x1"
	wrapped := "https://video.weibo.com/media/play?livephoto=" + url.QueryEscape(bare)
	other := "https://video.weibo.com/media/play?livephoto=" + url.QueryEscape("https://livephoto.us.sinaimg.cn/000ZzYy9x08def.mov?Expires=1764000000&ssig=y2")
	if k := MediaKey(wrapped); k != MediaKey(bare) || k != "weibo:motion:000aBcDe1x08abc" {
		t.Errorf("the wrapped motion's key is %q, the bare one's %q", k, MediaKey(bare))
	}
	if MediaKey(other) == MediaKey(wrapped) {
		t.Errorf("two wrapped motions share the key %q", MediaKey(other))
	}
}
