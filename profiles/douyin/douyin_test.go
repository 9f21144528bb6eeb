package douyin_test

import (
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles"
	"github.com/farewell-app/farewell/profiles/douyin"
	"github.com/farewell-app/farewell/profiles/douyin/replica"
	"github.com/farewell-app/farewell/profiles/faults"
	"github.com/farewell-app/farewell/profiles/profiletest"
)

// TestConformance runs the shared suite: the Douyin profile against the
// www.douyin.com replica in headless Chromium.
func TestConformance(t *testing.T) {
	profiletest.Run(t, douyin.New(), func(t *testing.T) profiletest.Site {
		r, err := replica.Start(context.Background(), replica.Config{Seed: 3, Works: 16, Conversations: 2, Rate: 40})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}, profiletest.Options{InterruptAfter: 10})
}

// TestConformanceDrift runs the suite against the replica as a deploy
// changed it (replicakit.Drift), with every A/B variant at once and risk
// control refusing now and then (blocked, argus, code8: waited out,
// never a logout): a new random seed every run, logged. It is the
// variants' conformance run too (one run each cost make test a minute
// and a half); `farewell demo douyin --variant NAME` tries one alone.
// One straight backup: TestConformance proves the interrupted run's
// resume, and the drifted one cost make test a browser and a third of
// this test's time.
func TestConformanceDrift(t *testing.T) {
	seed := profiletest.DriftSeed(t)
	var r *replica.Replica
	profiletest.Run(t, douyin.New(), func(t *testing.T) profiletest.Site {
		var err error
		r, err = replica.Start(context.Background(), replica.Config{Seed: seed, Works: 14, Conversations: 2, Rate: 40, Drift: seed, Variants: replica.VariantNames(),
			Faults: faults.List{Blocked: 0.01, Argus: 0.01, Code8: 0.01}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}, profiletest.Options{Straight: true})
	if in := r.Faults().Injected(); in["blocked"]+in["argus"]+in["code8"] == 0 {
		t.Errorf("no request was refused (%v): the refusals were not tried", in)
	}
}

// quickBackoff pauses seconds, not a real run's minutes, before a page
// is loaded again (a slow machine's late answer).
func quickBackoff() exporter.Backoff {
	return exporter.Backoff{Initial: time.Second, Max: 2 * time.Second, Attempts: 6}
}

type approver struct{ r *replica.Replica }

func (a approver) QR(_ []byte, url string) { a.r.Approve(context.Background(), url) }
func (a approver) Status(i18n.Msg)         {}

// loggedIn starts a replica and logs in to it through its QR flow, with
// the replica's transport faults held: a test's faults are for its
// capture.
func loggedIn(t *testing.T, cfg replica.Config) (*replica.Replica, *exporter.Store, string) {
	t.Helper()
	profiletest.NeedBrowser(t)
	r, err := replica.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	home := t.TempDir()
	r.Faults().Hold(true)
	st, _, err := profiles.Login(context.Background(), home, douyin.New(), exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond}, approver{r})
	r.Faults().Hold(false)
	if err != nil {
		t.Fatal(err)
	}
	return r, st, home
}

// TestFailedHistoryPagesAreAskedAgain: a third of the chat's requests
// fail (5xx). The page asks for older messages only as its list scrolls,
// so a page that failed with the list at its top is asked for again by
// moving the list; the conversations are captured whole, every message on
// a screenshot, without a gap, and no conversation is walked again from
// its newest message. farewell once did that after each failure (the
// test fails so when the walk does not ask again), and a long history
// under such failures almost never reached its beginning.
func TestFailedHistoryPagesAreAskedAgain(t *testing.T) {
	r, st, _ := loggedIn(t, replica.Config{Seed: 21, Works: 1, Conversations: 4, Faults: faults.List{ServerError: 0.3}})
	ctx := context.Background()
	pauses := &pauseLog{Progress: exporter.NewTextProgress(io.Discard, exporter.TextOptions{})}
	cfg := exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond,
		Backoff: exporter.Backoff{Initial: 20 * time.Millisecond, Max: 100 * time.Millisecond, Attempts: 14}, Progress: pauses}
	if _, err := profiles.Capture(ctx, douyin.New(), st, cfg, []exporter.Collection{"messages"}); err != nil {
		t.Fatal(err)
	}
	asks := 0
	for _, why := range pauses.Reasons() {
		switch why.Code {
		case i18n.WhyOlderMessages:
			asks++
		case i18n.WhyConversation:
			t.Errorf("a conversation was opened again from its newest message: %s", i18n.English(why))
		}
	}
	t.Logf("older pages asked for again %d times", asks)
	if err := douyin.New().Records(ctx, st); err != nil {
		t.Fatal(err)
	}
	if n := r.Faults().Injected()["5xx"]; n < 3 {
		t.Fatalf("%d requests failed: the faults were not met", n)
	}
	_, rep := profiletest.PackVerify(ctx, t, st.Dir)
	truth := r.Truth().Collections["messages"]
	found := false
	for _, c := range rep.Collections {
		if c.Name != "messages" {
			continue
		}
		found = true
		if !c.Complete || len(c.Gaps) > 0 || c.Captured != int64(len(truth.Items)) {
			t.Errorf("messages: complete %v, %d captured of %d, gaps %+v", c.Complete, c.Captured, len(truth.Items), c.Gaps)
		}
	}
	if !found {
		t.Fatalf("the report has no messages: %+v", rep.Collections)
	}
	if len(rep.Integrity.Problems) > 0 {
		t.Errorf("the screenshots do not hold every message: %v", rep.Integrity.Problems)
	}
}

