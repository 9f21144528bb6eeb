package faults

import (
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
	for _, s := range []string{"", "5xx=0.05,reset=0.02", "ratelimit,expire-media,logout-at=90,crash-at=40", "slow=1e-3", "captcha-at=7", "broken=likes"} {
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
