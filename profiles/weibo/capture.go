package weibo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/parsers/record"
	wb "github.com/farewell-app/farewell/parsers/weibo"
	"github.com/farewell-app/farewell/profiles"
)

// capture is one run's state.
type capture struct {
	// page is held while the tab is away from weibo.com on purpose (the
	// apps pages), so that a media resolver does not navigate it back.
	page     sync.Mutex
	s        *exporter.Session
	t        *exporter.Tab
	uid      string
	info     *wb.User
	seen     map[string]bool // own statuses already handled
	haveLong map[string]bool // statuses whose long text is captured
	haveShow map[string]bool // statuses whose statuses/show is captured
	haveEdit map[string]bool // statuses whose edit history is captured
}

// Capture captures the collections in order, each as a step of its own
// (a step that fails is recorded and the run goes on); see the package
// comment.
func (p *Profile) Capture(ctx context.Context, s *exporter.Session, only []exporter.Collection) error {
	want, err := profiles.Want(p, only)
	if err != nil {
		return err
	}
	s.SetClassifier(classify)
	tab, err := s.Tab(site())
	if err != nil {
		return err
	}
	defer tab.Close()
	c := &capture{s: s, t: tab, uid: p.uid(s), seen: map[string]bool{}, haveLong: map[string]bool{}, haveShow: map[string]bool{},
		haveEdit: map[string]bool{}}
	if err := c.load(); err != nil {
		return err
	}
	steps := map[exporter.Collection]func(context.Context) error{
		cProfile: c.profile, cPosts: c.posts, cComments: c.comments, cLikes: c.likes,
		cFavorites: c.favorites, cFollowing: c.following, cFollowers: c.followers, cApps: c.apps,
		cMyComments: c.myComments, cReceived: c.receivedComments, cMentions: c.mentions, cMessages: c.messages, cArticles: c.articles,
	}
	for _, name := range collections {
		if !want[name] {
			continue
		}
		if err := s.RunStep(ctx, name, tab, steps[name]); err != nil {
			return err
		}
	}
	return c.sweepMedia(ctx)
}

// fetch makes an in-page ajax request whose answer is kept.
func (c *capture) fetch(ctx context.Context, collection exporter.Collection, kind parsers.Kind, ref, path string) ([]byte, error) {
	if err := c.onSite(ctx); err != nil {
		return nil, err
	}
	renewed := false
	for try := 0; ; try++ {
		resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: ajax(path), Collection: collection, Kind: string(kind), Ref: ref})
		var werr *wb.Error
		if errors.Is(err, exporter.ErrCaptcha) && errors.As(err, &werr) && try < 3 {
			if err := c.verify(ctx, werr.URL); err != nil {
				return nil, err
			}
			continue // solved: ask again
		}
		if errors.Is(err, exporter.ErrNotLoggedIn) && !renewed {
			// weibo.com's session may only have gone stale: a page of
			// the site renews it silently while the sign-on holds (§W7).
			renewed = true
			if c.renew(ctx) == nil {
				continue
			}
		}
		if err != nil {
			return nil, err
		}
		return resp.Body, nil
	}
}

// ajax is an in-page request to the ajax API as the web app makes it:
// the site's firewall refuses one without X-Requested-With or the
// X-XSRF-TOKEN header echoing the XSRF-TOKEN cookie (§W1); the Referer is
// the page's own.
func ajax(path string) exporter.Request {
	return exporter.Request{URL: path, XSRFCookie: "XSRF-TOKEN",
		Headers: map[string]string{"X-Requested-With": "XMLHttpRequest", "Accept": "application/json, text/plain, */*"}}
}

// verify handles Weibo's security verification: without a window it
// ends the run, saying how to go on; in a visible window it opens the
// verification page and waits (up to 15 minutes) for the person to
// complete it.
func (c *capture) verify(ctx context.Context, at string) error {
	if !c.s.Visible() {
		return i18n.Fail(exporter.ErrChallenge, i18n.FailVerifyWeibo, nil)
	}
	c.page.Lock()
	defer c.page.Unlock()
	c.s.Progress.Note(i18n.Msg{Code: i18n.NoteVerifyWeibo})
	if _, err := c.s.Navigate(ctx, at); err != nil {
		return err
	}
	deadline := time.Now().Add(15 * time.Minute)
	for time.Now().Before(deadline) {
		if err := exporter.Sleep(ctx, 2*time.Second); err != nil {
			return err
		}
		loc, err := c.s.Browser.Location(ctx)
		if u, perr := url.Parse(loc); err == nil && perr == nil && u.Host != "" && !wb.IsVerification(loc) {
			c.s.Progress.Note(i18n.Msg{Code: i18n.NoteVerified})
			return nil
		}
	}
	return i18n.Fail(exporter.ErrChallenge, i18n.FailVerifyTimedOut, nil)
}

