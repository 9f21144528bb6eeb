package replica

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// app.js is the single-page app every www.douyin.com page runs: the
// signing wrapper around fetch and XMLHttpRequest (the stand-in for the
// security SDK that adds a_bogus), the login modal, the profile page with
// its tabs, favourites, follow dialogs and wallet, the work page with its
// comment pane, and the chat with its virtualised message list.
//
//go:embed static/app.js
var appJS string

//go:embed static/app.css
var appCSS string

const scriptURL = "https://lf-douyin-pc-web.douyinstatic.com/obj/douyin-pc-web/app.js"

var shell = template.Must(template.New("shell").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="https://lf-douyin-pc-web.douyinstatic.com/obj/douyin-pc-web/app.css?d={{.Deploy}}">
<script>window.bdms = {k: {{.Secret}}}; window.RENDER_DATA = {{.Data}};</script>
<script src="` + scriptURL + `" defer></script>
</head><body><div id="root"></div></body></html>`))

var captchaPage = template.Must(template.New("captcha").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>验证码中间页</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;background:#f5f5f5}.captcha_verify_container{width:340px;margin:120px auto;background:#fff;padding:24px;border-radius:8px}
.track{position:relative;height:40px;background:#eee;border-radius:20px;margin-top:16px}.handle{position:absolute;left:0;top:0;width:40px;height:40px;border-radius:20px;background:#fe2c55;cursor:grab}</style></head>
<body><div class="captcha_verify_container" id="captcha_container"><h3>请完成下列验证后继续</h3><p>安全验证：拖动滑块完成拼图</p>
<div class="track" id="track"><div class="handle" id="handle"></div></div></div>
<script>(function(){
  var h = document.getElementById('handle'), t = document.getElementById('track'), x0 = null;
  h.addEventListener('pointerdown', function(e){ x0 = e.clientX; h.setPointerCapture(e.pointerId); });
  h.addEventListener('pointermove', function(e){ if (x0 !== null) h.style.left = Math.max(0, Math.min(t.clientWidth - 40, e.clientX - x0)) + 'px'; });
  h.addEventListener('pointerup', function(){
    x0 = null;
    if (parseInt(h.style.left, 10) < t.clientWidth - 50) { h.style.left = '0px'; return; }
    fetch('/captcha/verify', {method: 'POST', credentials: 'include'}).then(function(){
      var next = new URLSearchParams(location.search).get('next') || '/';
      location.href = next.indexOf('https://www.douyin.com/') === 0 ? next : '/';
    });
  });
})();</script></body></html>`))

// route is what the page's script renders.
type route struct {
	Route   string `json:"route"` // home, user, work, collection, chat, pay
	Login   bool   `json:"login"`
	Tab     string `json:"tab,omitempty"`
	AwemeID string `json:"awemeId,omitempty"`
	// MixID is the series of a /collection/<mix_id> page.
	MixID string `json:"mixId,omitempty"`
	Popup bool   `json:"popup,omitempty"`
	// Broken are the collections whose page renders no list (fault
	// broken=NAME).
	Broken []string `json:"broken,omitempty"`
	// Drift is what this deploy changed (--drift).
	Drift *pageDrift `json:"drift,omitempty"`
	// Variants are the A/B behaviours shown (see variants.go); Hosts the
	// origins of the page's API calls by path.
	Variants []string          `json:"variants,omitempty"`
	Hosts    map[string]string `json:"hosts,omitempty"`
	// SecUID is the logged-in person's, which the 2026 build keeps in
	// localStorage.user_info; Other is the sec_uid of a /user/<sec_uid>
	// page.
	SecUID string `json:"secUid,omitempty"`
	Other  string `json:"other,omitempty"`
	// Overlay is set when the site shows its verification over the page
	// (fault overlay-captcha-at); Captcha when one is open now.
	Overlay bool `json:"overlay,omitempty"`
	Captcha bool `json:"captcha,omitempty"`
}

