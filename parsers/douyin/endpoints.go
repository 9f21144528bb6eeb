package douyin

import (
	"fmt"

	"github.com/farewell-app/farewell/parsers/record"
)

// AwemeList is one page of a list of works: aweme/post, aweme/favorite
// (likes), aweme/listcollection, collects/video/list, mix/aweme,
// history/read (watch history), watchlater/list.
// has_more is 0/1 and max_cursor a time in milliseconds; collection lists
// use cursor instead.
type AwemeList struct {
	Awemes    []Aweme `json:"aweme_list"`
	HasMore   More    `json:"has_more"`
	MaxCursor Int     `json:"max_cursor"`
	MinCursor Int     `json:"min_cursor"`
	Cursor    Int     `json:"cursor"`
}

// DecodeAwemeList reads a page of works. A bare {"status_code":0} with no
// list (what the site answers an unsigned request) is an error: it is not
// an empty page.
func DecodeAwemeList(raw []byte) (*AwemeList, error) {
	var l AwemeList
	if err := decodeList(raw, &l, "aweme_list"); err != nil {
		return nil, err
	}
	for i := range l.Awemes {
		if l.Awemes[i].AwemeID == "" {
			return nil, fmt.Errorf("douyin: work %d of the list has no aweme_id", i)
		}
	}
	return &l, nil
}

// Detail is aweme/detail's answer: the work, or, for a deleted or
// self-only work, nothing but filter_detail saying why.
type Detail struct {
	Aweme  *Aweme `json:"aweme_detail"`
	Filter *struct {
		AwemeID      ID     `json:"aweme_id"`
		FilterReason string `json:"filter_reason"`
		DetailMsg    string `json:"detail_msg"`
	} `json:"filter_detail"`
}

// DecodeDetail reads aweme/detail.
func DecodeDetail(raw []byte) (*Detail, error) {
	var d Detail
	if err := decode(raw, &d); err != nil {
		return nil, err
	}
	if d.Aweme == nil && d.Filter == nil {
		return nil, fmt.Errorf("douyin: aweme/detail has neither aweme_detail nor filter_detail")
	}
	return &d, nil
}

// DetailPost converts a detail to a post, or to a stub (deleted: true)
// for a work the site no longer shows, with the reason in its text.
func DetailPost(d *Detail, raw string) record.Post {
	if d.Aweme != nil {
		return Post(d.Aweme, raw)
	}
	reason := d.Filter.FilterReason
	if d.Filter.DetailMsg != "" {
		reason += ": " + d.Filter.DetailMsg
	}
	return record.Post{Record: record.TypePost, Platform: Platform, ID: string(d.Filter.AwemeID), Deleted: true,
		Text: reason, Raw: raw}
}

// Comment is a comment of comment/list or comment/list/reply.
type Comment struct {
	CID               ID     `json:"cid"`
	Text              string `json:"text"`
	CreateTime        Int    `json:"create_time"`
	DiggCount         Int    `json:"digg_count"`
	ReplyCommentTotal Int    `json:"reply_comment_total"`
	ReplyID           ID     `json:"reply_id"`
	ReplyToReplyID    ID     `json:"reply_to_reply_id"`
	IPLabel           string `json:"ip_label"`
	AwemeID           ID     `json:"aweme_id"`
	User              *User  `json:"user"`
	ImageList         []struct {
		OriginURL *URLs `json:"origin_url"`
	} `json:"image_list"`
}

// Comments is one page of comments or replies; cursor is an offset.
type Comments struct {
	Comments []Comment `json:"comments"`
	Cursor   Int       `json:"cursor"`
	HasMore  More      `json:"has_more"`
	Total    Int       `json:"total"`
}

// DecodeComments reads comment/list or comment/list/reply.
func DecodeComments(raw []byte) (*Comments, error) {
	var c Comments
	if err := decode(raw, &c); err != nil {
		return nil, err
	}
	for i := range c.Comments {
		if c.Comments[i].CID == "" {
			return nil, fmt.Errorf("douyin: comment %d has no cid", i)
		}
	}
	return &c, nil
}

func nonZero(id ID) string {
	if id == "0" {
		return ""
	}
	return string(id)
}

// CommentRecord converts a comment; postID is used when the comment does
// not say which work it belongs to. A reply's parent is the reply it
// answers, else the comment it is under.
func CommentRecord(c *Comment, postID, raw string) record.Comment {
	r := record.Comment{
		Record:    record.TypeComment,
		Platform:  Platform,
		ID:        string(c.CID),
		PostID:    postID,
		CreatedAt: Time(c.CreateTime.V),
		Text:      c.Text,
		Likes:     c.DiggCount.Ptr(),
		Region:    c.IPLabel,
		Raw:       raw,
	}
	if id := nonZero(c.AwemeID); id != "" {
		r.PostID = id
	}
	if p := nonZero(c.ReplyToReplyID); p != "" {
		r.ParentID = p
	} else if p := nonZero(c.ReplyID); p != "" {
		r.ParentID = p
	}
	if c.User != nil && c.User.UID != "" {
		r.Author = &record.Ref{ID: string(c.User.UID), Name: c.User.Nickname}
	}
	for _, img := range c.ImageList {
		if u := cleanFirst(img.OriginURL); u != "" {
			r.Media = append(r.Media, record.Media{Type: record.MediaImage, URL: u, Width: img.OriginURL.Width.V, Height: img.OriginURL.Height.V})
		}
	}
	return r
}

