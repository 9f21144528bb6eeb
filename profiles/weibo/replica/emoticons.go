package replica

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"strings"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

// emoticonSet are the web app's emoticons the replica serves, by group:
// the phrases its texts use and a few others. Their picture names are the
// replica's own; the host and path shape are face.t.sinajs.cn's
// (weiback-rs tests/data/web_emoji.json, 2025-08).
var emoticonSet = []struct{ group, phrase, name string }{
	{"默认", "[doge]", "a1/2018new_doge02"}, {"默认", "[哈哈]", "8f/2018new_haha"}, {"默认", "[心]", "8a/2018new_xin"},
	{"默认", "[泪]", "6e/2018new_leimu"}, {"默认", "[微笑]", "e3/2018new_weixioa02"}, {"默认", "[赞]", "e6/2018new_zan"},
	{"其他", "[鲜花]", "d4/2018new_xianhua"}, {"仅解析", "[good]", "a6/2018new_good"},
}

// emoticonURL is the picture of an emoticon.
func emoticonURL(name string) string {
	return "https://face.t.sinajs.cn/t4/appstyle/expression/ext/normal/" + name + "_org.png"
}

// emoticonConfig is /ajax/statuses/config: the emoticon map, by language
// and group.
func emoticonConfig() obj {
	cn, tw := obj{}, obj{}
	for _, e := range emoticonSet {
		entry := obj{"phrase": e.phrase, "url": emoticonURL(e.name), "hot": false, "common": e.group == "默认", "category": "",
			"icon": emoticonURL(e.name), "value": e.phrase, "picid": ""}
		list, _ := cn[e.group].([]obj)
		cn[e.group] = append(list, entry)
	}
	tw["默認"] = []obj{{"phrase": "[哈哈]", "url": emoticonURL("8f/2018new_haha")}}
	return obj{"ok": 1, "data": obj{"emoticon": obj{"ZH_CN": cn, "ZH_TW": tw}}}
}

// emoticonPNG is the picture of an emoticon: a small PNG drawn from its
// name.
func emoticonPNG(name string) []byte {
	seed := replicakit.SeedOf(name)
	img := image.NewNRGBA(image.Rect(0, 0, 32, 32))
	fill := color.NRGBA{R: uint8(seed), G: uint8(seed >> 8), B: uint8(seed >> 16), A: 255}
	for y := range 32 {
		for x := range 32 {
			if (x-16)*(x-16)+(y-16)*(y-16) < 225 {
				img.SetNRGBA(x, y, fill)
			}
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// emoticonFile serves face.t.sinajs.cn: the emoticons' pictures.
func (r *Replica) emoticonFile(w http.ResponseWriter, req *http.Request) {
	if req.Method == http.MethodGet && !replicakit.PageLoad(req) {
		r.served.Add(replicakit.HostOf(req) + req.URL.Path)
	}
	name, inDir := strings.CutPrefix(req.URL.Path, "/t4/appstyle/expression/ext/normal/")
	name, isPNG := strings.CutSuffix(name, "_org.png")
	if !inDir || !isPNG {
		http.NotFound(w, req)
		return
	}
	for _, e := range emoticonSet {
		if e.name == name {
			r.serveBytes(w, req, "image/png", emoticonPNG(name), "emoticon:"+name)
			return
		}
	}
	http.NotFound(w, req)
}