// pageDrift is what a deploy changes in the page, for its script.
type pageDrift struct {
	// Classes renames the page's hashed classes.
	Classes map[string]string `json:"classes"`
	// Hosts moves API calls (by path under /aweme/v1/web/) to another
	// origin of the site.
	Hosts map[string]string `json:"hosts"`
	// Wrap is how many wrapper elements each part gets.
	Wrap map[string]int `json:"wrap"`
	// Order reorders menus: each a permutation.
	Order map[string][]int `json:"order"`
	// Calls are API calls the page makes that nobody knows.
	Calls []string `json:"calls"`
}

// stableClasses are classes public tools document (or that only say a
// state): a deploy keeps them.
var stableClasses = regexp.MustCompile(`^(comment-reply-(expand|collapse)-btn|active|curConversation|login-modal|web-login-.*)$`)

// classAttrs finds the class names the page's script sets.
var classAttrs = regexp.MustCompile(`'class': '([^']+)'`)

// listCalls are the list calls a deploy may move to www-hj.douyin.com.
var listCalls = []string{"aweme/post/", "aweme/favorite/", "aweme/listcollection/", "collects/list/", "collects/video/list/",
	"mix/listcollection/", "music/listcollection/", "comment/list/", "comment/list/reply/", "user/following/list/", "user/follower/list/",
	"history/read/", "watchlater/list/", "mix/list/", "mix/aweme/", "music/list/", "notice/"}

// pageDrift returns what the replica's drift changes in the page (nil
// without drift).
func (r *Replica) pageDrift() *pageDrift {
	d := r.drift
	if !d.On() {
		return nil
	}
	pd := &pageDrift{Classes: map[string]string{}, Hosts: map[string]string{}, Wrap: map[string]int{}, Order: map[string][]int{}}
	var names []string
	for _, m := range classAttrs.FindAllStringSubmatch(appJS, -1) {
		names = append(names, strings.Fields(m[1])...)
	}
	for _, m := range cssClass.FindAllString(appCSS, -1) {
		names = append(names, m[1:])
	}
	for _, c := range names {
		if !stableClasses.MatchString(c) {
			pd.Classes[c] = d.Name(c)
		}
	}
	for _, p := range listCalls {
		if d.Chance(0.5, "host", p) {
			pd.Hosts[p] = "https://www-hj.douyin.com"
		}
	}
	for _, part := range []string{"works", "card", "comments", "follow", "conversations", "favorites"} {
		pd.Wrap[part] = d.Pick(3, "wrap", part)
	}
	pd.Order["tabs"] = d.Order(7, "tabs")
	pd.Order["favorites"] = d.Order(5, "favorites")
	pd.Order["stats"] = d.Order(3, "stats")
	for i := 0; i <= d.Pick(3, "calls"); i++ {
		pd.Calls = append(pd.Calls, fmt.Sprintf("drift/%s/", d.Name(fmt.Sprint("call", i))))
	}
	return pd
}

// driftCSS renames the classes of the page's style sheet as the page's
// script does.
func (r *Replica) driftCSS() string {
	pd := r.pageDrift()
	if pd == nil {
		return appCSS
	}
	return cssClass.ReplaceAllStringFunc(appCSS, func(tok string) string {
		if n, ok := pd.Classes[tok[1:]]; ok {
			return "." + n
		}
		return tok
	})
}

// cssClass is a class selector of a style sheet.
var cssClass = regexp.MustCompile(`\.[A-Za-z][\w-]*`)

