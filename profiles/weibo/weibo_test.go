package weibo_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles"
	"github.com/farewell-app/farewell/profiles/faults"
	"github.com/farewell-app/farewell/profiles/internal/replicakit"
	"github.com/farewell-app/farewell/profiles/profiletest"
	"github.com/farewell-app/farewell/profiles/weibo"
	"github.com/farewell-app/farewell/profiles/weibo/replica"
)

// TestConformance runs the shared suite: the Weibo profile against the
// weibo.com replica in headless Chromium.
func TestConformance(t *testing.T) {
	profiletest.Run(t, weibo.New(), func(t *testing.T) profiletest.Site {
		r, err := replica.Start(context.Background(), replica.Config{Seed: 3, Posts: 40, Rate: 40})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}, profiletest.Options{InterruptAfter: 20})
}

// TestConformanceDrift runs the suite against the replica as a deploy
// changed it (replicakit.Drift), showing every variant at once: a new
// random seed every run, logged. One straight backup: TestConformance
// proves the interrupted run's resume.
func TestConformanceDrift(t *testing.T) {
	seed := profiletest.DriftSeed(t)
	profiletest.Run(t, weibo.New(), func(t *testing.T) profiletest.Site {
		r, err := replica.Start(context.Background(), replica.Config{Seed: seed, Posts: 40, Rate: 40, Drift: seed, Variants: replica.VariantNames()})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}, profiletest.Options{Straight: true})
}

// TestExpiredSession: cookies the site no longer honours end the run with
// ErrNotLoggedIn, whatever the page does (weibo.com redirects to the
// visitor system, the API answers ok:-100).
func TestExpiredSession(t *testing.T) {
	profiletest.NeedBrowser(t)
	ctx := context.Background()
	home := t.TempDir()
	first, err := replica.Start(context.Background(), replica.Config{Seed: 5, Posts: 10})
	if err != nil {
		t.Fatal(err)
	}
	st, _, err := profiles.Login(ctx, home, weibo.New(), exporter.SessionConfig{Network: first.Network(), Interval: time.Millisecond}, approver{first})
	first.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The same account, but a site that has forgotten the session.
	second, err := replica.Start(context.Background(), replica.Config{Seed: 5, Posts: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	_, err = profiles.Capture(ctx, weibo.New(), st, exporter.SessionConfig{Network: second.Network(), Interval: time.Millisecond}, nil)
	if !errors.Is(err, exporter.ErrNotLoggedIn) {
		t.Fatalf("capture with a dead session: %v, want ErrNotLoggedIn", err)
	}
}

// TestSilentRenewal: weibo.com's session goes stale in the middle of the
// run while the sign-on of login.sina.com.cn holds (§W7). The API then
// answers ok:-100; the profile loads a weibo.com page, which renews the
// session through login.sina.com.cn, and the run goes on to the end
// instead of saying to log in again.
func TestSilentRenewal(t *testing.T) {
	r, st := loggedIn(t, replica.Config{Seed: 11, Posts: 20, Faults: faults.List{RenewAt: 8}})
	ctx := context.Background()
	cfg := exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond, MediaRetryDelay: 50 * time.Millisecond,
		Backoff: exporter.Backoff{Initial: 100 * time.Millisecond, Max: time.Second, Attempts: 4}}
	if _, err := profiles.Capture(ctx, weibo.New(), st, cfg, []exporter.Collection{"posts", "likes"}); err != nil {
		t.Fatalf("capture across a stale session: %v", err)
	}
	if r.Faults().Injected()["renew"] != 1 || r.Renewals() == 0 {
		t.Fatalf("stale %d time(s), renewed %d time(s): the test did not renew", r.Faults().Injected()["renew"], r.Renewals())
	}
	if err := weibo.New().Records(ctx, st); err != nil {
		t.Fatal(err)
	}
	if got := len(profiletest.Records[record.Post](t, st, "posts")); got != 20 {
		t.Errorf("%d posts, want 20", got)
	}
}

type approver struct{ r *replica.Replica }

func (a approver) QR(_ []byte, url string) { a.r.Approve(context.Background(), url) }
func (a approver) Status(i18n.Msg)         {}

// loggedIn starts a replica and logs in to it.
func loggedIn(t *testing.T, cfg replica.Config) (*replica.Replica, *exporter.Store) {
	t.Helper()
	profiletest.NeedBrowser(t)
	r, err := replica.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	st, _, err := profiles.Login(context.Background(), t.TempDir(), weibo.New(), exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond}, approver{r})
	if err != nil {
		t.Fatal(err)
	}
	return r, st
}

