package weibo

import (
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/farewell-app/farewell/parsers/record"
)

// Platform is the value of every Weibo record's "platform".
const Platform = "weibo"

// User is Weibo's user object, as far as farewell reads it.
type User struct {
	ID              ID     `json:"id"`
	IDStr           ID     `json:"idstr"`
	ScreenName      string `json:"screen_name"`
	Remark          string `json:"remark"`
	Description     string `json:"description"`
	Location        string `json:"location"`
	Gender          string `json:"gender"`
	ProfileImageURL string `json:"profile_image_url"`
	AvatarLarge     string `json:"avatar_large"`
	AvatarHD        string `json:"avatar_hd"`
	FollowersCount  Num    `json:"followers_count"`
	FriendsCount    Num    `json:"friends_count"`
	StatusesCount   Num    `json:"statuses_count"`
	CreatedAt       string `json:"created_at"`
	Verified        Bool   `json:"verified"`
	Domain          string `json:"domain"`
	// SpecialFollow marks a followed account as a special follow
	// (特别关注; the user object's special_follow, a Go client's types).
	SpecialFollow Bool `json:"special_follow"`
}

// Key returns the user's id, preferring the string form.
func (u *User) Key() string {
	if u.IDStr != "" {
		return string(u.IDStr)
	}
	return string(u.ID)
}

// PicSize is one size of a picture.
type PicSize struct {
	URL    string `json:"url"`
	Width  Num    `json:"width"`
	Height Num    `json:"height"`
}

// PicInfo is one entry of pic_infos.
type PicInfo struct {
	PicID     string   `json:"pic_id"`
	Type      string   `json:"type"` // pic, gif, livephoto
	Thumbnail *PicSize `json:"thumbnail"`
	Bmiddle   *PicSize `json:"bmiddle"`
	Large     *PicSize `json:"large"`
	Original  *PicSize `json:"original"`
	Largest   *PicSize `json:"largest"`
	MW2000    *PicSize `json:"mw2000"`
	WOriginal *PicSize `json:"woriginal"` // inline pictures of comments
	Video     string   `json:"video"`     // the motion of a livephoto, the mp4 of a gif
}

// Best returns the largest size the site offers.
func (p *PicInfo) Best() *PicSize {
	for _, s := range []*PicSize{p.Largest, p.WOriginal, p.MW2000, p.Original, p.Large, p.Bmiddle, p.Thumbnail} {
		if s != nil && s.URL != "" {
			return s
		}
	}
	return nil
}

// Playback is one entry of a video's playback_list.
type Playback struct {
	Meta struct {
		Label        string `json:"label"`
		QualityIndex Num    `json:"quality_index"`
		QualityLabel string `json:"quality_label"`
	} `json:"meta"`
	PlayInfo struct {
		URL     string `json:"url"`
		Mime    string `json:"mime"`
		Width   Num    `json:"width"`
		Height  Num    `json:"height"`
		Size    Num    `json:"size"`
		Bitrate Num    `json:"bitrate"`
	} `json:"play_info"`
}

// MediaInfo is a video card's media_info.
type MediaInfo struct {
	StreamURL    string     `json:"stream_url"`
	StreamURLHD  string     `json:"stream_url_hd"`
	MP4SD        string     `json:"mp4_sd_url"`
	MP4HD        string     `json:"mp4_hd_url"`
	MP4720       string     `json:"mp4_720p_mp4"`
	Duration     float64    `json:"duration"`
	PlaybackList []Playback `json:"playback_list"`
}

// BestVideo returns the best mp4 of a video: the highest quality_index in
// playback_list whose mime is video/mp4 (the list also holds a scrubber
// JPEG sprite, which is never a video), else the best of the direct URLs.
func (m *MediaInfo) BestVideo() (url string, width, height int64) {
	var best *Playback
	for i := range m.PlaybackList {
		p := &m.PlaybackList[i]
		if p.PlayInfo.URL == "" || p.PlayInfo.Mime != "video/mp4" {
			continue
		}
		if best == nil || p.Meta.QualityIndex.V > best.Meta.QualityIndex.V ||
			(p.Meta.QualityIndex.V == best.Meta.QualityIndex.V && p.PlayInfo.Width.V*p.PlayInfo.Height.V > best.PlayInfo.Width.V*best.PlayInfo.Height.V) {
			best = p
		}
	}
	if best != nil {
		return best.PlayInfo.URL, best.PlayInfo.Width.V, best.PlayInfo.Height.V
	}
	for _, u := range []string{m.MP4720, m.MP4HD, m.StreamURLHD, m.MP4SD, m.StreamURL} {
		if u != "" {
			return u, 0, 0
		}
	}
	return "", 0, 0
}

