package douyin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/profiles"
)

// qrImage finds the login modal's QR picture and returns its address
// ("" while none is shown).
const qrImage = `(() => {
  const img = document.querySelector('#animate_qrcode_container img, [class*=qrcode-wrapper] img, img[class*=qrcode]');
  if (!img || !img.complete || img.naturalWidth === 0 || !img.src.startsWith('data:')) return '';
  img.setAttribute('data-farewell-qr', '1');
  return img.src;
})()`

// loginTip is the modal's text, where it says scanned or expired.
const loginTip = `(() => { const m = document.querySelector('#login-panel-new, [id*=login-panel], [class*=login-modal]'); return m ? m.innerText : ''; })()`

// loginOpener finds what opens the login modal: its data-e2e hook, else
// the element whose own text is 登录 (the 2026 page's is a p), and
// returns the centre of its box ([] when there is none).
const loginOpener = `(() => {
  let e = document.querySelector('[data-e2e=login-button]');
  if (!e) {
    for (const c of document.querySelectorAll('button, p, span, div, a')) {
      if (c.childElementCount === 0 && c.textContent.trim() === '登录' && c.getClientRects().length) { e = c; break; }
    }
  }
  if (!e) return [];
  const r = e.getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
})()`

// Login opens www.douyin.com, whose login modal shows sso.douyin.com's QR
// code, hands the code to ui, and waits until the person has scanned and
// confirmed it: the page then follows the SSO callback, which leaves the
// HttpOnly sessionid cookie, read through the DevTools protocol. Expired
// codes are refreshed, three times at most.
func (p *Profile) Login(ctx context.Context, s *exporter.Session, ui profiles.LoginUI) (exporter.Account, error) {
	s.SetClassifier(classify)
	// The code's address comes from the modal's own get_qrcode answer,
	// kept in memory only.
	w, err := s.Browser.Watch(nil, func(r exporter.PageRequest) (exporter.Keep, bool) {
		return exporter.Keep{Collection: "login", Kind: "douyin.qrcode"}, strings.HasPrefix(r.URL, "https://sso.douyin.com/get_qrcode/")
	})
	if err != nil {
		return exporter.Account{}, err
	}
	defer w.Stop()
	loc, err := s.Navigate(ctx, home)
	if err != nil {
		return exporter.Account{}, err
	}
	if err := checkLanded(ctx, s, s.Browser, loc); err != nil {
		return exporter.Account{}, err
	}
	shown, refreshed, said := "", 0, ""
	clicked := false
	start := time.Now()
	deadline := start.Add(60 * time.Second) // for the first code to appear
	reloads := 0
	for time.Now().Before(deadline) {
		if shown == "" && time.Since(start) > qrPatience && reloads < 4 {
			// No code yet: its get_qrcode answer failed (a 5xx, a cut
			// connection) and the modal does not ask again. A person
			// loads the page again.
			reloads++
			ui.Status(i18n.Msg{Code: i18n.LoginNoQR})
			if _, err := s.Navigate(ctx, home); err != nil {
				return exporter.Account{}, err
			}
			start, clicked = time.Now(), false
		}
		if ok, err := hasSession(ctx, s); err != nil {
			return exporter.Account{}, err
		} else if ok {
			// The cookie comes with the SSO callback, while the page
			// is still on its way to where the callback sends it: a
			// request from the page now would be cut off when it
			// lands (and asked twice). Load the home page and ask
			// from there.
			if _, err := s.Navigate(ctx, home); err != nil {
				return exporter.Account{}, err
			}
			return p.Account(ctx, s)
		}
		src, err := exporter.Eval[string](ctx, s.Browser, qrImage, 10*time.Second)
		if err != nil {
			return exporter.Account{}, fmt.Errorf("douyin login page: %w", err)
		}
		switch {
		case src != "" && src != shown:
			scan := latestQR(w.Saved())
			if scan == "" {
				break // the answer is still being read
			}
			png, err := s.Browser.ElementPNG(ctx, `[data-farewell-qr]`)
			if err != nil {
				return exporter.Account{}, err
			}
			shown = src
			ui.QR(png, scan)
			deadline = time.Now().Add(3 * time.Minute)
		case src == "" && !clicked && time.Since(start) > 3*time.Second:
			// The modal did not open by itself: open it as a person
			// does, with a click on 登录.
			clicked = true
			at, err := exporter.Eval[[]float64](ctx, s.Browser, loginOpener, 5*time.Second)
			if err != nil {
				return exporter.Account{}, err
			}
			if len(at) == 2 {
				if err := s.Browser.ClickAt(ctx, at[0], at[1]); err != nil {
					return exporter.Account{}, err
				}
			}
		}
		tip, _ := exporter.Eval[string](ctx, s.Browser, loginTip, 5*time.Second)
		switch {
		case strings.Contains(tip, "扫码成功") && said != shown:
			said = shown
			ui.Status(i18n.Msg{Code: i18n.LoginScanned})
		case strings.Contains(tip, "失效"):
			if refreshed == 3 {
				return exporter.Account{}, i18n.Fail(nil, i18n.FailQRTimeout, nil)
			}
			refreshed++
			ui.Status(i18n.Msg{Code: i18n.LoginQRExpired})
			if _, err := exporter.Eval[bool](ctx, s.Browser, `(() => { const r = document.querySelector('[class*=qrcode-wrapper__refresh], [class*=refresh]'); if (r) r.click(); return !!r; })()`, 5*time.Second); err != nil {
				return exporter.Account{}, err
			}
		}
		if err := exporter.Sleep(ctx, time.Second); err != nil {
			return exporter.Account{}, err
		}
	}
	return exporter.Account{}, i18n.Fail(nil, i18n.FailQRTimeout, nil)
}

