package replica

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// obj is a JSON object as the site sends it.
type obj = map[string]any

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(b)
}

// bare renders an id the site sends as a bare JSON number (music.id,
// author_user_id): digits beyond float64's precision, on purpose.
func bare(digits string) json.Number { return json.Number(digits) }

// envelope adds what every answer carries: status_code, extra, log_pb.
func (r *Replica) envelope(o obj) obj {
	now := r.now()
	logid := now.In(cst).Format("20060102150405") + r.mac(20, "log", now.UnixNano())
	o["status_code"] = 0
	o["extra"] = obj{"now": now.UnixMilli(), "logid": logid, "fatal_item_ids": []string{}}
	o["log_pb"] = obj{"impr_id": logid}
	return o
}

// Media addresses. Video links carry the hash of their path and a hex
// expiry; image links an x-expires weeks away.

func (r *Replica) vodURL(host string, rg *Rung, exp int64) string {
	hexExp := fmt.Sprintf("%x", exp)
	return fmt.Sprintf("https://%s/%s/%s/video/tos/cn/tos-cn-ve-15c001-alinc2/%s/?a=6383&ch=26&cr=3&dr=0&lr=all&cd=0%%7C0%%7C0%%7C3&cv=1&br=%d&bt=%d&cs=%d&ds=4&mime_type=video_mp4&qs=0&rc=%s&btag=80000e00030000&l=%s",
		host, r.mac(32, rg.FileID, hexExp), hexExp, rg.FileID, rg.BitRate/1000, rg.BitRate/1000, map[bool]int{true: 2, false: 0}[rg.H265],
		r.mac(24, "rc", rg.FileID), r.mac(28, "l", exp, rg.FileID))
}

func (r *Replica) picURL(uri, variant string) string {
	exp := r.now().Add(21 * 24 * time.Hour).Unix()
	return fmt.Sprintf("https://p3-pc-sign.douyinpic.com/%s~%s.jpeg?lk3s=138a59ce&x-expires=%d&x-signature=%s&from=327834062&s=PackSourceEnum_PUBLISH&se=false&sc=image&biz_tag=aweme_images",
		uri, variant, exp, url.QueryEscape(r.mac(27, uri, variant, exp)+"="))
}

func avatarURL(uri string, size int) string {
	return fmt.Sprintf("https://p3-pc.douyinpic.com/aweme/%dx%d/%s.jpeg?from=2956013662", size, size, uri)
}

func musicURL(m *Music) string {
	return "https://sf5-hl-cdn-tos.douyinstatic.com/obj/ies-music/" + m.ID + ".mp3"
}

const (
	cleanImage  = "tplv-dy-aweme-images:q75"
	waterImage  = "tplv-dy-water-v2:5oqW6Z-zQGZhcmV3ZWxs"
	originCover = "noop"
	pageCover   = "tplv-dy-cropcenter:323:430"
)

// expiry is when the video links of an answer stop working.
func (r *Replica) expiry(list bool) int64 {
	if list && r.cfg.ExpireMedia {
		return r.now().Add(-time.Minute).Unix()
	}
	return r.now().Add(r.cfg.VideoTTL).Unix()
}

func (r *Replica) rungAddr(v *Video, rg *Rung, exp int64) obj {
	return obj{
		"uri": v.URI,
		"url_list": []string{
			r.vodURL("v26-web.douyinvod.com", rg, exp),
			r.vodURL("v3-web.douyinvod.com", rg, exp),
			fmt.Sprintf("https://www.douyin.com/aweme/v1/play/?video_id=%s&line=0&file_id=%s&sign=%s&is_play_url=1&source=PackSourceEnum_PUBLISH",
				v.URI, rg.FileID, r.mac(32, "play", rg.FileID)),
		},
		"width": rg.W, "height": rg.H, "data_size": rg.Size, "file_hash": r.mac(32, "fh", rg.FileID), "url_key": v.URI + "_" + rg.Gear, "file_cs": "c:0-0-0",
	}
}

