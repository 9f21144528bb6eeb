// Package replica is a faithful local stand-in of weibo.com for one
// generated account: the desktop ajax API, the QR login through
// passport.weibo.com, the image and video CDNs, the authorised-apps page
// and the old weibo.cn pages, with the real paths, response shapes and
// quirks public tools and notes written from real sessions document for
// the real site.
//
// Quirks it reproduces: "ok"/"data" envelopes and the endpoints without
// "data"; since_id cursors; the pinned post first (and again in its place);
// other users' posts mixed into the timeline; isLongText sometimes true on
// short posts; truncated text whose whole only statuses/longtext has; more
// than nine pictures only in statuses/show; GIFs and live photos;
// playback_list with a scrubber JPEG ranked above the videos; image sizes
// as strings; a cursor that drops some deep posts which searchProfile
// still returns; buildComments answering nothing unless is_show_bulletin is
// echoed; a follower list capped below the follower count; HTTP 418 when
// ajax requests come faster than the limit; 403 on images without a weibo
// Referer; video links that expire; ok:-100 without the session cookies;
// a visitor redirect for pages without a session.
//
// Its media files play: JPEG and GIF pictures, H.264 MP4 videos and
// QuickTime live photos of the length and size the answers declare, made
// by profiles/replicamedia, whose table says where they differ from the
// real site's (no sound in the videos).
//
// Test and demo helpers (the "phone" that approves a QR scan, Stats,
// Expected) are replica-only: no profile uses them.
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
	Seed  uint64
	Posts int // own posts (default 150)
	// Rate is how many /ajax requests per second the replica serves
	// before answering 418 (0: no limit); Burst how many may come at once.
	Rate  float64
	Burst int
	// VideoTTL is how long a signed video link stays valid (default 10 min).
	VideoTTL time.Duration
	// FollowersCap is the most followers the site lists (default about
	// two thirds of them).
	FollowersCap int
	// Now is the account's present: post dates run back from it.
	Now time.Time
	// Addr is where to listen (default a free port on 127.0.0.1).
	Addr string
	// ExpireMedia makes the video links of lists and timelines dead on
	// arrival: only statuses/show issues links that work.
	ExpireMedia bool
	// Drift is the seed of what a deploy changes (see replicakit.Drift;
	// 0: nothing): keys reordered, unknown fields, short pages, extra
	// calls the page makes.
	Drift uint64
	// Faults are failures to inject (see package faults): 5xx, reset
	// and slow on /ajax and media requests, 418 bursts, a session that
	// ends and a verification page after so many /ajax requests.
	Faults faults.List
	// Variants are the A/B behaviours to show (see Variants).
	Variants []string
}

func (c Config) withDefaults() Config {
	if c.Posts <= 0 {
		c.Posts = 150
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.VideoTTL <= 0 {
		c.VideoTTL = 10 * time.Minute
	}
	if c.Burst <= 0 {
		c.Burst = 4
	}
	if c.Now.IsZero() {
		c.Now = time.Date(2026, 11, 20, 12, 0, 0, 0, cst)
	}
	c.ExpireMedia = c.ExpireMedia || c.Faults.ExpireMedia
	return c
}

var cst = time.FixedZone("CST", 8*3600)

// Hosts are the host patterns the replica answers for.
var hosts = []string{"weibo.com", "*.weibo.com", "weibo.cn", "*.weibo.cn", "*.sinaimg.cn", "*.sina.com.cn", "*.weibocdn.com", "*.sinajs.cn"}

// certNames are the deeper names Go clients check against the certificate.
var certNames = []string{"*.api.weibo.com", "*.qr.weibo.cn", "*.us.sinaimg.cn", "*.video.weibocdn.com", "*.t.sinajs.cn"}

// Replica is a running weibo.com stand-in.
type Replica struct {
	cfg     Config
	acc     *Account
	srv     *replicakit.Server
	limiter *replicakit.Limiter
	faults  *faults.Injector
	drift   replicakit.Drift
	secret  []byte
	// webFrom is, under web-cap, the oldest date the web shows posts
	// from (see onWeb).
	webFrom time.Time

	// accMu lets Grow change the account between the requests that
	// read it.
	accMu sync.RWMutex
	// sums keeps the media hashes Truth computed.
	sums replicakit.Sums

	mu       sync.Mutex
	sessions map[string]bool // valid SUB values
	stale    map[string]bool // SUB values weibo.com no longer takes (see session.go)
	renewals atomic.Int64
	qrs      map[string]*qrLogin
	captcha  string // the open verification's id, "" when none
	// captcha100 says the open verification is told as ok:-100 with an
	// m.weibo.cn url (captcha100-at).
	captcha100 bool

	requests   replicakit.Counter // by kind: ajax, page, media, passport
	media      replicakit.Counter // originals served, by key
	served     replicakit.Counter // media downloads (not a page's own loads), by URL (host and path)
	limited    atomic.Int64
	mediaBytes atomic.Int64
}

// Start generates the account (stopping with ctx's error if ctx ends
// first) and starts serving it.
func Start(ctx context.Context, cfg Config) (*Replica, error) {
	cfg = cfg.withDefaults()
	if rc := append(cfg.Faults.RiskControl(), cfg.Faults.DouyinOnly()...); len(rc) > 0 {
		return nil, fmt.Errorf("fault %s: Douyin's, not weibo.com's", strings.Join(rc, ", "))
	}
	if err := cfg.Faults.CheckBroken(Breakable); err != nil {
		return nil, err
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
		sessions: map[string]bool{},
		stale:    map[string]bool{},
		qrs:      map[string]*qrLogin{},
	}
	rand.Read(r.secret)
	if r.variant("web-cap") {
		r.webFrom = webFrom(r.acc)
	}
	srv, err := replicakit.Start(cfg.Addr, hosts, certNames, r.drift.Wrap(r.faults.Wrap(http.HandlerFunc(r.route), faultable), isAjax))
	if err != nil {
		return nil, err
	}
	r.srv = srv
	return r, nil
}

// faultable says which requests the transport faults (5xx, reset, slow)
// hit: the API and the media CDNs, not the pages and not the login.
func faultable(req *http.Request) bool {
	host := replicakit.HostOf(req)
	return ((host == "weibo.com" || host == "www.weibo.com") && strings.HasPrefix(req.URL.Path, "/ajax/")) ||
		(host == "api.weibo.com" && strings.HasPrefix(req.URL.Path, "/webim/")) || host == "upload.api.weibo.com" ||
		(host == "card.weibo.com" && req.URL.Path == "/article/m/aj/detail") ||
		strings.HasSuffix(host, ".sinaimg.cn") || strings.HasSuffix(host, ".weibocdn.com")
}

// isAjax says whether a request is one of the ajax API's.
func isAjax(req *http.Request) bool {
	host := replicakit.HostOf(req)
	return (host == "weibo.com" || host == "www.weibo.com") && strings.HasPrefix(req.URL.Path, "/ajax/")
}

// Faults is what the replica injects; OnAPI and Injected come with it.
func (r *Replica) Faults() *faults.Injector { return r.faults }

// SolveCaptcha plays the person who completes the verification page.
func (r *Replica) SolveCaptcha() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.captcha, r.captcha100 = "", false
}

