package exporter

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// Network are settings that let the browser and the media downloader
// reach a site somewhere other than where DNS says, for instance the
// built-in replica. Real runs leave them empty.
type Network struct {
	// HostRules is Chromium's --host-resolver-rules.
	HostRules string
	// TrustSPKI lists base64 sha256 public-key hashes the browser accepts
	// in place of a trusted certificate (--ignore-certificate-errors-spki-list).
	TrustSPKI []string
	// Dial and RootCAs do the same for Go's HTTP client (media downloads).
	Dial    func(ctx context.Context, network, addr string) (net.Conn, error)
	RootCAs *x509.CertPool
}

// BrowserConfig says how to start Chromium.
type BrowserConfig struct {
	ExecPath   string // "" looks for one (see FindBrowser)
	ProfileDir string // the browser profile, inside the store
	Visible    bool   // a window instead of headless
	Network    Network
	// Log receives Chromium's own output; nil discards it.
	Log           io.Writer
	Width, Height int
	// TimeZone is the IANA zone the pages live in ("Asia/Shanghai"; ""
	// keeps the computer's). A capture runs in the site's own zone, so
	// that the times a page draws, and so its screenshots, agree with
	// the times of the site's answers wherever the computer is.
	TimeZone string
}

// BrowserTempNote is the file inside the browser profile that names the
// folder Chromium got as its TMPDIR, so that the next start can remove
// what a killed browser left there.
const BrowserTempNote = "farewell-tmp"

// browserTempPrefix starts the name of every such folder; only folders
// with this name, directly in the system's temporary folder, are removed.
const browserTempPrefix = "farewell-chromium-"

// Browser is a running Chromium with one tab.
type Browser struct {
	allocCancel context.CancelFunc
	tab         context.Context
	tabCancel   context.CancelFunc
	closed      bool
	// width and height are the window's, which new tabs get too.
	width, height int64
	code          *pageCode
	net           *netLog
	// tmpDir is Chromium's TMPDIR, removed when the browser closes.
	tmpDir string
	// zone is BrowserConfig.TimeZone, which new tabs get too.
	zone string
}

// StartBrowser starts Chromium. The browser is bound to a context that
// ctx's cancellation does not reach: Ctrl-C must stop the work, not kill
// the browser before it has written its profile; [Browser.Close] shuts it
// down gracefully.
func StartBrowser(ctx context.Context, cfg BrowserConfig) (*Browser, error) {
	if cfg.ExecPath == "" {
		p, err := FindBrowser()
		if err != nil {
			return nil, err
		}
		cfg.ExecPath = p
	}
	if cfg.Width == 0 {
		cfg.Width, cfg.Height = 1280, 900
	}
	if cfg.ProfileDir != "" {
		if err := os.MkdirAll(cfg.ProfileDir, 0o700); err != nil {
			return nil, fmt.Errorf("browser profile: %w", err)
		}
		os.Chmod(cfg.ProfileDir, 0o700)
	}
	log := cfg.Log
	if log == nil {
		log = io.Discard
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(cfg.ExecPath),
		chromedp.WindowSize(cfg.Width, cfg.Height),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.DisableGPU,
		chromedp.CombinedOutput(log),
	)
	var tmpDir string
	if cfg.ProfileDir != "" {
		dir, err := filepath.Abs(cfg.ProfileDir)
		if err != nil {
			return nil, fmt.Errorf("browser profile: %w", err)
		}
		opts = append(opts, chromedp.UserDataDir(dir))
		tmp, err := browserTemp(dir)
		if err != nil {
			return nil, fmt.Errorf("browser profile: %w", err)
		}
		tmpDir = tmp
		// TMPDIR on Unix, TMP and TEMP on Windows.
		opts = append(opts, chromedp.Env("TMPDIR="+tmp, "TMP="+tmp, "TEMP="+tmp))
	}
	if cfg.Network.HostRules != "" {
		opts = append(opts, chromedp.Flag("host-resolver-rules", cfg.Network.HostRules))
	}
	if len(cfg.Network.TrustSPKI) > 0 {
		opts = append(opts, chromedp.Flag("ignore-certificate-errors-spki-list", strings.Join(cfg.Network.TrustSPKI, ",")))
	}
	if cfg.Visible {
		opts = append(opts, chromedp.VisibleWindow)
	}
	if cfg.TimeZone != "" {
		// The process's zone covers every page and worker; the override
		// of each tab (below, and in NewTab) covers systems where
		// Chromium does not read TZ.
		opts = append(opts, chromedp.Env("TZ="+cfg.TimeZone))
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.WithoutCancel(ctx), opts...)
	tab, tabCancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(tab); err != nil {
		tabCancel()
		allocCancel()
		if tmpDir != "" {
			os.RemoveAll(tmpDir)
		}
		if errors.Is(err, chromedp.ErrNoDisplay) {
			return nil, i18n.Fail(err, i18n.FailNoDisplay, nil)
		}
		return nil, i18n.Fail(oneLine{err}, i18n.FailBrowserStart, i18n.Args{"path": cfg.ExecPath, "env": BrowserEnv})
	}
	b := &Browser{allocCancel: allocCancel, tab: tab, tabCancel: tabCancel, width: int64(cfg.Width), height: int64(cfg.Height), tmpDir: tmpDir,
		zone: cfg.TimeZone}
	if err := b.followCode(); err != nil {
		b.Close()
		return nil, err
	}
	if err := b.setZone(ctx); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// setZone puts the tab in the browser's time zone, if it has one.
func (b *Browser) setZone(ctx context.Context) error {
	if b.zone == "" {
		return nil
	}
	sctx, stop := b.step(ctx, 30*time.Second)
	defer stop()
	if _, err := chromedp.Call(sctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: b.zone}); err != nil {
		return fmt.Errorf("time zone %s: %w", b.zone, b.failed(ctx, err))
	}
	return nil
}

