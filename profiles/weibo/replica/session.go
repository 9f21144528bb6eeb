package replica

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

// The sessions as weibo.com keeps them (§W7): a login leaves the same SUB
// on weibo.com, weibo.cn and sina.com.cn; weibo.com's can go stale while
// the single sign-on of login.sina.com.cn still holds, and a weibo.com page
// then renews it silently (x-login-autologin: true, then
// login.sina.com.cn/sso/login.php?useticket=1, the crossdomain hops, and
// back; an unattributed probe log of 2026-08-07, single source). Without
// a session, pages go through the Sina Visitor System, which leaves a
// visitor SUB: a visitor, not a login.

// visitorSUB opens a visitor's SUB; a login's opens "_2A25" (many cookie
// samples; the pattern is inferred).
const visitorSUB = "_2AkM"

// loggedIn reports whether the request carries a live session: on
// weibo.com one that has not gone stale (fault renew-at).
func (r *Replica) loggedIn(req *http.Request) bool {
	c, err := req.Cookie("SUB")
	if err != nil {
		return false
	}
	host := strings.TrimPrefix(replicakit.HostOf(req), "www.")
	r.mu.Lock()
	defer r.mu.Unlock()
	if host == "weibo.com" || host == "app.weibo.com" {
		return r.sessions[c.Value] && !r.stale[c.Value]
	}
	return r.sessions[c.Value]
}

// visitor reports whether the request carries a visitor's SUB.
func (r *Replica) visitor(req *http.Request) bool {
	c, err := req.Cookie("SUB")
	return err == nil && strings.HasPrefix(c.Value, visitorSUB)
}

// staleSessions makes every weibo.com session stale, as time does: the
// sign-on of login.sina.com.cn still holds (fault renew-at).
func (r *Replica) staleSessions() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for sub := range r.sessions {
		r.stale[sub] = true
	}
}

// noSession answers a page asked for without a live session: the silent
// renewal when the browser still holds the long-lived login cookies (ALF
// and SCF) and has not just failed it (retcode=6102), the visitor's view
// for a visitor of weibo.com, else the visitor system.
func (r *Replica) noSession(w http.ResponseWriter, req *http.Request) {
	back := "https://" + req.Host + req.URL.RequestURI()
	_, alf := req.Cookie("ALF")
	_, scf := req.Cookie("SCF")
	switch {
	case alf == nil && scf == nil && req.URL.Query().Get("retcode") != "6102":
		w.Header().Set("x-login-autologin", "true")
		http.Redirect(w, req, "https://login.sina.com.cn/sso/login.php?url="+url.QueryEscape(back)+fmt.Sprintf("&_rand=%d", time.Now().Unix())+
			"&gateway=1&service=miniblog&entry=miniblog&useticket=1&returntype=META&sudaref=&_client_version=0.6.33", http.StatusFound)
	case r.visitor(req) && replicakit.HostOf(req) == "weibo.com":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>微博-随时随地发现新鲜事</title></head>
<body><header><a href="/">微博</a> <a class="login" href="https://passport.weibo.com/sso/signin?entry=miniblog&source=miniblog">登录</a> <a href="https://weibo.com/signup">注册</a></header>
<main><div class="card">登录后查看更多精彩内容</div></main></body></html>`)
	default:
		visitorRedirect(w, req)
	}
}

// renew is login.sina.com.cn/sso/login.php with useticket=1: with a live
// sign-on it issues a new session and sends the browser through the
// crossdomain hops back to the page; without one it says so (retcode
// 6102) in a META refresh back to weibo.com.
func (r *Replica) renew(w http.ResponseWriter, req *http.Request) {
	back := req.URL.Query().Get("url")
	if u, err := url.Parse(back); err != nil || (u.Host != "weibo.com" && u.Host != "app.weibo.com") {
		back = "https://weibo.com/"
	}
	c, err := req.Cookie("SUB")
	r.mu.Lock()
	ok := err == nil && r.sessions[c.Value]
	r.mu.Unlock()
	if !ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		sep := "?"
		if strings.Contains(back, "?") {
			sep = "&"
		}
		fmt.Fprintf(w, `<html><head><meta http-equiv="refresh" content="0; url='%s%sretcode=6102'"></head><body></body></html>`, back, sep)
		return
	}
	sub := r.newSession()
	r.renewals.Add(1)
	r.setSession(w, sub, "sina.com.cn")
	http.Redirect(w, req, "https://passport.weibo.com/sso/crossdomain?entry=miniblog&action=login&ticket=ST-"+r.sign(sub)[:12]+
		"&sub="+url.QueryEscape(sub)+"&url="+url.QueryEscape(back), http.StatusFound)
}

// newSession issues a login's SUB.
func (r *Replica) newSession() string {
	sub := "_2A25" + r.sign(fmt.Sprint("sub", time.Now().UnixNano())) + r.sign(fmt.Sprint("s", time.Now().UnixNano()))
	r.mu.Lock()
	r.sessions[sub] = true
	r.mu.Unlock()
	return sub
}

// Renewals counts the sessions renewed silently.
func (r *Replica) Renewals() int { return int(r.renewals.Load()) }

// visitorPage is the Sina Visitor System: a page whose script asks
// genvisitor2 for a visitor's SUB and SUBP, then goes back.
const visitorPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sina Visitor System</title></head><body><p>Sina Visitor System</p>
<script>
(function(){
  var back = new URLSearchParams(location.search).get('url') || 'https://weibo.com/';
  fetch('/visitor/genvisitor2', {method: 'POST', credentials: 'include', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: 'cb=visitor_gray_callback&tid=&from=weibo'}).then(function(){ location.replace(back); });
})();
</script></body></html>`

// genVisitor answers genvisitor2 as the visitor system does: a JSONP
// call naming the visitor's SUB and SUBP, which it also sets.
func (r *Replica) genVisitor(w http.ResponseWriter) {
	sub := visitorSUB + r.sign(fmt.Sprint("visitor", time.Now().UnixNano()))
	subp := "0033WrSXqPxfM72-Ws9jqgMF55529P9D9W" + r.sign(sub)[:8]
	for _, k := range []struct{ name, value string }{{"SUB", sub}, {"SUBP", subp}} {
		http.SetCookie(w, &http.Cookie{Name: k.name, Value: k.value, Domain: ".weibo.com", Path: "/", Expires: time.Now().Add(365 * 24 * time.Hour), Secure: true})
	}
	w.Header().Set("Content-Type", "application/javascript")
	fmt.Fprintf(w, `window.visitor_gray_callback && visitor_gray_callback({"retcode":20000000,"msg":"succ","data":{"next":"cross_domain","sub":%q,"subp":%q,"alt":"","savestate":0,"tid":%q,"new_tid":false,"confidence":90}});`,
		sub, subp, r.sign("tid"))
}
