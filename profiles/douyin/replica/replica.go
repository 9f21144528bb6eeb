// Package replica is a faithful local stand-in of www.douyin.com for one
// generated account: the web API under /aweme/v1/web/ with its signed
// requests, the single-page app that makes them, the SSO QR login through
// sso.douyin.com, the protobuf IM API of imapi.douyin.com behind a
// virtualised chat list, the video, image and music CDNs, and the wallet,
// with the paths, field names and quirks public tools and notes written
// from real sessions document for the real site.
//
// Quirks it reproduces: every API request must carry a_bogus, a signature
// the page's own script computes from the query, the POST body and a
// secret only the page holds, and an unsigned or wrongly signed request
// gets a bare {"status_code":0} with no list; max_cursor in milliseconds
// with has_more 0/1, and empty pages with has_more 1 where the time window
// holds no work; pinned works first; follow lists paged by time windows
// with a boolean has_more, the follower list cut short of the count;
// comment pages of 5 then 20, and no more top-level comments past a cap;
// music ids above 2^53 as bare numbers; a shuffled bit_rate ladder whose
// best rung is not play_addr; watermarked download_addr, /playwm/ and
// download_url_list files whose bytes differ from the clean ones; video
// links with a hex expiry in the path; HTTP 429 when requests come faster
// than the limit and the 验证码中间页 captcha when a client keeps scrolling
// too fast; status_code 2483 and "用户未登录" without a session; a
// favourites list whose cursor is in a POST body.
//
// Test and demo helpers (the phone that approves a QR scan, the hand that
// solves a captcha, Stats, Truth) are replica-only: no profile uses them.
package replica

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/profiles/faults"
	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

// Config sets up a replica.
type Config struct {
	Seed          uint64
	Works         int // own works (default 60)
	Conversations int // DM conversations (default 8)
	// Rate is how many API requests per second the replica serves before
	// answering 429 (0: no limit); Burst how many may come at once.
	Rate  float64
	Burst int
	// CaptchaAfter is how many requests a client may make in a row that
	// are answered 429 before the site wants a captcha solved (default 6;
	// negative: never).
	CaptchaAfter int
	// VideoTTL is how long a video link stays valid (default 1 hour, as
	// on the real site).
	VideoTTL time.Duration
	// FollowersCap is the most followers the site lists (default two
	// thirds of them); CommentCap the most top-level comments it lists
	// per work (default 40).
	FollowersCap int
	CommentCap   int
	// Wallet is the money the account holds (default none).
	Wallet Wallet
	// Now is the account's present: dates run back from it.
	Now time.Time
	// Addr is where to listen (default a free port on 127.0.0.1).
	Addr string
	// ExpireMedia makes the video links of lists dead on arrival: only
	// aweme/detail issues links that work.
	ExpireMedia bool
	// SessionRequests ends the login session after that many API requests
	// (0: never), as an expiring cookie does.
	SessionRequests int
	// Drift is the seed of what a deploy changes (see replicakit.Drift;
	// 0: nothing): keys reordered, unknown fields, short pages, list
	// calls moved to www-hj.douyin.com, classes renamed, wrappers, menus
	// reordered, extra calls.
	Drift uint64
	// Variants are the A/B behaviours to show (see Variants).
	Variants []string
	// Faults are failures to inject (see package faults): 5xx, reset
	// and slow on API, imapi and media requests, 429 bursts, a session
	// that ends and a verification page after so many API requests.
	Faults faults.List
}