// NewTab opens another tab in the same browser (same profile, same
// cookies), for work that runs beside the first tab's, such as a chat
// that is not paced by the site's API limit. Close it when done; closing
// the browser closes it too.
func (b *Browser) NewTab(ctx context.Context) (*Browser, error) {
	// The first run attaches the tab, which lives as long as the context
	// of that run: the tab's own, not a step's.
	tab, cancel := chromedp.NewContext(b.tab)
	if err := chromedp.Do(tab); err != nil {
		cancel()
		return nil, fmt.Errorf("open a tab: %w", err)
	}
	nb := &Browser{tab: tab, tabCancel: cancel, width: b.width, height: b.height, zone: b.zone}
	if err := nb.followCode(); err != nil {
		cancel()
		return nil, err
	}
	if err := nb.setZone(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("open a tab: %w", err)
	}
	sctx, stop := nb.step(ctx, 30*time.Second)
	defer stop()
	if err := chromedp.Do(sctx, chromedp.EmulateViewport(b.width, b.height)); err != nil {
		cancel()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("open a tab: %w", err)
	}
	return nb, nil
}

// Tab returns the context of the browser's tab. It is not cancelled by
// the caller's context; run steps on a child that is.
func (b *Browser) Tab() context.Context { return b.tab }

// Closed reports whether the browser went away (crash or closed window).
func (b *Browser) Closed() bool {
	return b.closed || b.tab.Err() != nil
}

// ErrBrowserGone means the browser process died (a crash, or a window the
// person closed) while farewell was using it. It does not wrap
// context.Canceled: a crash is not the person's Ctrl-C.
var ErrBrowserGone = i18n.Fail(nil, i18n.FailBrowserGone, nil)

// oneLine is an error whose text is put on one line: the browser's own
// output, which a failed start quotes, ends its lines.
type oneLine struct{ err error }

func (e oneLine) Error() string {
	return strings.TrimSuffix(strings.Join(strings.Fields(e.err.Error()), " "), ":")
}

func (e oneLine) Unwrap() error { return e.err }

// ErrPageChanged means the page went somewhere else while farewell was
// reading it: the site sent it to a verification page, or it reloaded
// itself. The step looks at where it is now and goes on from there.
var ErrPageChanged = errors.New("the page changed while farewell was reading it")

// failed turns the error of a step into what the caller should see: the
// caller's own cancellation as itself, a dead browser as ErrBrowserGone,
// a page that navigated away as ErrPageChanged.
func (b *Browser) failed(ctx context.Context, err error) error {
	var ce *cdproto.Error
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	case b.Closed() && !b.closed:
		return fmt.Errorf("%w (%v)", ErrBrowserGone, err)
	case errors.As(err, &ce) && ce.Code == -32000 && strings.Contains(ce.Message, "navigated"):
		return fmt.Errorf("%w (%v)", ErrPageChanged, err)
	}
	return err
}

// Close shuts the browser down gracefully, so that it writes its profile,
// and then stops the process; on a tab from NewTab it closes that tab.
func (b *Browser) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	ctx, cancel := context.WithTimeout(b.tab, 10*time.Second)
	defer cancel()
	err := chromedp.Cancel(ctx)
	b.tabCancel()
	if b.allocCancel != nil {
		b.allocCancel()
	}
	if b.tmpDir != "" {
		os.RemoveAll(b.tmpDir)
	}
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// Cookies returns every cookie of the browser.
func (b *Browser) Cookies(ctx context.Context) ([]Cookie, error) {
	ctx, cancel := b.step(ctx, 10*time.Second)
	defer cancel()
	res, err := chromedp.Call(ctx, storage.GetCookies, storage.GetCookiesParams{})
	if err != nil {
		return nil, fmt.Errorf("read cookies: %w", err)
	}
	out := make([]Cookie, 0, len(res.Cookies))
	for _, c := range res.Cookies {
		out = append(out, cookieFrom(c))
	}
	return out, nil
}

