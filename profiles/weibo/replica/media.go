package replica

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
	"github.com/farewell-app/farewell/profiles/replicamedia"
)

// imageSizes maps a URL size segment to the longest side it allows
// (0: the full picture).
var imageSizes = map[string]int{"thumb150": 150, "thumb180": 180, "wap180": 180, "orj360": 360, "wap360": 360,
	"orj480": 480, "orj960": 960, "orj1080": 1080, "large": 0, "mw2000": 2000, "woriginal": 0}

// refererOK reports whether the request comes from a weibo page: sinaimg
// answers 403 to browsers that do not say so.
func refererOK(req *http.Request) bool {
	ref := req.Referer()
	for _, p := range []string{"https://weibo.com", "https://www.weibo.com", "https://weibo.cn", "https://m.weibo.cn", "https://app.weibo.com", "https://passport.weibo.com", "https://api.weibo.com", "https://card.weibo.com"} {
		if strings.HasPrefix(ref, p) {
			return true
		}
	}
	return false
}

// Original returns the bytes of a media original by its key, as the
// replica serves it: "image:<pid>" (the largest size), "motion:<pid>",
// "video:<id>" (the best rung). Tests compare a backup's files with it.
func (a *Account) Original(key string) ([]byte, bool) {
	kind, id, _ := strings.Cut(key, ":")
	switch kind {
	case "image":
		p := a.pics[id]
		if p == nil {
			return nil, false
		}
		if p.Type == "gif" {
			return replicamedia.GIF(p.PID, p.W, p.H), true
		}
		return replicamedia.JPEG(p.PID+"/0", p.W, p.H), true
	case "motion":
		p := a.pics[id]
		if p == nil {
			return nil, false
		}
		return replicamedia.MP4(replicamedia.Movie{Name: "motion/" + id, Size: 40_000 + int(replicakit.SeedOf(id)%60_000), Brand: "qt  ",
			Width: p.W, Height: p.H, Length: 3 * time.Second}), true
	case "video":
		v := a.videos[id]
		if v == nil {
			return nil, false
		}
		rg := v.Rungs[len(v.Rungs)-1]
		return v.file(rg), true
	}
	return nil, false
}

// file is the bytes of one rung of a video.
func (v *Video) file(rg Rung) []byte {
	return replicamedia.MP4(replicamedia.Movie{Name: v.ID + "/" + rg.Label, Size: rg.Size, Width: rg.W, Height: rg.H,
		Length: time.Duration(v.Duration * float64(time.Second))})
}

func (r *Replica) serveBytes(w http.ResponseWriter, req *http.Request, ctype string, b []byte, originalKey string) {
	if originalKey != "" && req.Method == http.MethodGet {
		r.media.Add(originalKey)
		r.mediaBytes.Add(replicakit.Requested(req, len(b)))
	}
	replicakit.ServeBytes(w, req, ctype, b)
}

