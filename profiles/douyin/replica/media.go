package replica

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
	"github.com/farewell-app/farewell/profiles/replicamedia"
)

// MediaKey names a media file however its link was issued: a video rung
// by its file id (links differ in host, path hash and expiry), a picture,
// cover, avatar or music file by its path.
func MediaKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case strings.HasSuffix(host, ".douyinvod.com"):
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		return "douyinvod/" + parts[len(parts)-1]
	case strings.HasSuffix(host, ".douyinpic.com"):
		return "douyinpic" + u.Path
	}
	return replicakit.MediaURLKey(raw)
}

// watermark is what the replica writes into a watermarked copy.
const watermark = "抖音号 watermark"

// Original returns the bytes of a clean media file by its key, as the
// replica serves it: "rung:<file id>", "image:<uri>", "cover:<uri>",
// "avatar:<uri>", "music:<id>". Tests compare a backup's files with it.
func (a *Account) Original(key string) ([]byte, bool) {
	kind, id, _ := strings.Cut(key, ":")
	switch kind {
	case "rung":
		if rg := a.files[id]; rg != nil {
			return replicamedia.MP4(replicamedia.Movie{Name: rg.FileID, Size: rg.Size, Width: rg.W, Height: rg.H,
				Length: time.Duration(rg.Duration) * time.Millisecond}), true
		}
	case "image":
		if img := a.images[id]; img != nil {
			return replicamedia.JPEG(img.URI, img.W, img.H), true
		}
	case "cover":
		if a.covers[id] {
			return replicamedia.JPEG(id, 180, 320), true
		}
	case "avatar":
		if a.avatars[id] {
			return replicamedia.JPEG(id, 240, 240), true
		}
	case "music":
		if m := a.musics[id]; m != nil {
			return replicamedia.MP3(m.ID, time.Duration(m.Duration)*time.Second), true
		}
	case "dm":
		switch m := a.dm[id]; {
		case m == nil:
		case m.Kind == "picture":
			return replicamedia.JPEG("dm/"+id, 640, 480), true
		case m.Kind == "sticker":
			return replicamedia.JPEG("sticker/"+id, 120, 120), true
		case m.Kind == "voice":
			return replicamedia.MP3(id, time.Duration(m.Duration)*time.Millisecond), true
		}
	}
	return nil, false
}

// sealed is a DM picture as the CDN serves it: AES-256-GCM with the
// message's skey, the 12-byte nonce first (douyin-chat-export
// _save_image).
func (a *Account) sealed(id string) ([]byte, bool) {
	m := a.dm[id]
	plain, ok := a.Original("dm:" + id)
	if !ok || m.Kind != "picture" {
		return nil, false
	}
	key, _ := hex.DecodeString(m.SKey)
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, false
	}
	gcm, _ := cipher.NewGCM(block)
	nonce := sha256.Sum256([]byte("nonce:" + id))
	return gcm.Seal(append([]byte(nil), nonce[:gcm.NonceSize()]...), nonce[:gcm.NonceSize()], plain, nil), true
}

// Watermarked returns the watermarked copy of a file, which the site
// serves from download_addr, /playwm/ and download_url_list.
func (a *Account) Watermarked(key string) ([]byte, bool) {
	b, ok := a.Original(key)
	if !ok {
		return nil, false
	}
	return replicakit.Stamp(b, watermark), true
}

// refererOK reports whether a media request says it comes from a douyin
// page; the CDNs refuse the others.
func refererOK(req *http.Request) bool {
	ref := req.Referer()
	return strings.HasPrefix(ref, "https://www.douyin.com/") || ref == "https://www.douyin.com"
}

func (r *Replica) serve(w http.ResponseWriter, req *http.Request, ctype string, b []byte, original string) {
	if original != "" && req.Method == http.MethodGet {
		r.media.Add(original)
		r.mediaBytes.Add(replicakit.Requested(req, len(b)))
	}
	replicakit.ServeBytes(w, req, ctype, b)
}

// original serves the clean file of a key (see Account.Original), or
// 404.
func (r *Replica) original(w http.ResponseWriter, req *http.Request, ctype, key string) {
	b, ok := r.acc.Original(key)
	if !ok {
		http.NotFound(w, req)
		return
	}
	r.serve(w, req, ctype, b, key)
}

