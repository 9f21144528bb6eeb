package douyin

import (
	"testing"

	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/parsers/parsertest"
	"github.com/farewell-app/farewell/parsers/record"
)

// fuzzKind fuzzes one parser kind, seeded with every fixture. Properties:
// no panic; records marshal; ids are present; no watermarked address is
// ever chosen.
func fuzzKind(f *testing.F, kind parsers.Kind) {
	parsertest.Seed(f)
	parse := Kinds()[kind]
	f.Fuzz(func(t *testing.T, raw []byte) {
		recs, err := parse(raw, parsers.Meta{Ref: "1", Owner: "61234567890"})
		if err != nil {
			return
		}
		for _, r := range recs {
			if _, err := record.MarshalLine(r); err != nil {
				t.Fatalf("record does not marshal: %v", err)
			}
			var media []record.Media
			switch r := r.(type) {
			case record.Post:
				if r.ID == "" && !r.Deleted {
					t.Fatalf("post without id")
				}
				media = r.Media
			case record.Saved:
				if r.Post != nil {
					media = r.Post.Media
				}
			case record.Comment:
				if r.ID == "" {
					t.Fatal("comment without id")
				}
				media = r.Media
			case record.Notification:
				if r.ID == "" || r.Kind == "" {
					t.Fatalf("notification without id or kind: %+v", r)
				}
				if r.Post != nil && len(r.Post.Media) > 0 {
					t.Fatal("a notification's work carries media")
				}
			case record.OwnSeries:
				if r.ID == "" {
					t.Fatal("series without id")
				}
				media = r.Media
			case record.Sound:
				if r.ID == "" {
					t.Fatal("sound without id")
				}
				media = r.Media
			case record.Message:
				if r.ID == "" || r.ID == "0" {
					t.Fatal("message without id")
				}
			}
			for _, m := range media {
				if watermarked(m.URL) || (m.Motion != nil && watermarked(m.Motion.URL)) {
					t.Fatalf("watermarked media chosen: %s", m.URL)
				}
			}
		}
	})
}

func FuzzPost(f *testing.F)       { fuzzKind(f, "douyin.post") }
func FuzzDetail(f *testing.F)     { fuzzKind(f, "douyin.detail") }
func FuzzFavorite(f *testing.F)   { fuzzKind(f, "douyin.favorite") }
func FuzzCollection(f *testing.F) { fuzzKind(f, "douyin.collection") }
func FuzzComments(f *testing.F)   { fuzzKind(f, "douyin.comments") }
func FuzzFollow(f *testing.F)     { fuzzKind(f, "douyin.follow") }
func FuzzProfile(f *testing.F)    { fuzzKind(f, "douyin.profile") }
func FuzzMixes(f *testing.F)      { fuzzKind(f, "douyin.mixes") }
func FuzzMusics(f *testing.F)     { fuzzKind(f, "douyin.musics") }
func FuzzWallet(f *testing.F)     { fuzzKind(f, "douyin.wallet") }
func FuzzIM(f *testing.F)         { fuzzKind(f, "douyin.im") }

func FuzzIMUsers(f *testing.F) { fuzzKind(f, "douyin.im_users") }

// FuzzIMRequest: reading which conversation a request asks for never
// panics, whatever the bytes.
func FuzzIMRequest(f *testing.F) {
	for _, b := range imFixtures() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, raw []byte) { IMRequestConversation(raw) })
}

func FuzzDramas(f *testing.F) { fuzzKind(f, "douyin.dramas") }

func FuzzHistory(f *testing.F)    { fuzzKind(f, "douyin.history") }
func FuzzWatchLater(f *testing.F) { fuzzKind(f, "douyin.watch_later") }
func FuzzNotices(f *testing.F)    { fuzzKind(f, "douyin.notices") }
func FuzzOwnMixes(f *testing.F)   { fuzzKind(f, "douyin.own_mixes") }
func FuzzMixWorks(f *testing.F)   { fuzzKind(f, "douyin.mix_works") }
func FuzzSounds(f *testing.F)     { fuzzKind(f, "douyin.sounds") }