func (r *Replica) videoJSON(v *Video, exp int64) obj {
	var plain *Rung
	ladder := make([]obj, 0, len(v.Rungs))
	for i := range v.Rungs {
		rg := &v.Rungs[i]
		if rg.Gear == "normal_720_0" {
			plain = rg
		}
		h265 := map[bool]int{true: 1, false: 0}[rg.H265]
		ladder = append(ladder, obj{"gear_name": rg.Gear, "quality_type": 10 + i, "bit_rate": rg.BitRate, "is_h265": h265, "is_bytevc1": h265,
			"FPS": rg.FPS, "HDR_type": "", "HDR_bit": "", "format": "mp4", "play_addr": r.rungAddr(v, rg, exp)})
	}
	if plain == nil {
		plain = &v.Rungs[0]
	}
	o := obj{
		"play_addr": r.rungAddr(v, plain, exp),
		"bit_rate":  ladder,
		"duration":  v.Duration,
		"width":     plain.W, "height": plain.H, "ratio": "720p", "is_h265": 0,
		// download_addr carries the watermark; /playwm/ serves it.
		"download_addr": obj{"uri": v.URI, "url_list": []string{"https://www.douyin.com/aweme/v1/playwm/?video_id=" + v.URI + "&ratio=720p&line=0"},
			"width": plain.W, "height": plain.H, "data_size": plain.Size + 4096},
	}
	if v.Cover != "" {
		o["cover"] = obj{"uri": v.Cover, "url_list": []string{r.picURL(v.Cover, pageCover)}, "width": 720, "height": 720}
		o["origin_cover"] = obj{"uri": v.Cover, "url_list": []string{r.picURL(v.Cover, originCover)}, "width": 360, "height": 640}
		o["dynamic_cover"] = obj{"uri": v.Cover, "url_list": []string{r.picURL(v.Cover, pageCover)}}
	}
	return o
}

func (r *Replica) userJSON(u *User, full bool) obj {
	o := obj{
		"uid": u.UID, "sec_uid": u.SecUID, "short_id": u.ShortID, "unique_id": u.UniqueID, "nickname": u.Nickname,
		"avatar_thumb":  obj{"uri": u.Avatar, "url_list": []string{avatarURL(u.Avatar, 100)}, "width": 720, "height": 720},
		"avatar_larger": obj{"uri": u.Avatar, "url_list": []string{avatarURL(u.Avatar, 1080)}, "width": 720, "height": 720},
		"custom_verify": "", "enterprise_verify_reason": "", "secret": 0, "follow_status": 0,
	}
	if full {
		o["signature"] = u.Signature
		o["avatar_300x300"] = obj{"uri": u.Avatar, "url_list": []string{avatarURL(u.Avatar, 300)}}
		o["aweme_count"] = u.Works
		o["follower_count"] = u.Followers
		o["following_count"] = u.Following
		o["ip_location"] = "IP属地：" + u.Region
	}
	return o
}

func (r *Replica) musicJSON(m *Music) obj {
	return obj{
		"id": bare(m.ID), "id_str": m.ID, "mid": m.ID, "title": m.Title, "author": m.Author, "owner_nickname": m.Author,
		"play_url": obj{"uri": musicURL(m), "url_list": []string{musicURL(m)}, "width": 720, "height": 720},
		"cover_hd": obj{"uri": "tos-cn-v-2774c002/music-" + m.ID, "url_list": []string{}},
		"duration": m.Duration, "status": 1, "is_original": false,
	}
}

