package replica

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/profiles/faults"
)

// client is a Go client of the replica that plays a page: it holds a
// ttwid and, once logged in, a sessionid, and can sign like the page.
type client struct {
	t     *testing.T
	r     *Replica
	http  *http.Client
	ttwid string
	sid   string
}

func start(t *testing.T, cfg Config) (*Replica, *client) {
	t.Helper()
	r, err := Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	c := &client{t: t, r: r, http: r.Server().Client(), ttwid: "1%7Ctestdevice"}
	c.http.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return r, c
}

// login makes a session through the SSO flow: QR, phone, callback.
func (c *client) login() {
	c.t.Helper()
	var qr struct {
		Data struct {
			Token string `json:"token"`
			Index string `json:"qrcode_index_url"`
		} `json:"data"`
	}
	c.getJSON("https://sso.douyin.com/get_qrcode/?service=https%3A%2F%2Fwww.douyin.com", &qr)
	if err := c.r.Approve(c.t.Context(), qr.Data.Index); err != nil {
		c.t.Fatal(err)
	}
	var check struct {
		Data struct {
			Status   string `json:"status"`
			Redirect string `json:"redirect_url"`
		} `json:"data"`
	}
	c.getJSON("https://sso.douyin.com/check_qrconnect/?token="+qr.Data.Token, &check)
	if check.Data.Status != "3" {
		c.t.Fatalf("check_qrconnect status %q after approval", check.Data.Status)
	}
	resp := c.do("GET", check.Data.Redirect, "", nil)
	for _, ck := range resp.Cookies() {
		if ck.Name == "sessionid" {
			if !ck.HttpOnly {
				c.t.Error("sessionid is not HttpOnly")
			}
			c.sid = ck.Value
		}
	}
	if c.sid == "" {
		c.t.Fatal("the login callback set no sessionid")
	}
}

