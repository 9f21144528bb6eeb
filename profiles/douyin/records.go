package douyin

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles"
)

// Records derives every collection's records from the raw captures: the
// union of all pages (a work two pages listed is one record), the newest
// version of each work (aweme/detail after a list), favourites with the
// folders they are in, messages with their conversation's peer, and each
// media file's path and hash from the media index.
func (p *Profile) Records(ctx context.Context, st *exporter.Store) error {
	d, err := profiles.NewDeriver(st, MediaKey)
	if err != nil {
		return err
	}
	r := &records{Deriver: d}
	return d.Run(ctx, r.profile, r.posts, r.comments, r.likes, r.favorites, r.users, r.messages, r.wallet, r.history, r.watchLater,
		r.notifications, r.series, r.sounds, r.checklist)
}

// works decodes the works of a capture; one that does not decode is a
// warning.
func (r *records) works(rf exporter.RawFile, body []byte) []dy.Aweme {
	works, err := decodeWorks(rf, body)
	r.Warn(rf, err)
	return works
}

// records derives the collections' records, one method each.
type records struct {
	*profiles.Deriver
	walletRead *record.Wallet // the balance read, for the checklist
	ownerName  string         // the owner's nickname, for the messages they sent
}

func (r *records) profile() error {
	var recs []any
	if err := r.Each(cProfile, func(rf exporter.RawFile, body []byte) {
		u, err := dy.DecodeProfile(body)
		if err != nil {
			r.Warn(rf, err)
			return
		}
		rec := dy.ProfileRecord(u, rf.Name)
		r.Fill(rec.Media)
		recs = []any{rec} // the newest wins
		r.ownerName = u.Nickname
	}); err != nil {
		return err
	}
	return r.Write(cProfile, recs)
}

// posts unites the own works of every post page and detail.
func (r *records) posts() error {
	byID := map[string]record.Post{}
	if err := r.Each(cPosts, func(rf exporter.RawFile, body []byte) {
		for _, a := range r.works(rf, body) {
			if a.AuthorID() != r.UID {
				continue
			}
			p := dy.Post(&a, rf.Name)
			if old, ok := byID[p.ID]; ok && old.Pinned && rf.Meta.Kind == string(dy.KindDetail) {
				p.Pinned = true // a detail does not say is_top
			}
			byID[p.ID] = p
		}
	}); err != nil {
		return err
	}
	for id, p := range byID {
		r.Fill(p.Media)
		byID[id] = p
	}
	return r.Write(cPosts, newestFirst(byID, func(p *record.Post) (string, string) { return p.CreatedAt, p.ID }))
}

// newestFirst lists records by their time, newest first, then by id
// (largest first): when gives both.
func newestFirst[T any](byID map[string]T, when func(*T) (at, id string)) []any {
	out := make([]T, 0, len(byID))
	for _, v := range byID {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool {
		ai, ii := when(&out[i])
		aj, ij := when(&out[j])
		if ai != aj {
			return ai > aj
		}
		return ii > ij
	})
	recs := make([]any, len(out))
	for i := range out {
		recs[i] = out[i]
	}
	return recs
}

func (r *records) comments() error {
	byID := map[string]record.Comment{}
	var order []string
	if err := r.Each(cComments, func(rf exporter.RawFile, body []byte) {
		cs, err := dy.DecodeComments(body)
		if err != nil {
			r.Warn(rf, err)
			return
		}
		postID := ""
		if u, err := url.Parse(rf.Meta.URL); err == nil {
			postID = u.Query().Get("aweme_id")
			if postID == "" {
				postID = u.Query().Get("item_id")
			}
		}
		for i := range cs.Comments {
			c := dy.CommentRecord(&cs.Comments[i], postID, rf.Name)
			r.Fill(c.Media)
			if _, ok := byID[c.ID]; !ok {
				order = append(order, c.ID)
			}
			byID[c.ID] = c
		}
	}); err != nil {
		return err
	}
	recs := make([]any, 0, len(order))
	for _, id := range order {
		recs = append(recs, byID[id])
	}
	return r.Write(cComments, recs)
}

func (r *records) likes() error { return r.savedWorks(cLikes, record.TypeLike) }

// savedWorks writes a list of works (likes, the watch history, watch
// later) as Saved records of type typ, each work once, in the order the
// pages listed them.
func (r *records) savedWorks(collection exporter.Collection, typ string) error {
	seen := map[string]bool{}
	var recs []any
	if err := r.Each(collection, func(rf exporter.RawFile, body []byte) {
		for _, a := range r.works(rf, body) {
			p := dy.Post(&a, "")
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			r.Fill(p.Media)
			recs = append(recs, record.Saved{Record: typ, Platform: dy.Platform, Post: &p, Raw: rf.Name})
		}
	}); err != nil {
		return err
	}
	return r.Write(collection, recs)
}

