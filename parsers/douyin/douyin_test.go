package douyin

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/parsers/parsertest"
	"github.com/farewell-app/farewell/parsers/record"
)

var update = flag.Bool("update", false, "rewrite golden files")

var goldenCases = []parsertest.Case{
	{File: "post.json", Kind: "douyin.post", Meta: parsers.Meta{Owner: "61234567890", Raw: "raw/posts/000001.json"}},
	{File: "detail.json", Kind: "douyin.detail"},
	{File: "detail-deleted.json", Kind: "douyin.detail"},
	{File: "favorite.json", Kind: "douyin.favorite"},
	{File: "collection.json", Kind: "douyin.collection"},
	{File: "collection.json", Kind: "douyin.collection", Meta: parsers.Meta{Ref: "学习"}, Variant: "folder"},
	{File: "comments.json", Kind: "douyin.comments", Meta: parsers.Meta{Ref: "7301234567890123456"}},
	{File: "replies.json", Kind: "douyin.comments", Meta: parsers.Meta{Ref: "7301234567890123456"}},
	{File: "following.json", Kind: "douyin.follow"},
	{File: "followers.json", Kind: "douyin.follow"},
	{File: "profile.json", Kind: "douyin.profile"},
	{File: "mixes.json", Kind: "douyin.mixes"},
	{File: "musics.json", Kind: "douyin.musics"},
	{File: "dramas.json", Kind: "douyin.dramas"},
	{File: "wallet.json", Kind: "douyin.wallet"},
	{File: "im-history.bin", Kind: "douyin.im", Meta: parsers.Meta{Owner: "61234567890"}},
	{File: "im-history-lenient.bin", Kind: "douyin.im"},
	{File: "im-init.bin", Kind: "douyin.im"},
	{File: "im-users.json", Kind: "douyin.im_users"},
	{File: "im-loggedout.bin", Kind: "douyin.im", WantErr: "not logged in"},
	{File: "history.json", Kind: "douyin.history"},
	{File: "watchlater.json", Kind: "douyin.watch_later"},
	{File: "notices.json", Kind: "douyin.notices"},
	{File: "notices-old.json", Kind: "douyin.notices"},
	{File: "mixlist.json", Kind: "douyin.own_mixes"},
	{File: "mixaweme.json", Kind: "douyin.mix_works"},
	{File: "musiclist.json", Kind: "douyin.sounds"},
	{File: "unsigned.json", Kind: "douyin.post", WantErr: "without a list"},
	{File: "unsigned.json", Kind: "douyin.notices", WantErr: "without a list"},
	{File: "unsigned.json", Kind: "douyin.own_mixes", WantErr: "without a list"},
	{File: "unsigned.json", Kind: "douyin.sounds", WantErr: "without a list"},
	{File: "captcha.json", Kind: "douyin.history", WantErr: "captcha"},
	{File: "loggedout.json", Kind: "douyin.post", WantErr: "not logged in"},
	{File: "captcha.json", Kind: "douyin.favorite", WantErr: "captcha"},
	{File: "post.json", Kind: "douyin.im", WantErr: "protobuf"},
}

func TestGolden(t *testing.T) {
	parsertest.Golden(t, Kinds(), goldenCases, *update)
}

func TestIDsStayExact(t *testing.T) {
	raw, _ := os.ReadFile("testdata/post.json")
	l, err := DecodeAwemeList(raw)
	if err != nil {
		t.Fatal(err)
	}
	a := l.Awemes[0]
	// 7234567890123456789 > 2^53: through a float it would end in ...6800.
	if a.Music.ID != "7234567890123456789" || a.AuthorUserID != "61234567890" {
		t.Fatalf("music.id %q author_user_id %q", a.Music.ID, a.AuthorUserID)
	}
	if !bool(l.HasMore) || l.MaxCursor.V != 1689909551000 {
		t.Fatalf("has_more %v max_cursor %d", l.HasMore, l.MaxCursor.V)
	}
	var f Follow
	json.Unmarshal([]byte(`{"has_more":true}`), &f)
	var g AwemeList
	json.Unmarshal([]byte(`{"has_more":1}`), &g)
	if !bool(f.HasMore) || !bool(g.HasMore) {
		t.Fatal("has_more as boolean or 0/1 misread")
	}
}

func TestBestVideoIsCleanAndLargest(t *testing.T) {
	raw, _ := os.ReadFile("testdata/post.json")
	l, _ := DecodeAwemeList(raw)
	u, w, h := l.Awemes[0].Video.Best()
	// The 1080p 60 fps rung would win, but its only address is /playwm/.
	if !strings.HasSuffix(u, "abc_1080.mp4") || w != 1080 || h != 1920 {
		t.Fatalf("best = %s %dx%d", u, w, h)
	}
	for _, a := range l.Awemes {
		for _, m := range a.Media() {
			for _, s := range []string{m.URL, motionURL(m)} {
				if watermarked(s) {
					t.Errorf("work %s: watermarked media %s", a.AwemeID, s)
				}
			}
		}
	}
	photo := l.Awemes[1].Media()
	if len(photo) != 4 || photo[1].Type != record.MediaLivePhoto || photo[1].Motion == nil || photo[3].Type != record.MediaAudio {
		t.Fatalf("photo post media %+v", photo)
	}
}

func motionURL(m record.Media) string {
	if m.Motion == nil {
		return ""
	}
	return m.Motion.URL
}

func TestErrors(t *testing.T) {
	var derr *Error
	for file, check := range map[string]func(*Error) bool{
		"loggedout.json": (*Error).LoggedOut,
		"captcha.json":   func(e *Error) bool { return e.Captcha },
	} {
		raw, _ := os.ReadFile(filepath.Join("testdata", file))
		if err := Check(raw); !errors.As(err, &derr) || !check(derr) {
			t.Errorf("%s: %v", file, err)
		}
	}
	if err := Check([]byte("<html>验证码中间页</html>")); err == nil || errors.As(err, &derr) {
		t.Errorf("HTML: %v", err)
	}
	d, err := DecodeDetail(mustRead(t, "detail-deleted.json"))
	if err != nil {
		t.Fatal(err)
	}
	if p := DetailPost(d, ""); !p.Deleted || p.ID != "7301234567890123999" || !strings.Contains(p.Text, "status_self_see") {
		t.Fatalf("stub %+v", p)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
