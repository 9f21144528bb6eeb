package replica

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
	"rsc.io/qr"
)

// qrLogin is one QR code's life: shown, scanned on the phone, confirmed.
type qrLogin struct {
	created time.Time
	replicakit.Phone
	used bool
	alt  string
}

// QR login result codes (passport v2).
const (
	qrWaiting   = 50114001
	qrScanned   = 50114002
	qrExpired   = 50114003
	qrUsed      = 50114004
	qrConfirmed = 20000000
	qrLifetime  = 3 * time.Minute
)

// ScanURL is what a QR code encodes: the phone app opens it.
func ScanURL(qrid string) string {
	return "https://passport.weibo.cn/signin/qrcode/scan?qr=" + qrid + "&sinainternalbrowser=topnav&showmenu=0"
}

var signinPage = template.Must(template.New("signin").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>微博登录</title>
<style>body{font-family:sans-serif;background:#f2f2f5}.box{width:360px;margin:60px auto;background:#fff;padding:24px;text-align:center;border-radius:8px}
.qrcode{width:180px;height:180px}.tip{color:#666;margin-top:12px}</style></head>
<body><div class="box woo-modal-main"><h2>扫码登录</h2>
<img class="qrcode" node-type="qrcode" alt="二维码" src="">
<p class="tip" id="tip">请使用微博客户端扫码登录</p></div>
<script src="/static/signin.js"></script></body></html>`))

const signinJS = `(function(){
  var params = new URLSearchParams(location.search);
  var back = params.get('url') || 'https://weibo.com/';
  var token = (document.cookie.match(/X-CSRF-TOKEN=([^;]+)/) || [])[1] || '';
  var tip = document.getElementById('tip');
  function check(qrid) {
    fetch('/sso/v2/qrcode/check?entry=miniblog&source=miniblog&url=' + encodeURIComponent(back) + '&qrid=' + qrid + '&rid=&ver=20250520',
      {credentials: 'include', headers: {'x-csrf-token': token}})
      .then(function(r){ return r.json(); })
      .then(function(j){
        if (j.retcode === 20000000) { tip.textContent = '登录成功'; location.href = j.data.url; return; }
        if (j.retcode === 50114002) { tip.textContent = '扫描成功，请在手机上确认'; }
        if (j.retcode === 50114003 || j.retcode === 50114004) { tip.textContent = '二维码已过期，请刷新页面'; return; }
        setTimeout(function(){ check(qrid); }, 1000);
      })
      .catch(function(){ setTimeout(function(){ check(qrid); }, 2000); });
  }
  fetch('/sso/v2/qrcode/image?entry=miniblog&size=180', {credentials: 'include', headers: {'x-csrf-token': token}})
    .then(function(r){ return r.json(); })
    .then(function(j){
      document.querySelector('img.qrcode').src = j.data.image;
      check(j.data.qrid);
    });
})();`

func (r *Replica) passport(w http.ResponseWriter, req *http.Request, host string) {
	q := req.URL.Query()
	switch host + req.URL.Path {
	case "passport.weibo.com/sso/signin":
		http.SetCookie(w, &http.Cookie{Name: "X-CSRF-TOKEN", Value: r.sign("csrf" + fmt.Sprint(time.Now().UnixNano()))[:12], Path: "/", Secure: true})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		signinPage.Execute(w, nil)
	case "passport.weibo.com/static/signin.js":
		w.Header().Set("Content-Type", "application/javascript")
		fmt.Fprint(w, signinJS)
	case "passport.weibo.com/sso/v2/qrcode/image":
		qrid := "QRID-" + r.sign(fmt.Sprint("qr", time.Now().UnixNano()))
		r.mu.Lock()
		r.qrs[qrid] = &qrLogin{created: r.now()}
		r.mu.Unlock()
		img := "https://v2.qr.weibo.cn/inf/gen?api_key=" + r.sign("api")[:8] + "&data=" + url.QueryEscape(ScanURL(qrid)) + "&output_type=img&size=180"
		writeJSON(w, http.StatusOK, obj{"retcode": qrConfirmed, "msg": "success", "data": obj{"qrid": qrid, "image": img}})
	case "v2.qr.weibo.cn/inf/gen":
		code, err := qr.Encode(q.Get("data"), qr.M)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		code.Scale = 6
		w.Header().Set("Content-Type", "image/png")
		w.Write(code.PNG())
	case "passport.weibo.com/sso/v2/qrcode/check":
		r.qrCheck(w, q)
	case "passport.weibo.com/sso/v2/login":
		alt := q.Get("alt")
		r.mu.Lock()
		var found *qrLogin
		for _, s := range r.qrs {
			if s.alt == alt && s.Confirmed && !s.used {
				found = s
			}
		}
		if found != nil {
			found.used = true
		}
		r.mu.Unlock()
		if found == nil {
			http.Error(w, "retcode=6102", http.StatusForbidden)
			return
		}
		sub := r.newSession()
		next := "https://login.sina.com.cn/sso/v2/crossdomain?ticket=ST-" + r.sign(sub)[:12] + "&sub=" + url.QueryEscape(sub) + "&url=" + url.QueryEscape(q.Get("url"))
		http.Redirect(w, req, next, http.StatusFound)
	case "login.sina.com.cn/sso/v2/crossdomain":
		sub := q.Get("sub")
		r.setSession(w, sub, "sina.com.cn")
		next := "https://passport.weibo.cn/sso/crossdomain?sub=" + url.QueryEscape(sub) + "&url=" + url.QueryEscape(q.Get("url"))
		http.Redirect(w, req, next, http.StatusFound)
	case "passport.weibo.cn/sso/crossdomain":
		sub := q.Get("sub")
		r.setSession(w, sub, "weibo.cn")
		next := "https://passport.weibo.com/sso/v2/pmproxy?sub=" + url.QueryEscape(sub) + "&url=" + url.QueryEscape(q.Get("url"))
		http.Redirect(w, req, next, http.StatusFound)
	case "passport.weibo.com/sso/v2/pmproxy":
		r.setSession(w, q.Get("sub"), "weibo.com")
		back := q.Get("url")
		if !strings.HasPrefix(back, "https://weibo.com/") && !strings.HasPrefix(back, "https://app.weibo.com/") {
			back = "https://weibo.com/"
		}
		http.Redirect(w, req, back, http.StatusFound)
	case "passport.weibo.com/visitor/visitor":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, visitorPage)
	case "passport.weibo.com/visitor/genvisitor2":
		r.genVisitor(w)
	case "login.sina.com.cn/sso/login.php":
		r.renew(w, req)
	case "passport.weibo.com/sso/crossdomain":
		sub := q.Get("sub")
		r.setSession(w, sub, "weibo.com")
		next := "https://passport.weibo.cn/sso/crossdomain?sub=" + url.QueryEscape(sub) + "&url=" + url.QueryEscape(q.Get("url"))
		http.Redirect(w, req, next, http.StatusFound)
	case "passport.weibo.com/replica/phone":
		r.phone(w, req)
	default:
		http.NotFound(w, req)
	}
}

// setSession plants the login cookies on one site, as the crossdomain
// chain does.
func (r *Replica) setSession(w http.ResponseWriter, sub, domain string) {
	r.mu.Lock()
	ok := r.sessions[sub]
	r.mu.Unlock()
	if !ok {
		return
	}
	year := time.Now().Add(365 * 24 * time.Hour)
	http.SetCookie(w, &http.Cookie{Name: "SUB", Value: sub, Domain: "." + domain, Path: "/", Expires: year, Secure: true, HttpOnly: true})
	http.SetCookie(w, &http.Cookie{Name: "SUBP", Value: "0033WrSXqPxfM725Ws9jqgMF55529P9D9W" + r.sign(sub)[:8], Domain: "." + domain, Path: "/", Expires: year, Secure: true})
	http.SetCookie(w, &http.Cookie{Name: "ALF", Value: fmt.Sprintf("02_%d", time.Now().Add(30*24*time.Hour).Unix()), Domain: "." + domain, Path: "/", Expires: time.Now().Add(30 * 24 * time.Hour), Secure: true})
	if domain == "weibo.com" {
		http.SetCookie(w, &http.Cookie{Name: "SCF", Value: r.sign("scf" + sub), Domain: ".weibo.com", Path: "/", Expires: year.AddDate(9, 0, 0), Secure: true, HttpOnly: true})
		// Session cookies: gone when the browser restarts.
		http.SetCookie(w, &http.Cookie{Name: "XSRF-TOKEN", Value: r.sign("xsrf" + sub), Domain: "weibo.com", Path: "/", Secure: true})
		http.SetCookie(w, &http.Cookie{Name: "WBPSESS", Value: r.sign("wbpsess" + sub), Domain: "weibo.com", Path: "/", Secure: true, HttpOnly: true})
	}
}

func (r *Replica) qrCheck(w http.ResponseWriter, q url.Values) {
	qrid := q.Get("qrid")
	r.mu.Lock()
	s := r.qrs[qrid]
	code := qrWaiting
	var data obj
	switch {
	case s == nil:
		code = qrExpired
	case s.used:
		code = qrUsed
	case r.now().Sub(s.created) > qrLifetime:
		code = qrExpired
	case s.Confirmed:
		code = qrConfirmed
		if s.alt == "" {
			s.alt = "ALT-" + r.sign(qrid)
		}
		back := q.Get("url")
		data = obj{"alt": s.alt, "url": "https://passport.weibo.com/sso/v2/login?entry=miniblog&source=miniblog&alt=" + s.alt + "&url=" + url.QueryEscape(back)}
	case s.Scanned:
		code = qrScanned
	}
	r.mu.Unlock()
	msg := map[int]string{qrWaiting: "未使用", qrScanned: "已扫码，请在手机上确认", qrExpired: "二维码已过期", qrUsed: "二维码已使用", qrConfirmed: "登录成功"}[code]
	out := obj{"retcode": code, "msg": msg}
	if data != nil {
		out["data"] = data
	}
	writeJSON(w, http.StatusOK, out)
}

// phone is the replica-only stand-in for the person's phone: POST with
// qrid and action=scan or action=confirm (or action=approve for both),
// as if they scanned the code with the Weibo app and confirmed.
func (r *Replica) phone(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	req.ParseForm()
	qrid, action := req.Form.Get("qrid"), req.Form.Get("action")
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.qrs[qrid]
	if s == nil {
		http.Error(w, "unknown qrid", http.StatusNotFound)
		return
	}
	s.Act(w, action)
}