// favorites: the works of listcollection and of every folder (with the
// folders each is in, in the site's order), the series and the music.
func (r *records) favorites() error {
	folderName := map[string]string{}
	var folderOrder []string
	if err := r.Each(cFavorites, func(rf exporter.RawFile, body []byte) {
		if rf.Meta.Kind != string(dy.KindFolders) {
			return
		}
		f, err := dy.DecodeFolders(body)
		if err != nil {
			r.Warn(rf, err)
			return
		}
		for i := range f.List {
			id := f.List[i].Key()
			if _, ok := folderName[id]; !ok {
				folderOrder = append(folderOrder, id)
			}
			folderName[id] = f.List[i].Name
		}
	}); err != nil {
		return err
	}
	type fav struct {
		saved   record.Saved
		folders map[string]bool
	}
	var order []string
	byKey := map[string]*fav{}
	add := func(key string, s record.Saved) *fav {
		f := byKey[key]
		if f == nil {
			f = &fav{saved: s, folders: map[string]bool{}}
			byKey[key] = f
			order = append(order, key)
		}
		return f
	}
	if err := r.Each(cFavorites, func(rf exporter.RawFile, body []byte) {
		switch rf.Meta.Kind {
		case string(dy.KindCollection):
			folder := ""
			if u, err := url.Parse(rf.Meta.URL); err == nil && strings.Contains(u.Path, "/collects/video/list") {
				folder = u.Query().Get("collects_id")
			}
			for _, a := range r.works(rf, body) {
				p := dy.Post(&a, "")
				f := add("post:"+p.ID, record.Saved{Record: record.TypeFavorite, Platform: dy.Platform, Post: &p, Raw: rf.Name})
				if folder != "" {
					f.folders[folder] = true
				}
			}
		case string(dy.KindMixes):
			m, err := dy.DecodeMixes(body)
			r.Warn(rf, err)
			if err == nil {
				for i := range m.List {
					add("mix:"+string(m.List[i].MixID), dy.SeriesSaved(&m.List[i], rf.Name))
				}
			}
		case string(dy.KindDramas):
			d, err := dy.DecodeDramas(body)
			r.Warn(rf, err)
			if err == nil {
				for i := range d.List {
					add("drama:"+d.List[i].Key(), dy.DramaSaved(&d.List[i], rf.Name))
				}
			}
		case string(dy.KindMusics):
			m, err := dy.DecodeMusics(body)
			r.Warn(rf, err)
			if err == nil {
				for i := range m.List {
					add("music:"+m.List[i].Key(), dy.MusicSaved(&m.List[i], rf.Name))
				}
			}
		}
	}); err != nil {
		return err
	}
	recs := make([]any, 0, len(order))
	for _, key := range order {
		f := byKey[key]
		s := f.saved
		var names []string
		for _, id := range folderOrder {
			if f.folders[id] {
				names = append(names, folderName[id])
			}
		}
		if len(names) > 0 {
			s.Folder = strings.Join(names, ",")
		}
		switch {
		case s.Post != nil:
			r.Fill(s.Post.Media)
		case s.Series != nil:
			r.Fill(s.Series.Media)
		case s.Music != nil:
			r.Fill(s.Music.Media)
		}
		recs = append(recs, s)
	}
	return r.Write(cFavorites, recs)
}

func (r *records) users() error {
	return r.Users(func(rf exporter.RawFile, body []byte) ([]record.User, error) {
		f, err := dy.DecodeFollow(body)
		if err != nil {
			return nil, err
		}
		users := f.Users()
		out := make([]record.User, 0, len(users))
		for i := range users {
			out = append(out, dy.UserRecord(&users[i], rf.Name))
		}
		return out, nil
	})
}