// PageInfo is a status's card: video, article, web page, topic.
type PageInfo struct {
	Type       string     `json:"type"`
	ObjectType string     `json:"object_type"`
	ObjectID   string     `json:"object_id"`
	PageID     string     `json:"page_id"`
	PagePic    string     `json:"page_pic"`
	PageTitle  string     `json:"page_title"`
	PageURL    string     `json:"page_url"`
	MediaInfo  *MediaInfo `json:"media_info"`
}

// IsVideo reports whether the card is a video.
func (p *PageInfo) IsVideo() bool {
	return p != nil && p.MediaInfo != nil && (p.ObjectType == "video" || p.Type == "video" || p.Type == "11")
}

// URLStruct is one entry of url_struct: a short link, where it leads, and
// for inline pictures their sizes.
type URLStruct struct {
	ShortURL string             `json:"short_url"`
	LongURL  string             `json:"long_url"`
	OriURL   string             `json:"ori_url"`
	URLTitle string             `json:"url_title"`
	PicInfos map[string]PicInfo `json:"pic_infos"`
}

// Target returns where the short link leads.
func (u *URLStruct) Target() string {
	if u.LongURL != "" {
		return u.LongURL
	}
	return u.OriURL
}

// TopicStruct is one entry of topic_struct.
type TopicStruct struct {
	TopicTitle string `json:"topic_title"`
}

// Status is Weibo's status (a post), the shape of mymblog, searchProfile,
// likelist, all_fav and statuses/show.
type Status struct {
	ID           ID                  `json:"id"`
	IDStr        ID                  `json:"idstr"`
	MID          ID                  `json:"mid"`
	MblogID      string              `json:"mblogid"`
	CreatedAt    string              `json:"created_at"`
	User         *User               `json:"user"`
	Text         string              `json:"text"`
	TextRaw      string              `json:"text_raw"`
	IsLongText   Bool                `json:"isLongText"`
	Source       string              `json:"source"`
	RegionName   string              `json:"region_name"`
	Visible      *struct{ Type Num } `json:"visible"`
	PicIDs       []string            `json:"pic_ids"`
	PicNum       Num                 `json:"pic_num"`
	PicInfos     map[string]PicInfo  `json:"pic_infos"`
	PageInfo     *PageInfo           `json:"page_info"`
	MixMediaInfo *struct {
		Items []struct {
			Type string          `json:"type"`
			Data json.RawMessage `json:"data"`
		} `json:"items"`
	} `json:"mix_media_info"`
	URLStruct      []URLStruct   `json:"url_struct"`
	TopicStruct    []TopicStruct `json:"topic_struct"`
	Retweeted      *Status       `json:"retweeted_status"`
	RepostsCount   Num           `json:"reposts_count"`
	CommentsCount  Num           `json:"comments_count"`
	AttitudesCount Num           `json:"attitudes_count"`
	IsShowBulletin Num           `json:"is_show_bulletin"`
	MblogType      Num           `json:"mblogtype"`
	IsTop          Num           `json:"isTop"`
	Title          *struct {
		Text string `json:"text"`
	} `json:"title"`
	Deleted Bool `json:"deleted"`
	// IsAd marks an advertisement placed in a list (nnecec/xb's timeline
	// adapter skips them; real-sites-2026 §W4).
	IsAd Bool `json:"isAd"`
	// EditCount is how many times the post was edited after it was
	// published (its earlier versions are in statuses/editHistory).
	EditCount Num `json:"edit_count"`
	// Via says where the status was read when not from the desktop API
	// (ViaMobile); it is not a field of the site's.
	Via string `json:"-"`
}

// Key returns the status's numeric id as a string: idstr, else mid, else
// the literal digits of id.
func (s *Status) Key() string {
	for _, id := range []ID{s.IDStr, s.MID, s.ID} {
		if id != "" {
			return string(id)
		}
	}
	if s.MblogID != "" {
		if mid, err := MidFromBid(s.MblogID); err == nil {
			return mid
		}
	}
	return ""
}

