package weibo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ViaMobile marks a status read from m.weibo.cn's statuses/show: the web
// shows some posts only as a stub (ClientOnly, real-sites-2026 §W3), and
// m.weibo.cn answers them whole (weiback-rs is_client_only, 2024-10).
const ViaMobile = "m.weibo.cn"

// clientOnlyText opens the text of a post the web shows only as a stub.
const clientOnlyText = "该内容请至手机客户端查看"

// ClientOnly reports whether the status is the web's stub of a post it
// shows only in the app: no user, and a text that says so (§W3). It is
// not deleted; m.weibo.cn has it whole.
func (s *Status) ClientOnly() bool {
	return s.AuthorID() == "" && !bool(s.Deleted) &&
		(strings.HasPrefix(strings.TrimSpace(s.TextRaw), clientOnlyText) || strings.HasPrefix(strings.TrimSpace(stripTags(s.Text)), clientOnlyText))
}

// mobileStatus is a status as m.weibo.cn sends it: the bid for the
// mblogid, HTML text without text_raw, pics as a list (or an object keyed
// "0", "1", …), and a video card whose mp4s are under urls.
type mobileStatus struct {
	ID         ID     `json:"id"`
	MID        ID     `json:"mid"`
	Bid        string `json:"bid"`
	CreatedAt  string `json:"created_at"`
	User       *User  `json:"user"`
	Text       string `json:"text"`
	Source     string `json:"source"`
	RegionName string `json:"region_name"`
	LongText   *struct {
		Content string `json:"longTextContent"`
	} `json:"longText"`
	Visible  *struct{ Type Num } `json:"visible"`
	Pics     json.RawMessage     `json:"pics"`
	PageInfo *struct {
		Type      string          `json:"type"`
		ObjectID  string          `json:"object_id"`
		PagePic   json.RawMessage `json:"page_pic"`
		PageTitle string          `json:"page_title"`
		PageURL   string          `json:"page_url"`
		URLs      map[string]string
		MediaInfo *struct {
			StreamURL   string  `json:"stream_url"`
			StreamURLHD string  `json:"stream_url_hd"`
			Duration    float64 `json:"duration"`
		} `json:"media_info"`
	} `json:"page_info"`
	Retweeted      *mobileStatus `json:"retweeted_status"`
	RepostsCount   Num           `json:"reposts_count"`
	CommentsCount  Num           `json:"comments_count"`
	AttitudesCount Num           `json:"attitudes_count"`
	IsTop          Num           `json:"isTop"`
}

// mobilePic is one entry of pics.
type mobilePic struct {
	PID      string `json:"pid"`
	URL      string `json:"url"`
	Type     string `json:"type"`     // livephoto, video, gif or absent
	VideoSrc string `json:"videoSrc"` // a live photo's motion
	Large    *struct {
		URL string `json:"url"`
		Geo struct {
			Width  Num `json:"width"`
			Height Num `json:"height"`
		} `json:"geo"`
	} `json:"large"`
}

// DecodeMobileShow reads m.weibo.cn/statuses/show?id= ({ok, data}) as a
// Status the rest of the package knows, marked Via m.weibo.cn.
func DecodeMobileShow(raw []byte) (*Status, error) {
	payload, err := open(raw)
	if err != nil {
		return nil, err
	}
	var m mobileStatus
	if err := json.Unmarshal(payload, &m); err != nil {
		return nil, fmt.Errorf("weibo: m.weibo.cn status: %w", err)
	}
	s, err := m.status()
	if err != nil {
		return nil, err
	}
	if s.Key() == "" {
		return nil, fmt.Errorf("weibo: m.weibo.cn status: no id (%s)", snippet(payload))
	}
	return s, nil
}