// messages: every message of every history answer, with its
// conversation (type, peer) from the conversation list and its people's
// names from im/user/info; by conversation, oldest first.
func (r *records) messages() error {
	convs := map[string]*dy.IMConversation{}
	names := map[string]string{}
	var convOrder []string
	byConv := map[string]map[string]dy.IMMessage{}
	if err := r.Each(cMessages, func(rf exporter.RawFile, body []byte) {
		if rf.Meta.Kind == string(dy.KindIMUsers) {
			u, err := dy.DecodeIMUsers(body)
			if err != nil {
				r.Warn(rf, err)
				return
			}
			for _, p := range u.Data {
				names[string(p.UID)] = p.Nickname
			}
			return
		}
		if rf.Meta.Kind != string(dy.KindIM) {
			return
		}
		a, err := dy.DecodeIM(body)
		if err != nil {
			r.Warn(rf, err)
			return
		}
		for i := range a.Conversations {
			c := a.Conversations[i]
			if _, ok := convs[c.ID]; !ok {
				convOrder = append(convOrder, c.ID)
			}
			convs[c.ID] = &c
		}
		for _, m := range a.Messages {
			if byConv[m.ConversationID] == nil {
				byConv[m.ConversationID] = map[string]dy.IMMessage{}
			}
			byConv[m.ConversationID][m.ID] = m
		}
	}); err != nil {
		return err
	}
	var extra []string
	for id := range byConv {
		if _, ok := convs[id]; !ok {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	convOrder = append(convOrder, extra...)
	if _, ok := names[r.UID]; !ok && r.ownerName != "" {
		names[r.UID] = r.ownerName
	}
	var recs []any
	for _, id := range convOrder {
		msgs := make([]dy.IMMessage, 0, len(byConv[id]))
		for _, m := range byConv[id] {
			msgs = append(msgs, m)
		}
		dy.SortMessages(msgs)
		for i := range msgs {
			rec := dy.MessageRecord(&msgs[i], dy.IMContext{Owner: r.UID, Conv: convs[id], Names: names})
			r.Fill(rec.Media)
			recs = append(recs, rec)
		}
	}
	return r.Write(cMessages, recs)
}

func (r *records) wallet() error {
	var recs []any
	if err := r.Each(cWallet, func(rf exporter.RawFile, body []byte) {
		w, err := dy.DecodeWallet(body)
		if err != nil {
			r.Warn(rf, err)
			return
		}
		rec := dy.WalletRecord(w, rf.Name)
		if _, err := os.Stat(r.Store.Path(exporter.ScreensDir, "wallet", "0001.png")); err == nil {
			rec.Screens = []string{exporter.ScreensDir + "/wallet/0001.png"}
		}
		recs = []any{rec}
		r.walletRead = &rec
	}); err != nil {
		return err
	}
	return r.Write(cWallet, recs)
}

// WalletReadiness is the checklist's wallet item for the balance read (nil:
// none was). Money left blocks deletion. The wallet is empty only when
// both balances, 抖币 and money, were read and are zero: a balance that is
// missing, renamed or not a plain number is "not read", which blocks
// deletion too, with what to check by hand.
func WalletReadiness(w *record.Wallet) exporter.Readiness {
	const check = "wallet"
	var unread []string
	if w == nil || w.Coins == nil || *w.Coins < 0 {
		unread = append(unread, "抖币")
	}
	if w == nil || w.MoneyCents == nil || *w.MoneyCents < 0 {
		unread = append(unread, "money (零钱)")
	}
	if len(unread) > 0 {
		code := i18n.DouyinWalletUnreadBoth
		if len(unread) == 1 && unread[0] == "抖币" {
			code = i18n.DouyinWalletUnreadCoins
		} else if len(unread) == 1 {
			code = i18n.DouyinWalletUnreadMoney
		}
		return exporter.NotRead(check, true, "the wallet's "+strings.Join(unread, " and ")+" balance", "check 钱包 in the app and spend or withdraw what is left before deleting", code, nil)
	}
	coins, cents := *w.Coins, *w.MoneyCents
	if coins > 0 || cents > 0 {
		yuan := fmt.Sprintf("%d.%02d", cents/100, cents%100)
		return exporter.Readiness{Check: check, Blocking: true,
			Detail: fmt.Sprintf("the account still holds %d 抖币 and %s yuan: spend or withdraw them first, deleting the account loses them", coins, yuan),
			Code:   string(i18n.DouyinWalletMoney), Params: map[string]string{"coins": strconv.FormatInt(coins, 10), "yuan": yuan}}
	}
	return exporter.Readiness{Check: check, OK: true, Blocking: true, Detail: "the wallet is empty: nothing is lost", Code: string(i18n.DouyinWalletEmpty)}
}

// checklist writes what to settle before deleting a Douyin account: money
// in the wallet (blocking), bindings to other apps and an MCN contract
// (which farewell does not read), and the site's rules on the cooling-off
// period and on direct messages.
func (r *records) checklist() error {
	return r.Store.WriteReadiness([]exporter.Readiness{
		WalletReadiness(r.walletRead),
		{Check: "bindings", Code: string(i18n.DouyinBindings), Detail: "farewell does not read the account's bindings: check 设置 › 账号与安全 › 第三方账号绑定 (今日头条, 西瓜视频 and others lose their Douyin login)"},
		{Check: "mcn", Code: string(i18n.DouyinMCN), Detail: "an account signed to an MCN agency (机构) must leave it before Douyin deletes it"},
		{Check: "cooling", Info: true, Code: string(i18n.DouyinCooling), Detail: "after you apply, Douyin waits 15 days before deleting; logging in or posting during them cancels the deletion"},
		{Check: "messages", Info: true, Code: string(i18n.DouyinMessages), Detail: "direct messages disappear 72 hours after the account is deleted: this backup keeps them"},
	})
}
