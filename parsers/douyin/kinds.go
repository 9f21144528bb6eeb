package douyin

import (
	"errors"

	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/parsers/record"
)

// The kinds of Douyin captures: the endpoint whose answer each holds.
const (
	KindPost       parsers.Kind = "douyin.post"        // aweme/post
	KindDetail     parsers.Kind = "douyin.detail"      // aweme/detail
	KindFavorite   parsers.Kind = "douyin.favorite"    // aweme/favorite (likes)
	KindCollection parsers.Kind = "douyin.collection"  // aweme/listcollection, collects/video/list
	KindFolders    parsers.Kind = "douyin.folders"     // collects/list (the folders themselves)
	KindComments   parsers.Kind = "douyin.comments"    // comment/list, comment/list/reply
	KindFollow     parsers.Kind = "douyin.follow"      // user/following/list, user/follower/list
	KindProfile    parsers.Kind = "douyin.profile"     // user/profile/self
	KindMixes      parsers.Kind = "douyin.mixes"       // mix/listcollection
	KindMusics     parsers.Kind = "douyin.musics"      // music/listcollection
	KindDramas     parsers.Kind = "douyin.dramas"      // series/collections (favourite short dramas)
	KindWallet     parsers.Kind = "douyin.wallet"      // webcast/wallet/info
	KindIM         parsers.Kind = "douyin.im"          // imapi's protobuf
	KindIMUsers    parsers.Kind = "douyin.im_users"    // im/user/info (the people of the chats)
	KindHistory    parsers.Kind = "douyin.history"     // history/read (watch history)
	KindWatchLater parsers.Kind = "douyin.watch_later" // watchlater/list
	KindNotices    parsers.Kind = "douyin.notices"     // notice (notifications)
	KindOwnMixes   parsers.Kind = "douyin.own_mixes"   // mix/list (own series)
	KindMixWorks   parsers.Kind = "douyin.mix_works"   // mix/aweme (a series' works)
	KindSounds     parsers.Kind = "douyin.sounds"      // music/list (own sounds)
)

// Kinds returns the parser of every Douyin capture kind that yields
// records, by the name "farewell parse --kind" uses. Each JSON kind first
// checks that the capture is the answer its kind names (parsers.Expect):
// a file of something else is an error, not an empty or invented record.
func Kinds() map[parsers.Kind]parsers.Parser {
	works := []string{"aweme_list"}
	kinds := map[parsers.Kind]struct {
		p     parsers.Parser
		shape []string
	}{
		KindPost:       {postKind, works},
		KindDetail:     {detailKind, []string{"aweme_detail", "filter_detail"}},
		KindFavorite:   {likesKind, works},
		KindCollection: {collectionKind, works},
		KindComments:   {commentsKind, []string{"comments"}},
		KindFollow:     {followKind, []string{"followings", "followers"}},
		KindProfile:    {profileKind, []string{"user"}},
		KindMixes:      {mixesKind, []string{"mix_infos"}},
		KindMusics:     {musicsKind, []string{"mc_list"}},
		KindDramas:     {dramasKind, []string{"series_infos"}},
		KindWallet:     {walletKind, []string{"data"}},
		KindIM:         {imKind, nil}, // protobuf: DecodeIM checks its frames
		KindIMUsers:    {imUsersKind, []string{"data.[].uid", "data.[].sec_uid"}},
		KindHistory:    {historyKind, works},
		KindWatchLater: {watchLaterKind, works},
		KindNotices:    {noticesKind, []string{"notice_list", "notice_list_v2"}},
		KindOwnMixes:   {ownMixesKind, []string{"mix_infos"}},
		KindMixWorks:   {mixWorksKind, works},
		KindSounds:     {soundsKind, []string{"music_list", "mc_list"}},
	}
	out := make(map[parsers.Kind]parsers.Parser, len(kinds))
	for k, v := range kinds {
		out[k] = v.p
		if v.shape != nil {
			out[k] = parsers.Expect(v.p, v.shape...)
		}
	}
	return out
}

func postKind(raw []byte, m parsers.Meta) ([]any, error) {
	l, err := DecodeAwemeList(raw)
	if err != nil {
		return nil, err
	}
	var out []any
	for i := range l.Awemes {
		a := &l.Awemes[i]
		if m.Owner != "" && a.AuthorID() != m.Owner {
			continue
		}
		out = append(out, Post(a, m.Raw))
	}
	return out, nil
}

func detailKind(raw []byte, m parsers.Meta) ([]any, error) {
	d, err := DecodeDetail(raw)
	if err != nil {
		return nil, err
	}
	return []any{DetailPost(d, m.Raw)}, nil
}

// savedList turns a page of works into likes or favourites (in folder).
func savedList(raw []byte, typ, folder, rawPath string) ([]any, error) {
	l, err := DecodeAwemeList(raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(l.Awemes))
	for i := range l.Awemes {
		p := Post(&l.Awemes[i], "")
		out = append(out, record.Saved{Record: typ, Platform: Platform, Post: &p, Folder: folder, Raw: rawPath})
	}
	return out, nil
}