// pages serves www.douyin.com's HTML: every page is the same shell whose
// script renders the route; the session, the page's signing secret and
// the captcha gate are decided here.
func (r *Replica) pages(w http.ResponseWriter, req *http.Request) {
	path := req.URL.Path
	switch {
	case strings.HasPrefix(path, "/passport/sso/login/callback"):
		r.loginCallback(w, req)
		return
	case path == "/captcha/verify" && req.Method == http.MethodPost:
		r.SolveCaptcha()
		w.WriteHeader(http.StatusNoContent)
		return
	case path == "/favicon.ico":
		w.WriteHeader(http.StatusNoContent)
		return
	}
	rt := route{Login: r.session(req) != "", Broken: r.cfg.Faults.Broken, Drift: r.pageDrift(), Variants: r.cfg.Variants, Hosts: r.pageHosts()}
	if rt.Login {
		rt.SecUID = r.acc.Owner.SecUID
	}
	title := "抖音-记录美好生活"
	switch {
	case path == "/" || path == "":
		rt.Route = "home"
	case path == "/user/self" && r.variant("self-redirect"):
		// The own page's old address leads to the feed (creatorhub
		// a22a4be, 58ba3315).
		http.Redirect(w, req, "/jingxuan", http.StatusFound)
		return
	case path == "/jingxuan":
		rt.Route = "home"
	case path == "/user/"+r.acc.Owner.SecUID:
		rt.Route, rt.Tab, rt.Other = "user", req.URL.Query().Get("showTab"), r.acc.Owner.SecUID
		if rt.Tab == "" || (r.variant("own-tabs-by-click") && (rt.Tab == "mix" || rt.Tab == "music")) {
			rt.Tab = "post"
		}
		title = r.acc.Owner.Nickname + "的抖音 - 抖音"
	case path == "/user/self":
		rt.Route, rt.Tab = "user", req.URL.Query().Get("showTab")
		if rt.Tab == "" {
			rt.Tab = "post"
		}
		title = r.acc.Owner.Nickname + "的抖音 - 抖音"
	case strings.HasPrefix(path, "/video/") || strings.HasPrefix(path, "/note/"):
		rt.Route, rt.AwemeID = "work", path[strings.LastIndexByte(strings.TrimSuffix(path, "/"), '/')+1:]
	case strings.HasPrefix(path, "/collection/"):
		// A series' page (its address as the site's share links give it);
		// it lists the series' works through mix/aweme.
		rt.Route, rt.MixID = "collection", strings.Trim(strings.TrimPrefix(path, "/collection/"), "/")
	case path == "/chat":
		rt.Route, rt.Popup = "chat", req.URL.Query().Get("isPopup") == "1"
		title = "私信 - 抖音"
	case path == "/pay":
		// The web's 抖币 page (real-sites-2026 §D9); the profile page
		// has no wallet entry that any source shows.
		rt.Route = "pay"
		title = "抖币充值 - 抖音"
	case path == "/captcha/":
	default:
		http.NotFound(w, req)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	r.mu.Lock()
	rt.Overlay, rt.Captcha = r.cfg.Faults.OverlayCaptchaAt > 0, r.captcha != "" && r.overlay
	full := r.captcha != "" && !r.overlay
	r.mu.Unlock()
	if full || path == "/captcha/" {
		captchaPage.Execute(w, nil)
		return
	}
	ttwid := ""
	if c, err := req.Cookie("ttwid"); err == nil && c.Value != "" {
		ttwid = c.Value
	} else {
		ttwid = fmt.Sprintf("1%%7C%s%%7C%d%%7C%s", r.mac(43, "ttwid", time.Now().UnixNano()), time.Now().Unix(), r.mac(40, "ttwid-sig", time.Now().UnixNano()))
		http.SetCookie(w, &http.Cookie{Name: "ttwid", Value: ttwid, Domain: ".douyin.com", Path: "/", Expires: time.Now().AddDate(1, 0, 0),
			Secure: true, HttpOnly: true, SameSite: http.SameSiteNoneMode})
	}
	data, _ := json.Marshal(rt)
	// The style sheet's address names the deploy (its drift), as a
	// deploy's files have names of their own: a browser that cached one
	// deploy's never shows it to another.
	shell.Execute(w, struct {
		Title  string
		Secret string
		Data   template.JS
		Deploy uint64
	}{title, r.pageSecret(ttwid), template.JS(data), r.cfg.Drift})
}

// static serves the page's script and style from the static CDN, which
// lets browsers keep them for a month as the sites' CDNs do: a page load
// asks for them again only when the browser has not kept them.
func (r *Replica) static(w http.ResponseWriter, req *http.Request) {
	switch req.URL.Path {
	case "/obj/douyin-pc-web/app.js":
		w.Header().Set("Cache-Control", "max-age=2592000")
		w.Header().Set("Content-Type", "application/javascript; charset=utf-8")
		fmt.Fprint(w, appJS)
	case "/obj/douyin-pc-web/app.css":
		w.Header().Set("Cache-Control", "max-age=2592000")
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		fmt.Fprint(w, r.driftCSS())
	default:
		http.NotFound(w, req)
	}
}
