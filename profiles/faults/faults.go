// Package faults is the failures a site replica injects for reliability
// tests and for "farewell demo --faults": the list a person writes, and the
// Injector that carries it out request by request.
package faults

import (
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

// List is the failures a replica injects for reliability tests and
// for "farewell demo --faults". The list form, accepted by [Parse]
// and printed by [List.String], is comma-separated:
//
//	5xx=P          a share P (0..1) of API and media requests answered 500, 502 or 503
//	reset=P        a share P of them cut off before any answer (connection reset)
//	slow=P         a share P of them answered only after SlowDelay
//	ratelimit      bursts of throttling: runs of requests refused as too fast
//	expire-media   media links in lists arrive already expired
//	logout-at=N    the session ends after N API requests
//	captcha-at=N   the site asks for a verification after N API requests
//	crash-at=N     the browser is killed after N API requests
//	broken=NAME    the page of collection NAME never renders its list, or
//	               its answers take a shape no parser knows (repeatable)
//	blocked=P      a share P of API requests answered with the plain text
//	               "blocked" (Douyin's risk control: MediaCrawler client.py)
//	argus=P        a share P answered HTTP 403 "Blocked by ArgusSecurityPlugin
//	               Signature Not Found" (Douyin, DouK-Downloader#785)
//	code8=P        a share P answered status_code 8 without the logged-out
//	               message: a generic refusal, not a logout (jiji262 api_client.py)
//	overlay-captcha-at=N  after N API requests the verification slider
//	               shows over the page (#captcha_container), not as a page
//	captcha100-at=N  after N API requests the API answers ok:-100 with a
//	               captcha url (Weibo's security check, real-sites-2026 §W1);
//	               solving it restores the session
//	qr-fail=N      the first N answers of the login's QR code request are
//	               HTTP 502: the login page shows no code and does not ask
//	               again (Douyin's get_qrcode; what a 5xx does to it)
//	renew-at=N     after N API requests weibo.com's session goes stale while
//	               the sign-on of login.sina.com.cn holds: a weibo.com page
//	               renews it silently (Weibo, real-sites-2026 §W7)
//
// The replica applies all but crash-at itself; crash-at is carried out by
// whoever runs the browser (demo), through [Injector.OnAPI].
type List struct {
	ServerError float64
	Reset       float64
	Slow        float64
	RateLimit   bool
	ExpireMedia bool
	LogoutAt    int
	CaptchaAt   int
	CrashAt     int
	// Broken are collections whose page never renders its list, or
	// whose answers take a shape no parser knows: what a deploy that
	// breaks one part of the site looks like.
	Broken []string
	// Blocked, Argus and Code8 are shares of API requests refused as
	// Douyin's risk control refuses them (see the list above).
	Blocked float64
	Argus   float64
	Code8   float64
	// OverlayCaptchaAt is captcha-at with the slider over the page.
	OverlayCaptchaAt int
	// Captcha100At is captcha-at as Weibo's API says it: ok:-100 with a
	// captcha url, which must not be read as a logout.
	Captcha100At int
	// RenewAt is when Weibo's session goes stale, to be renewed
	// silently by a page load.
	RenewAt int
	// QRFail is how many of the login's QR code answers fail first.
	QRFail int
	// SlowDelay is how long a slow answer stalls (default 4 s).
	SlowDelay time.Duration
}

// Parse reads a fault list ("" is no faults).
func Parse(s string) (List, error) {
	var f List
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, val, hasVal := strings.Cut(item, "=")
		share := func() (float64, error) {
			p, err := strconv.ParseFloat(val, 64)
			if err != nil || !hasVal || !(p >= 0 && p <= 1) { // NaN too
				return 0, fmt.Errorf("fault %q: want %s=P with P between 0 and 1", item, name)
			}
			return p, nil
		}
		count := func() (int, error) {
			n, err := strconv.Atoi(val)
			if err != nil || !hasVal || n < 1 {
				return 0, fmt.Errorf("fault %q: want %s=N with N a positive number of requests", item, name)
			}
			return n, nil
		}
		var err error
		switch name {
		case "5xx":
			f.ServerError, err = share()
		case "reset":
			f.Reset, err = share()
		case "slow":
			f.Slow, err = share()
		case "ratelimit":
			f.RateLimit = true
		case "expire-media":
			f.ExpireMedia = true
		case "logout-at":
			f.LogoutAt, err = count()
		case "captcha-at":
			f.CaptchaAt, err = count()
		case "crash-at":
			f.CrashAt, err = count()
		case "blocked":
			f.Blocked, err = share()
		case "argus":
			f.Argus, err = share()
		case "code8":
			f.Code8, err = share()
		case "overlay-captcha-at":
			f.OverlayCaptchaAt, err = count()
		case "captcha100-at":
			f.Captcha100At, err = count()
		case "renew-at":
			f.RenewAt, err = count()
		case "qr-fail":
			f.QRFail, err = count()
		case "broken":
			if !hasVal || !validName(val) {
				err = fmt.Errorf("fault %q: want broken=NAME with NAME a collection", item)
			} else if !slices.Contains(f.Broken, val) {
				f.Broken = append(f.Broken, val)
			}
		default:
			err = fmt.Errorf("unknown fault %q (known: 5xx=P, reset=P, slow=P, ratelimit, expire-media, logout-at=N, captcha-at=N, crash-at=N, broken=NAME, blocked=P, argus=P, code8=P, overlay-captcha-at=N, captcha100-at=N, renew-at=N, qr-fail=N)", name)
		}
		if err != nil {
			return List{}, err
		}
		if (name == "ratelimit" || name == "expire-media") && hasVal {
			return List{}, fmt.Errorf("fault %q takes no value", name)
		}
	}
	return f, nil
}

