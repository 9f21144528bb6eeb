package weibo

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	wb "github.com/farewell-app/farewell/parsers/weibo"
	"github.com/farewell-app/farewell/profiles"
)

// qrFind marks the login page's QR image (the image whose address is the
// QR generator's) and returns its address, or "" while it is not shown.
const qrFind = `(() => {
  const img = Array.from(document.images).find(i => /qr/i.test(i.src) && i.complete && i.naturalWidth > 0);
  if (!img) return '';
  img.setAttribute('data-farewell-qr', '1');
  return img.src;
})()`

// loginTimeout is how long one QR code is waited on before a new one is
// asked for (passport's codes expire after about three minutes).
const loginTimeout = 170 * time.Second

// Login opens passport.weibo.com's QR sign-in page, hands the code to ui,
// and waits until the person has scanned and confirmed it on their phone:
// the page then goes through passport's cross-domain chain to weibo.com,
// which leaves the SUB cookie. Expired codes are replaced, three times at
// most.
func (p *Profile) Login(ctx context.Context, s *exporter.Session, ui profiles.LoginUI) (exporter.Account, error) {
	for round := 0; round < 4; round++ {
		if _, err := s.Navigate(ctx, loginURL); err != nil {
			return exporter.Account{}, err
		}
		var src string
		deadline := time.Now().Add(30 * time.Second)
		for src == "" {
			var err error
			src, err = exporter.Eval[string](ctx, s.Browser, qrFind, 10*time.Second)
			if err != nil {
				return exporter.Account{}, fmt.Errorf("weibo login page: %w", err)
			}
			if src == "" {
				if time.Now().After(deadline) {
					return exporter.Account{}, i18n.Fail(nil, i18n.FailNoQR, nil)
				}
				if err := exporter.Sleep(ctx, 300*time.Millisecond); err != nil {
					return exporter.Account{}, err
				}
			}
		}
		scan := src
		if u, err := url.Parse(src); err == nil && u.Query().Get("data") != "" {
			scan = u.Query().Get("data")
		}
		png, err := s.Browser.ElementPNG(ctx, `[data-farewell-qr]`)
		if err != nil {
			return exporter.Account{}, err
		}
		ui.QR(png, scan)
		ok, err := p.waitLoggedIn(ctx, s, ui)
		if err != nil {
			return exporter.Account{}, err
		}
		if ok {
			return p.Account(ctx, s)
		}
		ui.Status(i18n.Msg{Code: i18n.LoginQRExpired})
	}
	return exporter.Account{}, i18n.Fail(nil, i18n.FailQRTimeout, nil)
}

// waitLoggedIn polls until the tab is on weibo.com with a SUB cookie
// (true), the code expires (false), or ctx ends.
func (p *Profile) waitLoggedIn(ctx context.Context, s *exporter.Session, ui profiles.LoginUI) (bool, error) {
	deadline := time.Now().Add(loginTimeout)
	said := ""
	for time.Now().Before(deadline) {
		if err := exporter.Sleep(ctx, time.Second); err != nil {
			return false, err
		}
		loc, err := s.Browser.Location(ctx)
		if err != nil {
			return false, err
		}
		u, _ := url.Parse(loc)
		if u != nil && (u.Host == "weibo.com" || u.Host == "www.weibo.com") {
			cookies, err := s.Browser.Cookies(ctx)
			if err != nil {
				return false, err
			}
			for _, c := range cookies {
				// A visitor's SUB (the visitor system's, "_2AkM…", §W7;
				// the pattern is inferred from samples) is no login.
				if c.Name == "SUB" && strings.HasSuffix(c.Domain, "weibo.com") && !strings.HasPrefix(c.Value, "_2AkM") {
					return true, nil
				}
			}
		}
		tip, _ := exporter.Eval[string](ctx, s.Browser, `document.body ? document.body.innerText : ''`, 5*time.Second)
		switch {
		case strings.Contains(tip, "扫描成功") && said != "scanned":
			said = "scanned"
			ui.Status(i18n.Msg{Code: i18n.LoginScanned})
		case strings.Contains(tip, "过期"):
			return false, nil
		}
	}
	return false, nil
}

