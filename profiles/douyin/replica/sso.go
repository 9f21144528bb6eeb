package replica

import (
	"encoding/base64"
	"fmt"
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
	ticket string
}

// QR codes expire after two minutes, as sso.douyin.com's do.
const qrLifetime = 2 * time.Minute

// ScanURL is what a login QR code encodes: the Douyin app opens it.
func ScanURL(token string) string {
	return "https://aweme.snssdk.com/passport/web/scan_qrcode/?token=" + token + "&aid=6383&service=https%3A%2F%2Fwww.douyin.com"
}

// cors lets the www.douyin.com page call another douyin.com host with its
// cookies.
func cors(w http.ResponseWriter, req *http.Request) bool {
	if o := req.Header.Get("Origin"); o == "https://www.douyin.com" {
		w.Header().Set("Access-Control-Allow-Origin", o)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		w.Header().Set("Access-Control-Allow-Methods", "GET, POST")
		w.Header().Set("Vary", "Origin")
	}
	if req.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	return false
}

func (r *Replica) sso(w http.ResponseWriter, req *http.Request) {
	if cors(w, req) {
		return
	}
	q := req.URL.Query()
	switch strings.TrimSuffix(req.URL.Path, "/") {
	case "/get_qrcode":
		if r.faults.First("qr-fail", r.cfg.Faults.QRFail) {
			http.Error(w, "502 Bad Gateway", http.StatusBadGateway)
			return
		}
		token := r.mac(32, "qr", time.Now().UnixNano())
		r.mu.Lock()
		r.qrs[token] = &qrLogin{created: r.now()}
		r.mu.Unlock()
		code, err := qr.Encode(ScanURL(token), qr.M)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		code.Scale = 5
		writeJSON(w, obj{"data": obj{"qrcode": base64.StdEncoding.EncodeToString(code.PNG()), "qrcode_index_url": ScanURL(token), "token": token,
			"is_frontier": false, "app_name": "douyin_web", "web_name": "douyin_web", "expire_time": r.now().Add(qrLifetime).Unix()},
			"description": "", "error_code": 0, "message": "success"})
	case "/check_qrconnect":
		r.checkQR(w, q)
	case "/replica/phone":
		r.phone(w, req)
	default:
		http.NotFound(w, req)
	}
}

func (r *Replica) checkQR(w http.ResponseWriter, q url.Values) {
	token := q.Get("token")
	r.mu.Lock()
	s := r.qrs[token]
	data := obj{"status": "1"}
	switch {
	case s == nil || r.now().Sub(s.created) > qrLifetime:
		data["status"] = "5"
	case s.Confirmed:
		if s.ticket == "" {
			s.ticket = "ST-" + r.mac(24, "ticket", token)
			r.tickets[s.ticket] = "" // the session is made when the ticket is used
		}
		data["status"] = "3"
		data["redirect_url"] = "https://www.douyin.com/passport/sso/login/callback/?ticket=" + s.ticket + "&next=" + url.QueryEscape("https://www.douyin.com/")
	case s.Scanned:
		data["status"] = "2"
	}
	r.mu.Unlock()
	writeJSON(w, obj{"data": data, "description": "", "error_code": 0, "message": "success"})
}

// phone is the replica-only stand-in for the person's phone: POST with
// token and action=scan or action=confirm (or approve for both), as if
// they scanned the code with the Douyin app and confirmed.
func (r *Replica) phone(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	req.ParseForm()
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.qrs[req.Form.Get("token")]
	if s == nil {
		http.Error(w, "unknown token", http.StatusNotFound)
		return
	}
	s.Act(w, req.Form.Get("action"))
}

// loginCallback trades an SSO ticket for the session cookies on
// .douyin.com, once.
func (r *Replica) loginCallback(w http.ResponseWriter, req *http.Request) {
	ticket := req.URL.Query().Get("ticket")
	r.mu.Lock()
	used, ok := r.tickets[ticket]
	sid := ""
	if ok && used == "" {
		sid = r.mac(32, "sid", ticket, time.Now().UnixNano())
		r.tickets[ticket] = sid
		r.sessions[sid] = 0
	}
	r.mu.Unlock()
	if sid == "" {
		http.Redirect(w, req, "https://www.douyin.com/?login_error=ticket", http.StatusFound)
		return
	}
	year := time.Now().AddDate(0, 2, 0)
	set := func(name, value string, httpOnly bool) {
		http.SetCookie(w, &http.Cookie{Name: name, Value: value, Domain: ".douyin.com", Path: "/", Expires: year, Secure: true, HttpOnly: httpOnly, SameSite: http.SameSiteNoneMode})
	}
	uid := r.mac(32, "uid_tt", sid)
	set("sessionid", sid, true)
	set("sessionid_ss", sid, true)
	set("sid_tt", sid, true)
	set("sid_guard", fmt.Sprintf("%s%%7C%d%%7C5184000%%7C%s", sid, time.Now().Unix(), url.QueryEscape(time.Now().UTC().Format(time.RFC1123))), true)
	set("uid_tt", uid, true)
	set("uid_tt_ss", uid, true)
	set("passport_auth_status", r.mac(32, "pas", sid)+"%2C", false)
	set("odin_tt", r.mac(64, "odin", sid), true)
	set("passport_csrf_token", r.mac(32, "csrf", sid), false)
	set("LOGIN_STATUS", "1", false)
	next := req.URL.Query().Get("next")
	if !strings.HasPrefix(next, "https://www.douyin.com/") {
		next = "https://www.douyin.com/"
	}
	http.Redirect(w, req, next, http.StatusFound)
}
