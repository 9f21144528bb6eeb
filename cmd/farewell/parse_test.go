package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	fixture := filepath.Join("..", "..", "parsers", "weibo", "testdata", "mymblog.json")
	code, stdout, stderr := farewell(t, context.Background(), "parse", "--kind", "weibo.mymblog", "--owner", "1234567890", fixture)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 4 { // the fifth status is another user's
		t.Fatalf("%d records:\n%s", len(lines), stdout)
	}
	var p struct{ Record, ID string }
	if err := json.Unmarshal([]byte(lines[0]), &p); err != nil || p.Record != "post" || p.ID != "4990000000000001" {
		t.Fatalf("first record %s (%v)", lines[0], err)
	}
	// The sidecar beside a raw file says what it is about.
	dir := t.TempDir()
	raw, _ := os.ReadFile(filepath.Join("..", "..", "parsers", "weibo", "testdata", "replies.json"))
	os.WriteFile(filepath.Join(dir, "000007.json"), raw, 0o600)
	os.WriteFile(filepath.Join(dir, "000007.meta.json"), []byte(`{"url":"https://weibo.com/ajax/statuses/buildComments","ref":"4990000000000001","kind":"weibo.comments"}`), 0o600)
	code, stdout, _ = farewell(t, context.Background(), "parse", "--kind", "weibo.comments", filepath.Join(dir, "000007.json"))
	if code != ExitOK || !strings.Contains(stdout, `"post_id":"4990000000000001"`) {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"parse", "--kind", "weibo.nope", fixture}, ExitUsage, "unknown --kind"},
		{[]string{"parse", "--kind", "weibo.mymblog", filepath.Join(dir, "missing.json")}, ExitError, "no such file"},
		{[]string{"parse", "--kind", "weibo.mymblog", filepath.Join("..", "..", "parsers", "weibo", "testdata", "visitor.html")}, ExitError, "not a JSON object"},
	} {
		code, _, stderr := farewell(t, context.Background(), tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d %q", tc.args, code, stderr)
		}
	}
}

func TestRenderQR(t *testing.T) {
	out := renderQR("https://passport.weibo.cn/signin/qrcode/scan?qr=QRID-1234")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	width := len([]rune(lines[0]))
	// A version 3 code (29 modules) or larger, plus a quiet zone of two
	// modules each side; two rows of modules per line.
	if width < 25+4 || len(lines) != (width+1)/2 {
		t.Fatalf("%d lines of %d cells:\n%s", len(lines), width, out)
	}
	for _, l := range lines {
		if len([]rune(l)) != width {
			t.Fatalf("ragged line %q", l)
		}
	}
	// The quiet zone is light: the first line is all full blocks.
	if strings.Trim(lines[0], "█") != "" {
		t.Fatalf("no quiet zone: %q", lines[0])
	}
}

// TestParseWrongInput: for every kind, a file that is not the answer the
// kind names (garbage, an empty JSON object, another endpoint's valid
// answer) is an error, exit 1, in one line naming the file and the kind,
// with nothing on stdout.
func TestParseWrongInput(t *testing.T) {
	td := func(site, name string) string { return filepath.Join("..", "..", "parsers", site, "testdata", name) }
	other := map[string]string{
		"weibo.mymblog": td("weibo", "friends.json"), "weibo.searchprofile": td("weibo", "mentions.json"),
		"weibo.show": td("weibo", "m-show.json"), "weibo.m.show": td("weibo", "show.json"),
		"weibo.longtext": td("weibo", "profile-info.json"), "weibo.likelist": td("weibo", "favorites.json"),
		"weibo.favorites": td("weibo", "comments.json"), "weibo.comments": td("weibo", "mymblog.json"),
		"weibo.friends": td("weibo", "groupmembers.json"), "weibo.profile": td("weibo", "m-show.json"),
		"weibo.detail": td("weibo", "profile-info.json"), "weibo.apps": td("weibo", "cn-profile.html"),
		"weibo.emoticons": td("weibo", "longtext.json"), "weibo.mycmt": td("weibo", "comments.json"),
		"weibo.cmt": td("weibo", "replies.json"), "weibo.cmtmentions": td("weibo", "comments-nested.json"),
		"weibo.mentions": td("weibo", "edithistory.json"), "weibo.edithistory": td("weibo", "mentions.json"),
		"weibo.chat.dm": td("weibo", "chat-group.json"), "weibo.chat.group": td("weibo", "chat-dm.json"),
		"weibo.article": td("weibo", "profile-detail.json"), "weibo.cn.profile": td("weibo", "cn-comment.html"),
		"weibo.cn.comment": td("weibo", "cn-profile.html"),
		"douyin.post":      td("douyin", "comments.json"), "douyin.favorite": td("douyin", "followers.json"),
		"douyin.collection": td("douyin", "mixes.json"), "douyin.history": td("douyin", "notices.json"),
		"douyin.watch_later": td("douyin", "profile.json"), "douyin.mix_works": td("douyin", "mixlist.json"),
		"douyin.detail": td("douyin", "post.json"), "douyin.comments": td("douyin", "following.json"),
		"douyin.follow": td("douyin", "comments.json"), "douyin.profile": td("douyin", "detail.json"),
		"douyin.mixes": td("douyin", "musics.json"), "douyin.own_mixes": td("douyin", "musiclist.json"),
		"douyin.musics": td("douyin", "mixes.json"), "douyin.dramas": td("douyin", "mixlist.json"),
		"douyin.wallet": td("douyin", "im-users.json"), "douyin.im": td("douyin", "profile.json"),
		"douyin.im_users": td("douyin", "wallet.json"), "douyin.notices": td("douyin", "post.json"),
		"douyin.sounds": td("douyin", "dramas.json"),
	}
	dir := t.TempDir()
	garbage, empty := filepath.Join(dir, "garbage.json"), filepath.Join(dir, "empty.json")
	os.WriteFile(garbage, []byte("\x89PNG\r\n\x1a\n not an answer <html>"), 0o600)
	os.WriteFile(empty, []byte("{}"), 0o600)
	for _, kind := range kindNames() {
		if other[kind] == "" {
			t.Errorf("%s: no other kind's answer to try (add one)", kind)
			continue
		}
		for _, file := range []string{garbage, empty, other[kind]} {
			t.Run(kind+"/"+filepath.Base(file), func(t *testing.T) {
				code, stdout, stderr := farewell(t, context.Background(), "parse", "--kind", kind, file)
				if code != ExitError || stdout != "" {
					t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
				}
				if !strings.HasPrefix(stderr, "farewell: error: parse "+file+" as "+kind+": ") || strings.Count(stderr, "\n") != 1 {
					t.Errorf("stderr %q", stderr)
				}
			})
		}
	}
}