// statusLog is a login UI that approves with the replica's phone and
// keeps what the login said.
type statusLog struct {
	approver
	said *[]string
}

func (s statusLog) Status(m i18n.Msg) { *s.said = append(*s.said, i18n.English(m)) }

// TestLoginReloadsAPageWithoutQR: the login's QR code answer fails (a
// 502), so the page shows no code and does not ask again; the login
// loads the page again, as a person would, and logs in.
func TestLoginReloadsAPageWithoutQR(t *testing.T) {
	profiletest.NeedBrowser(t)
	r, err := replica.Start(context.Background(), replica.Config{Seed: 17, Works: 2, Conversations: 1, Faults: faults.List{QRFail: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	var said []string
	_, acc, err := profiles.Login(context.Background(), t.TempDir(), douyin.New(), exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond},
		statusLog{approver{r}, &said})
	if err != nil {
		t.Fatalf("login after a failed QR code answer: %v (said %q)", err, said)
	}
	if acc.ID == "" || r.Faults().Injected()["qr-fail"] != 1 {
		t.Fatalf("account %+v, QR answers failed %d: want a login after one failure", acc, r.Faults().Injected()["qr-fail"])
	}
	if !slices.ContainsFunc(said, func(s string) bool { return strings.Contains(s, "loading it again") }) {
		t.Errorf("the login did not load the page again: %q", said)
	}
}

// TestCaptchaHeadless asks far faster than the site allows and ignores
// its 429s: the site puts up its verification page. Headless, the run
// stops with ErrCaptcha and says how to go on; once a person has solved
// it, a polite run completes. The limit is one request in a hundred
// seconds after the first two, so that the third request is refused
// however slow the machine, and each quick retry after it too; the
// polite run is given a limit it can keep in seconds.
func TestCaptchaHeadless(t *testing.T) {
	r, st, _ := loggedIn(t, replica.Config{Seed: 11, Works: 14, Conversations: 1, Rate: 0.01, Burst: 2, CaptchaAfter: 3})
	ctx := context.Background()
	rude := exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond,
		Backoff: exporter.Backoff{Initial: time.Millisecond, Max: time.Millisecond, Attempts: 30}}
	_, err := profiles.Capture(ctx, douyin.New(), st, rude, []exporter.Collection{"posts"})
	if !errors.Is(err, exporter.ErrCaptcha) {
		t.Fatalf("the rude run ended with %v, want ErrCaptcha", err)
	}
	if !r.CaptchaOpen() {
		t.Fatal("the replica shows no captcha")
	}
	for _, want := range []string{"验证码中间页", "--visible"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error %q does not say %q", err, want)
		}
	}
	r.SolveCaptcha() // the person, in a window
	r.Limit(5, 4)
	polite := exporter.SessionConfig{Network: r.Network(), Interval: r.Interval(),
		Backoff: exporter.Backoff{Initial: time.Second, Max: 2 * time.Second, Attempts: 8}}
	if _, err := profiles.Capture(ctx, douyin.New(), st, polite, []exporter.Collection{"posts"}); err != nil {
		t.Fatalf("the polite run after the captcha: %v", err)
	}
	if err := douyin.New().Records(ctx, st); err != nil {
		t.Fatal(err)
	}
	if got := len(profiletest.Records[record.Post](t, st, "posts")); got != 14 {
		t.Fatalf("%d works after the captcha, want 14", got)
	}
}

