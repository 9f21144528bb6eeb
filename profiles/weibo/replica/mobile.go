package replica

import (
	"fmt"
	"net/http"
)

// mobile serves what farewell meets of m.weibo.cn: the security check
// the API sends a session to with ok:-100 (§W1: /captcha and
// /api/geetest, a slider that, done, restores the session).
func (r *Replica) mobile(w http.ResponseWriter, req *http.Request) {
	switch req.URL.Path {
	case "/captcha", "/api/geetest":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>安全验证</title></head><body>
<h1>请完成安全验证</h1><p>拖动滑块完成验证</p>
<form method="post" action="/captcha/verify"><button id="slider">向右拖动滑块</button></form>
</body></html>`)
	case "/captcha/verify":
		if req.Method != http.MethodPost {
			http.NotFound(w, req)
			return
		}
		if r.loggedIn(req) {
			r.SolveCaptcha()
		}
		http.Redirect(w, req, "https://m.weibo.cn/", http.StatusFound)
	case "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>微博</title></head><body><div id="app">微博</div></body></html>`)
	default:
		http.NotFound(w, req)
	}
}