// TestThrottledCaptureCompletes paces the capture much faster than the
// replica allows: the site answers 418, the session waits and tries again,
// and the capture still finishes whole. The limit is two requests a
// second, which even a loaded machine exceeds.
func TestThrottledCaptureCompletes(t *testing.T) {
	r, st := loggedIn(t, replica.Config{Seed: 6, Posts: 24, Rate: 2, Burst: 2})
	waits := 0
	cfg := exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond,
		Backoff: exporter.Backoff{Initial: 200 * time.Millisecond, Max: time.Second, Attempts: 10}, Progress: countingProgress{&waits}}
	if _, err := profiles.Capture(context.Background(), weibo.New(), st, cfg, []exporter.Collection{"posts"}); err != nil {
		t.Fatal(err)
	}
	if r.Stats().Limited == 0 || waits == 0 {
		t.Fatalf("no 418 and no wait (limited %d, waits %d): the test did not throttle", r.Stats().Limited, waits)
	}
	if err := weibo.New().Records(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	if got := len(profiletest.Records[record.Post](t, st, "posts")); got != 24 {
		t.Fatalf("%d posts after throttling, want 24", got)
	}
}

// TestExpiredVideoLinksAreRefetched makes every video link of the
// timeline dead on arrival: each video must still be downloaded, through
// a fresh link from statuses/show.
func TestExpiredVideoLinksAreRefetched(t *testing.T) {
	r, st := loggedIn(t, replica.Config{Seed: 8, Posts: 40, ExpireMedia: true})
	cfg := exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond, MediaRetryDelay: 50 * time.Millisecond,
		Backoff: exporter.Backoff{Initial: time.Second, Max: 2 * time.Second, Attempts: 6}}
	if _, err := profiles.Capture(context.Background(), weibo.New(), st, cfg, []exporter.Collection{"posts"}); err != nil {
		t.Fatal(err)
	}
	if err := weibo.New().Records(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	truth := r.Truth()
	profiletest.CheckVideos(t, profiletest.Records[record.Post](t, st, "posts"), func(u string) string { return truth.Media[replicakit.MediaURLKey(u)] })
}

type countingProgress struct{ waits *int }

func (p countingProgress) Plan([]exporter.Collection)                  {}
func (p countingProgress) Media(exporter.MediaStats)                   {}
func (p countingProgress) Collection(exporter.Collection, *int64)      {}
func (p countingProgress) Captured(exporter.Collection, int)           {}
func (p countingProgress) Finish(exporter.Collection, int64, i18n.Msg) {}
func (p countingProgress) Note(i18n.Msg)                               {}
func (p countingProgress) Countdown(ctx context.Context, _ i18n.Msg, d time.Duration) error {
	*p.waits++
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// TestVerification: when weibo.com answers the API with its security
// verification, a run without a window stops with ErrCaptcha and says how
// to go on, instead of retrying for hours or saying to log in again; once
// the person has completed it, the next run continues and the backup is
// whole. The check comes as ok:0 with a url to security.weibo.com, or as
// ok:-100 with an m.weibo.cn captcha url (§W1), which is not a logout.
func TestVerification(t *testing.T) {
	for _, c := range []struct {
		name  string
		fault faults.List
		event string
	}{
		// The security page's form (ok:0 with a security.weibo.com url)
		// takes the same path once classified (TestClassify).
		{"ok -100 with a captcha url", faults.List{Captcha100At: 8}, "captcha100"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, st := loggedIn(t, replica.Config{Seed: 9, Posts: 15, Faults: c.fault})
			ctx := context.Background()
			cfg := exporter.SessionConfig{Network: r.Network(), Interval: time.Millisecond, MediaRetryDelay: 50 * time.Millisecond,
				Backoff: exporter.Backoff{Initial: 100 * time.Millisecond, Max: time.Second, Attempts: 4}}
			_, err := profiles.Capture(ctx, weibo.New(), st, cfg, nil)
			if !errors.Is(err, exporter.ErrCaptcha) || errors.Is(err, exporter.ErrNotLoggedIn) {
				t.Fatalf("capture under a verification: %v, want ErrCaptcha alone", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "farewell backup weibo --visible") || !strings.Contains(msg, "continues where it stopped") {
				t.Errorf("the error does not say how to go on: %s", msg)
			}
			if n := r.Faults().Injected()[c.event]; n != 1 {
				t.Fatalf("the replica asked for %d verification(s), want 1", n)
			}
			r.SolveCaptcha() // the person completes it in a window
			if _, err := profiles.Capture(ctx, weibo.New(), st, cfg, nil); err != nil {
				t.Fatalf("the run after the verification: %v", err)
			}
			if err := weibo.New().Records(ctx, st); err != nil {
				t.Fatal(err)
			}
			if got := len(profiletest.Records[record.Post](t, st, "posts")); got != 15 {
				t.Errorf("%d posts, want 15", got)
			}
			profiletest.CheckSafe(ctx, t, st.Dir)
		})
	}
}
