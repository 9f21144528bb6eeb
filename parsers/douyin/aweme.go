package douyin

import (
	"sort"
	"strings"

	"github.com/farewell-app/farewell/parsers/record"
)

// URLs is Douyin's {uri, url_list, width, height, data_size} address.
type URLs struct {
	URI      string   `json:"uri"`
	URLList  []string `json:"url_list"`
	Width    Int      `json:"width"`
	Height   Int      `json:"height"`
	DataSize Int      `json:"data_size"`
}

// First returns the first URL, or "".
func (u *URLs) First() string {
	if u == nil || len(u.URLList) == 0 {
		return ""
	}
	return u.URLList[0]
}

// User is Douyin's user object, as farewell reads it.
type User struct {
	UID             ID     `json:"uid"`
	SecUID          string `json:"sec_uid"`
	ShortID         ID     `json:"short_id"`
	UniqueID        string `json:"unique_id"`
	Nickname        string `json:"nickname"`
	Signature       string `json:"signature"`
	Gender          Int    `json:"gender"`
	IPLocation      string `json:"ip_location"`
	AwemeCount      Int    `json:"aweme_count"`
	FollowingCount  Int    `json:"following_count"`
	FollowerCount   Int    `json:"follower_count"`
	FavoritingCount Int    `json:"favoriting_count"`
	TotalFavorited  Int    `json:"total_favorited"`
	AvatarLarger    *URLs  `json:"avatar_larger"`
	Avatar300       *URLs  `json:"avatar_300x300"`
	AvatarThumb     *URLs  `json:"avatar_thumb"`
	CreateTime      Int    `json:"create_time"`
}

// Avatar returns the largest avatar URL.
func (u *User) Avatar() string {
	for _, a := range []*URLs{u.AvatarLarger, u.Avatar300, u.AvatarThumb} {
		if s := a.First(); s != "" {
			return s
		}
	}
	return ""
}

// BitRate is one rung of a video's quality ladder.
type BitRate struct {
	GearName string `json:"gear_name"`
	BitRate  Int    `json:"bit_rate"`
	FPS      Int    `json:"FPS"`
	PlayAddr *URLs  `json:"play_addr"`
}

// Video is a work's video.
type Video struct {
	PlayAddr     *URLs     `json:"play_addr"`
	DownloadAddr *URLs     `json:"download_addr"` // watermarked: never used
	BitRate      []BitRate `json:"bit_rate"`
	Cover        *URLs     `json:"cover"`
	OriginCover  *URLs     `json:"origin_cover"`
	Duration     Int       `json:"duration"` // ms
	Width        Int       `json:"width"`
	Height       Int       `json:"height"`
}

// watermarked reports URLs that carry Douyin's watermark.
func watermarked(u string) bool {
	for _, w := range []string{"playwm", "tplv-dy-water", "dy-water", "owner_watermark", "watermark_image", "watermark=1"} {
		if strings.Contains(u, w) {
			return true
		}
	}
	return false
}

// cleanFirst returns the first URL of a list without a watermark.
func cleanFirst(u *URLs) string {
	if u == nil {
		return ""
	}
	for _, s := range u.URLList {
		if !watermarked(s) {
			return s
		}
	}
	return ""
}

// Best returns the best clean stream: the play_addr of the highest rung
// of bit_rate (by the larger side, then frame rate, then bit rate, then
// size), else play_addr. download_addr and /playwm/ addresses carry the
// watermark and are never chosen.
func (v *Video) Best() (url string, width, height int64) {
	rungs := make([]BitRate, 0, len(v.BitRate))
	for _, r := range v.BitRate {
		if cleanFirst(r.PlayAddr) != "" {
			rungs = append(rungs, r)
		}
	}
	sort.SliceStable(rungs, func(i, j int) bool {
		a, b := rungs[i], rungs[j]
		sa, sb := max(a.PlayAddr.Width.V, a.PlayAddr.Height.V), max(b.PlayAddr.Width.V, b.PlayAddr.Height.V)
		switch {
		case sa != sb:
			return sa < sb
		case a.FPS.V != b.FPS.V:
			return a.FPS.V < b.FPS.V
		case a.BitRate.V != b.BitRate.V:
			return a.BitRate.V < b.BitRate.V
		}
		return a.PlayAddr.DataSize.V < b.PlayAddr.DataSize.V
	})
	if n := len(rungs); n > 0 {
		p := rungs[n-1].PlayAddr
		return cleanFirst(p), p.Width.V, p.Height.V
	}
	if u := cleanFirst(v.PlayAddr); u != "" {
		return u, v.PlayAddr.Width.V, v.PlayAddr.Height.V
	}
	return "", 0, 0
}

// Image is one picture of a photo post; Video is the motion of a live
// photo.
type Image struct {
	URLs
	DownloadURLList []string `json:"download_url_list"` // watermarked: never used
	Video           *Video   `json:"video"`
}

// Music is a work's (or a favourite's) music.
type Music struct {
	ID       ID     `json:"id"`
	IDStr    ID     `json:"id_str"`
	MID      ID     `json:"mid"`
	Title    string `json:"title"`
	Author   string `json:"author"`
	Owner    string `json:"owner_nickname"`
	PlayURL  *URLs  `json:"play_url"`
	Duration Int    `json:"duration"` // seconds
	CoverHD  *URLs  `json:"cover_hd"`
}

// Key returns the music id as a string: id_str, else the digits of id,
// else mid (works of some years carry only some of the three).
func (m *Music) Key() string {
	switch {
	case m.IDStr != "":
		return string(m.IDStr)
	case m.ID != "":
		return string(m.ID)
	}
	return string(m.MID)
}