// AuthorID returns the id of the status's author, or "".
func (s *Status) AuthorID() string {
	if s.User == nil {
		return ""
	}
	return s.User.Key()
}

// IsDeleted reports whether this is the stub Weibo leaves for a deleted or
// hidden status: no author.
// A client-only stub (ClientOnly) has no author either, and is not
// deleted.
func (s *Status) IsDeleted() bool {
	return bool(s.Deleted) || ((s.User == nil || s.User.Key() == "") && !s.ClientOnly())
}

// Pinned reports whether the status is pinned to the top of the profile.
func (s *Status) Pinned() bool {
	return s.IsTop.V == 1 || s.MblogType.V == 2 || (s.Title != nil && s.Title.Text == "置顶")
}

// NeedsShow reports whether the list entry lacks pictures that only
// statuses/show returns (more than nine).
func (s *Status) NeedsShow() bool {
	return s.PicNum.Valid && s.PicNum.V > int64(len(s.PicIDs))
}

// Pictures returns the status's pictures in order.
func (s *Status) Pictures() []PicInfo {
	var out []PicInfo
	for _, pid := range s.PicIDs {
		if p, ok := s.PicInfos[pid]; ok {
			if p.PicID == "" {
				p.PicID = pid
			}
			out = append(out, p)
		}
	}
	return out
}