// TestExpiredVideoLinksAreRefetched makes every video link of the lists
// dead on arrival: each video must still be downloaded, through a fresh
// link from aweme/detail, fetched from inside the page.
func TestExpiredVideoLinksAreRefetched(t *testing.T) {
	r, st, _ := loggedIn(t, replica.Config{Seed: 13, Works: 16, Conversations: 1, ExpireMedia: true})
	ctx := context.Background()
	cfg := exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond, MediaRetryDelay: 50 * time.Millisecond,
		Backoff: quickBackoff()}
	if _, err := profiles.Capture(ctx, douyin.New(), st, cfg, []exporter.Collection{"posts"}); err != nil {
		t.Fatal(err)
	}
	if err := douyin.New().Records(ctx, st); err != nil {
		t.Fatal(err)
	}
	truth := r.Truth()
	profiletest.CheckVideos(t, profiletest.Records[record.Post](t, st, "posts"), func(u string) string { return truth.Media[r.MediaKey(u)] })
}

// TestMoneyLeftIsNotSafe: a wallet with a balance is captured with its
// screenshot, and the bundle's readiness check says the money would be
// lost.
func TestMoneyLeftIsNotSafe(t *testing.T) {
	r, st, _ := loggedIn(t, replica.Config{Seed: 14, Works: 6, Conversations: 1, Wallet: replica.Wallet{Diamond: 120, MoneyCents: 350}})
	ctx := context.Background()
	cfg := exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond, Backoff: quickBackoff()}
	if _, err := profiles.Capture(ctx, douyin.New(), st, cfg, []exporter.Collection{"wallet"}); err != nil {
		t.Fatal(err)
	}
	if err := douyin.New().Records(ctx, st); err != nil {
		t.Fatal(err)
	}
	w := profiletest.Records[record.Wallet](t, st, "wallet")
	if len(w) != 1 || w[0].Coins == nil || *w[0].Coins != 120 || w[0].MoneyCents == nil || *w[0].MoneyCents != 350 || len(w[0].Screens) != 1 {
		t.Fatalf("wallet records %+v", w)
	}
	if _, err := os.Stat(st.Path(w[0].Screens[0])); err != nil {
		t.Fatal(err)
	}
	_, rep := profiletest.PackVerify(ctx, t, st.Dir)
	found := false
	for _, reason := range rep.Reasons {
		found = found || strings.Contains(reason, "wallet: the account still holds 120 抖币 and 3.50 yuan")
	}
	if rep.Verdict != "not_safe" || !found {
		t.Fatalf("verdict %s, reasons %q", rep.Verdict, rep.Reasons)
	}
}

// TestNotLoggedIn: a store whose browser holds no session, and one whose
// session the site has forgotten, both end with ErrNotLoggedIn before
// anything is captured.
func TestNotLoggedIn(t *testing.T) {
	r, st, _ := loggedIn(t, replica.Config{Seed: 15, Works: 6, Conversations: 1})
	ctx := context.Background()
	r.EndSessions()
	cfg := exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond, Backoff: quickBackoff()}
	_, err := profiles.Capture(ctx, douyin.New(), st, cfg, nil)
	if !errors.Is(err, exporter.ErrNotLoggedIn) {
		t.Fatalf("a forgotten session: %v, want ErrNotLoggedIn", err)
	}
	if err := os.Remove(st.Path(exporter.CookiesFile)); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(st.Path(exporter.ProfileDir)); err != nil {
		t.Fatal(err)
	}
	_, err = profiles.Capture(ctx, douyin.New(), st, cfg, nil)
	if !errors.Is(err, exporter.ErrNotLoggedIn) || !strings.Contains(err.Error(), "no douyin.com session") {
		t.Fatalf("no session at all: %v", err)
	}
}