// record returns the music as a record's (no media: the work that uses
// it lists the audio file among its own).
func (m *Music) record() *record.Music {
	if m == nil || (m.Key() == "" && m.Title == "") {
		return nil
	}
	return &record.Music{ID: m.Key(), Title: m.Title, Author: firstNonEmpty(m.Author, m.Owner)}
}

// TextExtra marks a hashtag or a mention in a work's text.
type TextExtra struct {
	Type        Int    `json:"type"`
	HashtagName string `json:"hashtag_name"`
}

// Aweme is a work (a video or a photo post).
type Aweme struct {
	AwemeID      ID      `json:"aweme_id"`
	Desc         string  `json:"desc"`
	CreateTime   Int     `json:"create_time"` // seconds
	AwemeType    Int     `json:"aweme_type"`
	Author       *User   `json:"author"`
	AuthorUserID ID      `json:"author_user_id"`
	Video        *Video  `json:"video"`
	Images       []Image `json:"images"`
	Music        *Music  `json:"music"`
	Statistics   *struct {
		DiggCount    Int `json:"digg_count"`
		CommentCount Int `json:"comment_count"`
		ShareCount   Int `json:"share_count"`
		CollectCount Int `json:"collect_count"`
	} `json:"statistics"`
	Status *struct {
		IsDelete      bool `json:"is_delete"`
		PrivateStatus Int  `json:"private_status"`
	} `json:"status"`
	TextExtra []TextExtra `json:"text_extra"`
	IsTop     Int         `json:"is_top"`
	ShareURL  string      `json:"share_url"`
	MixInfo   *struct {
		MixID   ID     `json:"mix_id"`
		MixName string `json:"mix_name"`
	} `json:"mix_info"`
}

// IsPhotoPost reports a photo post (图文).
func (a *Aweme) IsPhotoPost() bool {
	return len(a.Images) > 0 || a.AwemeType.V == 68 || a.AwemeType.V == 2 || a.AwemeType.V == 150
}

// CommentCount is the work's comment_count.
func (a *Aweme) CommentCount() int64 {
	if a.Statistics == nil {
		return 0
	}
	return a.Statistics.CommentCount.V
}

// AuthorID is the author's uid (or author_user_id).
func (a *Aweme) AuthorID() string {
	if a.Author != nil && a.Author.UID != "" {
		return string(a.Author.UID)
	}
	return string(a.AuthorUserID)
}

// Media lists a work's files: the best clean video with its cover, or the
// photo post's pictures (live photos with their motion), and its music.
func (a *Aweme) Media() []record.Media {
	var out []record.Media
	if a.IsPhotoPost() {
		for _, img := range a.Images {
			u := cleanFirst(&img.URLs)
			if u == "" {
				continue
			}
			m := record.Media{Type: record.MediaImage, URL: u, Width: img.Width.V, Height: img.Height.V}
			if img.Video != nil {
				if mu, w, h := img.Video.Best(); mu != "" {
					m.Type = record.MediaLivePhoto
					m.Motion = &record.Media{Type: record.MediaVideo, URL: mu, Width: w, Height: h, Duration: img.Video.Duration.V}
				}
			}
			out = append(out, m)
		}
	} else if a.Video != nil {
		if u, w, h := a.Video.Best(); u != "" {
			out = append(out, record.Media{Type: record.MediaVideo, URL: u, Width: w, Height: h, Duration: a.Video.Duration.V})
		}
		for _, c := range []*URLs{a.Video.OriginCover, a.Video.Cover} {
			if u := cleanFirst(c); u != "" {
				out = append(out, record.Media{Type: record.MediaCover, URL: u, Width: c.Width.V, Height: c.Height.V})
				break
			}
		}
	}
	if a.Music != nil {
		if u := a.Music.PlayURL.First(); u != "" {
			out = append(out, record.Media{Type: record.MediaAudio, URL: u, Duration: a.Music.Duration.V * 1000})
		}
	}
	return out
}

// Post converts a work to a post record.
func Post(a *Aweme, raw string) record.Post {
	id := string(a.AwemeID)
	p := record.Post{
		Record:    record.TypePost,
		Platform:  Platform,
		ID:        id,
		CreatedAt: Time(a.CreateTime.V),
		Text:      a.Desc,
		Pinned:    a.IsTop.V == 1,
		Raw:       raw,
		Media:     a.Media(),
		Music:     a.Music.record(),
	}
	if a.IsPhotoPost() {
		p.URL = "https://www.douyin.com/note/" + id
	} else {
		p.URL = "https://www.douyin.com/video/" + id
	}
	if uid := a.AuthorID(); uid != "" {
		p.Author = &record.Ref{ID: uid}
		if a.Author != nil {
			p.Author.Name = a.Author.Nickname
		}
	}
	if a.Statistics != nil {
		s := a.Statistics
		p.Counts = &record.Counts{Likes: s.DiggCount.Ptr(), Comments: s.CommentCount.Ptr(), Shares: s.ShareCount.Ptr(), Collects: s.CollectCount.Ptr()}
	}
	if a.Status != nil {
		switch a.Status.PrivateStatus.V {
		case 0:
			p.Visibility = "public"
		case 1:
			p.Visibility = "private"
		case 2:
			p.Visibility = "friends"
		}
		p.Deleted = a.Status.IsDelete
	}
	for _, t := range a.TextExtra {
		if t.HashtagName != "" {
			p.Topics = append(p.Topics, t.HashtagName)
		}
	}
	return p
}