// String is the list form of f.
func (f List) String() string {
	var parts []string
	share := func(name string, p float64) {
		if p > 0 {
			parts = append(parts, name+"="+strconv.FormatFloat(p, 'g', -1, 64))
		}
	}
	count := func(name string, n int) {
		if n > 0 {
			parts = append(parts, name+"="+strconv.Itoa(n))
		}
	}
	share("5xx", f.ServerError)
	share("reset", f.Reset)
	share("slow", f.Slow)
	if f.RateLimit {
		parts = append(parts, "ratelimit")
	}
	if f.ExpireMedia {
		parts = append(parts, "expire-media")
	}
	count("logout-at", f.LogoutAt)
	count("captcha-at", f.CaptchaAt)
	count("crash-at", f.CrashAt)
	for _, b := range f.Broken {
		parts = append(parts, "broken="+b)
	}
	share("blocked", f.Blocked)
	share("argus", f.Argus)
	share("code8", f.Code8)
	count("overlay-captcha-at", f.OverlayCaptchaAt)
	count("captcha100-at", f.Captcha100At)
	count("renew-at", f.RenewAt)
	count("qr-fail", f.QRFail)
	return strings.Join(parts, ",")
}

// validName reports whether a collection name is a plain lower-case word
// (letters and underscores), as every collection's is.
func validName(n string) bool {
	if n == "" || len(n) > 40 {
		return false
	}
	for _, r := range n {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return true
}

// RiskControl names the faults of Douyin's risk control that f holds
// (blocked, argus, code8, overlay-captcha-at): a replica of another site
// refuses them rather than ignore them.
func (f List) RiskControl() []string {
	var out []string
	for _, x := range []struct {
		name string
		on   bool
	}{{"blocked", f.Blocked > 0}, {"argus", f.Argus > 0}, {"code8", f.Code8 > 0}, {"overlay-captcha-at", f.OverlayCaptchaAt > 0}} {
		if x.on {
			out = append(out, x.name)
		}
	}
	return out
}

// WeiboOnly names the faults only Weibo shows (captcha100-at, renew-at):
// a replica of another site refuses them rather than ignore them.
func (f List) WeiboOnly() []string {
	var out []string
	if f.Captcha100At > 0 {
		out = append(out, "captcha100-at")
	}
	if f.RenewAt > 0 {
		out = append(out, "renew-at")
	}
	return out
}

// DouyinOnly names the faults only Douyin's replica shows (qr-fail): a
// replica of another site refuses them rather than ignore them.
func (f List) DouyinOnly() []string {
	if f.QRFail > 0 {
		return []string{"qr-fail"}
	}
	return nil
}

// IsBroken reports whether the page of a collection is to be broken.
func (f List) IsBroken(collection string) bool { return slices.Contains(f.Broken, collection) }

// CheckBroken refuses a broken= name that is not one of known (the
// collections a replica can break).
func (f List) CheckBroken(known []string) error {
	for _, b := range f.Broken {
		if !slices.Contains(known, b) {
			return fmt.Errorf("fault broken=%s: no such collection here (it can break %s)", b, strings.Join(known, ", "))
		}
	}
	return nil
}

// Injector carries out a replica's faults: it decides, request by request,
// whether to fail one, and counts the API requests that logout-at,
// captcha-at and crash-at wait for.
type Injector struct {
	f List

	mu    sync.Mutex
	rng   *rand.Rand
	burst int // throttled answers left in the current burst
	// The refusals' window (Refusal): requests and refusals left in it.
	windowLeft, refusalsLeft int

	api     atomic.Int64
	held    atomic.Bool // transport faults off for now (Hold)
	onAPI   []func(n int)
	fired   sync.Map           // event name -> true once it happened
	counted replicakit.Counter // injected faults, by kind
}

// NewInjector returns the injector of f, its random choices drawn from
// seed.
func NewInjector(f List, seed uint64) *Injector {
	if f.SlowDelay <= 0 {
		f.SlowDelay = 4 * time.Second
	}
	return &Injector{f: f, rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

// List returns what the injector injects.
func (in *Injector) List() List { return in.f }

// OnAPI registers f to be called with the running count after every API
// request (demo uses it for crash-at).
func (in *Injector) OnAPI(f func(n int)) {
	in.mu.Lock()
	in.onAPI = append(in.onAPI, f)
	in.mu.Unlock()
}

// API counts one API request and returns the count so far; the site's
// session and captcha faults compare it with their thresholds.
func (in *Injector) API() int {
	n := int(in.api.Add(1))
	in.mu.Lock()
	hooks := in.onAPI
	in.mu.Unlock()
	for _, h := range hooks {
		h(n)
	}
	return n
}

// Once reports true the first time it is asked about event once the
// count of API requests has reached at (at 0 never fires).
func (in *Injector) Once(event string, at int) bool {
	if at <= 0 || int(in.api.Load()) < at {
		return false
	}
	_, done := in.fired.LoadOrStore(event, true)
	if !done {
		in.counted.Add(event)
	}
	return !done
}

// Throttle reports whether this request falls in a burst of throttling
// (fault ratelimit): about one request in sixty starts a burst of two to
// five refusals in a row.
func (in *Injector) Throttle() bool {
	if !in.f.RateLimit {
		return false
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.burst == 0 && in.rng.Float64() < 1.0/60 {
		in.burst = 2 + in.rng.IntN(4)
	}
	if in.burst > 0 {
		in.burst--
		in.counted.Add("ratelimit")
		return true
	}
	return false
}

// Refusal draws whether this API request is refused by risk control:
// "blocked", "argus", "code8", or "" (faults blocked, argus, code8).
// Refusals are dealt, not drawn one by one: the requests fall into
// windows of 100 (or 1/P, P the three shares together, when that is
// more), each holding its share of refusals (P times its size, rounded)
// at random places, their kinds drawn by the shares. The rate is P, and
// every window meets a refusal: a test that says the refusals were tried
// cannot pass or fail by luck, as it did when one run in a hundred drew
// none.
func (in *Injector) Refusal() string {
	f := in.f
	total := f.Blocked + f.Argus + f.Code8
	if total <= 0 {
		return ""
	}
	in.mu.Lock()
	if in.windowLeft == 0 {
		in.windowLeft = max(refusalWindow, int(math.Round(1/total)))
		in.refusalsLeft = min(in.windowLeft, max(1, int(math.Round(total*float64(in.windowLeft)))))
	}
	// Each request is refused with the chance refusals left / requests
	// left: every place in the window is equally likely.
	refuse := in.rng.IntN(in.windowLeft) < in.refusalsLeft
	in.windowLeft--
	if !refuse {
		in.mu.Unlock()
		return ""
	}
	in.refusalsLeft--
	p := in.rng.Float64() * total
	in.mu.Unlock()
	for _, r := range []struct {
		name  string
		share float64
	}{{"blocked", f.Blocked}, {"argus", f.Argus}} {
		if p < r.share {
			in.counted.Add(r.name)
			return r.name
		}
		p -= r.share
	}
	in.counted.Add("code8")
	return "code8"
}

// refusalWindow is the fewest API requests among which Refusal deals
// its refusals.
const refusalWindow = 100

// Solved marks a one-time event (a verification) as done already, so
// that Once never fires it: the person solved it before this run.
func (in *Injector) Solved(event string) { in.fired.Store(event, true) }

// First reports true for the first n times it is asked about event,
// and counts them as injected.
func (in *Injector) First(event string, n int) bool {
	if n <= 0 {
		return false
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.counted.Snapshot()[event] >= n {
		return false
	}
	in.counted.Add(event)
	return true
}

// Injected returns how many faults of each kind were injected.
func (in *Injector) Injected() map[string]int { return in.counted.Snapshot() }

// Hold turns the transport faults (5xx, reset, slow) off, or on again:
// a test logs in undisturbed, then captures under them.
func (in *Injector) Hold(off bool) { in.held.Store(off) }

// Wrap returns h with the transport faults (5xx, reset, slow) applied to
// the requests for which applies says yes.
func (in *Injector) Wrap(h http.Handler, applies func(*http.Request) bool) http.Handler {
	f := in.f
	if f.ServerError == 0 && f.Reset == 0 && f.Slow == 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if in.held.Load() || !applies(req) {
			h.ServeHTTP(w, req)
			return
		}
		in.mu.Lock()
		reset, fail, slow := in.rng.Float64() < f.Reset, in.rng.Float64() < f.ServerError, in.rng.Float64() < f.Slow
		code := []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable}[in.rng.IntN(3)]
		in.mu.Unlock()
		switch {
		case reset:
			in.counted.Add("reset")
			// Aborting the handler resets the stream (HTTP/2) or closes
			// the connection (HTTP/1.1) before any byte of an answer.
			panic(http.ErrAbortHandler)
		case fail:
			in.counted.Add("5xx")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(code)
			fmt.Fprintf(w, "<html><body><h1>%d %s</h1></body></html>", code, http.StatusText(code))
			return
		case slow:
			in.counted.Add("slow")
			select {
			case <-time.After(f.SlowDelay):
			case <-req.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, req)
	})
}