// cdn serves the video CDN (douyinvod), the image CDN (douyinpic) and
// the static CDN (douyinstatic: music and the page's script).
func (r *Replica) cdn(w http.ResponseWriter, req *http.Request, host string) {
	if host == "lf-douyin-pc-web.douyinstatic.com" {
		r.static(w, req)
		return
	}
	if req.Method == http.MethodGet && !replicakit.PageLoad(req) {
		r.served.Add(MediaKey("https://" + host + req.URL.Path))
	}
	if !refererOK(req) {
		http.Error(w, "403 Forbidden", http.StatusForbidden)
		return
	}
	path := strings.Trim(req.URL.Path, "/")
	switch {
	case strings.HasSuffix(host, ".douyinvod.com"):
		// /<hash>/<hex expiry>/video/tos/cn/<bucket>/<file id>/
		parts := strings.Split(path, "/")
		if len(parts) != 7 || parts[2] != "video" {
			http.NotFound(w, req)
			return
		}
		exp, err := strconv.ParseInt(parts[1], 16, 64)
		if err != nil || parts[0] != r.mac(32, parts[6], parts[1]) {
			http.Error(w, "403 Forbidden: bad signature", http.StatusForbidden)
			return
		}
		if r.now().Unix() > exp {
			http.Error(w, "403 Forbidden: link expired", http.StatusForbidden)
			return
		}
		b, ok := r.acc.Original("rung:" + parts[6])
		if !ok {
			http.NotFound(w, req)
			return
		}
		r.serve(w, req, "video/mp4", b, "rung:"+parts[6])
	case strings.HasSuffix(host, ".douyinpic.com") && strings.HasPrefix(path, "im/pic/"):
		// A DM picture, encrypted (the URL form is unverified).
		id := strings.TrimPrefix(path, "im/pic/")
		b, ok := r.acc.sealed(id)
		if !ok {
			http.NotFound(w, req)
			return
		}
		r.serve(w, req, "application/octet-stream", b, "dm:"+id)
	case strings.HasSuffix(host, ".douyinpic.com") && strings.HasPrefix(path, "im/sticker/"):
		r.original(w, req, "image/jpeg", "dm:"+strings.TrimPrefix(path, "im/sticker/"))
	case strings.HasSuffix(host, ".douyinpic.com") && strings.HasPrefix(path, "aweme/"):
		// aweme/<w>x<h>/<avatar uri>.jpeg: 1080 is the original.
		parts := strings.SplitN(path, "/", 3)
		if len(parts) != 3 {
			http.NotFound(w, req)
			return
		}
		uri := strings.TrimSuffix(parts[2], ".jpeg")
		if !r.acc.avatars[uri] {
			http.NotFound(w, req)
			return
		}
		if parts[1] == "1080x1080" {
			b, _ := r.acc.Original("avatar:" + uri)
			r.serve(w, req, "image/jpeg", b, "avatar:"+uri)
			return
		}
		r.serve(w, req, "image/jpeg", replicamedia.JPEG(uri+"/small", 48, 48), "")
	case strings.HasSuffix(host, ".douyinpic.com"):
		// <uri>~<variant>.jpeg
		uri, variant, ok := strings.Cut(strings.TrimSuffix(path, ".jpeg"), "~")
		if !ok {
			http.NotFound(w, req)
			return
		}
		if exp, err := strconv.ParseInt(req.URL.Query().Get("x-expires"), 10, 64); err != nil || r.now().Unix() > exp {
			http.Error(w, "403 Forbidden: link expired", http.StatusForbidden)
			return
		}
		key := "image:" + uri
		if r.acc.covers[uri] {
			key = "cover:" + uri
		}
		switch {
		case variant == cleanImage || variant == originCover:
			b, ok := r.acc.Original(key)
			if !ok {
				http.NotFound(w, req)
				return
			}
			r.serve(w, req, "image/jpeg", b, key)
		case strings.HasPrefix(variant, "tplv-dy-water"):
			b, ok := r.acc.Watermarked(key)
			if !ok {
				http.NotFound(w, req)
				return
			}
			r.marked.Add(1)
			r.serve(w, req, "image/jpeg", b, "")
		default: // the page's small sizes
			r.serve(w, req, "image/jpeg", replicamedia.JPEG(uri+"/"+variant, 90, 120), "")
		}
	case strings.HasPrefix(path, "obj/im-voice/"):
		r.original(w, req, "audio/mpeg", "dm:"+strings.TrimSuffix(strings.TrimPrefix(path, "obj/im-voice/"), ".mp3"))
	case strings.HasPrefix(path, "obj/ies-music/"):
		r.original(w, req, "audio/mpeg", "music:"+strings.TrimSuffix(strings.TrimPrefix(path, "obj/ies-music/"), ".mp3"))
	default:
		http.NotFound(w, req)
	}
}

// player serves /aweme/v1/play/ (a redirect to a fresh CDN link of the
// clean file) and /aweme/v1/playwm/ (the watermarked file).
func (r *Replica) player(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	v := r.acc.videos[q.Get("video_id")]
	if v == nil {
		http.NotFound(w, req)
		return
	}
	if strings.HasPrefix(req.URL.Path, "/aweme/v1/playwm/") {
		var plain *Rung
		for i := range v.Rungs {
			if v.Rungs[i].Gear == "normal_720_0" || plain == nil {
				plain = &v.Rungs[i]
			}
		}
		b, _ := r.acc.Watermarked("rung:" + plain.FileID)
		r.marked.Add(1)
		r.serve(w, req, "video/mp4", b, "")
		return
	}
	for i := range v.Rungs {
		rg := &v.Rungs[i]
		if rg.FileID == q.Get("file_id") && q.Get("sign") == r.mac(32, "play", rg.FileID) {
			http.Redirect(w, req, r.vodURL("v5-web.douyinvod.com", rg, r.now().Add(r.cfg.VideoTTL).Unix()), http.StatusFound)
			return
		}
	}
	http.Error(w, "403 Forbidden", http.StatusForbidden)
}