// status converts m.weibo.cn's status to the desktop shape.
func (m *mobileStatus) status() (*Status, error) {
	s := &Status{ID: m.ID, MID: m.MID, MblogID: m.Bid, CreatedAt: m.CreatedAt, User: m.User, Text: m.Text,
		TextRaw: mobileText(m.Text), Source: m.Source, RegionName: m.RegionName, Visible: m.Visible,
		RepostsCount: m.RepostsCount, CommentsCount: m.CommentsCount, AttitudesCount: m.AttitudesCount, IsTop: m.IsTop, Via: ViaMobile}
	if m.LongText != nil && m.LongText.Content != "" {
		s.TextRaw = mobileText(m.LongText.Content) // HTML like text; plain text stays as it is
	}
	pics, err := mobilePics(m.Pics)
	if err != nil {
		return nil, err
	}
	s.PicInfos = map[string]PicInfo{}
	for _, p := range pics {
		if p.PID == "" || p.Type == "video" {
			continue
		}
		info := PicInfo{PicID: p.PID, Type: firstNonEmpty(p.Type, "pic"), Video: p.VideoSrc}
		if p.Large != nil && p.Large.URL != "" {
			info.Largest = &PicSize{URL: p.Large.URL, Width: p.Large.Geo.Width, Height: p.Large.Geo.Height}
		} else if p.URL != "" {
			info.Largest = &PicSize{URL: p.URL}
		}
		if strings.HasSuffix(strings.ToLower(pathOf(info.Largest)), ".gif") {
			info.Type = "gif"
		}
		s.PicIDs = append(s.PicIDs, p.PID)
		s.PicInfos[p.PID] = info
	}
	s.PicNum = Num{V: int64(len(s.PicIDs)), Valid: true}
	if pi := m.PageInfo; pi != nil && pi.Type == "video" {
		mi := &MediaInfo{MP4720: pi.URLs["mp4_720p_mp4"], MP4HD: pi.URLs["mp4_hd_mp4"], MP4SD: pi.URLs["mp4_ld_mp4"]}
		if pi.MediaInfo != nil {
			mi.StreamURL, mi.StreamURLHD, mi.Duration = pi.MediaInfo.StreamURL, pi.MediaInfo.StreamURLHD, pi.MediaInfo.Duration
		}
		s.PageInfo = &PageInfo{Type: "video", ObjectType: "video", ObjectID: pi.ObjectID, PageTitle: pi.PageTitle, PageURL: pi.PageURL, MediaInfo: mi,
			PagePic: pagePicURL(pi.PagePic)}
	}
	if m.Retweeted != nil {
		rt, err := m.Retweeted.status()
		if err != nil {
			return nil, err
		}
		s.Retweeted = rt
	}
	return s, nil
}

func pathOf(p *PicSize) string {
	if p == nil {
		return ""
	}
	u, err := url.Parse(p.URL)
	if err != nil {
		return ""
	}
	return u.Path
}

// mobilePics reads pics as a list or as an object keyed by position
// (RSSHub lib/routes/weibo/utils.ts notes both).
func mobilePics(raw json.RawMessage) ([]mobilePic, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '[' {
		var list []mobilePic
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("weibo: m.weibo.cn pics: %w", err)
		}
		return list, nil
	}
	var byPos map[string]mobilePic
	if err := json.Unmarshal(raw, &byPos); err != nil {
		return nil, fmt.Errorf("weibo: m.weibo.cn pics: %w", err)
	}
	keys := make([]string, 0, len(byPos))
	for k := range byPos {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, errA := strconv.Atoi(keys[i])
		b, errB := strconv.Atoi(keys[j])
		if errA != nil || errB != nil {
			return keys[i] < keys[j]
		}
		return a < b
	})
	out := make([]mobilePic, len(keys))
	for i, k := range keys {
		out[i] = byPos[k]
	}
	return out, nil
}

// mobileText is the plain text of m.weibo.cn's HTML text: line breaks
// kept, emoji as their alt text ([doge]), mentions and topics as shown,
// and a link as the address it leads to (the u= of weibo.cn/sinaurl, else
// its data-url) rather than its title.
func mobileText(s string) string {
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return stripTags(s)
	}
	var b strings.Builder
	link := func(n *xhtml.Node) (string, bool) {
		t := linkTarget(n)
		return t, t != ""
	}
	for _, n := range nodes {
		inlineText(&b, n, link)
	}
	return strings.TrimSpace(strings.ReplaceAll(b.String(), "\u00a0", " "))
}

// linkTarget is where an m.weibo.cn text link leads, or "" for a
// mention, a topic or a link without an address of its own.
func linkTarget(n *xhtml.Node) string {
	if u, err := url.Parse(attr(n, "href")); err == nil && strings.HasSuffix(u.Path, "/sinaurl") {
		if t := u.Query().Get("u"); t != "" {
			return t
		}
	}
	return attr(n, "data-url")
}

// pagePicURL reads m.weibo.cn's page_pic: an object {url, width, height}
// or, in older answers, the address itself ("" for anything else).
func pagePicURL(raw json.RawMessage) string {
	var u string
	if json.Unmarshal(raw, &u) == nil {
		return u
	}
	var o struct {
		URL string `json:"url"`
	}
	if json.Unmarshal(raw, &o) == nil {
		return o.URL
	}
	return ""
}
