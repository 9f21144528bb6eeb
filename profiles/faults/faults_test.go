package faults

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want List
		err  string
	}{
		{"", List{}, ""},
		{"5xx=0.05, reset=0.02,slow=1,ratelimit,expire-media", List{ServerError: 0.05, Reset: 0.02, Slow: 1, RateLimit: true, ExpireMedia: true}, ""},
		{"logout-at=200,captcha-at=150,crash-at=40", List{LogoutAt: 200, CaptchaAt: 150, CrashAt: 40}, ""},
		{"5xx=1.5", List{}, "between 0 and 1"},
		{"5xx", List{}, "5xx=P"},
		{"slow=NaN", List{}, "between 0 and 1"},
		{"logout-at=0", List{}, "positive number"},
		{"ratelimit=3", List{}, "takes no value"},
		{"teapot", List{}, "unknown fault"},
		{"broken=likes,broken=favorites,broken=likes", List{Broken: []string{"likes", "favorites"}}, ""},
		{"broken", List{}, "broken=NAME"},
		{"broken=../x", List{}, "broken=NAME"},
		{"blocked=0.05,argus=0.05,code8=0.1,overlay-captcha-at=40", List{Blocked: 0.05, Argus: 0.05, Code8: 0.1, OverlayCaptchaAt: 40}, ""},
		{"argus=2", List{}, "between 0 and 1"},
		{"overlay-captcha-at=-1", List{}, "positive number"},
		{"captcha100-at=30", List{Captcha100At: 30}, ""},
		{"renew-at=50,captcha100-at=9", List{Captcha100At: 9, RenewAt: 50}, ""},
		{"qr-fail=2", List{QRFail: 2}, ""},
	} {
		got, err := Parse(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Parse(%q): error %v, want one saying %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
}

// FuzzParse: any input is refused or parses to a list whose printed form
// parses back to the same list.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "5xx=0.05,reset=0.02", "ratelimit,expire-media,logout-at=90,crash-at=40", "slow=1e-3", "captcha-at=7", "broken=likes", "blocked=0.1,argus=0.2,code8=0.3,overlay-captcha-at=9", "captcha100-at=4", "renew-at=12", "qr-fail=3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(l.String())
		if err != nil || !reflect.DeepEqual(again, l) {
			t.Fatalf("Parse(%q) = %+v, printed %q, parsed back %+v, %v", s, l, l.String(), again, err)
		}
	})
}

func TestCheckBroken(t *testing.T) {
	l, err := Parse("broken=likes")
	if err != nil {
		t.Fatal(err)
	}
	if !l.IsBroken("likes") || l.IsBroken("posts") {
		t.Fatalf("IsBroken: %+v", l)
	}
	if err := l.CheckBroken([]string{"posts", "likes"}); err != nil {
		t.Fatal(err)
	}
	if err := l.CheckBroken([]string{"posts"}); err == nil || !strings.Contains(err.Error(), "it can break posts") {
		t.Fatalf("an unknown collection: %v", err)
	}
}

// TestRefusal: the three refusals come in their shares, and only when
// asked for.
func TestRefusal(t *testing.T) {
	in := NewInjector(List{Blocked: 0.1, Argus: 0.2, Code8: 0.3}, 7)
	got := map[string]int{}
	for range 10000 {
		got[in.Refusal()]++
	}
	for name, want := range map[string]int{"blocked": 1000, "argus": 2000, "code8": 3000, "": 4000} {
		if got[name] < want*9/10 || got[name] > want*11/10 {
			t.Errorf("%q: %d of 10000, want about %d", name, got[name], want)
		}
	}
	if n := NewInjector(List{}, 7).Refusal(); n != "" {
		t.Errorf("no faults: %q", n)
	}
	// Every window of a hundred requests holds its share, whatever the
	// seed: a drift run of a few hundred requests once met no refusal.
	for seed := range uint64(500) {
		in := NewInjector(List{Blocked: 0.01, Argus: 0.01, Code8: 0.01}, seed)
		for w := range 3 {
			n := 0
			for range refusalWindow {
				if in.Refusal() != "" {
					n++
				}
			}
			if n != 3 {
				t.Fatalf("seed %d, window %d: %d refusals, want 3", seed, w, n)
			}
		}
	}
	// A share too small for a hundred requests gets a longer window.
	in = NewInjector(List{Code8: 0.002}, 3)
	n := 0
	for range 500 {
		if in.Refusal() != "" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("code8=0.002: %d refusals in 500 requests, want 1", n)
	}
	if got := (List{Captcha100At: 2, RenewAt: 5, ServerError: 0.1}).WeiboOnly(); !reflect.DeepEqual(got, []string{"captcha100-at", "renew-at"}) {
		t.Errorf("WeiboOnly = %v", got)
	}
	if got := (List{QRFail: 1, ServerError: 0.1}).DouyinOnly(); !reflect.DeepEqual(got, []string{"qr-fail"}) {
		t.Errorf("DouyinOnly = %v", got)
	}
	first := NewInjector(List{QRFail: 2}, 1)
	for i, want := range []bool{true, true, false, false} {
		if got := first.First("qr-fail", 2); got != want {
			t.Errorf("First #%d = %v, want %v", i+1, got, want)
		}
	}
	if n := first.Injected()["qr-fail"]; n != 2 {
		t.Errorf("qr-fail injected %d times, want 2", n)
	}
	if got := (List{Argus: 0.1, OverlayCaptchaAt: 3, ServerError: 0.1}).RiskControl(); !reflect.DeepEqual(got, []string{"argus", "overlay-captcha-at"}) {
		t.Errorf("risk control faults %v", got)
	}
	in = NewInjector(List{OverlayCaptchaAt: 1}, 1)
	in.Solved("overlay-captcha")
	in.API()
	if in.Once("overlay-captcha", 1) {
		t.Error("a solved verification fired")
	}
}

// TestHold: held, the transport faults let every request through; let go,
// they fail it again.
func TestHold(t *testing.T) {
	in := NewInjector(List{ServerError: 1}, 1)
	h := in.Wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }),
		func(*http.Request) bool { return true })
	status := func() int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api", nil))
		return rec.Code
	}
	if got := status(); got < 500 {
		t.Fatalf("status %d with 5xx=1, want a 5xx", got)
	}
	in.Hold(true)
	if got := status(); got != http.StatusOK {
		t.Fatalf("status %d while held, want 200", got)
	}
	in.Hold(false)
	if got := status(); got < 500 {
		t.Fatalf("status %d after the hold, want a 5xx", got)
	}
}