// Video returns the best mp4 of the status's own video card, or "".
func (s *Status) Video() (url string, width, height int64, durationMS int64) {
	if !s.PageInfo.IsVideo() {
		return "", 0, 0, 0
	}
	url, width, height = s.PageInfo.MediaInfo.BestVideo()
	return url, width, height, int64(s.PageInfo.MediaInfo.Duration * 1000)
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// stripTags turns Weibo's small HTML snippets (source, text) into text.
func stripTags(s string) string {
	s = tagRe.ReplaceAllString(s, "")
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&nbsp;", " ", "&amp;", "&")
	return strings.TrimSpace(r.Replace(s))
}

// visibility names the visible.type values Weibo documents or uses.
func visibility(v *struct{ Type Num }) string {
	if v == nil || !v.Type.Valid {
		return ""
	}
	switch v.Type.V {
	case 0:
		return "public"
	case 1:
		return "private"
	case 3:
		return "group"
	case 4:
		return "close_friends"
	case 6:
		return "friends"
	case 10:
		return "fans"
	}
	return "type_" + strconv.FormatInt(v.Type.V, 10)
}

// PostOptions carries what a status alone does not say.
type PostOptions struct {
	// LongText maps a status id to its full text from statuses/longtext.
	LongText map[string]string
	// Raw is the bundle path of the raw file the status came from.
	Raw string
}

// Post converts a status to a post record: plain full text (long text
// resolved, short links expanded), the largest pictures, the best video,
// and the reposted original (or a stub with deleted:true).
func Post(s *Status, opts PostOptions) record.Post {
	p := record.Post{
		Record:     record.TypePost,
		Platform:   Platform,
		ID:         s.Key(),
		CreatedAt:  Time(s.CreatedAt),
		Visibility: visibility(s.Visible),
		Pinned:     s.Pinned(),
		Source:     stripTags(s.Source),
		Region:     strings.TrimSpace(strings.TrimPrefix(s.RegionName, "发布于")),
		Via:        s.Via,
		Raw:        opts.Raw,
	}
	if s.ClientOnly() {
		// The web's stub: what the post is, not what it says (the
		// profile reads it whole from m.weibo.cn).
		p.Via = record.ViaStub
		p.Text = stripTags(firstNonEmpty(s.TextRaw, s.Text))
		return p
	}
	if s.User != nil && s.User.Key() != "" {
		p.Author = &record.Ref{ID: s.User.Key(), Name: s.User.ScreenName}
		if s.MblogID != "" {
			p.URL = "https://weibo.com/" + s.User.Key() + "/" + s.MblogID
		}
	}
	if s.IsDeleted() && s.User == nil {
		p.Deleted = true
		p.Text = stripTags(firstNonEmpty(s.TextRaw, s.Text))
		return p
	}
	text := s.TextRaw
	if text == "" {
		text = stripTags(strings.ReplaceAll(s.Text, "<br />", "\n"))
	}
	if full, ok := opts.LongText[p.ID]; ok && full != "" {
		text = full
	}
	p.Text, p.Links = expandLinks(text, s.URLStruct)
	p.HTML = s.Text
	if s.RepostsCount.Valid || s.CommentsCount.Valid || s.AttitudesCount.Valid {
		p.Counts = &record.Counts{Reposts: s.RepostsCount.Ptr(), Comments: s.CommentsCount.Ptr(), Likes: s.AttitudesCount.Ptr()}
	}
	for _, t := range s.TopicStruct {
		if t.TopicTitle != "" {
			p.Topics = append(p.Topics, t.TopicTitle)
		}
	}
	p.Media = statusMedia(s)
	if s.Retweeted != nil {
		orig := Post(s.Retweeted, PostOptions{LongText: opts.LongText})
		p.RepostOf = &orig
	}
	return p
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// expandLinks replaces t.cn short links with where they lead and lists
// them. Links are sorted for stable output.
func expandLinks(text string, us []URLStruct) (string, []record.Link) {
	var links []record.Link
	seen := map[string]bool{}
	for _, u := range us {
		target := u.Target()
		if u.ShortURL == "" || target == "" || seen[u.ShortURL] {
			continue
		}
		seen[u.ShortURL] = true
		links = append(links, record.Link{Short: u.ShortURL, URL: target, Title: u.URLTitle})
	}
	// Longest first, so that no short link is a prefix of a longer one.
	sort.Slice(links, func(i, j int) bool { return len(links[i].Short) > len(links[j].Short) })
	for _, l := range links {
		text = strings.ReplaceAll(text, l.Short, l.URL)
	}
	sort.Slice(links, func(i, j int) bool { return links[i].Short < links[j].Short })
	return text, links
}

// picMedia is a picture's largest size as a media entry.
func picMedia(pic *PicInfo) (record.Media, bool) {
	best := pic.Best()
	if best == nil {
		return record.Media{}, false
	}
	return record.Media{Type: record.MediaImage, URL: best.URL, Width: best.Width.V, Height: best.Height.V}, true
}

// statusMedia lists a status's pictures (largest size), GIFs, live photos
// (the still and its motion) and its own video.
func statusMedia(s *Status) []record.Media {
	var out []record.Media
	for _, pic := range s.Pictures() {
		m, ok := picMedia(&pic)
		if !ok {
			continue
		}
		switch pic.Type {
		case "gif":
			m.Type = record.MediaGIF
		case "livephoto":
			m.Type = record.MediaLivePhoto
			if pic.Video != "" {
				m.Motion = &record.Media{Type: record.MediaVideo, URL: unwrapLivePhoto(pic.Video)}
			}
		}
		out = append(out, m)
	}
	if s.MixMediaInfo != nil {
		for _, item := range s.MixMediaInfo.Items {
			switch item.Type {
			case "pic":
				var pic PicInfo
				if json.Unmarshal(item.Data, &pic) == nil {
					if m, ok := picMedia(&pic); ok {
						out = append(out, m)
					}
				}
			case "video":
				var card PageInfo
				if json.Unmarshal(item.Data, &card) == nil && card.MediaInfo != nil {
					if url, w, h := card.MediaInfo.BestVideo(); url != "" {
						out = append(out, record.Media{Type: record.MediaVideo, URL: url, Width: w, Height: h, Duration: int64(card.MediaInfo.Duration * 1000)})
						out = appendCover(out, card.PagePic)
					}
				}
			}
		}
	}
	if url, w, h, dur := s.Video(); url != "" {
		out = append(out, record.Media{Type: record.MediaVideo, URL: url, Width: w, Height: h, Duration: dur})
		out = appendCover(out, s.PageInfo.PagePic)
	}
	return out
}

// appendCover adds a video's cover, the card's page_pic (weibo.md: the
// picture a video card shows before it plays), right after its video:
// the viewer gives each video the cover that follows it as its poster.
func appendCover(out []record.Media, pagePic string) []record.Media {
	if u := strings.TrimSpace(pagePic); strings.HasPrefix(u, "http") {
		out = append(out, record.Media{Type: record.MediaCover, URL: u})
	}
	return out
}

// unwrapLivePhoto is the file a live photo's motion is: the address
// itself, or the one wrapped in the player's address
// (video.weibo.com/media/play?livephoto=<encoded url>, §W8), which
// answers a page, not the file.
func unwrapLivePhoto(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	if inner := u.Query().Get("livephoto"); strings.HasPrefix(inner, "http") {
		return inner
	}
	return raw
}