// Account opens weibo.com and asks /ajax/config/get_config whose session
// it is. Without a session weibo.com sends the browser to the visitor
// system or to passport, and the ajax API answers ok:-100.
func (p *Profile) Account(ctx context.Context, s *exporter.Session) (exporter.Account, error) {
	s.SetClassifier(classify)
	loc, err := s.Navigate(ctx, home)
	if err != nil {
		return exporter.Account{}, err
	}
	if u, err := url.Parse(loc); err != nil || (u.Host != "weibo.com" && u.Host != "www.weibo.com") {
		return exporter.Account{}, fmt.Errorf("weibo.com sent the browser to %s: %w", loc, exporter.ErrNotLoggedIn)
	}
	resp, _, err := s.Fetch(ctx, exporter.Fetch{Request: ajax("/ajax/config/get_config")})
	if err != nil {
		return exporter.Account{}, err
	}
	cfg, err := wb.DecodeConfig(resp.Body)
	if err != nil {
		return exporter.Account{}, err
	}
	uid := string(cfg.UID)
	if uid == "" {
		uid = resp.Headers["x-log-uid"]
	}
	if uid == "" {
		return exporter.Account{}, fmt.Errorf("weibo: get_config names no account: %w", exporter.ErrNotLoggedIn)
	}
	acc := exporter.Account{ID: uid}
	if resp, _, err := s.Fetch(ctx, exporter.Fetch{Request: ajax("/ajax/profile/info?uid=" + uid)}); err == nil {
		if u, err := wb.DecodeProfileInfo(resp.Body); err == nil {
			acc.Name = u.ScreenName
		}
	}
	return acc, nil
}

// loggedOut reports whether a page's address is Weibo's login or visitor
// system: the session is gone.
func loggedOut(loc string) bool {
	u, err := url.Parse(loc)
	return err != nil || strings.Contains(u.Host, "passport") || u.Host == "login.sina.com.cn" || strings.HasPrefix(u.Path, "/visitor")
}

// landed checks where a page load ended: on Weibo, not at its login or
// visitor system, and not on its security verification.
func landed(ctx context.Context, t *exporter.Tab, loc string) error {
	if loggedOut(loc) {
		return fmt.Errorf("weibo.com sent the browser to %s: %w", exporter.RedactURL(loc), exporter.ErrNotLoggedIn)
	}
	if wb.IsVerification(loc) {
		return challenge(ctx, t)
	}
	return nil
}

// blocked says whether the site stopped a tab's page: at its login or
// visitor system (ErrNotLoggedIn), or on its security verification
// (ErrCaptcha).
func blocked(ctx context.Context, t *exporter.Tab) error {
	loc, err := t.Location(ctx)
	switch {
	case err != nil:
		return err
	case loggedOut(loc):
		return fmt.Errorf("the page went to %s: %w", exporter.RedactURL(loc), exporter.ErrNotLoggedIn)
	case wb.IsVerification(loc):
		return fmt.Errorf("the page shows the security verification: %w", exporter.ErrCaptcha)
	}
	return nil
}

// challenge meets the security verification the page shows: headless
// the run stops and says what to do; in a window the person completes it
// and the step runs again.
func challenge(ctx context.Context, t *exporter.Tab) error {
	if !t.S.Visible() {
		return i18n.Fail(exporter.ErrChallenge, i18n.FailVerifyWeibo, nil)
	}
	t.S.Progress.Note(i18n.Msg{Code: i18n.NoteVerifyWeibo})
	deadline := time.Now().Add(15 * time.Minute)
	for time.Now().Before(deadline) {
		if err := exporter.Sleep(ctx, 2*time.Second); err != nil {
			return err
		}
		if loc, err := t.Location(ctx); err == nil && !wb.IsVerification(loc) {
			t.S.Progress.Note(i18n.Msg{Code: i18n.NoteVerified})
			return exporter.ErrAgain
		}
	}
	return i18n.Fail(exporter.ErrChallenge, i18n.FailVerifyTimedOut, nil)
}