// Follow is one page of user/following/list or user/follower/list. has_more
// is a boolean here; the pages are time windows (min_time is the next
// max_time).
type Follow struct {
	Followings []User `json:"followings"`
	Followers  []User `json:"followers"`
	HasMore    More   `json:"has_more"`
	MinTime    Int    `json:"min_time"`
	MaxTime    Int    `json:"max_time"`
	Offset     Int    `json:"offset"`
	Total      Int    `json:"total"`
}

// Users returns the page's users, whichever list it is.
func (f *Follow) Users() []User {
	if len(f.Followings) > 0 {
		return f.Followings
	}
	return f.Followers
}

// DecodeFollow reads a following or follower page.
func DecodeFollow(raw []byte) (*Follow, error) {
	var f Follow
	if err := decode(raw, &f); err != nil {
		return nil, err
	}
	for i, u := range f.Users() {
		if u.UID == "" && u.SecUID == "" {
			return nil, fmt.Errorf("douyin: user %d of the list has no uid", i)
		}
	}
	return &f, nil
}

// UserRecord converts a user of a follow list.
func UserRecord(u *User, raw string) record.User {
	id := string(u.UID)
	if id == "" {
		id = u.SecUID
	}
	r := record.User{Record: record.TypeUser, Platform: Platform, ID: id, Name: u.Nickname, Handle: u.UniqueID,
		Description: u.Signature, Avatar: u.Avatar(), Raw: raw}
	if u.SecUID != "" {
		r.URL = "https://www.douyin.com/user/" + u.SecUID
	}
	if u.AwemeCount.Valid || u.FollowerCount.Valid || u.FollowingCount.Valid {
		r.Counts = &record.Counts{Posts: u.AwemeCount.Ptr(), Followers: u.FollowerCount.Ptr(), Following: u.FollowingCount.Ptr()}
	}
	return r
}

// DecodeProfile reads user/profile/self (or other).
func DecodeProfile(raw []byte) (*User, error) {
	var v struct {
		User *User `json:"user"`
	}
	if err := decode(raw, &v); err != nil {
		return nil, err
	}
	if v.User == nil || (v.User.UID == "" && v.User.SecUID == "") {
		return nil, fmt.Errorf("douyin: the profile answer has no user")
	}
	return v.User, nil
}

// ProfileRecord converts the account owner's profile.
func ProfileRecord(u *User, raw string) record.User {
	r := UserRecord(u, raw)
	r.Record = record.TypeProfile
	switch u.Gender.V {
	case 1:
		r.Gender = "male"
	case 2:
		r.Gender = "female"
	}
	r.IPLocation = trimPrefix(u.IPLocation, "IP属地：")
	if r.Counts != nil {
		r.Counts.Likes = u.FavoritingCount.Ptr()
	}
	if u.Avatar() != "" {
		r.Media = []record.Media{{Type: record.MediaImage, URL: u.Avatar()}}
	}
	return r
}