// mediaFile serves the image CDN (wx1-4, tvax1-4), live photo motions and
// the video CDN.
func (r *Replica) mediaFile(w http.ResponseWriter, req *http.Request, host string) {
	if req.Method == http.MethodGet && !replicakit.PageLoad(req) {
		r.served.Add(host + req.URL.Path)
	}
	if !refererOK(req) {
		http.Error(w, "403 Forbidden", http.StatusForbidden)
		return
	}
	path := req.URL.Path
	switch {
	case host == "livephoto.us.sinaimg.cn":
		pid := strings.TrimSuffix(strings.TrimPrefix(path, "/"), ".mov")
		b, ok := r.acc.Original("motion:" + pid)
		if !ok {
			http.NotFound(w, req)
			return
		}
		r.serveBytes(w, req, "video/quicktime", b, "motion:"+pid)
	case host == "f.video.weibocdn.com":
		r.videoFile(w, req)
	case strings.HasPrefix(host, "tvax"):
		// Avatars: /crop.x.y.w.h.<size>/<pid>.jpg
		parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
		if len(parts) != 2 {
			http.NotFound(w, req)
			return
		}
		size := 180
		if i := strings.LastIndexByte(parts[0], '.'); i > 0 {
			if n, err := strconv.Atoi(parts[0][i+1:]); err == nil && n > 0 && n <= 1024 {
				size = n
			}
		}
		r.serveBytes(w, req, "image/jpeg", replicamedia.JPEG(parts[1], size, size), "")
	default:
		parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
		if len(parts) != 2 {
			http.NotFound(w, req)
			return
		}
		limit, ok := imageSizes[parts[0]]
		name := parts[1]
		pid := name[:max(0, strings.LastIndexByte(name, '.'))]
		if strings.HasPrefix(pid, "cover") { // video covers
			r.serveBytes(w, req, "image/jpeg", coverJPEG(pid), pid)
			return
		}
		p := r.acc.pics[pid]
		if !ok || p == nil || !strings.HasSuffix(name, "."+p.Ext()) {
			http.NotFound(w, req)
			return
		}
		if limit == 0 || (p.W <= limit && p.H <= limit) {
			b, _ := r.acc.Original("image:" + pid)
			key := ""
			if parts[0] == "large" || parts[0] == "woriginal" {
				key = "image:" + pid
			}
			r.serveBytes(w, req, "image/"+map[string]string{"gif": "gif", "jpg": "jpeg"}[p.Ext()], b, key)
			return
		}
		tw, th := p.W*limit/max(p.W, p.H), p.H*limit/max(p.W, p.H)
		if p.Type == "gif" {
			r.serveBytes(w, req, "image/gif", replicamedia.GIF(p.PID+"/"+parts[0], tw, th), "")
			return
		}
		r.serveBytes(w, req, "image/jpeg", replicamedia.JPEG(p.PID+"/"+parts[0], tw, th), "")
	}
}

// videoFile serves /o0/<id>_<label>.mp4 while its signature is valid and
// its Expires has not passed (403 after), and the scrubber sprites.
func (r *Replica) videoFile(w http.ResponseWriter, req *http.Request) {
	path := req.URL.Path
	name := strings.TrimPrefix(path, "/o0/")
	if id, ok := strings.CutSuffix(name, "_scrubber.jpg"); ok {
		r.serveBytes(w, req, "image/jpeg", replicamedia.JPEG("scrubber/"+id, 320, 180), "")
		return
	}
	base, ok := strings.CutSuffix(name, ".mp4")
	id, label, ok2 := strings.Cut(base, "_")
	v := r.acc.videos[id]
	if !ok || !ok2 || v == nil {
		http.NotFound(w, req)
		return
	}
	q := req.URL.Query()
	exp, err := strconv.ParseInt(q.Get("Expires"), 10, 64)
	if err != nil || q.Get("ssig") != r.sign(fmt.Sprint(path, "|", exp)) {
		http.Error(w, "403 Forbidden: bad signature", http.StatusForbidden)
		return
	}
	if r.now().Unix() > exp {
		http.Error(w, "403 Forbidden: link expired", http.StatusForbidden)
		return
	}
	for i, rg := range v.Rungs {
		if rg.Label == label {
			key := ""
			if i == len(v.Rungs)-1 {
				key = "video:" + id
			}
			r.serveBytes(w, req, "video/mp4", v.file(rg), key)
			return
		}
	}
	http.NotFound(w, req)
}

// coverURL is a video's cover as its card's page_pic gives it: a
// 480-pixel rendition on the image CDN (weibo.md, page_pic).
func coverURL(v *Video) string { return fmt.Sprintf("https://wx1.sinaimg.cn/orj480/cover%s.jpg", v.ID) }

// coverJPEG is the picture a cover's address (pid "cover<video id>")
// serves.
func coverJPEG(pid string) []byte { return replicamedia.JPEG(pid, 480, 270) }