func likesKind(raw []byte, m parsers.Meta) ([]any, error) {
	return savedList(raw, record.TypeLike, "", m.Raw)
}

// collectionKind reads aweme/listcollection and collects/video/list; Ref
// names the folder of a folder's page.
func collectionKind(raw []byte, m parsers.Meta) ([]any, error) {
	return savedList(raw, record.TypeFavorite, m.Ref, m.Raw)
}

func commentsKind(raw []byte, m parsers.Meta) ([]any, error) {
	c, err := DecodeComments(raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(c.Comments))
	for i := range c.Comments {
		out = append(out, CommentRecord(&c.Comments[i], m.Ref, m.Raw))
	}
	return out, nil
}

func followKind(raw []byte, m parsers.Meta) ([]any, error) {
	f, err := DecodeFollow(raw)
	if err != nil {
		return nil, err
	}
	users := f.Users()
	out := make([]any, 0, len(users))
	for i := range users {
		out = append(out, UserRecord(&users[i], m.Raw))
	}
	return out, nil
}

func profileKind(raw []byte, m parsers.Meta) ([]any, error) {
	u, err := DecodeProfile(raw)
	if err != nil {
		return nil, err
	}
	return []any{ProfileRecord(u, m.Raw)}, nil
}

func mixesKind(raw []byte, m parsers.Meta) ([]any, error) {
	l, err := DecodeMixes(raw)
	if err != nil {
		return nil, err
	}
	return recordsOf(l.List, func(x *Mix) any { return SeriesSaved(x, m.Raw) }), nil
}

func musicsKind(raw []byte, m parsers.Meta) ([]any, error) {
	l, err := DecodeMusics(raw)
	if err != nil {
		return nil, err
	}
	return recordsOf(l.List, func(x *Music) any { return MusicSaved(x, m.Raw) }), nil
}

func walletKind(raw []byte, m parsers.Meta) ([]any, error) {
	w, err := DecodeWallet(raw)
	if err != nil {
		return nil, err
	}
	return []any{WalletRecord(w, m.Raw)}, nil
}

func dramasKind(raw []byte, m parsers.Meta) ([]any, error) {
	d, err := DecodeDramas(raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(d.List))
	for i := range d.List {
		if d.List[i].Key() == "" {
			return nil, errors.New("douyin: a short drama without series_id")
		}
		out = append(out, DramaSaved(&d.List[i], m.Raw))
	}
	return out, nil
}

func imKind(raw []byte, m parsers.Meta) ([]any, error) {
	a, err := DecodeIM(raw)
	if err != nil {
		return nil, err
	}
	owner := firstNonEmpty(m.Owner, a.Owner)
	out := make([]any, 0, len(a.Messages)+len(a.Conversations))
	for i := range a.Messages {
		out = append(out, MessageRecord(&a.Messages[i], IMContext{Owner: owner}))
	}
	// A conversation list yields the newest message of each conversation.
	for i := range a.Conversations {
		if c := &a.Conversations[i]; c.Last != nil {
			out = append(out, MessageRecord(c.Last, IMContext{Owner: owner, Conv: c}))
		}
	}
	return out, nil
}

func imUsersKind(raw []byte, m parsers.Meta) ([]any, error) {
	u, err := DecodeIMUsers(raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(u.Data))
	for i := range u.Data {
		out = append(out, UserRecord(&u.Data[i], m.Raw))
	}
	return out, nil
}

func historyKind(raw []byte, m parsers.Meta) ([]any, error) {
	return savedList(raw, record.TypeHistory, "", m.Raw)
}

func watchLaterKind(raw []byte, m parsers.Meta) ([]any, error) {
	return savedList(raw, record.TypeWatchLater, "", m.Raw)
}

func noticesKind(raw []byte, m parsers.Meta) ([]any, error) {
	n, err := DecodeNotices(raw)
	if err != nil {
		return nil, err
	}
	return recordsOf(n.Items(), func(x *Notice) any { return NotificationRecord(x, m.Raw) }), nil
}

func ownMixesKind(raw []byte, m parsers.Meta) ([]any, error) {
	l, err := DecodeOwnMixes(raw)
	if err != nil {
		return nil, err
	}
	return recordsOf(l.Items(), func(x *Mix) any { return SeriesRecord(x, m.Raw) }), nil
}

// mixWorksKind reads a series' works (mix/aweme) as posts.
func mixWorksKind(raw []byte, m parsers.Meta) ([]any, error) {
	l, err := DecodeAwemeList(raw)
	if err != nil {
		return nil, err
	}
	return recordsOf(l.Awemes, func(x *Aweme) any { return Post(x, m.Raw) }), nil
}

func soundsKind(raw []byte, m parsers.Meta) ([]any, error) {
	s, err := DecodeSounds(raw)
	if err != nil {
		return nil, err
	}
	return recordsOf(s.Items(), func(x *Music) any { return SoundRecord(x, m.Raw) }), nil
}

// recordsOf converts each item of a page to a record.
func recordsOf[T any](items []T, conv func(*T) any) []any {
	out := make([]any, 0, len(items))
	for i := range items {
		out = append(out, conv(&items[i]))
	}
	return out
}