func trimPrefix(s, p string) string {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

// Folder is one favourites folder (收藏夹) of collects/list.
type Folder struct {
	ID          ID     `json:"collects_id"`
	IDStr       ID     `json:"collects_id_str"`
	Name        string `json:"collects_name"`
	TotalNumber Int    `json:"total_number"`
}

// Key returns the folder's id.
func (f *Folder) Key() string {
	if f.IDStr != "" {
		return string(f.IDStr)
	}
	return string(f.ID)
}

// Folders is a page of collects/list.
type Folders struct {
	List    []Folder `json:"collects_list"`
	HasMore More     `json:"has_more"`
	Cursor  Int      `json:"cursor"`
	Total   Int      `json:"total_number"`
}

// DecodeFolders reads collects/list.
func DecodeFolders(raw []byte) (*Folders, error) {
	var f Folders
	if err := decode(raw, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// Mix is a series (合集).
type Mix struct {
	MixID    ID     `json:"mix_id"`
	MixName  string `json:"mix_name"`
	CoverURL *URLs  `json:"cover_url"`
	Author   *User  `json:"author"`
	Statis   *struct {
		UpdatedToEpisode Int `json:"updated_to_episode"`
	} `json:"statis"`
}

// Mixes is a page of mix/listcollection.
type Mixes struct {
	List    []Mix `json:"mix_infos"`
	HasMore More  `json:"has_more"`
	Cursor  Int   `json:"cursor"`
}

// DecodeMixes reads mix/listcollection.
func DecodeMixes(raw []byte) (*Mixes, error) {
	var m Mixes
	if err := decode(raw, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// Drama is a favourited short drama (短剧). Only the list's key,
// series_infos, is in public code (DouK-Downloader src/interface/
// collects.py, 2026-08); its fields are read under the names a series
// uses elsewhere, each with its alternatives.
type Drama struct {
	SeriesID   ID     `json:"series_id"`
	MixID      ID     `json:"mix_id"`
	SeriesName string `json:"series_name"`
	MixName    string `json:"mix_name"`
	Title      string `json:"title"`
	CoverURL   *URLs  `json:"cover_url"`
	Author     *User  `json:"author"`
	Stats      *struct {
		TotalEpisode Int `json:"total_episode"`
	} `json:"stats"`
}

// Key is the drama's id.
func (d *Drama) Key() string { return firstNonEmpty(string(d.SeriesID), string(d.MixID)) }

// Dramas is a page of series/collections (has_more a boolean).
type Dramas struct {
	List    []Drama `json:"series_infos"`
	HasMore More    `json:"has_more"`
	Cursor  Int     `json:"cursor"`
}

// DecodeDramas reads series/collections.
func DecodeDramas(raw []byte) (*Dramas, error) {
	var d Dramas
	if err := decode(raw, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// DramaSaved converts a favourite short drama (folder 短剧).
func DramaSaved(d *Drama, raw string) record.Saved {
	s := &record.Series{ID: d.Key(), Name: firstNonEmpty(d.SeriesName, d.MixName, d.Title)}
	if d.Author != nil && d.Author.UID != "" {
		s.Author = &record.Ref{ID: string(d.Author.UID), Name: d.Author.Nickname}
	}
	if d.Stats != nil {
		s.Episodes = d.Stats.TotalEpisode.Ptr()
	}
	if u := d.CoverURL.First(); u != "" {
		s.Media = []record.Media{{Type: record.MediaCover, URL: u}}
	}
	return record.Saved{Record: record.TypeFavorite, Platform: Platform, Series: s, Folder: "短剧", Raw: raw}
}

// Musics is a page of music/listcollection.
type Musics struct {
	List    []Music `json:"mc_list"`
	HasMore More    `json:"has_more"`
	Cursor  Int     `json:"cursor"`
}

// DecodeMusics reads music/listcollection.
func DecodeMusics(raw []byte) (*Musics, error) {
	var m Musics
	if err := decode(raw, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// SeriesSaved converts a favourite series.
func SeriesSaved(m *Mix, raw string) record.Saved {
	s := &record.Series{ID: string(m.MixID), Name: m.MixName, URL: "https://www.douyin.com/collection/" + string(m.MixID)}
	if m.Author != nil && m.Author.UID != "" {
		s.Author = &record.Ref{ID: string(m.Author.UID), Name: m.Author.Nickname}
	}
	if m.Statis != nil {
		s.Episodes = m.Statis.UpdatedToEpisode.Ptr()
	}
	if u := m.CoverURL.First(); u != "" {
		s.Media = []record.Media{{Type: record.MediaCover, URL: u}}
	}
	return record.Saved{Record: record.TypeFavorite, Platform: Platform, Series: s, Folder: "合集", Raw: raw}
}

// MusicSaved converts a favourite music.
func MusicSaved(m *Music, raw string) record.Saved {
	mi := m.record()
	if mi == nil {
		mi = &record.Music{}
	}
	if u := m.PlayURL.First(); u != "" {
		mi.Media = append(mi.Media, record.Media{Type: record.MediaAudio, URL: u, Duration: m.Duration.V * 1000})
	}
	return record.Saved{Record: record.TypeFavorite, Platform: Platform, Music: mi, Folder: "音乐", Raw: raw}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// Wallet is /webcast/wallet/info/'s answer: 抖币 (diamond) and money in
// fen (hundredths of a yuan).
type Wallet struct {
	Diamond Int `json:"diamond"`
	Money   Int `json:"money"`
}

// DecodeWallet reads /webcast/wallet/info/. An answer with neither
// balance as a plain number is an error; one with a single balance gives
// a wallet whose other balance is not valid (never read as zero).
func DecodeWallet(raw []byte) (*Wallet, error) {
	var v struct {
		Data *Wallet `json:"data"`
	}
	if err := decode(raw, &v); err != nil {
		return nil, err
	}
	if v.Data == nil {
		return nil, fmt.Errorf("douyin: the wallet answer has no data")
	}
	if !v.Data.Diamond.Valid && !v.Data.Money.Valid {
		// Renamed or not numbers: nothing here says what the wallet holds.
		return nil, fmt.Errorf("douyin: the wallet answer has no readable balance (diamond, money)")
	}
	return v.Data, nil
}

// WalletRecord converts a wallet.
func WalletRecord(w *Wallet, raw string) record.Wallet {
	return record.Wallet{Record: record.TypeWallet, Platform: Platform, Coins: w.Diamond.Ptr(), MoneyCents: w.Money.Ptr(), Raw: raw}
}