// qrPatience is how long the login page may take to show its QR code
// before it is loaded again.
const qrPatience = 12 * time.Second

// latestQR returns what the newest login QR code encodes.
func latestQR(saved []exporter.RawFile) string {
	for i := len(saved) - 1; i >= 0; i-- {
		var v struct {
			Data struct {
				IndexURL string `json:"qrcode_index_url"`
			} `json:"data"`
		}
		if json.Unmarshal(saved[i].Body, &v) == nil && v.Data.IndexURL != "" {
			return v.Data.IndexURL
		}
	}
	return ""
}

// hasSession reports whether the browser holds douyin.com's sessionid,
// an HttpOnly cookie the page's scripts cannot see.
func hasSession(ctx context.Context, s *exporter.Session) (bool, error) {
	cookies, err := s.Browser.Cookies(ctx)
	if err != nil {
		return false, err
	}
	for _, c := range cookies {
		if c.Name == "sessionid" && c.Value != "" && strings.HasSuffix(c.Domain, "douyin.com") {
			return true, nil
		}
	}
	return false, nil
}

// landed checks where a page load of a tab ended: on douyin.com (not
// on a login page of another host), and not on the verification page.
func landed(ctx context.Context, t *exporter.Tab, loc string) error {
	return checkLanded(ctx, t.S, t.B, loc)
}

// checkLanded is landed for a tab b of session s.
func checkLanded(ctx context.Context, s *exporter.Session, b *exporter.Browser, loc string) error {
	u, err := url.Parse(loc)
	if err != nil || (u.Host != "www.douyin.com" && u.Host != "douyin.com") {
		return fmt.Errorf("www.douyin.com sent the browser to %s", exporter.RedactURL(loc))
	}
	title, err := exporter.Eval[string](ctx, b, `document.title`, 10*time.Second)
	if err != nil {
		return err
	}
	if strings.Contains(title, "验证码") {
		return verification(ctx, s, b)
	}
	return nil
}

// blockedJS tells what stops the page: the verification page or its
// in-page overlay (captcha), a login wall or modal (out), or nothing.
const blockedJS = `(() => {
  if (document.title.includes('验证码') || document.querySelector('#captcha_container, #captcha-verify-image, iframe[src*=captcha]')) return 'captcha';
  if (document.querySelector('[data-e2e=login-wall], #login-panel-new, #login-panel')) return 'out';
  return '';
})()`