// SetCookies puts cookies into the browser (expired ones are skipped).
func (b *Browser) SetCookies(ctx context.Context, cookies []Cookie) error {
	var params []*network.CookieParam
	now := time.Now()
	for _, c := range cookies {
		if !c.Expired(now) {
			params = append(params, c.Param())
		}
	}
	if len(params) == 0 {
		return nil
	}
	ctx, cancel := b.step(ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, storage.SetCookies, storage.SetCookiesParams{Cookies: params}); err != nil {
		return fmt.Errorf("restore cookies: %w", err)
	}
	return nil
}

// step derives a context for one step on the tab: it carries the tab's
// browser, ends with ctx, and times out after d.
func (b *Browser) step(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	sctx, cancel := context.WithTimeout(b.tab, d)
	stop := context.AfterFunc(ctx, cancel)
	return sctx, func() { stop(); cancel() }
}

// browserTemp makes a fresh TMPDIR for the Chromium of profile and
// removes the one its last start made. Chromium keeps its singleton
// socket in a new folder under TMPDIR and removes it on a clean exit
// only, so every killed browser would leave one behind. The folder stays
// in the system's temporary folder because a Unix socket's path must be
// short (108 bytes); the profile only keeps its name.
func browserTemp(profile string) (string, error) {
	note := filepath.Join(profile, BrowserTempNote)
	clearBrowserTemp(profile)
	if err := os.RemoveAll(note); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp("", browserTempPrefix)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(note, []byte(tmp+"\n"), 0o600); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return tmp, nil
}

// clearBrowserTemp removes the TMPDIR that the profile's last browser
// got, if it is still there (the browser was killed).
func clearBrowserTemp(profile string) {
	prev, err := os.ReadFile(filepath.Join(profile, BrowserTempNote))
	if err != nil {
		return
	}
	p := filepath.Clean(strings.TrimSpace(string(prev)))
	if filepath.Dir(p) == filepath.Clean(os.TempDir()) && strings.HasPrefix(filepath.Base(p), browserTempPrefix) {
		os.RemoveAll(p)
	}
}

// removeProfile removes a browser profile and what its last browser left
// in the system's temporary folder.
func removeProfile(profile string) error {
	endBrowsers(profile)
	clearBrowserTemp(profile)
	return os.RemoveAll(profile)
}

// pageCode follows the scripts and style sheets of the tab's page: a page
// whose code did not load (a cut connection, a CDN's 5xx) shows nothing,
// asks for nothing and signs nothing, however long one waits.
type pageCode struct {
	mu       sync.Mutex
	inflight map[network.RequestID]string
	broken   string
}

func (b *Browser) followCode() error {
	b.code = &pageCode{inflight: map[network.RequestID]string{}}
	b.net = newNetLog()
	if err := chromedp.Listen(b.tab, func(ev any) {
		b.code.event(ev)
		b.net.event(ev)
	}); err != nil {
		return fmt.Errorf("follow the page: %w", err)
	}
	return nil
}

// event runs in the tab's read loop: bookkeeping only.
func (p *pageCode) event(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *page.EventFrameNavigated:
		if ev.Frame.ParentID == "" { // a new page: what the last one lacked is gone
			clear(p.inflight)
			p.broken = ""
		}
	case *network.EventRequestWillBeSent:
		if ev.Type == network.ResourceTypeScript || ev.Type == network.ResourceTypeStylesheet {
			p.inflight[ev.RequestID] = ev.Request.URL
		}
	case *network.EventResponseReceived:
		if u, ok := p.inflight[ev.RequestID]; ok && ev.Response.Status >= 400 && p.broken == "" {
			p.broken = fmt.Sprintf("%s (HTTP %d)", shortURL(u), ev.Response.Status)
		}
	case *network.EventLoadingFinished:
		delete(p.inflight, ev.RequestID)
	case *network.EventLoadingFailed:
		if u, ok := p.inflight[ev.RequestID]; ok && !ev.Canceled && p.broken == "" {
			p.broken = fmt.Sprintf("%s (%s)", shortURL(u), ev.ErrorText)
		}
		delete(p.inflight, ev.RequestID)
	}
}

// PageBroken names the first script or style sheet of the tab's current
// page that did not load ("" if none).
func (b *Browser) PageBroken() string {
	if b.code == nil {
		return ""
	}
	b.code.mu.Lock()
	defer b.code.mu.Unlock()
	return b.code.broken
}