func (c Config) withDefaults() Config {
	if c.Works <= 0 {
		c.Works = 60
	}
	if c.Conversations <= 0 {
		c.Conversations = 8
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Burst <= 0 {
		c.Burst = 4
	}
	if c.CaptchaAfter == 0 {
		c.CaptchaAfter = 6
	}
	if c.VideoTTL <= 0 {
		c.VideoTTL = time.Hour
	}
	if c.CommentCap <= 0 {
		c.CommentCap = 40
	}
	if c.Now.IsZero() {
		c.Now = time.Date(2026, 11, 20, 12, 0, 0, 0, cst)
	}
	c.ExpireMedia = c.ExpireMedia || c.Faults.ExpireMedia
	return c
}

var cst = time.FixedZone("CST", 8*3600)

// hosts are the host patterns the replica answers for.
var hosts = []string{"www.douyin.com", "www-hj.douyin.com", "douyin.com", "sso.douyin.com", "imapi.douyin.com", "*.douyinvod.com", "*.douyinpic.com", "*.douyinstatic.com"}

// Replica is a running www.douyin.com stand-in.
type Replica struct {
	cfg     Config
	acc     *Account
	srv     *replicakit.Server
	limiter *replicakit.Limiter
	faults  *faults.Injector
	drift   replicakit.Drift
	secret  []byte

	// accMu lets Grow change the account between the requests that
	// read it.
	accMu sync.RWMutex
	// sums keeps the media hashes Truth computed.
	sums replicakit.Sums

	mu       sync.Mutex
	sessions map[string]int // live sessionid values -> API requests made
	qrs      map[string]*qrLogin
	tickets  map[string]string // SSO tickets -> sessionid
	strikes  int               // requests in a row answered 429
	captcha  string            // the open verify_ticket, "" when none
	overlay  bool              // the open verification shows over the page

	requests   replicakit.Counter // by kind: api, page, media, sso, im
	media      replicakit.Counter // originals served, by MediaKey
	served     replicakit.Counter // media downloads (not a page's own loads), by MediaKey
	marked     atomic.Int64       // watermarked files served
	limited    atomic.Int64
	unsigned   atomic.Int64
	mediaBytes atomic.Int64
}

// Breakable are the collections fault broken=NAME can break: their page
// renders no list.
var Breakable = []string{"posts", "likes", "favorites", "comments", "following", "followers", "messages", "wallet",
	"history", "watch_later", "notifications", "series", "sounds"}

// Start generates the account (stopping with ctx's error if ctx ends
// first) and starts serving it.
func Start(ctx context.Context, cfg Config) (*Replica, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Faults.CheckBroken(Breakable); err != nil {
		return nil, err
	}
	if wo := cfg.Faults.WeiboOnly(); len(wo) > 0 {
		return nil, fmt.Errorf("fault %s: weibo.com's, not Douyin's", strings.Join(wo, ", "))
	}
	if err := Variants().Check(cfg.Variants); err != nil {
		return nil, err
	}
	acc, err := Generate(ctx, cfg)
	if err != nil {
		return nil, err
	}
	r := &Replica{
		cfg:      cfg,
		acc:      acc,
		limiter:  replicakit.NewLimiter(cfg.Rate, cfg.Burst),
		faults:   faults.NewInjector(cfg.Faults, cfg.Seed),
		drift:    replicakit.NewDrift(cfg.Drift),
		secret:   make([]byte, 32),
		sessions: map[string]int{},
		qrs:      map[string]*qrLogin{},
		tickets:  map[string]string{},
	}
	rand.Read(r.secret)
	srv, err := replicakit.Start(cfg.Addr, hosts, nil, r.drift.Wrap(r.faults.Wrap(http.HandlerFunc(r.route), faultable), isAPI))
	if err != nil {
		return nil, err
	}
	r.srv = srv
	return r, nil
}

// faultable says which requests the transport faults (5xx, reset, slow)
// hit: the API, the IM service and the media, not the pages and not the
// login.
func faultable(req *http.Request) bool {
	host := replicakit.HostOf(req)
	switch host {
	case "www.douyin.com", "www-hj.douyin.com":
		return strings.HasPrefix(req.URL.Path, "/aweme/v1/") || strings.HasPrefix(req.URL.Path, "/webcast/")
	case "imapi.douyin.com":
		return true
	}
	return strings.HasSuffix(host, ".douyinvod.com") || strings.HasSuffix(host, ".douyinpic.com") || strings.HasSuffix(host, ".douyinstatic.com")
}

// isAPI says whether a request is one of the web API's (the JSON answers
// the page reads), on www.douyin.com or on www-hj.douyin.com, where the
// page sends many list calls.
func isAPI(req *http.Request) bool {
	host := replicakit.HostOf(req)
	return (host == "www.douyin.com" || host == "www-hj.douyin.com") &&
		(strings.HasPrefix(req.URL.Path, "/aweme/v1/web/") || strings.HasPrefix(req.URL.Path, "/webcast/"))
}

// Faults is what the replica injects; OnAPI and Injected come with it.
func (r *Replica) Faults() *faults.Injector { return r.faults }

// Requests counts every request the replica answered.
func (r *Replica) Requests() int { return r.requests.Total() }

// Server gives the browser and Go clients their way in.
func (r *Replica) Server() *replicakit.Server { return r.srv }

// Account is the generated account.
func (r *Replica) Account() *Account { return r.acc }

// Close stops the replica.
func (r *Replica) Close() error { return r.srv.Close() }

// Stats is what the replica saw.
type Stats struct {
	Requests    int            `json:"requests"`     // every request
	API         int            `json:"api"`          // /aweme/v1/web and /webcast requests, the rate-limited kind
	Limited     int            `json:"limited"`      // answered 429
	Unsigned    int            `json:"unsigned"`     // answered a bare status_code 0 for a missing or wrong a_bogus
	MediaServed int            `json:"media_served"` // original media files served
	MediaBytes  int64          `json:"media_bytes"`
	Watermarked int            `json:"watermarked"` // watermarked files served
	Media       map[string]int `json:"-"`           // originals served, by key
}

// Stats returns what the replica has served so far.
func (r *Replica) Stats() Stats {
	return Stats{
		Requests:    r.requests.Total(),
		API:         r.requests.Get("api"),
		Limited:     int(r.limited.Load()),
		Unsigned:    int(r.unsigned.Load()),
		MediaServed: r.media.Total(),
		MediaBytes:  r.mediaBytes.Load(),
		Watermarked: int(r.marked.Load()),
		Media:       r.media.Snapshot(),
	}
}

func (r *Replica) now() time.Time { return time.Now() }

// mac is the replica's keyed hash, hex, n characters.
func (r *Replica) mac(n int, parts ...any) string {
	m := hmac.New(sha256.New, r.secret)
	fmt.Fprint(m, parts...)
	return hex.EncodeToString(m.Sum(nil))[:n]
}

// session returns the request's live sessionid, or "".
func (r *Replica) session(req *http.Request) string {
	c, err := req.Cookie("sessionid")
	if err != nil {
		return ""
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.sessions[c.Value]; !ok {
		return ""
	}
	return c.Value
}

// Grow adds n new own works (the first with comments), newer than the
// rest, as happens when the person posts between two backups. Requests
// being served finish first.
func (r *Replica) Grow(n int) {
	r.accMu.Lock()
	defer r.accMu.Unlock()
	r.acc.grow(n)
}

func (r *Replica) route(w http.ResponseWriter, req *http.Request) {
	r.accMu.RLock()
	defer r.accMu.RUnlock()
	host := replicakit.HostOf(req)
	switch {
	case host == "douyin.com":
		http.Redirect(w, req, "https://www.douyin.com"+req.URL.RequestURI(), http.StatusMovedPermanently)
	case isAPI(req):
		r.requests.Add("api")
		if host == "www-hj.douyin.com" {
			// The page on www.douyin.com calls this host with its
			// cookies: a cross-origin answer it may read.
			w.Header().Set("Access-Control-Allow-Origin", "https://www.douyin.com")
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		r.api(w, req)
	case host == "www.douyin.com" && (strings.HasPrefix(req.URL.Path, "/aweme/v1/play/") || strings.HasPrefix(req.URL.Path, "/aweme/v1/playwm/")):
		r.requests.Add("media")
		r.player(w, req)
	case host == "www.douyin.com":
		r.requests.Add("page")
		r.pages(w, req)
	case host == "sso.douyin.com":
		r.requests.Add("sso")
		r.sso(w, req)
	case host == "imapi.douyin.com":
		r.requests.Add("im")
		r.imapi(w, req)
	case strings.HasSuffix(host, ".douyinvod.com"), strings.HasSuffix(host, ".douyinpic.com"), strings.HasSuffix(host, ".douyinstatic.com"):
		r.requests.Add("media")
		r.cdn(w, req, host)
	default:
		http.NotFound(w, req)
	}
}

// Network lets a browser and Go clients reach the replica under the real
// host names.
func (r *Replica) Network() exporter.Network { return r.srv.Network() }

// Interval is the pace the replica's limit allows (0: no limit).
func (r *Replica) Interval() time.Duration { return replicakit.Interval(r.limiter.Rate()) }

// Approve plays the person's phone: it scans the QR code that encodes
// scanURL and confirms the login, through the replica-only endpoint.
func (r *Replica) Approve(ctx context.Context, scanURL string) error {
	u, err := url.Parse(scanURL)
	if err != nil {
		return err
	}
	id := u.Query().Get("token")
	return r.srv.Post(ctx, "https://sso.douyin.com/replica/phone",
		url.Values{"token": {id}, "action": {"scan"}}, url.Values{"token": {id}, "action": {"confirm"}})
}

// CaptchaOpen reports whether the site is waiting for a captcha.
func (r *Replica) CaptchaOpen() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.captcha != ""
}

// Limit changes the replica's limit to rate API requests a second,
// burst at once (0: no limit), as risk control tightens or relaxes.
func (r *Replica) Limit(rate float64, burst int) { r.limiter.Set(rate, burst) }

// SolveCaptcha plays the person who drags the slider of the captcha page.
func (r *Replica) SolveCaptcha() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.captcha, r.strikes, r.overlay = "", 0, false
}

// EndSessions logs every session out, as a session that expires does.
func (r *Replica) EndSessions() {
	r.mu.Lock()
	defer r.mu.Unlock()
	clear(r.sessions)
}