// TestWorksGridIsVirtualised: the replica's works grid keeps only the
// rows near the view in the page, as the site's lists do (§D4): wheeled
// to the end of 60 works, the page holds fewer cards than it loaded, and
// wheeled back to the top, the first work's card is there again.
func TestWorksGridIsVirtualised(t *testing.T) {
	r, st, _ := loggedIn(t, replica.Config{Seed: 16, Works: 60, Conversations: 1})
	ctx := context.Background()
	s, err := exporter.OpenSession(ctx, st, exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close("test")
	if _, err := s.Browser.Navigate(ctx, "https://www.douyin.com/user/self?showTab=post"); err != nil {
		t.Fatal(err)
	}
	type state struct {
		Cards  int     `json:"cards"`
		Ended  bool    `json:"ended"`
		Top    float64 `json:"top"`
		X      float64 `json:"x"`
		Y      float64 `json:"y"`
		First  string  `json:"first"`
		Loaded bool    `json:"loaded"`
	}
	const read = `(() => {
	  const box = document.querySelector('[data-e2e=scroll-list]');
	  if (!box) return {loaded: false};
	  const cards = box.querySelectorAll('[data-e2e=user-post-item]'), r = box.getBoundingClientRect();
	  const a = cards.length ? cards[0].querySelector('a') : null;
	  return {loaded: true, cards: cards.length, ended: !!box.querySelector('[data-e2e=list-end]'), top: box.scrollTop,
	    x: r.left + r.width / 2, y: r.top + Math.min(r.height, innerHeight - r.top) / 2, first: a ? a.getAttribute('href') : ''};
	})()`
	look := func() state {
		st, err := exporter.Eval[state](ctx, s.Browser, read, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	// wheel turns the wheel over the grid until the page is in the state
	// until wants; now and then it turns back a little, as a person does
	// when a list waits at its end (a scroll event asks for the next page).
	wheel := func(until func(state) bool, dy float64) state {
		for i := range 400 {
			if now := look(); now.Loaded && until(now) {
				return now
			} else if now.Loaded {
				d := dy
				if i%4 == 3 {
					d = -dy / 2
				}
				if err := s.Browser.WheelAt(ctx, now.X, now.Y, d); err != nil {
					t.Fatal(err)
				}
			}
			if err := exporter.Sleep(ctx, 60*time.Millisecond); err != nil {
				t.Fatal(err)
			}
		}
		t.Fatalf("the grid never got there: %+v", look())
		return state{}
	}
	first := wheel(func(st state) bool { return st.Cards > 0 }, 0).First
	end := wheel(func(st state) bool { return st.Ended }, 600)
	if end.Cards >= 60 || end.First == first {
		t.Fatalf("at the end of 60 works the page holds %d cards, the first %s: the grid is not virtualised", end.Cards, end.First)
	}
	back := wheel(func(st state) bool { return st.Top == 0 }, -600)
	if back.First != first {
		t.Fatalf("back at the top the first card is %s, want %s", back.First, first)
	}
}

// pauseLog is a progress that keeps why the run paused.
type pauseLog struct {
	exporter.Progress
	mu      sync.Mutex
	reasons []i18n.Msg
}

func (p *pauseLog) Countdown(ctx context.Context, why i18n.Msg, d time.Duration) error {
	p.mu.Lock()
	p.reasons = append(p.reasons, why)
	p.mu.Unlock()
	return p.Progress.Countdown(ctx, why, d)
}

// Reasons returns why the run paused, in order.
func (p *pauseLog) Reasons() []i18n.Msg {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.reasons)
}
