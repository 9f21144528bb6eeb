package replica

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/farewell-app/farewell/parsers/weibo"
)

func start(t *testing.T, cfg Config) *Replica {
	t.Helper()
	r, err := Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// client is a Go client with a cookie jar that reaches the replica.
func client(r *Replica) *http.Client {
	c := r.Server().Client()
	c.Jar, _ = cookiejar.New(nil)
	return c
}

// get asks for u with the headers given; without any, an ajax request
// carries what the web app's do (see firewalled).
func get(t *testing.T, c *http.Client, u string, header ...string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	if len(header) == 0 && strings.Contains(u, "/ajax/") {
		header = []string{"X-Requested-With", "XMLHttpRequest", "Referer", "https://weibo.com/"}
		if c.Jar != nil {
			for _, k := range c.Jar.Cookies(req.URL) {
				if k.Name == "XSRF-TOKEN" {
					header = append(header, "X-XSRF-TOKEN", k.Value)
				}
			}
		}
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// login goes through the QR flow with the replica's phone, as a person
// would with the Weibo app.
func login(t *testing.T, r *Replica, c *http.Client) {
	t.Helper()
	get(t, c, "https://passport.weibo.com/sso/signin?entry=miniblog&source=miniblog")
	_, b := get(t, c, "https://passport.weibo.com/sso/v2/qrcode/image?entry=miniblog&size=180")
	var img struct {
		Retcode int
		Data    struct{ Qrid, Image string }
	}
	if err := json.Unmarshal(b, &img); err != nil || img.Data.Qrid == "" {
		t.Fatalf("qrcode/image: %s", b)
	}
	u, _ := url.Parse(img.Data.Image)
	if !strings.Contains(u.Query().Get("data"), img.Data.Qrid) {
		t.Fatalf("QR image does not encode the scan URL: %s", img.Data.Image)
	}
	if code, png := get(t, c, img.Data.Image); code != 200 || !strings.HasPrefix(string(png), "\x89PNG") {
		t.Fatalf("QR image: %d", code)
	}
	check := func() int {
		_, b := get(t, c, "https://passport.weibo.com/sso/v2/qrcode/check?entry=miniblog&source=miniblog&url=https%3A%2F%2Fweibo.com%2F&qrid="+img.Data.Qrid+"&rid=&ver=20250520")
		var v struct {
			Retcode int
			Data    struct{ URL string }
		}
		json.Unmarshal(b, &v)
		if v.Retcode == qrConfirmed {
			code, _ := get(t, c, v.Data.URL)
			if code != 200 {
				t.Fatalf("login chain ended with %d", code)
			}
		}
		return v.Retcode
	}
	if got := check(); got != qrWaiting {
		t.Fatalf("check before scan = %d", got)
	}
	phone := func(action string) {
		resp, err := c.PostForm("https://passport.weibo.com/replica/phone", url.Values{"qrid": {img.Data.Qrid}, "action": {action}})
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("phone %s: %v %v", action, err, resp)
		}
		resp.Body.Close()
	}
	phone("scan")
	if got := check(); got != qrScanned {
		t.Fatalf("check after scan = %d", got)
	}
	phone("confirm")
	if got := check(); got != qrConfirmed {
		t.Fatalf("check after confirm = %d", got)
	}
	if got := check(); got != qrUsed {
		t.Fatalf("check after login = %d", got)
	}
}

func TestLoginAndSession(t *testing.T) {
	r := start(t, Config{Posts: 40})
	c := client(r)
	_, b := get(t, c, "https://weibo.com/ajax/config/get_config")
	var werr *weibo.Error
	if err := weibo.Check(b); !asErr(err, &werr) || !werr.LoggedOut() {
		t.Fatalf("without cookies: %s", b)
	}
	// A page without a session goes to the visitor system.
	if _, b := get(t, c, "https://weibo.com/u/"+r.Account().Owner.ID); !strings.Contains(string(b), "Sina Visitor System") {
		t.Fatal("no visitor redirect")
	}
	login(t, r, c)
	// get_config names nobody in its answer: the uid is in the
	// x-log-uid header (§W7).
	req, _ := http.NewRequest("GET", "https://weibo.com/ajax/config/get_config", nil)
	req.Header.Set("X-Requested-With", "XMLHttpRequest")
	req.Header.Set("Referer", "https://weibo.com/")
	for _, k := range c.Jar.Cookies(req.URL) {
		if k.Name == "XSRF-TOKEN" {
			req.Header.Set("X-XSRF-TOKEN", k.Value)
		}
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	cfg, err := weibo.DecodeConfig(b)
	if err != nil || cfg.UID != "" || resp.Header.Get("x-log-uid") != r.Account().Owner.ID {
		t.Fatalf("config after login: %s %v, x-log-uid %q", b, err, resp.Header.Get("x-log-uid"))
	}
	// The firewall refuses an ajax request without the web app's
	// headers, session or not (§W1).
	for _, h := range [][]string{
		{"Referer", "https://weibo.com/"},
		{"X-Requested-With", "XMLHttpRequest"},
		{"X-Requested-With", "XMLHttpRequest", "Referer", "https://weibo.com/", "X-XSRF-TOKEN", "stale"},
	} {
		if code, _ := get(t, c, "https://weibo.com/ajax/profile/info?uid="+r.Account().Owner.ID, h...); code != http.StatusForbidden {
			t.Errorf("ajax with only %v: HTTP %d, want 403", h, code)
		}
	}
	for _, host := range []string{"https://weibo.com/", "https://weibo.cn/", "https://login.sina.com.cn/"} {
		u, _ := url.Parse(host)
		found := false
		for _, ck := range c.Jar.Cookies(u) {
			found = found || ck.Name == "SUB"
		}
		if !found {
			t.Errorf("no SUB cookie for %s", host)
		}
	}
}

func asErr(err error, target **weibo.Error) bool {
	e, ok := err.(*weibo.Error)
	if ok {
		*target = e
	}
	return ok
}

func TestTimelineCoverage(t *testing.T) {
	r := start(t, Config{Posts: 150})
	c := client(r)
	login(t, r, c)
	acc := r.Account()
	uid := acc.Owner.ID
	seen := map[string]int{}
	var stubs []weibo.Status
	since, page, foreign, pinnedFirst := "", 1, 0, false
	for {
		u := fmt.Sprintf("https://weibo.com/ajax/statuses/mymblog?uid=%s&page=%d&feature=0", uid, page)
		if since != "" {
			u += "&since_id=" + url.QueryEscape(since)
		}
		_, b := get(t, c, u)
		tl, err := weibo.DecodeTimeline(b)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range tl.Statuses {
			if s.ClientOnly() {
				stubs = append(stubs, s)
				seen[s.Key()]++
				continue
			}
			if s.AuthorID() != uid {
				foreign++
				continue
			}
			if page == 1 && i == 0 && s.Pinned() {
				pinnedFirst = true
			}
			seen[s.Key()]++
		}
		if tl.SinceID == "" {
			break
		}
		since, page = string(tl.SinceID), page+1
	}
	hidden := 0
	for _, p := range acc.Posts {
		switch {
		case p.CursorHidden:
			hidden++
			if seen[p.Mid] != 0 {
				t.Errorf("hidden post %s came through the cursor", p.Mid)
			}
		case seen[p.Mid] == 0:
			t.Errorf("post %s missing from the timeline", p.Mid)
		}
	}
	if hidden == 0 || foreign == 0 || !pinnedFirst || len(stubs) == 0 {
		t.Fatalf("quirks missing: hidden %d foreign %d pinned first %v client-only stubs %d", hidden, foreign, pinnedFirst, len(stubs))
	}
	// m.weibo.cn answers a stub whole (§W3), by its mblogid.
	_, b := get(t, c, "https://m.weibo.cn/statuses/show?id="+stubs[0].MblogID)
	whole, err := weibo.DecodeMobileShow(b)
	if err != nil || whole.AuthorID() != uid || whole.ClientOnly() || whole.TextRaw == "" || whole.Key() != stubs[0].Key() {
		t.Fatalf("m.weibo.cn statuses/show of stub %s: %v %s", stubs[0].Key(), err, b)
	}
	// searchProfile month windows recover the hidden ones.
	_, b = get(t, c, "https://weibo.com/ajax/profile/mbloghistory?uid="+uid)
	months, err := weibo.DecodeHistory(b)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, m := range months {
		from := time.Date(m.Year, time.Month(m.Month), 1, 0, 0, 0, 0, cst)
		to := from.AddDate(0, 1, 0)
		for page := 1; ; page++ {
			_, b := get(t, c, fmt.Sprintf("https://weibo.com/ajax/statuses/searchProfile?uid=%s&page=%d&starttime=%d&endtime=%d&hasori=1&hasret=1&hastext=1&haspic=1&hasvideo=1&hasmusic=1", uid, page, from.Unix(), to.Unix()))
			tl, err := weibo.DecodeTimeline(b)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tl.Statuses {
				found[s.Key()] = true
			}
			if len(tl.Statuses) < pageSize {
				break
			}
		}
	}
	for _, p := range acc.Posts {
		if !found[p.Mid] {
			t.Errorf("searchProfile misses post %s", p.Mid)
		}
	}
}

func TestQuirks(t *testing.T) {
	r := start(t, Config{Posts: 150, VideoTTL: time.Second})
	c := client(r)
	login(t, r, c)
	acc := r.Account()
	var long, falseLong, many, video, old *Post
	for _, p := range acc.Posts {
		switch {
		case p.Long && long == nil:
			long = p
		case p.FalseLong && falseLong == nil:
			falseLong = p
		case len(p.Pics) > 9 && many == nil:
			many = p
		case p.Video != nil && video == nil:
			video = p
		}
		if p.ShowBulletin() == 0 && p.CommentCount() > 0 && old == nil {
			old = p
		}
	}
	if long == nil || falseLong == nil || many == nil || video == nil {
		t.Fatal("the generated account lacks a quirk")
	}
	_, b := get(t, c, "https://weibo.com/ajax/statuses/longtext?id="+long.Bid)
	if lt, err := weibo.DecodeLongText(b); err != nil || lt == nil || lt.Content != long.Text {
		t.Fatalf("longtext: %v", err)
	}
	_, b = get(t, c, "https://weibo.com/ajax/statuses/longtext?id="+falseLong.Bid)
	if lt, err := weibo.DecodeLongText(b); err != nil || lt != nil {
		t.Fatalf("longtext of a false long post: %+v %v", lt, err)
	}
	_, b = get(t, c, "https://weibo.com/ajax/statuses/show?id="+many.Bid)
	if s, err := weibo.DecodeShow(b); err != nil || len(s.PicIDs) != len(many.Pics) {
		t.Fatalf("show: %v", err)
	}
	// Images need a weibo Referer.
	pic := acc.pics[many.Pics[0].PID]
	if code, _ := get(t, c, picURL(pic, "large")); code != http.StatusForbidden {
		t.Fatalf("image without Referer: %d", code)
	}
	if code, _ := get(t, c, picURL(pic, "large"), "Referer", "https://weibo.com/"); code != 200 {
		t.Fatalf("image with Referer: %d", code)
	}
	// Video links expire.
	_, b = get(t, c, "https://weibo.com/ajax/statuses/show?id="+video.Bid)
	s, _ := weibo.DecodeShow(b)
	vurl, _, _, _ := s.Video()
	if code, body := get(t, c, vurl, "Referer", "https://weibo.com/"); code != 200 || string(body[4:8]) != "ftyp" {
		t.Fatalf("fresh video: %d", code)
	}
	time.Sleep(2100 * time.Millisecond)
	if code, _ := get(t, c, vurl, "Referer", "https://weibo.com/"); code != http.StatusForbidden {
		t.Fatalf("expired video link answered %d", code)
	}
	// buildComments must echo is_show_bulletin.
	if old != nil {
		for _, sb := range []string{"2", "0"} {
			_, b = get(t, c, "https://weibo.com/ajax/statuses/buildComments?flow=1&is_reload=1&id="+old.Mid+"&is_show_bulletin="+sb+"&is_mix=0&count=20&uid="+acc.Owner.ID+"&fetch_level=0&locale=zh-CN")
			cm, err := weibo.DecodeComments(b)
			if err != nil {
				t.Fatal(err)
			}
			if want := sb == "0"; (len(cm.Comments) > 0) != want {
				t.Fatalf("is_show_bulletin=%s on an old post gave %d comments", sb, len(cm.Comments))
			}
		}
	}
	// The follower list stops at the cap.
	n := 0
	for page := 1; ; page++ {
		_, b = get(t, c, fmt.Sprintf("https://weibo.com/ajax/friendships/friends?relate=fans&uid=%s&page=%d&type=all&newFollowerCount=0", acc.Owner.ID, page))
		f, err := weibo.DecodeFriends(b)
		if err != nil {
			t.Fatal(err)
		}
		n += len(f.Users)
		if f.Total.V != int64(len(acc.Followers)) {
			t.Fatalf("total_number %d", f.Total.V)
		}
		if f.NextCursor == "" {
			break
		}
	}
	if n != acc.FollowersCap || n >= len(acc.Followers) {
		t.Fatalf("listed %d followers, cap %d of %d", n, acc.FollowersCap, len(acc.Followers))
	}
}

func TestRateLimit(t *testing.T) {
	r := start(t, Config{Posts: 20, Rate: 5, Burst: 2})
	c := client(r)
	login(t, r, c)
	codes := map[int]int{}
	for range 10 {
		code, _ := get(t, c, "https://weibo.com/ajax/profile/info?uid="+r.Account().Owner.ID)
		codes[code]++
	}
	if codes[http.StatusTeapot] == 0 || r.Stats().Limited == 0 {
		t.Fatalf("no 418 at 10 requests at once with a limit of 5/s: %v", codes)
	}
	time.Sleep(500 * time.Millisecond)
	if code, _ := get(t, c, "https://weibo.com/ajax/profile/info?uid="+r.Account().Owner.ID); code != 200 {
		t.Fatalf("after a pause: %d", code)
	}
}

// generate makes an account, failing the test on an error.
func generate(t *testing.T, ctx context.Context, cfg Config) *Account {
	t.Helper()
	a, err := Generate(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestGenerateIsDeterministic(t *testing.T) {
	ctx := context.Background()
	a, b := generate(t, ctx, Config{Seed: 7, Posts: 80}), generate(t, ctx, Config{Seed: 7, Posts: 80})
	if len(a.Posts) != len(b.Posts) || a.Posts[10].Mid != b.Posts[10].Mid || a.Posts[10].Text != b.Posts[10].Text || a.Owner.ID != b.Owner.ID {
		t.Fatal("same seed, different account")
	}
	c := generate(t, ctx, Config{Seed: 8, Posts: 80})
	if c.Owner.ID == a.Owner.ID {
		t.Fatal("different seeds, same account")
	}
}

// TestGenerateCancelled: generating an account stops when its context
// ends, at any size.
func TestGenerateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, cfg := range []Config{{Seed: 1, Posts: 40}, {Seed: 1, Posts: 1 << 30}} {
		if a, err := Generate(ctx, cfg); !errors.Is(err, context.Canceled) || a != nil {
			t.Errorf("%d posts: %v", cfg.Posts, err)
		}
		if r, err := Start(ctx, cfg); !errors.Is(err, context.Canceled) || r != nil {
			t.Errorf("Start, %d posts: %v", cfg.Posts, err)
		}
	}
}

// TestRenewalAndVisitor: a stale weibo.com session is renewed silently by
// any weibo.com page while the sign-on of login.sina.com.cn holds (§W7);
// once the sign-on is gone too, the renewal says so (retcode 6102) and
// the visitor system leaves a visitor's SUB, which the API does not take
// for a login.
func TestRenewalAndVisitor(t *testing.T) {
	r := start(t, Config{Posts: 10})
	c := client(r)
	login(t, r, c)
	uid := r.Account().Owner.ID
	r.staleSessions()
	if code, b := get(t, c, "https://weibo.com/ajax/profile/info?uid="+uid); code != 200 || !strings.Contains(string(b), `"ok":-100`) {
		t.Fatalf("a stale session's ajax: %d %s", code, b)
	}
	var autologin bool
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		autologin = autologin || (req.Response != nil && req.Response.Header.Get("x-login-autologin") == "true")
		return nil
	}
	if code, b := get(t, c, "https://weibo.com/u/"+uid); code != 200 || !strings.Contains(string(b), "profile.js") {
		t.Fatalf("the page after the renewal: %d %s", code, b)
	}
	if !autologin || r.Renewals() != 1 {
		t.Fatalf("autologin header %v, renewals %d: want the silent renewal", autologin, r.Renewals())
	}
	if _, b := get(t, c, "https://weibo.com/ajax/profile/info?uid="+uid); !strings.Contains(string(b), `"ok":1`) {
		t.Fatalf("ajax after the renewal: %s", b)
	}

	r.EndSessions() // the sign-on is gone too
	_, b := get(t, c, "https://weibo.com/")
	if !strings.Contains(string(b), "retcode=6102") {
		t.Fatalf("a renewal without a sign-on: %s", b)
	}
	if _, b := get(t, c, "https://weibo.com/?retcode=6102"); !strings.Contains(string(b), "Sina Visitor System") {
		t.Fatalf("after a failed renewal: %s, want the visitor system", b)
	}
	resp, err := c.PostForm("https://passport.weibo.com/visitor/genvisitor2", url.Values{"cb": {"visitor_gray_callback"}, "tid": {""}, "from": {"weibo"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var sub string
	for _, k := range c.Jar.Cookies(&url.URL{Scheme: "https", Host: "weibo.com", Path: "/"}) {
		if k.Name == "SUB" {
			sub = k.Value
		}
	}
	if !strings.HasPrefix(sub, visitorSUB) {
		t.Fatalf("the visitor system left SUB %q", sub)
	}
	if _, b := get(t, c, "https://weibo.com/?retcode=6102"); !strings.Contains(string(b), "登录") || strings.Contains(string(b), "Sina Visitor System") {
		t.Fatalf("a visitor's weibo.com: %s", b)
	}
	if _, b := get(t, c, "https://weibo.com/ajax/config/get_config"); !strings.Contains(string(b), `"ok":-100`) {
		t.Fatalf("a visitor's get_config: %s, want ok:-100", b)
	}
}

// TestLongCursor: under long-cursor the timeline's cursor outgrows what
// the server takes (HTTP 414, §W2), and page=N alone goes on where it
// would have.
func TestLongCursor(t *testing.T) {
	r := start(t, Config{Posts: 60, Variants: []string{"long-cursor"}})
	c := client(r)
	login(t, r, c)
	uid := r.Account().Owner.ID
	_, b := get(t, c, "https://weibo.com/ajax/statuses/mymblog?uid="+uid+"&page=1&feature=0")
	first, err := weibo.DecodeTimeline(b)
	if err != nil || len(first.SinceID) <= maxCursor {
		t.Fatalf("page 1: cursor of %d characters (%v), want more than %d", len(first.SinceID), err, maxCursor)
	}
	if code, _ := get(t, c, "https://weibo.com/ajax/statuses/mymblog?uid="+uid+"&page=2&feature=0&since_id="+url.QueryEscape(string(first.SinceID))); code != http.StatusRequestURITooLong {
		t.Fatalf("a long cursor: HTTP %d, want 414", code)
	}
	_, b = get(t, c, "https://weibo.com/ajax/statuses/mymblog?uid="+uid+"&page=2&feature=0")
	second, err := weibo.DecodeTimeline(b)
	if err != nil || len(second.Statuses) == 0 {
		t.Fatalf("page 2 by number: %v %s", err, b)
	}
	next, _, _ := strings.Cut(string(first.SinceID), "kp")
	if second.Statuses[0].Key() != next {
		t.Errorf("page 2 by number starts at %s, the cursor at %s", second.Statuses[0].Key(), next)
	}
}

// TestChat walks the webim API as an exporter does (§W10): every
// conversation of contacts.json, one-to-one pages by max_id = the oldest
// id - 1 until an empty list, group pages by max_mid = the oldest id;
// the answer without a session is error 21301, and a message's picture
// comes only to a session. Under chat-base64 the contacts come as base64.
func TestChat(t *testing.T) {
	for _, variants := range [][]string{nil, {"chat-base64"}} {
		r := start(t, Config{Posts: 40, Variants: variants})
		c := client(r)
		const api = "https://api.weibo.com/webim/"
		_, b := get(t, c, api+"2/direct_messages/contacts.json?count=500&source=209678993")
		if _, err := weibo.DecodeContacts(b); !strings.Contains(fmt.Sprint(err), "21301") {
			t.Fatalf("contacts without a session: %v", err)
		}
		login(t, r, c)
		_, b = get(t, c, api+"2/direct_messages/contacts.json?count=500&source=209678993")
		if base64 := len(variants) > 0; base64 != !strings.HasPrefix(string(b), "{") {
			t.Fatalf("variants %v: contacts answered %.20q", variants, b)
		}
		cs, err := weibo.DecodeContacts(b)
		if err != nil || len(cs.Contacts) != len(r.Account().Chats) || cs.Total.V != int64(len(cs.Contacts)) {
			t.Fatalf("contacts: %v, %d of %d", err, len(cs.Contacts), len(r.Account().Chats))
		}
		for _, ct := range cs.Contacts {
			chat := r.Account().chat(ct.User.Key())
			got := map[string]bool{}
			pages := 0
			for cursor := "0"; ; pages++ {
				var ids []string
				if ct.User.Group() {
					_, b := get(t, c, api+"groupchat/query_messages.json?count=5&id="+ct.User.Key()+"&max_mid="+cursor+"&source=209678993")
					p, err := weibo.DecodeGroupMessages(b)
					if err != nil {
						t.Fatal(err)
					}
					for _, m := range p.Messages {
						ids = append(ids, string(m.ID))
					}
					cursor = weibo.Oldest(ids)
				} else {
					_, b := get(t, c, api+"2/direct_messages/conversation.json?count=20&uid="+ct.User.Key()+"&max_id="+cursor+"&source=209678993")
					p, err := weibo.DecodeConversation(b)
					if err != nil || p.Total.V != int64(len(chat.Messages)) {
						t.Fatalf("%s: %v, total %d", ct.User.Key(), err, p.Total.V)
					}
					for _, m := range p.Messages {
						ids = append(ids, m.Key())
					}
					if o := weibo.Oldest(ids); o != "" {
						var v int64
						fmt.Sscan(o, &v)
						cursor = fmt.Sprint(v - 1)
					}
				}
				if len(ids) == 0 {
					break
				}
				for _, id := range ids {
					if got[id] {
						t.Fatalf("%s: message %s on two pages", ct.User.Key(), id)
					}
					got[id] = true
				}
			}
			if len(got) != len(chat.Messages) || (len(chat.Messages) > 20 && pages < 2) {
				t.Errorf("%s: %d of %d messages in %d pages", ct.User.Key(), len(got), len(chat.Messages), pages)
			}
		}
		var fid string
		for _, ch := range r.Account().Chats {
			for _, m := range ch.Messages {
				if m.FID != "" && !m.File {
					fid = m.FID
				}
			}
		}
		if code, b := get(t, c, chatFileURL(fid)); code != 200 || !strings.HasPrefix(string(b), "\xff\xd8") {
			t.Errorf("a message's picture: HTTP %d", code)
		}
		if code, _ := get(t, client(r), chatFileURL(fid)); code == 200 {
			t.Error("a message's picture served without a session")
		}
	}
}