// awemeJSON renders a work; list says it goes into a list (whose video
// links may be dead on arrival when the replica is set to expire them).
func (r *Replica) awemeJSON(w *Work, list bool) obj {
	exp := r.expiry(list)
	typ, media := 0, 4
	if w.Photo() {
		typ, media = 68, 2
	}
	extras := []obj{}
	for _, t := range w.Hashtags {
		i := strings.Index(w.Desc, "#"+t)
		start := len([]rune(w.Desc[:max(i, 0)]))
		extras = append(extras, obj{"type": 1, "hashtag_name": t, "hashtag_id": r.mac(10, "tag", t), "start": start, "end": start + 1 + len([]rune(t))})
	}
	o := obj{
		"aweme_id": w.ID, "group_id": w.ID, "desc": w.Desc, "caption": w.Desc, "create_time": w.CreatedAt.Unix(),
		"aweme_type": typ, "media_type": media, "author": r.userJSON(w.Author, false), "author_user_id": bare(w.Author.UID),
		"statistics": obj{"digg_count": w.Diggs, "comment_count": w.CommentCount(), "share_count": w.Shares, "collect_count": w.Collects,
			"play_count": 0, "admire_count": 0, "aweme_id": w.ID},
		"status": obj{"is_delete": false, "private_status": w.Private, "part_see": 0, "is_prohibited": false, "allow_share": true,
			"in_reviewing": false, "review_result": obj{"review_status": 0}},
		"text_extra": extras, "is_top": map[bool]int{true: 1, false: 0}[w.Pinned],
		"share_url": "https://www.iesdouyin.com/share/video/" + w.ID + "/?region=CN&mid=" + w.Music.ID,
		"music":     r.musicJSON(w.Music), "prevent_download": false, "images": nil,
	}
	if w.Photo() {
		imgs := make([]obj, 0, len(w.Images))
		for _, img := range w.Images {
			io := obj{"uri": img.URI, "width": img.W, "height": img.H,
				"url_list":          []string{r.picURL(img.URI, cleanImage)},
				"download_url_list": []string{r.picURL(img.URI, waterImage)}}
			if img.Live != nil {
				io["video"] = r.videoJSON(img.Live, exp)
			}
			imgs = append(imgs, io)
		}
		o["images"] = imgs
		// A photo post's video is its music clip, with the first picture
		// as its cover.
		o["video"] = obj{"play_addr": obj{"uri": musicURL(w.Music), "url_list": []string{musicURL(w.Music)}}, "duration": 0,
			"cover": obj{"uri": w.Images[0].URI, "url_list": []string{r.picURL(w.Images[0].URI, pageCover)}}, "bit_rate": []obj{}}
		o["duration"] = 0
	} else {
		o["video"] = r.videoJSON(w.Video, exp)
		o["duration"] = w.Video.Duration
	}
	return o
}

func (r *Replica) commentJSON(c *Comment) obj {
	o := obj{
		"cid": c.CID, "text": c.Text, "aweme_id": c.Work.ID, "create_time": c.CreatedAt.Unix(), "digg_count": c.Likes, "status": 1,
		"user": r.userJSON(c.Author, false), "reply_id": "0", "reply_comment_total": len(c.Replies), "reply_to_reply_id": "0",
		"ip_label": c.IPLabel, "is_author_digged": false, "is_hot": false, "text_extra": []obj{}, "reply_comment": nil, "user_digged": 0,
		"image_list": nil, "label_text": "",
	}
	if c.Author == c.Work.Author {
		o["label_text"] = "作者"
		o["label_list"] = []obj{{"type": 1, "text": "作者"}}
	}
	if c.Root != nil {
		o["reply_id"] = c.Root.CID
		delete(o, "reply_comment_total")
		if c.ReplyTo != nil {
			o["reply_to_reply_id"] = c.ReplyTo.CID
			o["reply_to_username"] = c.ReplyTo.Author.Nickname
			o["reply_to_userid"] = c.ReplyTo.Author.UID
		}
	}
	if p := c.Picture; p != nil {
		o["image_list"] = []obj{{"origin_url": obj{"uri": p.URI, "url_list": []string{r.picURL(p.URI, cleanImage)}, "width": p.W, "height": p.H},
			"medium_url": obj{"uri": p.URI, "url_list": []string{r.picURL(p.URI, pageCover)}}}}
	}
	return o
}

func (r *Replica) followJSON(u *User) obj {
	o := r.userJSON(u, true)
	o["create_time"] = u.FollowedAt.Unix()
	o["follow_status"] = 1
	o["relation_label"] = nil
	o["room_id"] = 0
	return o
}
