package weibo

import (
	"encoding/json"
	"testing"

	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/parsers/parsertest"
	"github.com/farewell-app/farewell/parsers/record"
)

// fuzzKind fuzzes one parser kind, seeded with every fixture. Properties:
// no panic; records marshal; every record has its required id.
func fuzzKind(f *testing.F, kind parsers.Kind) {
	parsertest.Seed(f)
	parse := Kinds()[kind]
	f.Fuzz(func(t *testing.T, raw []byte) {
		recs, err := parse(raw, parsers.Meta{Ref: "1", Owner: "", Captured: captured})
		if err != nil {
			return
		}
		for _, r := range recs {
			if _, err := json.Marshal(r); err != nil {
				t.Fatalf("record does not marshal: %v", err)
			}
			switch r := r.(type) {
			case record.Post:
				if r.ID == "" && kind != "weibo.longtext" {
					t.Fatalf("post without id: %+v", r)
				}
			case record.Comment:
				if r.ID == "" {
					t.Fatalf("comment without id")
				}
			case record.User:
				if r.ID == "" && kind != "weibo.detail" {
					t.Fatalf("user without id")
				}
			case record.Emoticon:
				if r.Phrase == "" || len(r.Media) != 1 || r.Media[0].URL == "" {
					t.Fatalf("emoticon without phrase or picture: %+v", r)
				}
			case record.Article:
				if r.ID == "" {
					t.Fatalf("article without id: %+v", r)
				}
				for _, b := range r.Blocks {
					if b.Type == "image" && (b.Media == nil || *b.Media < 0 || *b.Media >= len(r.Media)) {
						t.Fatalf("a picture block without its media: %+v", r)
					}
				}
			case record.Message:
				if r.ID == "" || r.Record != record.TypeMessage {
					t.Fatalf("message without id: %+v", r)
				}
			case record.Saved:
				if r.Post == nil || r.Post.ID == "" {
					t.Fatalf("saved item without post id")
				}
			}
		}
	})
}

func FuzzTimeline(f *testing.F)        { fuzzKind(f, "weibo.mymblog") }
func FuzzShow(f *testing.F)            { fuzzKind(f, "weibo.show") }
func FuzzMobileShow(f *testing.F)      { fuzzKind(f, "weibo.m.show") }
func FuzzEmoticons(f *testing.F)       { fuzzKind(f, "weibo.emoticons") }
func FuzzMessageComments(f *testing.F) { fuzzKind(f, "weibo.mycmt") }
func FuzzMentions(f *testing.F)        { fuzzKind(f, "weibo.mentions") }
func FuzzEditHistory(f *testing.F)     { fuzzKind(f, "weibo.edithistory") }
func FuzzLongText(f *testing.F)        { fuzzKind(f, "weibo.longtext") }
func FuzzChatDM(f *testing.F)          { fuzzKind(f, "weibo.chat.dm") }
func FuzzArticle(f *testing.F)         { fuzzKind(f, "weibo.article") }
func FuzzChatGroup(f *testing.F)       { fuzzKind(f, "weibo.chat.group") }
func FuzzLikes(f *testing.F)           { fuzzKind(f, "weibo.likelist") }
func FuzzFavorites(f *testing.F)       { fuzzKind(f, "weibo.favorites") }
func FuzzComments(f *testing.F)        { fuzzKind(f, "weibo.comments") }
func FuzzFriends(f *testing.F)         { fuzzKind(f, "weibo.friends") }
func FuzzProfile(f *testing.F)         { fuzzKind(f, "weibo.profile") }
func FuzzDetail(f *testing.F)          { fuzzKind(f, "weibo.detail") }
func FuzzApps(f *testing.F)            { fuzzKind(f, "weibo.apps") }
func FuzzCNProfile(f *testing.F)       { fuzzKind(f, "weibo.cn.profile") }
func FuzzCNComment(f *testing.F)       { fuzzKind(f, "weibo.cn.comment") }

func FuzzMid(f *testing.F) {
	f.Add("K2sOc1ALd")
	f.Add("4606858640379815")
	f.Fuzz(func(t *testing.T, s string) {
		if mid, err := MidFromBid(s); err == nil {
			if bid, err := BidFromMid(mid); err == nil {
				if back, err := MidFromBid(bid); err != nil || back != mid {
					t.Fatalf("%q -> %s -> %s -> %s", s, mid, bid, back)
				}
			}
		}
	})
}

// FuzzGroups: the follow groups and a group's members never panic, and a
// group read always has its id.
func FuzzGroups(f *testing.F) {
	parsertest.Seed(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		if gs, err := DecodeGroups(raw); err == nil {
			for _, g := range gs {
				if g.GID == "" {
					t.Fatalf("a group without its id: %+v", g)
				}
			}
		}
		if m, err := DecodeGroupMembers(raw); err == nil && m == nil {
			t.Fatal("no members and no error")
		}
	})
}

// FuzzChatContacts: the chat's conversation list, JSON or base64, never
// panics, and every conversation read has its id.
func FuzzChatContacts(f *testing.F) {
	parsertest.Seed(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		if cs, err := DecodeContacts(raw); err == nil {
			for _, c := range cs.Contacts {
				if c.User.Key() == "" {
					t.Fatalf("a conversation without its id: %+v", c)
				}
			}
		}
	})
}