// blocked says whether the site stopped a tab's page: its verification
// (ErrCaptcha) or a login wall (ErrNotLoggedIn).
func blocked(ctx context.Context, t *exporter.Tab) error {
	state, err := exporter.Eval[string](ctx, t.B, blockedJS, 10*time.Second)
	switch {
	case err != nil:
		return err
	case state == "captcha":
		return fmt.Errorf("the site shows its verification (验证码): %w", exporter.ErrCaptcha)
	case state == "out":
		return fmt.Errorf("the page asks to log in: %w", exporter.ErrNotLoggedIn)
	}
	return nil
}

// challenge meets the site's verification in a tab.
func challenge(ctx context.Context, t *exporter.Tab) error { return verification(ctx, t.S, t.B) }

// verification handles the site's verification page (验证码中间页) in tab
// b. In a window the person solves it and the step runs again
// (ErrAgain); headless nobody can, so the run stops and says what to do.
func verification(ctx context.Context, s *exporter.Session, b *exporter.Browser) error {
	if !s.Visible() {
		return i18n.Fail(exporter.ErrChallenge, i18n.FailVerifyDouyin, nil)
	}
	s.Progress.Note(i18n.Msg{Code: i18n.NoteVerifyDouyin})
	deadline := time.Now().Add(15 * time.Minute)
	for time.Now().Before(deadline) {
		if err := exporter.Sleep(ctx, 2*time.Second); err != nil {
			return err
		}
		state, err := exporter.Eval[string](ctx, b, blockedJS, 10*time.Second)
		if err == nil && state != "captcha" {
			s.Progress.Note(i18n.Msg{Code: i18n.NoteVerified})
			return exporter.ErrAgain
		}
	}
	return i18n.Fail(exporter.ErrChallenge, i18n.FailVerifyTimedOut, nil)
}

// Account checks the session: the sessionid cookie first, then the
// page's own profile/self, fetched from inside www.douyin.com so that the
// page signs it. status_code 2483 or "用户未登录" mean logged out.
func (p *Profile) Account(ctx context.Context, s *exporter.Session) (exporter.Account, error) {
	s.SetClassifier(classify)
	ok, err := hasSession(ctx, s)
	if err != nil {
		return exporter.Account{}, err
	}
	if !ok {
		return exporter.Account{}, fmt.Errorf("the browser holds no douyin.com session: %w", exporter.ErrNotLoggedIn)
	}
	if err := onSite(ctx, s); err != nil {
		return exporter.Account{}, err
	}
	self := exporter.Fetch{Request: exporter.Request{URL: "/aweme/v1/web/user/profile/self/?" + common}}
	resp, _, err := s.Fetch(ctx, self)
	if errors.Is(err, exporter.ErrCaptcha) {
		// The site wants a verification: its page shows it.
		if _, err := s.Navigate(ctx, home); err != nil {
			return exporter.Account{}, err
		}
		if err := verification(ctx, s, s.Browser); !errors.Is(err, exporter.ErrAgain) {
			return exporter.Account{}, err
		}
		resp, _, err = s.Fetch(ctx, self)
	}
	if err != nil {
		return exporter.Account{}, err
	}
	u, err := dy.DecodeProfile(resp.Body)
	if err != nil {
		return exporter.Account{}, err
	}
	return exporter.Account{ID: string(u.UID), Name: u.Nickname}, nil
}

// onSite makes sure the tab shows a www.douyin.com page, whose script
// signs in-page requests.
func onSite(ctx context.Context, s *exporter.Session) error {
	loc, err := s.Browser.Location(ctx)
	if err == nil {
		if u, err := url.Parse(loc); err == nil && u.Host == "www.douyin.com" && !strings.HasPrefix(u.Path, "/captcha") {
			return nil
		}
	}
	loc, err = s.Navigate(ctx, home)
	if err != nil {
		return err
	}
	return checkLanded(ctx, s, s.Browser, loc)
}