// renew loads weibo.com's home page, which renews a stale session
// through login.sina.com.cn when the sign-on still holds (x-login-autologin,
// §W7); it fails when the page ends anywhere but weibo.com. Whether the
// session is back, the request asked again says.
func (c *capture) renew(ctx context.Context) error {
	c.page.Lock()
	defer c.page.Unlock()
	loc, err := c.s.Navigate(ctx, home)
	if err != nil {
		return err
	}
	if u, err := url.Parse(loc); err != nil || u.Host != "weibo.com" {
		return fmt.Errorf("weibo.com sent the browser to %s: %w", exporter.RedactURL(loc), exporter.ErrNotLoggedIn)
	}
	return nil
}

// onSite makes sure the tab is on weibo.com, so in-page requests carry
// the site's cookies.
func (c *capture) onSite(ctx context.Context) error {
	c.page.Lock()
	defer c.page.Unlock()
	loc, err := c.s.Browser.Location(ctx)
	if err == nil {
		if u, err := url.Parse(loc); err == nil && u.Host == "weibo.com" {
			return nil
		}
	}
	loc, err = c.s.Navigate(ctx, "https://weibo.com/u/"+c.uid)
	if err != nil {
		return err
	}
	if u, err := url.Parse(loc); err != nil || u.Host != "weibo.com" {
		return fmt.Errorf("weibo.com sent the browser to %s: %w", loc, exporter.ErrNotLoggedIn)
	}
	return nil
}

// load learns from earlier runs' raw captures which statuses were handled.
func (c *capture) load() error {
	raws, err := c.s.Store.Raws(cPosts)
	if err != nil {
		return err
	}
	for _, r := range raws {
		switch r.Meta.Kind {
		case string(wb.KindLongText):
			c.haveLong[r.Meta.Ref] = true
		case string(wb.KindShow):
			c.haveShow[r.Meta.Ref] = true
		case string(wb.KindEditHistory):
			c.haveEdit[r.Meta.Ref] = true
		}
	}
	return nil
}

// counts returns the account's own counters (profile/info), fetching them
// when the profile collection has not run.
func (c *capture) counts(ctx context.Context) (*wb.User, error) {
	if c.info != nil {
		return c.info, nil
	}
	if err := c.onSite(ctx); err != nil {
		return nil, err
	}
	resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: ajax("/ajax/profile/info?uid=" + c.uid)})
	if err != nil {
		return nil, err
	}
	u, err := wb.DecodeProfileInfo(resp.Body)
	if err != nil {
		return nil, err
	}
	c.info = u
	return u, nil
}

func num(n wb.Num) *int64 { return n.Ptr() }

func one() *int64 { v := int64(1); return &v }

