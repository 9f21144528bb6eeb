package replica

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// clientOnlyText is the text of the web's stub of a post it shows only
// in the app (§W3).
const clientOnlyText = "该内容请至手机客户端查看"

// obj is a JSON object; json.Number keeps ids as bare integers with all
// their digits, as Weibo sends them.
type obj = map[string]any

func num(id string) json.Number { return json.Number(id) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func rubyDate(t time.Time) string { return t.In(cst).Format(time.RubyDate) }

func (r *Replica) avatarURL(u *User, size int) string {
	exp := r.cfg.Now.Add(30 * 24 * time.Hour).Unix()
	return fmt.Sprintf("https://tvax%d.sinaimg.cn/crop.0.0.180.180.%d/%s.jpg?KID=imgbed,tva&Expires=%d&ssig=%s",
		1+len(u.ID)%4, size, u.Avatar, exp, r.sign(u.Avatar)[:10])
}

// userShort is the user object inside statuses and comments.
func (r *Replica) userShort(u *User) obj {
	return obj{
		"id": num(u.ID), "idstr": u.ID, "screen_name": u.Name, "domain": u.Domain,
		"profile_image_url": r.avatarURL(u, 50), "avatar_large": r.avatarURL(u, 180), "avatar_hd": r.avatarURL(u, 1024),
		"verified": false, "mbrank": 0, "mbtype": 0, "follow_me": false, "following": false,
	}
}

// userFull is the user object of profile/info and the follow lists.
func (r *Replica) userFull(u *User) obj {
	o := r.userShort(u)
	o["description"] = u.Description
	o["location"] = u.Location
	o["gender"] = u.Gender
	o["friends_count"] = u.Friends
	o["statuses_count"] = u.Statuses
	// Counters arrive as numbers or as strings.
	if len(u.ID)%3 == 0 {
		o["followers_count"] = fmt.Sprint(u.Followers)
	} else {
		o["followers_count"] = u.Followers
	}
	o["followers_count_str"] = fmt.Sprint(u.Followers)
	return o
}

func picURL(p *Pic, size string) string {
	ext := p.Ext()
	return fmt.Sprintf("https://wx%d.sinaimg.cn/%s/%s.%s", p.Host, size, p.PID, ext)
}

// picInfo is one pic_infos entry. Small sizes have numeric widths, the
// large ones strings, as in real answers. A live photo's motion is a
// signed livephoto.us.sinaimg.cn link, under livephoto-wrapped inside the
// player's address (§W8).
func (r *Replica) picInfo(p *Pic) obj {
	scaled := func(max int) (int, int) {
		if p.W <= max && p.H <= max {
			return p.W, p.H
		}
		if p.W >= p.H {
			return max, p.H * max / p.W
		}
		return p.W * max / p.H, max
	}
	tw, th := scaled(180)
	bw, bh := scaled(360)
	o := obj{
		"pic_id": p.PID, "object_id": "1042018:" + p.PID[3:], "type": p.Type, "pic_status": 1, "photo_tag": 0,
		"thumbnail": obj{"url": picURL(p, "wap180"), "width": tw, "height": th},
		"bmiddle":   obj{"url": picURL(p, "wap360"), "width": bw, "height": bh},
		"large":     obj{"url": picURL(p, "orj960"), "width": fmt.Sprint(p.W), "height": fmt.Sprint(p.H)},
		"original":  obj{"url": picURL(p, "orj1080"), "width": fmt.Sprint(p.W), "height": fmt.Sprint(p.H)},
		"largest":   obj{"url": picURL(p, "large"), "width": fmt.Sprint(p.W), "height": fmt.Sprint(p.H)},
		"mw2000":    obj{"url": picURL(p, "mw2000"), "width": fmt.Sprint(p.W), "height": fmt.Sprint(p.H)},
	}
	switch p.Type {
	case "gif":
		o["video"] = "https://video.weibo.com/media/play?fid=1034:" + p.PID
	case "livephoto":
		exp := r.cfg.Now.Add(30 * 24 * time.Hour).Unix()
		motion := fmt.Sprintf("https://livephoto.us.sinaimg.cn/%s.mov?Expires=%d&ssig=%s&KID=unistore,videomovSrc", p.PID, exp, r.sign(p.PID)[:10])
		if r.variant("livephoto-wrapped") {
			motion = "https://video.weibo.com/media/play?livephoto=" + url.QueryEscape(motion)
		}
		o["video"] = motion
	}
	return o
}

// videoURL is a signed link that stops working after VideoTTL (or at
// once, when it is dead is set).
func (r *Replica) videoURL(v *Video, label string, dead bool) string {
	exp := r.now().Add(r.cfg.VideoTTL).Unix()
	if dead {
		exp = r.now().Add(-time.Minute).Unix()
	}
	path := fmt.Sprintf("/o0/%s_%s.mp4", v.ID, label)
	return fmt.Sprintf("https://f.video.weibocdn.com%s?label=%s&Expires=%d&ssig=%s&KID=unistore,video",
		path, label, exp, r.sign(fmt.Sprint(path, "|", exp)))
}

// pageInfo is the video card, with a playback_list whose scrubber sprite
// (a JPEG) has the highest quality_index.
func (r *Replica) pageInfo(v *Video, dead bool) obj {
	var list []obj
	urls := map[string]string{}
	for _, rg := range v.Rungs {
		u := r.videoURL(v, rg.Label, dead)
		urls[rg.Label] = u
		list = append(list, obj{
			"meta":      obj{"label": rg.Label, "quality_index": rg.QualityIndex, "quality_label": fmt.Sprintf("%dP", rg.H)},
			"play_info": obj{"url": u, "mime": "video/mp4", "width": rg.W, "height": rg.H, "size": rg.Size, "bitrate": rg.Size * 8 / int(v.Duration+1) / 1000, "type": 1},
		})
	}
	list = append(list, obj{
		"meta":      obj{"label": "scrubber_hd", "quality_index": 99, "quality_label": "scrubber"},
		"play_info": obj{"url": fmt.Sprintf("https://f.video.weibocdn.com/o0/%s_scrubber.jpg", v.ID), "mime": "image/jpeg", "width": 1600, "height": 900},
	})
	return obj{
		"type": "video", "object_type": "video", "object_id": "1034:" + v.ID,
		"page_pic":   coverURL(v),
		"page_title": "视频", "page_url": "https://video.weibo.com/show?fid=1034:" + v.ID,
		"media_info": obj{
			"stream_url": urls["mp4_ld"], "mp4_sd_url": urls["mp4_ld"], "mp4_hd_url": urls["mp4_hd"], "mp4_720p_mp4": urls["mp4_720p"],
			"h5_url": "https://video.weibo.com/show?fid=1034:" + v.ID, "duration": v.Duration, "media_id": v.ID,
			"playback_list": list,
		},
	}
}

// textHTML renders a post's text the way the site's "text" field does.
func textHTML(p *Post, text string) string {
	s := html.EscapeString(text)
	for _, l := range p.Links {
		s = strings.ReplaceAll(s, l.Short, fmt.Sprintf(`<a target="_blank" href="%s">%s</a>`, l.Short, l.Title))
	}
	for _, t := range p.Topics {
		tag := "#" + t + "#"
		s = strings.ReplaceAll(s, tag, fmt.Sprintf(`<a href="//s.weibo.com/weibo?q=%s">%s</a>`, url.QueryEscape(tag), tag))
	}
	return strings.ReplaceAll(s, "\n", "<br />")
}

// truncated is what lists show of a long post.
func truncated(text string) string {
	r := []rune(text)
	if len(r) <= 120 {
		return text
	}
	return string(r[:120]) + " ..."
}

type statusOpts struct {
	all bool // statuses/show: every picture, and video links that work
}

// status renders a post as the ajax API's status object.
func (r *Replica) status(p *Post, o statusOpts) obj {
	if p.ClientOnly {
		// The web's stub of a post it shows only in the app (§W3): no
		// user, a text that says so; which other fields it keeps is
		// unverified.
		return obj{"created_at": rubyDate(p.CreatedAt), "id": num(p.Mid), "idstr": p.Mid, "mid": p.Mid, "mblogid": p.Bid,
			"text": clientOnlyText, "text_raw": clientOnlyText, "visible": obj{"type": 0, "list_id": 0}, "pic_ids": []string{}, "pic_num": 0}
	}
	if p.Deleted {
		text := "抱歉，此微博已被作者删除。查看帮助：http://t.cn/Rf0EG7L"
		return obj{"created_at": "", "id": num(p.Mid), "idstr": p.Mid, "mid": p.Mid, "mblogid": p.Bid,
			"text": html.EscapeString(text), "text_raw": text, "visible": obj{"type": 0, "list_id": 0}}
	}
	raw := p.Text
	if p.Long {
		raw = truncated(p.Text)
	}
	s := obj{
		"visible": obj{"type": p.Visible, "list_id": 0}, "created_at": rubyDate(p.CreatedAt),
		"id": num(p.Mid), "idstr": p.Mid, "mid": p.Mid, "mblogid": p.Bid,
		"user": r.userShort(p.Author), "can_edit": false, "textLength": len([]rune(p.Text)),
		"source": p.Source, "favorited": false, "text": textHTML(p, raw), "text_raw": raw,
		"isLongText":    p.Long || p.FalseLong,
		"reposts_count": p.Reposts, "comments_count": p.CommentCount(), "attitudes_count": p.Likes,
		"attitudes_status": 0, "is_show_bulletin": p.ShowBulletin(), "mblogtype": 0,
		"region_name":         "发布于 " + p.Region,
		"comment_manage_info": obj{"comment_permission_type": -1, "approval_comment_type": 0},
	}
	if p.Long {
		s["text"] = s["text"].(string) + `<span class="expand">展开</span>`
		s["continue_tag"] = obj{"title": "全文", "pic": "http://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_article.png", "scheme": "sinaweibo://detail?mblogid=" + p.Bid}
	}
	if len(p.Edits) > 0 {
		// An edited post says so (edit_count, edit_config: cssxsh
		// data/blog/EditConfig.kt; a 2025–26 crawler fetches the history
		// when edit_count > 0).
		s["edit_count"] = len(p.Edits)
		s["edit_config"] = obj{"edited": true, "menu_edit_history": obj{"scheme": "sinaweibo://edithistory?mid=" + p.Mid, "title": "查看编辑记录"}}
	}
	if p.Pinned {
		s["isTop"] = 1
		s["mblogtype"] = 2
		s["title"] = obj{"text": "置顶", "base_color": 1}
	}
	if len(p.Pics) > 0 {
		shown := p.Pics
		if !o.all && len(shown) > 9 {
			shown = shown[:9]
		}
		ids := []string{}
		infos := obj{}
		for _, pic := range shown {
			ids = append(ids, pic.PID)
			infos[pic.PID] = r.picInfo(pic)
		}
		s["pic_ids"], s["pic_infos"], s["pic_num"] = ids, infos, len(p.Pics)
	} else {
		s["pic_ids"], s["pic_num"] = []string{}, 0
	}
	if len(p.Links) > 0 {
		var us []obj
		for _, l := range p.Links {
			us = append(us, obj{"url_title": l.Title, "url_type_pic": "https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_web.png",
				"ori_url": "sinaweibo://browser?url=" + url.QueryEscape(l.Long), "short_url": l.Short, "long_url": l.Long, "url_type": 0, "result": true})
		}
		s["url_struct"] = us
	}
	if len(p.Topics) > 0 {
		var ts []obj
		for _, t := range p.Topics {
			ts = append(ts, obj{"title": "", "topic_url": "sinaweibo://searchall?q=" + url.QueryEscape("#"+t+"#"), "topic_title": t, "actionlog": obj{}})
		}
		s["topic_struct"] = ts
	}
	if v := p.shownVideo(); v != nil {
		s["page_info"] = r.pageInfo(v, r.cfg.ExpireMedia && !o.all)
	} else if p.Article != nil {
		s["page_info"] = articleCard(p.Article)
	}
	if orig := p.shownRepost(); orig != nil {
		s["retweeted_status"] = r.status(orig, o)
	}
	return s
}

// shownVideo is the video a status carries: its own, or the one of the
// original it reposts, which sits on the outer status (VideoOuter).
func (p *Post) shownVideo() *Video {
	if p.Video == nil && p.VideoOuter && p.Repost != nil {
		return p.Repost.Video
	}
	return p.Video
}

// shownRepost is the original a repost shows, without the video its outer
// status carries (VideoOuter); nil for an original post.
func (p *Post) shownRepost() *Post {
	if p.Repost == nil || !p.VideoOuter {
		return p.Repost
	}
	c := *p.Repost
	c.Video = nil
	return &c
}

// comment renders a comment of buildComments.
func (r *Replica) comment(c *Comment, withPreview bool) obj {
	o := obj{
		"created_at": rubyDate(c.CreatedAt), "id": num(c.ID), "idstr": c.ID, "mid": c.ID,
		"text": html.EscapeString(c.Text), "text_raw": c.Text, "source": "来自" + c.Region,
		"user": r.userShort(c.Author), "like_counts": c.Likes, "liked": false, "max_id": 0,
		"isLikedByMblogAuthor": c.Likes%7 == 0, "analysis_extra": "", "readtimetype": "comment",
	}
	if c.Root == nil {
		o["rootid"], o["rootidstr"] = num(c.ID), c.ID
		o["floor_number"] = 1
		o["total_number"] = len(c.Replies)
		if withPreview {
			preview := []obj{}
			for _, rep := range c.Replies[:min(2, len(c.Replies))] {
				preview = append(preview, r.comment(rep, false))
			}
			o["comments"] = preview
		}
	} else {
		o["rootid"], o["rootidstr"] = num(c.Root.ID), c.Root.ID
		if c.ReplyTo != nil {
			o["reply_comment"] = obj{"id": num(c.ReplyTo.ID), "idstr": c.ReplyTo.ID, "text": c.ReplyTo.Text, "user": r.userShort(c.ReplyTo.Author)}
			o["text_raw"] = "回复@" + c.ReplyTo.Author.Name + ":" + c.Text
			o["text"] = html.EscapeString(o["text_raw"].(string))
		}
	}
	if c.Pic != nil {
		short := "http://t.cn/A6c" + c.Pic.PID[len(c.Pic.PID)-5:]
		o["text_raw"] = c.Text + " " + short
		o["url_struct"] = []obj{{
			"url_title": "查看图片", "short_url": short, "long_url": "https://photo.weibo.com/h5/comment/compic_id/1022:" + c.Pic.PID,
			"pic_infos": obj{c.Pic.PID: obj{
				"thumbnail": obj{"url": picURL(c.Pic, "thumb180"), "width": 180, "height": 180},
				"woriginal": obj{"url": picURL(c.Pic, "woriginal"), "width": c.Pic.W, "height": fmt.Sprint(c.Pic.H)},
			}},
		}}
	}
	return o
}
