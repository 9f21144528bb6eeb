package douyin

import (
	"errors"
	"slices"
	"testing"

	"github.com/farewell-app/farewell/exporter"
	dy "github.com/farewell-app/farewell/parsers/douyin"
)

func TestMediaKey(t *testing.T) {
	cases := []struct{ url, want string }{
		{"https://v26-web.douyinvod.com/4b2f/6940a1b0/video/tos/cn/tos-cn-ve-15c001-alinc2/oYfDm9ab/?a=6383&br=2000", "douyin:video:oYfDm9ab"},
		{"https://v3-web.douyinvod.com/99aa/6940b000/video/tos/cn/tos-cn-ve-15c001-alinc2/oYfDm9ab/", "douyin:video:oYfDm9ab"},
		{"https://www.douyin.com/aweme/v1/play/?video_id=v0200fg&line=0&file_id=oYfDm9ab&sign=x", "douyin:video:oYfDm9ab"},
		{"https://p3-pc-sign.douyinpic.com/tos-cn-i-0813/abc~tplv-dy-aweme-images:q75.jpeg?x-expires=1", "douyin:image:tos-cn-i-0813/abc"},
		{"https://p9-pc-sign.douyinpic.com/tos-cn-i-0813/abc~noop.jpeg", "douyin:image:tos-cn-i-0813/abc"},
		{"https://p3-pc.douyinpic.com/aweme/1080x1080/aweme-avatar/tos-cn-avt-0015_x.jpeg?from=1", "douyin:avatar:aweme-avatar/tos-cn-avt-0015_x"},
		{"https://sf5-hl-cdn-tos.douyinstatic.com/obj/ies-music/7123.mp3", "douyin:file:obj/ies-music/7123.mp3"},
		{"not a url at all", ""},
	}
	for _, tc := range cases {
		if got := MediaKey(tc.url); got != tc.want {
			t.Errorf("MediaKey(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
}

func TestJudge(t *testing.T) {
	cases := []struct {
		status int
		body   string
		want   error
	}{
		{200, `{"status_code":0,"aweme_list":[]}`, nil},
		{429, ``, exporter.ErrThrottled},
		{200, ``, exporter.ErrThrottled},
		{200, `{"status_code":0}`, exporter.ErrThrottled},
		{200, `{"status_code":2483,"status_msg":"请先登录"}`, exporter.ErrNotLoggedIn},
		{200, `{"status_code":8,"status_msg":"用户未登录"}`, exporter.ErrNotLoggedIn},
		{200, `{"status_code":0,"verify_ticket":"v1"}`, exporter.ErrCaptcha},
		{200, `{"status_code":0,"status_msg":"blocked","comments":[]}`, exporter.ErrThrottled},
		// Risk control (§D8): plain-text blocked, Argus's 403, a bare 8.
		{200, `blocked`, exporter.ErrThrottled},
		{403, `Blocked by ArgusSecurityPlugin Signature Not Found`, exporter.ErrThrottled},
		{200, `{"status_code":8,"status_msg":""}`, exporter.ErrThrottled},
	}
	for _, tc := range cases {
		err := judge(tc.status, []byte(tc.body))
		if (tc.want == nil) != (err == nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("judge(%d, %s) = %v, want %v", tc.status, tc.body, err, tc.want)
		}
	}
	if err := judge(200, []byte(`<html>`)); err == nil || errors.Is(err, exporter.ErrThrottled) {
		t.Errorf("an HTML page: %v, want a plain error", err)
	}
	if err := judge(200, []byte(`{"status_code":8}`)); errors.Is(err, exporter.ErrNotLoggedIn) {
		t.Errorf("a bare status_code 8 read as a logout: %v", err)
	}
}

// TestActivityKeys: the keys a rerun compares pages by, for the lists of
// issue 17, and which notification pages are the list of all of them.
func TestActivityKeys(t *testing.T) {
	rf := func(path string) exporter.RawFile {
		return exporter.RawFile{Meta: exporter.RawMeta{URL: "https://www.douyin.com" + path}}
	}
	cases := []struct {
		name string
		rf   exporter.RawFile
		body string
		want []string
	}{
		{"notices", rf("/aweme/v1/web/notice/?notice_group=700"), `{"status_code":0,"notice_list_v2":[{"nid":7400000000000000001,"type":33},{"nid_str":"7400000000000000002","type":41}],"has_more":0}`,
			[]string{"notice:7400000000000000001", "notice:7400000000000000002"}},
		{"own series", rf("/aweme/v1/web/mix/list/"), `{"status_code":0,"mix_infos":[{"mix_id":"71"}],"has_more":0,"total":1}`, []string{"mix:71"}},
		{"own series, older shape", rf("/aweme/v1/web/mix/list/"), `{"status_code":0,"mix_list":[{"mix_id":"72"}],"has_more":0}`, []string{"mix:72"}},
		{"sounds", rf("/aweme/v1/web/music/list/"), `{"status_code":0,"music_list":[{"id":7049190940524234346,"id_str":"7049190940524234346"}],"has_more":0}`,
			[]string{"music:7049190940524234346"}},
		{"watch history", rf("/aweme/v1/web/history/read/"), `{"status_code":0,"aweme_list":[{"aweme_id":"73"}],"has_more":0}`, []string{"73"}},
		{"an unsigned answer has no keys", rf("/aweme/v1/web/notice/"), `{"status_code":0}`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.rf.Meta.Kind = map[string]string{"watch history": string(dy.KindHistory)}[tc.name]
			if got := keysIn(tc.rf, []byte(tc.body)); !slices.Equal(got, tc.want) {
				t.Errorf("keys %v, want %v", got, tc.want)
			}
		})
	}
	for group, want := range map[string]bool{"700": true, "960": true, "": true, "2": false, "401": false, "520": false} {
		if got := allNotices(rf("/aweme/v1/web/notice/?notice_group=" + group)); got != want {
			t.Errorf("notice_group %q: all %v, want %v", group, got, want)
		}
	}
	if allNotices(rf("/aweme/v1/web/notice/detail/?notice_group=700")) {
		t.Error("notice/detail read as the list of all notifications")
	}
}