// latest returns the body of the newest raw capture of a kind.
func (c *capture) latest(collection exporter.Collection, kind parsers.Kind) ([]byte, error) {
	raws, err := c.s.Store.Raws(collection)
	if err != nil {
		return nil, err
	}
	for i := len(raws) - 1; i >= 0; i-- {
		if raws[i].Meta.Kind == string(kind) && raws[i].Meta.Status == http.StatusOK {
			return os.ReadFile(raws[i].Path)
		}
	}
	return nil, fmt.Errorf("no %s capture", kind)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// media queues one file; videos get a resolver that fetches the carrying
// status again for a fresh link (not for a status read from m.weibo.cn,
// which the desktop API shows only as a stub).
func (c *capture) media(collection exporter.Collection, ref, u, kind string, st *wb.Status) {
	key := MediaKey(u)
	if key == "" {
		return
	}
	req := exporter.MediaRequest{Key: key, URL: u, Referer: referer, Kind: kind, Collection: collection, Ref: ref}
	if kind == "video" && st != nil && st.MblogID != "" && st.Via == "" {
		mblogid, mid := st.MblogID, st.Key()
		req.Resolve = func(ctx context.Context) (string, error) {
			body, err := c.fetch(ctx, cPosts, wb.KindShow, mid, "/ajax/statuses/show?id="+mblogid+"&locale=zh-CN&isGetLongText=true")
			if err != nil {
				return "", err
			}
			fresh, err := wb.DecodeShow(body)
			if err != nil {
				return "", err
			}
			for _, m := range wb.Post(fresh, wb.PostOptions{}).Media {
				if m.Type == record.MediaVideo && MediaKey(m.URL) == key {
					return m.URL, nil
				}
			}
			return "", fmt.Errorf("statuses/show of %s has the video no more", mid)
		}
	}
	c.s.Media.Add(req)
}

// statusMedia queues the pictures, GIFs, live photos and videos of a
// status and of the original it reposts.
func (c *capture) statusMedia(collection exporter.Collection, st *wb.Status) {
	post := wb.Post(st, wb.PostOptions{})
	queue := func(ms []record.Media, carrier *wb.Status, ref string) {
		for _, m := range ms {
			kind := "image"
			if m.Type == record.MediaVideo {
				kind = "video"
			}
			c.media(collection, ref, m.URL, kind, carrier)
			if m.Motion != nil {
				c.media(collection, ref, m.Motion.URL, "video", nil)
			}
		}
	}
	queue(post.Media, st, post.ID)
	if post.RepostOf != nil && st.Retweeted != nil {
		queue(post.RepostOf.Media, st.Retweeted, post.RepostOf.ID)
	}
}

// statusesOf decodes the statuses of one raw capture of the posts
// collection.
func statusesOf(r exporter.RawFile) []wb.Status {
	body, err := os.ReadFile(r.Path)
	if err != nil {
		return nil
	}
	return statusesIn(r, body)
}

// statusesIn is statusesOf for a body already read.
func statusesIn(r exporter.RawFile, body []byte) []wb.Status {
	sts, _, _ := decodeStatuses(r, body)
	return sts
}

// decodeStatuses decodes the statuses of a timeline, show, likes or
// favourites capture (none for other kinds), saying why it could not.
func decodeStatuses(r exporter.RawFile, body []byte) ([]wb.Status, wb.Skipped, error) {
	switch r.Meta.Kind {
	case string(wb.KindMymblog), string(wb.KindSearchProfile), string(wb.KindLikelist):
		tl, err := wb.DecodeTimeline(body)
		if err != nil {
			return nil, wb.Skipped{}, err
		}
		return tl.Statuses, tl.Skipped, nil
	case string(wb.KindShow):
		s, err := wb.DecodeShow(body)
		if err != nil {
			return nil, wb.Skipped{}, err
		}
		return []wb.Status{*s}, wb.Skipped{}, nil
	case string(wb.KindMobileShow):
		s, err := wb.DecodeMobileShow(body)
		if err != nil {
			return nil, wb.Skipped{}, err
		}
		return []wb.Status{*s}, wb.Skipped{}, nil
	case string(wb.KindFavorites):
		f, err := wb.DecodeFavorites(body)
		if err != nil {
			return nil, wb.Skipped{}, err
		}
		out := make([]wb.Status, len(f.Statuses))
		for i := range f.Statuses {
			out[i] = f.Statuses[i].Status
		}
		return out, f.Skipped, nil
	}
	return nil, wb.Skipped{}, nil
}

// lessID compares numeric ids of possibly different lengths.
func lessID(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

var shanghai = time.FixedZone("CST", 8*3600)

// sweepMedia queues the media of every raw capture, so files a killed run
// did not get are fetched now (files already in the store are skipped).
func (c *capture) sweepMedia(ctx context.Context) error {
	colls := []exporter.Collection{cProfile, cPosts, cLikes, cFavorites, cComments, cMyComments, cReceived, cMentions}
	return c.s.Store.EachRaw(ctx, colls, func(coll exporter.Collection, rf exporter.RawFile, body []byte) {
		switch coll {
		case cMyComments, cReceived, cMentions:
			c.boxRead(coll, rf.Meta.Kind, body, true)
			return
		}
		if coll == cProfile {
			if rf.Meta.Kind == string(wb.KindEmoticons) {
				es, _ := wb.DecodeEmoticons(body, "")
				for _, e := range es {
					c.media(cProfile, e.Phrase, e.Media[0].URL, "image", nil)
				}
			}
			return
		}
		if coll == cComments {
			if page, err := wb.DecodeComments(body); err == nil {
				for i := range page.Comments {
					c.commentMedia(&page.Comments[i], rf.Meta.Ref)
				}
			}
			return
		}
		for _, st := range statusesIn(rf, body) {
			c.statusMedia(coll, &st)
		}
	})
}