func (c *client) do(method, u, body string, header http.Header) *http.Response {
	c.t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Referer", "https://www.douyin.com/")
	for k, v := range header {
		req.Header[k] = v
	}
	req.AddCookie(&http.Cookie{Name: "ttwid", Value: c.ttwid})
	if c.sid != "" {
		req.AddCookie(&http.Cookie{Name: "sessionid", Value: c.sid})
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp
}

func (c *client) getJSON(u string, v any) {
	c.t.Helper()
	resp := c.do("GET", u, "", nil)
	defer resp.Body.Close()
	if err := jsonDecode(resp.Body, v); err != nil {
		c.t.Fatal(err)
	}
}

// api calls the web API, signed as the page signs (sign false: as a
// script outside the page would, without a_bogus).
func (c *client) api(path, query, form string, sign bool) (int, []byte) {
	c.t.Helper()
	q := "device_platform=webapp&aid=6383&channel=channel_pc_web&" + query + "&msToken=abc"
	if sign {
		q += "&a_bogus=" + bogus(c.r.pageSecret(c.ttwid), q, form)
	}
	method, header := "GET", http.Header{}
	if form != "" {
		method = "POST"
		header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp := c.do(method, "https://www.douyin.com"+path+"?"+q, form, header)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestUnsignedRequestsGetABareStatus(t *testing.T) {
	_, c := start(t, Config{Works: 30})
	c.login()
	_, body := c.api("/aweme/v1/web/aweme/post/", "sec_user_id="+url.QueryEscape(c.r.acc.Owner.SecUID)+"&max_cursor=0&count=18", "", false)
	if string(body) != `{"status_code":0}` {
		t.Fatalf("an unsigned request got %s", body)
	}
	if _, err := dy.DecodeAwemeList(body); err == nil {
		t.Fatal("the parser took a bare status_code 0 for an empty page")
	}
	// A signature made with another page's secret is as good as none.
	other := &client{t: t, r: c.r, http: c.http, ttwid: "1%7Cother", sid: c.sid}
	q := "sec_user_id=x&max_cursor=0&a_bogus=" + bogus(c.r.pageSecret(c.ttwid), "sec_user_id=x&max_cursor=0", "")
	resp := other.do("GET", "https://www.douyin.com/aweme/v1/web/aweme/post/?"+q, "", nil)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != `{"status_code":0}` {
		t.Fatalf("a request signed for another page got %s", b)
	}
	if got := c.r.Stats().Unsigned; got != 2 {
		t.Fatalf("the replica counted %d unsigned requests, want 2", got)
	}
}

func TestLoggedOutAnswers(t *testing.T) {
	_, c := start(t, Config{Works: 10})
	_, body := c.api("/aweme/v1/web/user/profile/self/", "", "", true)
	var e *dy.Error
	if err := dy.Check(body); !errors.As(err, &e) || !e.LoggedOut() || e.Code != 2483 {
		t.Fatalf("profile/self without a session: %s (%v)", body, err)
	}
	_, body = c.api("/aweme/v1/web/aweme/favorite/", "sec_user_id=x&max_cursor=0", "", true)
	if err := dy.Check(body); !errors.As(err, &e) || !e.LoggedOut() || !strings.Contains(e.Msg, "用户未登录") {
		t.Fatalf("a list without a session: %s (%v)", body, err)
	}
}

// TestListsPageToTheEnd walks every list as the page would and checks it
// against the generated account: each item once, the quirks in place.
func TestListsPageToTheEnd(t *testing.T) {
	r, c := start(t, Config{Works: 70})
	c.login()
	a := r.acc
	sec := url.QueryEscape(a.Owner.SecUID)

	// Works: max_cursor in ms, pinned first, empty windows with has_more 1.
	seen, empty, pages := map[string]int{}, 0, 0
	cursor := "0"
	for {
		_, body := c.api("/aweme/v1/web/aweme/post/", "sec_user_id="+sec+"&max_cursor="+cursor+"&count=18", "", true)
		l, err := dy.DecodeAwemeList(body)
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		pages++
		if pages == 1 && (len(l.Awemes) == 0 || l.Awemes[0].IsTop.V != 1) {
			t.Error("the first page does not start with a pinned work")
		}
		if len(l.Awemes) == 0 && l.HasMore {
			empty++
		}
		for i := range l.Awemes {
			aw := &l.Awemes[i]
			seen[string(aw.AwemeID)]++
			w := a.works[string(aw.AwemeID)]
			if aw.Music == nil || string(aw.Music.ID) != w.Music.ID || len(w.Music.ID) < 19 {
				t.Fatalf("work %s: music id %v, want the bare digits %s", aw.AwemeID, aw.Music, w.Music.ID)
			}
			if !w.Photo() {
				best, _, _ := aw.Video.Best()
				if MediaKey(best) != "douyinvod/"+w.Video.Best().FileID {
					t.Fatalf("work %s: the parser's best stream is %s, the best rung is %s", aw.AwemeID, best, w.Video.Best().Gear)
				}
				if MediaKey(aw.Video.PlayAddr.First()) == MediaKey(best) {
					t.Fatalf("work %s: play_addr is already the best rung: the ladder proves nothing", aw.AwemeID)
				}
			}
		}
		if l.MaxCursor.V < 1e12 || l.MaxCursor.V >= 1e13 {
			t.Fatalf("max_cursor %d is not in milliseconds", l.MaxCursor.V)
		}
		if !l.HasMore {
			break
		}
		cursor = fmt.Sprint(l.MaxCursor.V)
	}
	if len(seen) != len(a.Works) {
		t.Fatalf("the post list gave %d works, the account has %d", len(seen), len(a.Works))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("work %s listed %d times", id, n)
		}
	}
	if empty == 0 {
		t.Error("no empty time window: the quiet year should give one")
	}

	// Follow lists: boolean has_more, time windows, the follower cap,
	// past which the follower list runs dry (empty pages, has_more true).
	for _, tc := range []struct {
		path  string
		want  int
		total int
	}{{"/aweme/v1/web/user/following/list/", len(a.Following), len(a.Following)},
		{"/aweme/v1/web/user/follower/list/", a.FollowersCap, len(a.Followers)}} {
		got := map[string]bool{}
		maxTime := "0"
		for {
			_, body := c.api(tc.path, "user_id="+a.Owner.UID+"&sec_user_id="+sec+"&offset=0&min_time=0&max_time="+maxTime+"&count=20", "", true)
			if !bytes.Contains(body, []byte(`"has_more":true`)) && !bytes.Contains(body, []byte(`"has_more":false`)) {
				t.Fatalf("%s: has_more is not a boolean: %.200s", tc.path, body)
			}
			f, err := dy.DecodeFollow(body)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range f.Users() {
				got[string(u.UID)] = true
			}
			if f.Total.V != int64(tc.total) {
				t.Errorf("%s: total %d, want %d", tc.path, f.Total.V, tc.total)
			}
			if !f.HasMore {
				break
			}
			if len(f.Users()) == 0 {
				if tc.want == tc.total {
					t.Fatalf("%s: an empty page says has_more, and the list is not capped", tc.path)
				}
				break // dry
			}
			maxTime = fmt.Sprint(f.MinTime.V)
		}
		if len(got) != tc.want {
			t.Errorf("%s: %d users, want %d", tc.path, len(got), tc.want)
		}
	}

	// Favourites: the cursor travels in the POST body.
	favs := 0
	for cursor := 0; ; {
		_, body := c.api("/aweme/v1/web/aweme/listcollection/", "publish_video_strategy_type=2", fmt.Sprintf("count=10&cursor=%d", cursor), true)
		l, err := dy.DecodeAwemeList(body)
		if err != nil {
			t.Fatal(err)
		}
		favs += len(l.Awemes)
		if !l.HasMore {
			break
		}
		cursor = int(l.Cursor.V)
	}
	if favs != len(a.Favorites) {
		t.Errorf("listcollection gave %d works, want %d", favs, len(a.Favorites))
	}

	// Comments: a short first page, the cap, replies.
	capped := a.Works[1]
	if len(capped.Comments) <= a.CommentCap {
		t.Fatalf("work 1 has %d comments, the cap is %d", len(capped.Comments), a.CommentCap)
	}
	tops := 0
	for cursor, page := 0, 0; ; page++ {
		_, body := c.api("/aweme/v1/web/comment/list/", fmt.Sprintf("aweme_id=%s&cursor=%d&count=20", capped.ID, cursor), "", true)
		cs, err := dy.DecodeComments(body)
		if err != nil {
			t.Fatal(err)
		}
		if page == 0 && len(cs.Comments) != 5 {
			t.Errorf("the first comment page has %d comments, the site gives 5", len(cs.Comments))
		}
		tops += len(cs.Comments)
		if cs.Total.V != int64(len(capped.Comments)) {
			t.Errorf("total %d, want %d", cs.Total.V, len(capped.Comments))
		}
		if !cs.HasMore {
			break
		}
		cursor = int(cs.Cursor.V)
	}
	if tops != a.CommentCap {
		t.Errorf("the comment list gave %d top-level comments, the cap is %d", tops, a.CommentCap)
	}
}

func TestMediaCleanAndWatermarked(t *testing.T) {
	r, c := start(t, Config{Works: 20, VideoTTL: time.Minute})
	c.login()
	var w *Work
	for _, x := range r.acc.Works {
		if !x.Photo() {
			w = x
			break
		}
	}
	_, body := c.api("/aweme/v1/web/aweme/detail/", "aweme_id="+w.ID, "", true)
	d, err := dy.DecodeDetail(body)
	if err != nil {
		t.Fatal(err)
	}
	fetch := func(u string, referer bool) (int, []byte) {
		req, _ := http.NewRequest("GET", u, nil)
		if referer {
			req.Header.Set("Referer", "https://www.douyin.com/")
		}
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	best, _, _ := d.Aweme.Video.Best()
	code, clean := fetch(best, true)
	want, _ := r.acc.Original("rung:" + w.Video.Best().FileID)
	if code != 200 || !bytes.Equal(clean, want) {
		t.Fatalf("best stream: HTTP %d, %d bytes, want the original's %d", code, len(clean), len(want))
	}
	if code, _ := fetch(best, false); code != http.StatusForbidden {
		t.Errorf("without a douyin Referer: HTTP %d, want 403", code)
	}
	code, marked := fetch(d.Aweme.Video.DownloadAddr.First(), true)
	if code != 200 || bytes.Equal(sha(marked), sha(clean)) || !strings.HasPrefix(string(marked[4:8]), "ftyp") {
		t.Fatalf("download_addr: HTTP %d, a distinct mp4 expected", code)
	}
	if r.Stats().Watermarked != 1 {
		t.Errorf("watermarked served %d, want 1", r.Stats().Watermarked)
	}
	// A link past its hex expiry is refused.
	rg := w.Video.Best()
	if code, _ := fetch(r.vodURL("v26-web.douyinvod.com", &rg, time.Now().Add(-time.Second).Unix()), true); code != http.StatusForbidden {
		t.Errorf("an expired link: HTTP %d, want 403", code)
	}
}

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

func sha(b []byte) []byte { s := sha256.Sum256(b); return s[:] }

func TestRateLimitThenCaptcha(t *testing.T) {
	r, c := start(t, Config{Works: 10, Rate: 1, Burst: 1, CaptchaAfter: 3})
	c.login()
	codes := []int{}
	for range 5 {
		code, _ := c.api("/aweme/v1/web/user/profile/self/", "", "", true)
		codes = append(codes, code)
	}
	if codes[0] != 200 || codes[1] != http.StatusTooManyRequests {
		t.Fatalf("codes %v: the first request passes, the next is 429", codes)
	}
	if !r.CaptchaOpen() {
		t.Fatal("hammering through 429s did not bring the captcha")
	}
	_, body := c.api("/aweme/v1/web/user/profile/self/", "", "", true)
	var e *dy.Error
	if err := dy.Check(body); !errors.As(err, &e) || !e.Captcha {
		t.Fatalf("during the captcha: %s", body)
	}
	resp := c.do("GET", "https://www.douyin.com/user/self", "", nil)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(page, []byte("<title>验证码中间页</title>")) {
		t.Fatalf("pages during the captcha: %.200s", page)
	}
	r.SolveCaptcha()
	time.Sleep(1100 * time.Millisecond)
	if code, body := c.api("/aweme/v1/web/user/profile/self/", "", "", true); code != 200 || dy.Check(body) != nil {
		t.Fatalf("after solving: HTTP %d %s", code, body)
	}
}

func TestIMHistory(t *testing.T) {
	r, c := start(t, Config{Works: 10, Conversations: 7})
	c.login()
	call := func(path string, cmd int, body pb) *dy.IMAnswer {
		req := pb(nil).uint(1, uint64(cmd)).bytes(8, pb(nil).bytes(cmd, body))
		resp := c.do("POST", "https://imapi.douyin.com"+path, string(req), http.Header{"Content-Type": {"application/x-protobuf"}})
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		a, err := dy.DecodeIM(raw)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return a
	}
	init := call("/v1/message/get_message_by_init", cmdInit, pb(nil).uint(1, uint64(time.Now().UnixMicro())).uint(2, 1))
	if len(init.Conversations) != 7 || init.Owner != r.acc.Owner.UID {
		t.Fatalf("%d conversations, want 7; owner %q", len(init.Conversations), init.Owner)
	}
	groups, beyond := 0, 0
	for _, conv := range r.acc.Conversations {
		if conv.Type != 1 {
			groups++
		}
		shown := r.shown(conv)
		beyond += len(conv.Messages) - len(shown)
		var got []string
		cursor := uint64(0)
		for {
			h := call("/v1/message/get_by_conversation", cmdHistory, pb(nil).str(1, conv.ID).uint(2, 1).uint(5, cursor).uint(6, 20))
			for _, m := range h.Messages {
				got = append(got, m.ID)
				if m.ConversationID != conv.ID {
					t.Fatalf("message %s says conversation %s", m.ID, m.ConversationID)
				}
			}
			if !h.HasMore {
				break
			}
			cursor = h.NextCursor
		}
		if len(got) != len(shown) {
			t.Fatalf("conversation %s: %d messages, want the %d of the last year", conv.ID, len(got), len(shown))
		}
		for i, id := range got { // newest first
			if want := shown[len(shown)-1-i].ID; id != want {
				t.Fatalf("conversation %s message %d: %s, want %s", conv.ID, i, id, want)
			}
		}
	}
	// The account has what the web shows of DMs: group chats, and
	// conversations older than its one-year horizon.
	if groups == 0 || beyond == 0 {
		t.Fatalf("%d group chats, %d messages beyond the horizon", groups, beyond)
	}
	c.sid = ""
	req := pb(nil).uint(1, cmdInit).bytes(8, pb(nil).bytes(cmdInit, nil))
	resp := c.do("POST", "https://imapi.douyin.com/v1/message/get_message_by_init", string(req), nil)
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var e *dy.Error
	if _, err := dy.DecodeIM(raw); !errors.As(err, &e) || !e.LoggedOut() {
		t.Fatalf("imapi without a session: %v (%s)", err, hex.EncodeToString(raw))
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
	a, b := generate(t, ctx, Config{Seed: 7, Works: 40}), generate(t, ctx, Config{Seed: 7, Works: 40})
	if a.Works[17].ID != b.Works[17].ID || a.Conversations[3].Messages[0].ID != b.Conversations[3].Messages[0].ID {
		t.Fatal("the same seed made two accounts")
	}
	if len(a.Works) != 40 || len(a.Conversations) != 8 {
		t.Fatalf("%d works, %d conversations", len(a.Works), len(a.Conversations))
	}
}

// TestGenerateCancelled: generating an account stops when its context
// ends, at any size.
func TestGenerateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, cfg := range []Config{{Seed: 1, Works: 40}, {Seed: 1, Works: 1 << 30, Conversations: 1 << 30}} {
		if a, err := Generate(ctx, cfg); !errors.Is(err, context.Canceled) || a != nil {
			t.Errorf("%d works: %v", cfg.Works, err)
		}
		if r, err := Start(ctx, cfg); !errors.Is(err, context.Canceled) || r != nil {
			t.Errorf("Start, %d works: %v", cfg.Works, err)
		}
	}
}

// TestDMMedia: a DM picture comes encrypted (AES-256-GCM with its
// message's skey) and opens to the original; stickers and voices come
// plain; im/user/info names the people of the conversations.
func TestDMMedia(t *testing.T) {
	r, c := start(t, Config{Works: 6, Conversations: 8})
	c.login()
	kinds := map[string]int{}
	for _, conv := range r.acc.Conversations {
		for _, m := range conv.Messages {
			if m.Media == "" || kinds[m.Kind] > 0 {
				continue
			}
			kinds[m.Kind]++
			u := map[string]string{"picture": imPicURL(m.Media), "sticker": imStickerURL(m.Media), "voice": imVoiceURL(m.Media)}[m.Kind]
			resp := c.do("GET", u, "", http.Header{"Referer": {"https://www.douyin.com/"}})
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			want, _ := r.acc.Original("dm:" + m.Media)
			if m.Kind == "picture" {
				if bytes.Equal(body, want) {
					t.Fatal("a DM picture came unencrypted")
				}
				if body, err := dy.OpenPicture(m.SKey, body); err != nil || !bytes.Equal(body, want) {
					t.Fatalf("the picture does not open to the original: %v", err)
				}
				continue
			}
			if !bytes.Equal(body, want) {
				t.Fatalf("%s %s: HTTP %d, %d bytes", m.Kind, u, resp.StatusCode, len(body))
			}
		}
	}
	if kinds["picture"] == 0 || kinds["sticker"] == 0 || kinds["voice"] == 0 {
		t.Fatalf("the account's DMs have %v", kinds)
	}
	peer := r.acc.Conversations[0].Members[0]
	code, body := c.api("/aweme/v1/web/im/user/info/", "", "sec_user_ids="+url.QueryEscape(`["`+peer.SecUID+`"]`), true)
	u, err := dy.DecodeIMUsers(body)
	if code != 200 || err != nil || len(u.Data) != 1 || u.Data[0].Nickname != peer.Nickname {
		t.Fatalf("im/user/info: HTTP %d %v %s", code, err, body)
	}
}

// TestRefusals: the risk-control faults answer as the sources show.
func TestRefusals(t *testing.T) {
	for _, tc := range []struct {
		faults faults.List
		status int
		body   string
	}{
		{faults.List{Blocked: 1}, 200, "blocked"},
		{faults.List{Argus: 1}, 403, "Blocked by ArgusSecurityPlugin Signature Not Found"},
		{faults.List{Code8: 1}, 200, `"status_code":8`},
	} {
		_, c := start(t, Config{Works: 4, Faults: tc.faults})
		c.login()
		code, body := c.api("/aweme/v1/web/aweme/favorite/", "max_cursor=0&count=18", "", true)
		if code != tc.status || !strings.Contains(string(body), tc.body) {
			t.Errorf("%s: HTTP %d %s", tc.faults, code, body)
		}
		var e *dy.Error
		if tc.faults.Code8 > 0 && (!errors.As(dy.Check(body), &e) || e.LoggedOut() || !e.Refused()) {
			t.Errorf("code8 read as %v", dy.Check(body))
		}
	}
}