// EndSessions logs every session out, as a session that expires does.
func (r *Replica) EndSessions() {
	r.mu.Lock()
	defer r.mu.Unlock()
	clear(r.sessions)
}

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
	API         int            `json:"api"`          // /ajax requests, the rate-limited kind
	Limited     int            `json:"limited"`      // answered 418
	MediaServed int            `json:"media_served"` // original media files served
	MediaBytes  int64          `json:"media_bytes"`
	Media       map[string]int `json:"-"` // originals served, by key
}

// Stats returns what the replica has served so far.
func (r *Replica) Stats() Stats {
	return Stats{
		Requests:    r.requests.Total(),
		API:         r.requests.Get("ajax"),
		Limited:     int(r.limited.Load()),
		MediaServed: r.media.Total(),
		MediaBytes:  r.mediaBytes.Load(),
		Media:       r.media.Snapshot(),
	}
}

func (r *Replica) now() time.Time { return time.Now() }

func (r *Replica) sign(s string) string {
	m := hmac.New(sha256.New, r.secret)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// Grow adds n new own posts (with pictures, the first with comments),
// newer than the rest, as happens when the person posts between two
// backups. Requests being served finish first.
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
	case host == "weibo.com" || host == "www.weibo.com":
		if strings.HasPrefix(req.URL.Path, "/ajax/") {
			r.requests.Add("ajax")
			r.api(w, req)
			return
		}
		r.requests.Add("page")
		r.weiboPages(w, req)
	case host == "passport.weibo.com" || host == "login.sina.com.cn" || host == "passport.weibo.cn" || host == "v2.qr.weibo.cn":
		r.requests.Add("passport")
		r.passport(w, req, host)
	case host == "card.weibo.com":
		r.articlePages(w, req)
	case host == "api.weibo.com":
		r.webim(w, req)
	case host == "upload.api.weibo.com":
		r.requests.Add("media")
		r.chatMedia(w, req)
	case host == "security.weibo.com":
		r.requests.Add("page")
		r.captchaPage(w, req)
	case host == "video.weibo.com":
		r.requests.Add("page")
		playerPage(w, req)
	case host == "app.weibo.com":
		r.requests.Add("page")
		r.appsPage(w, req)
	case host == "weibo.cn":
		r.requests.Add("page")
		r.cnPages(w, req)
	case host == "m.weibo.cn":
		r.requests.Add("page")
		r.mobile(w, req)
	case strings.HasSuffix(host, ".sinaimg.cn") || strings.HasSuffix(host, ".weibocdn.com"):
		r.requests.Add("media")
		r.mediaFile(w, req, host)
	case host == "face.t.sinajs.cn":
		r.requests.Add("media")
		r.emoticonFile(w, req)
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
	id := u.Query().Get("qr")
	return r.srv.Post(ctx, "https://passport.weibo.com/replica/phone",
		url.Values{"qrid": {id}, "action": {"scan"}}, url.Values{"qrid": {id}, "action": {"confirm"}})
}
