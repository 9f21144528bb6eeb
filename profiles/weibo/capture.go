package weibo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers/record"
	wb "github.com/farewell-app/farewell/parsers/weibo"
)

// capture is one run's state.
type capture struct {
	// page is held while the tab is away from weibo.com on purpose (the
	// apps pages), so that a media resolver does not navigate it back.
	page     sync.Mutex
	s        *exporter.Session
	uid      string
	info     *wb.User
	seen     map[string]bool // own statuses already handled
	haveLong map[string]bool // statuses whose long text is captured
	haveShow map[string]bool // statuses whose statuses/show is captured
}

// Capture captures the collections in order; see the package comment.
func (p *Profile) Capture(ctx context.Context, s *exporter.Session, only []string) error {
	s.SetClassifier(classify)
	c := &capture{s: s, uid: p.uid(s), seen: map[string]bool{}, haveLong: map[string]bool{}, haveShow: map[string]bool{}}
	if err := c.load(); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, o := range only {
		want[o] = true
	}
	steps := map[string]func(context.Context) error{
		"profile": c.profile, "posts": c.posts, "comments": c.comments, "likes": c.likes,
		"favorites": c.favorites, "following": c.following, "followers": c.followers, "apps": c.apps,
	}
	for name := range want {
		if steps[name] == nil {
			return fmt.Errorf("weibo has no collection %q (it has %s)", name, strings.Join(collections, ", "))
		}
	}
	for _, name := range collections {
		if len(want) > 0 && !want[name] {
			continue
		}
		if err := steps[name](ctx); err != nil {
			return fmt.Errorf("weibo %s: %w", name, err)
		}
	}
	return c.sweepMedia(ctx)
}

// fatal reports whether an error ends the run rather than a gap.
func fatal(err error) bool {
	return errors.Is(err, exporter.ErrNotLoggedIn) || errors.Is(err, exporter.ErrCaptcha) || errors.Is(err, exporter.ErrBrowserGone) || errors.Is(err, exporter.ErrStorage) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// gap records a failure that is not fatal, or returns the fatal one.
func (c *capture) gap(collection, kind, ref string, err error) error {
	if fatal(err) {
		return err
	}
	return c.s.Gap(collection, exporter.Gap{Kind: kind, Ref: ref, Detail: err.Error()})
}

// fetch makes an in-page ajax request whose answer is kept.
func (c *capture) fetch(ctx context.Context, collection, kind, ref, path string) ([]byte, error) {
	if err := c.onSite(ctx); err != nil {
		return nil, err
	}
	for try := 0; ; try++ {
		resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: exporter.Request{URL: path, XSRFCookie: "XSRF-TOKEN",
			Headers: map[string]string{"X-Requested-With": "XMLHttpRequest", "Accept": "application/json, text/plain, */*"}},
			Collection: collection, Kind: kind, Ref: ref})
		var werr *wb.Error
		if errors.Is(err, exporter.ErrCaptcha) && errors.As(err, &werr) && try < 3 {
			if err := c.verify(ctx, werr.URL); err != nil {
				return nil, err
			}
			continue // solved: ask again
		}
		if err != nil {
			return nil, err
		}
		return resp.Body, nil
	}
}

// verify handles Weibo's security verification: without a window it
// ends the run, saying how to go on; in a visible window it opens the
// verification page and waits (up to 15 minutes) for the person to
// complete it.
func (c *capture) verify(ctx context.Context, at string) error {
	if !c.s.Visible() {
		return fmt.Errorf("weibo.com asks for a security verification (安全验证) a person must complete: run `farewell backup weibo --visible`, "+
			"complete it in the window, and the backup continues where it stopped: %w", exporter.ErrCaptcha)
	}
	c.page.Lock()
	defer c.page.Unlock()
	c.s.Progress.Notef("weibo.com wants a security verification: complete it in the browser window (waiting up to 15 minutes)")
	if _, err := c.s.Navigate(ctx, at); err != nil {
		return err
	}
	deadline := time.Now().Add(15 * time.Minute)
	for time.Now().Before(deadline) {
		if err := exporter.Sleep(ctx, 2*time.Second); err != nil {
			return err
		}
		loc, err := c.s.Browser.Location(ctx)
		if u, perr := url.Parse(loc); err == nil && perr == nil && u.Host != "" && !isVerification(loc) {
			c.s.Progress.Notef("verification done: continuing")
			return nil
		}
	}
	return fmt.Errorf("the security verification was not completed in 15 minutes: %w", exporter.ErrCaptcha)
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
	raws, err := c.s.Store.Raws("posts")
	if err != nil {
		return err
	}
	for _, r := range raws {
		switch r.Meta.Kind {
		case "weibo.longtext":
			c.haveLong[r.Meta.Ref] = true
		case "weibo.show":
			c.haveShow[r.Meta.Ref] = true
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
	resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: exporter.Request{URL: "/ajax/profile/info?uid=" + c.uid}})
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

// profile opens the profile page, keeps the profile/info and
// profile/detail answers the page itself requests, and screenshots it.
func (c *capture) profile(ctx context.Context) error {
	if err := c.s.StartCollection("profile", one()); err != nil {
		return err
	}
	w, err := c.s.Browser.Watch(c.s.Store, func(u string, _ network.ResourceType) (string, string, bool) {
		switch {
		case strings.Contains(u, "/ajax/profile/info"):
			return "profile", "weibo.profile", true
		case strings.Contains(u, "/ajax/profile/detail"):
			return "profile", "weibo.detail", true
		}
		return "", "", false
	})
	if err != nil {
		return err
	}
	loc, err := c.s.Navigate(ctx, "https://weibo.com/u/"+c.uid)
	if err == nil {
		if u, perr := url.Parse(loc); perr != nil || u.Host != "weibo.com" {
			err = fmt.Errorf("weibo.com sent the browser to %s: %w", loc, exporter.ErrNotLoggedIn)
		}
	}
	if err == nil {
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		err = w.Settle(sctx, 1500*time.Millisecond)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			err = nil // the page kept loading; what it loaded is kept
		}
	}
	errs := w.Stop()
	if err != nil {
		return err
	}
	for _, e := range errs {
		c.s.Progress.Notef("profile page: %v", e)
	}
	got := map[string]bool{}
	for _, r := range w.Saved() {
		// An answer the site failed (5xx, 418, a cut connection) is kept
		// as evidence but does not count: it is asked for again.
		if r.Meta.Status == http.StatusOK {
			got[r.Meta.Kind] = true
		}
	}
	// If the page did not ask for them itself, or its answer failed, ask.
	if !got["weibo.profile"] {
		if _, err := c.fetch(ctx, "profile", "weibo.profile", c.uid, "/ajax/profile/info?uid="+c.uid); err != nil {
			return err
		}
	}
	if !got["weibo.detail"] {
		if _, err := c.fetch(ctx, "profile", "weibo.detail", c.uid, "/ajax/profile/detail?uid="+c.uid); err != nil {
			if err := c.gap("profile", "detail", c.uid, err); err != nil {
				return err
			}
		}
	}
	info, _ := c.latest("profile", "weibo.profile")
	if u, err := wb.DecodeProfileInfo(info); err == nil {
		c.info = u
		c.media("profile", c.uid, firstNonEmpty(u.AvatarHD, u.AvatarLarge), "image", nil)
	}
	if err := exporter.Sleep(ctx, time.Second); err != nil { // let pictures arrive
		return err
	}
	tiles, err := c.s.Browser.ScreenshotPage(ctx, c.s.Store, "profile", 0)
	if err != nil {
		if err := c.gap("profile", "screenshot", c.uid, err); err != nil {
			return err
		}
	}
	if err := c.s.Page("profile", 1, "", 1); err != nil {
		return err
	}
	return c.s.Done("profile", exporter.StopEnd, fmt.Sprintf("%d screenshot tile(s)", len(tiles)), 1)
}

// latest returns the body of the newest raw capture of a kind.
func (c *capture) latest(collection, kind string) ([]byte, error) {
	raws, err := c.s.Store.Raws(collection)
	if err != nil {
		return nil, err
	}
	for i := len(raws) - 1; i >= 0; i-- {
		if raws[i].Meta.Kind == kind && raws[i].Meta.Status == http.StatusOK {
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
// status again for a fresh link.
func (c *capture) media(collection, ref, u, kind string, st *wb.Status) {
	key := MediaKey(u)
	if key == "" {
		return
	}
	req := exporter.MediaRequest{Key: key, URL: u, Referer: referer, Kind: kind, Collection: collection, Ref: ref}
	if kind == "video" && st != nil && st.MblogID != "" {
		mblogid, mid := st.MblogID, st.Key()
		req.Resolve = func(ctx context.Context) (string, error) {
			body, err := c.fetch(ctx, "posts", "weibo.show", mid, "/ajax/statuses/show?id="+mblogid+"&locale=zh-CN&isGetLongText=true")
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
func (c *capture) statusMedia(collection string, st *wb.Status) {
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

// statuses handles the own statuses of a list: the long text of each
// isLongText status (and of reposted originals), statuses/show for those
// with more than nine pictures, and their media. It returns how many were
// new.
func (c *capture) statuses(ctx context.Context, list []wb.Status) (int, error) {
	added := 0
	for i := range list {
		st := &list[i]
		if st.AuthorID() != c.uid {
			continue // another user's post mixed into the timeline
		}
		mid := st.Key()
		if !c.seen[mid] {
			c.seen[mid] = true
			added++
		}
		full := st
		if st.NeedsShow() && !c.haveShow[mid] {
			body, err := c.fetch(ctx, "posts", "weibo.show", mid, "/ajax/statuses/show?id="+st.MblogID+"&locale=zh-CN&isGetLongText=true")
			if err == nil {
				if s, derr := wb.DecodeShow(body); derr == nil {
					full = s
				}
				c.haveShow[mid] = true
			} else if err := c.gap("posts", "pictures", mid, err); err != nil {
				return added, err
			}
		}
		for _, s := range []*wb.Status{st, st.Retweeted} {
			if s == nil || s.IsDeleted() || !bool(s.IsLongText) || c.haveLong[s.Key()] || s.MblogID == "" {
				continue
			}
			if _, err := c.fetch(ctx, "posts", "weibo.longtext", s.Key(), "/ajax/statuses/longtext?id="+s.MblogID); err != nil {
				if err := c.gap("posts", "long_text", s.Key(), err); err != nil {
					return added, err
				}
				continue
			}
			c.haveLong[s.Key()] = true
		}
		c.statusMedia("posts", full)
	}
	return added, nil
}

// posts walks the timeline with since_id, then every month of
// mbloghistory with searchProfile, because the cursor alone misses posts.
// The journal cursor is "tl|<page>|<since_id>" during the first phase,
// "tl-done" between them, and "sp|<yyyy-mm>|<page>" during the second.
func (c *capture) posts(ctx context.Context) error {
	info, err := c.counts(ctx)
	if err != nil {
		return err
	}
	expected := num(info.StatusesCount)
	prev, err := c.s.Continue("posts", expected)
	if err != nil {
		return err
	}
	earlier, err := c.s.Since("posts")
	if err != nil {
		return err
	}
	cursor, pages := "", 0
	if prev != nil {
		cursor, pages = prev.Cursor, prev.Pages
	}
	if prev != nil || earlier != nil {
		c.seenFromRaw()
	}
	// After a complete backup only what is new is looked for: the
	// timeline up to its first page without a new post, and the months
	// from the newest post the earlier passes had.
	from := ""
	if earlier != nil {
		if from, err = c.newestMonth(earlier); err != nil {
			return err
		}
		c.s.Progress.Notef("posts: looking for posts since %s (the earlier backup is complete; --full walks everything again)", firstNonEmpty(from, "the start"))
	}
	if !strings.HasPrefix(cursor, "sp|") && cursor != "tl-done" {
		page, since := 1, ""
		if parts := strings.SplitN(cursor, "|", 3); len(parts) == 3 && parts[0] == "tl" {
			page, _ = strconv.Atoi(parts[1])
			since = parts[2]
		}
		empty := 0
		for {
			path := fmt.Sprintf("/ajax/statuses/mymblog?uid=%s&page=%d&feature=0", c.uid, page)
			if since != "" {
				path += "&since_id=" + url.QueryEscape(since)
			}
			tl, n, err := c.timelinePage(ctx, "weibo.mymblog", "", path)
			if err != nil {
				return err
			}
			pages++
			next := string(tl.SinceID)
			if len(tl.Statuses) == 0 {
				empty++
			} else {
				empty = 0
			}
			if next == "" || empty >= 5 || (earlier != nil && n == 0) {
				if err := c.s.Page("posts", pages, "tl-done", n); err != nil {
					return err
				}
				break
			}
			page++
			if err := c.s.Page("posts", pages, fmt.Sprintf("tl|%d|%s", page, next), n); err != nil {
				return err
			}
			since = next
		}
		cursor = "tl-done"
	}
	// Second phase: month windows.
	body, err := c.fetch(ctx, "posts", "weibo.history", c.uid, "/ajax/profile/mbloghistory?uid="+c.uid)
	if err != nil {
		return err
	}
	months, err := wb.DecodeHistory(body)
	if err != nil {
		return err
	}
	resumeMonth, resumePage := "", 1
	if parts := strings.SplitN(cursor, "|", 3); len(parts) == 3 && parts[0] == "sp" {
		resumeMonth = parts[1]
		if parts[2] == "done" {
			resumePage = -1
		} else {
			resumePage, _ = strconv.Atoi(parts[2])
		}
	}
	skipping := resumeMonth != ""
	for _, m := range months {
		key := fmt.Sprintf("%04d-%02d", m.Year, m.Month)
		if key < from {
			break // months are newest first
		}
		page := 1
		if skipping {
			if key != resumeMonth {
				continue
			}
			skipping = false
			if resumePage < 0 {
				continue
			}
			page = resumePage
		}
		from := time.Date(m.Year, time.Month(m.Month), 1, 0, 0, 0, 0, shanghai)
		to := from.AddDate(0, 1, 0)
		for {
			path := fmt.Sprintf("/ajax/statuses/searchProfile?uid=%s&page=%d&starttime=%d&endtime=%d&hasori=1&hasret=1&hastext=1&haspic=1&hasvideo=1&hasmusic=1",
				c.uid, page, from.Unix(), to.Unix())
			tl, n, err := c.timelinePage(ctx, "weibo.searchprofile", key, path)
			if err != nil {
				return err
			}
			pages++
			if len(tl.Statuses) < 20 {
				if err := c.s.Page("posts", pages, "sp|"+key+"|done", n); err != nil {
					return err
				}
				break
			}
			page++
			if err := c.s.Page("posts", pages, fmt.Sprintf("sp|%s|%d", key, page), n); err != nil {
				return err
			}
		}
	}
	return c.s.Done("posts", exporter.StopEnd, "", int64(len(c.seen)))
}

// timelinePage fetches one page of a timeline (mymblog, searchProfile)
// and handles its own statuses; it returns the page and how many of them
// were new.
func (c *capture) timelinePage(ctx context.Context, kind, ref, path string) (*wb.Timeline, int, error) {
	body, err := c.fetch(ctx, "posts", kind, ref, path)
	if err != nil {
		return nil, 0, err
	}
	tl, err := wb.DecodeTimeline(body)
	if err != nil {
		return nil, 0, err
	}
	n, err := c.statuses(ctx, tl.Statuses)
	return tl, n, err
}

var shanghai = time.FixedZone("CST", 8*3600)

// ownStatus is what the comments pass needs of an own post.
type ownStatus struct {
	mid, mblogid string
	bulletin     int64
	comments     int64
}

// ownStatuses reads every own status from the raw posts captures, newest
// first, with its latest counters.
func (c *capture) ownStatuses() ([]ownStatus, error) {
	raws, err := c.s.Store.Raws("posts")
	if err != nil {
		return nil, err
	}
	byMid := map[string]ownStatus{}
	for _, r := range raws {
		for _, st := range statusesOf(r) {
			if st.AuthorID() != c.uid {
				continue
			}
			byMid[st.Key()] = ownStatus{mid: st.Key(), mblogid: st.MblogID, bulletin: st.IsShowBulletin.V, comments: st.CommentsCount.V}
		}
	}
	out := make([]ownStatus, 0, len(byMid))
	for _, o := range byMid {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return lessID(out[j].mid, out[i].mid) })
	return out, nil
}

// seenFromRaw marks the own statuses earlier runs captured as handled.
func (c *capture) seenFromRaw() {
	own, err := c.ownStatuses()
	if err != nil {
		return
	}
	for _, o := range own {
		c.seen[o.mid] = true
	}
}

// newestMonth returns the month ("2006-01", Beijing time) of the newest
// own post the earlier passes captured, or "" when there is none.
func (c *capture) newestMonth(earlier *exporter.Earlier) (string, error) {
	months, err := earlier.Known(c.s.Store, "posts", func(r exporter.RawFile) ([]string, error) {
		var out []string
		for _, st := range statusesOf(r) {
			if t := wb.Time(st.CreatedAt); st.AuthorID() == c.uid && len(t) >= 7 {
				out = append(out, t[:7])
			}
		}
		return out, nil
	})
	newest := ""
	for m := range months {
		newest = max(newest, m)
	}
	return newest, err
}

// lessID compares numeric ids of possibly different lengths.
func lessID(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
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
	switch r.Meta.Kind {
	case "weibo.mymblog", "weibo.searchprofile", "weibo.likelist":
		if tl, err := wb.DecodeTimeline(body); err == nil {
			return tl.Statuses
		}
	case "weibo.show":
		if s, err := wb.DecodeShow(body); err == nil {
			return []wb.Status{*s}
		}
	case "weibo.favorites":
		if f, err := wb.DecodeFavorites(body); err == nil {
			out := make([]wb.Status, len(f.Statuses))
			for i := range f.Statuses {
				out[i] = f.Statuses[i].Status
			}
			return out
		}
	}
	return nil
}

// comments captures the comments of every own post that has any, with
// replies. The journal cursor is the id of the last post done; posts are
// taken newest first.
func (c *capture) comments(ctx context.Context) error {
	own, err := c.ownStatuses()
	if err != nil {
		return err
	}
	var expected int64
	for _, o := range own {
		expected += o.comments
	}
	prev, err := c.s.Continue("comments", &expected)
	if err != nil {
		return err
	}
	earlier, err := c.s.Since("comments")
	if err != nil {
		return err
	}
	after, pages := "", 0
	if prev != nil {
		after, pages = prev.Cursor, prev.Pages
	}
	var total int64
	skipped := 0
	for _, o := range own {
		if after != "" {
			if o.mid == after {
				after = ""
			}
			continue
		}
		if o.comments <= 0 {
			continue
		}
		// A post's comments are taken again only when its comment count
		// changed since a complete earlier pass took them.
		version := strconv.FormatInt(o.comments, 10)
		if earlier != nil && earlier.Versions[o.mid] == version {
			skipped++
			continue
		}
		n, err := c.postComments(ctx, o)
		if err != nil {
			if err := c.gap("comments", "comments", o.mid, err); err != nil {
				return err
			}
		}
		pages++
		total += int64(n)
		if err := c.s.PageVersion("comments", pages, o.mid, n, version); err != nil {
			return err
		}
	}
	if skipped > 0 {
		c.s.Progress.Notef("comments: %d post(s) unchanged since the earlier backup", skipped)
	}
	return c.s.Done("comments", exporter.StopEnd, "", total)
}

// postComments pages one post's comments (fetch_level=0) and each
// comment's replies (fetch_level=1), echoing the post's
// is_show_bulletin, which old posts need to be 0.
func (c *capture) postComments(ctx context.Context, o ownStatus) (int, error) {
	return c.commentPages(ctx, o, "", func(maxID string) string {
		path := fmt.Sprintf("/ajax/statuses/buildComments?flow=1&is_reload=1&id=%s&is_show_bulletin=%d&is_mix=0&count=20&uid=%s&fetch_level=0&locale=zh-CN",
			o.mid, o.bulletin, c.uid)
		if maxID != "" {
			path += "&max_id=" + maxID
		}
		return path
	}, func(cm *wb.Comment) (int, error) {
		if cm.TotalNumber.V <= 0 {
			return 0, nil
		}
		r, err := c.replies(ctx, o, cm.Key())
		if err != nil {
			err = c.gap("comments", "replies", cm.Key(), err)
		}
		return r, err
	})
}

func (c *capture) replies(ctx context.Context, o ownStatus, root string) (int, error) {
	return c.commentPages(ctx, o, "0", func(maxID string) string {
		return fmt.Sprintf("/ajax/statuses/buildComments?flow=1&is_reload=1&id=%s&is_show_bulletin=%d&is_mix=1&fetch_level=1&max_id=%s&count=20&uid=%s&locale=zh-CN",
			root, o.bulletin, maxID, c.uid)
	}, nil)
}

// commentPages walks buildComments pages by max_id (starting at first),
// queueing each comment's pictures and calling each, which may capture
// more and returns how many; it returns the comments counted.
func (c *capture) commentPages(ctx context.Context, o ownStatus, first string, pathFor func(maxID string) string, each func(*wb.Comment) (int, error)) (int, error) {
	n := 0
	maxID, seenIDs := first, map[string]bool{}
	for {
		body, err := c.fetch(ctx, "comments", "weibo.comments", o.mid, pathFor(maxID))
		if err != nil {
			return n, err
		}
		page, err := wb.DecodeComments(body)
		if err != nil {
			return n, err
		}
		for i := range page.Comments {
			cm := &page.Comments[i]
			n++
			c.commentMedia(cm, o.mid)
			if each != nil {
				more, err := each(cm)
				n += more
				if err != nil {
					return n, err
				}
			}
		}
		maxID = string(page.MaxID)
		if maxID == "" || seenIDs[maxID] || len(page.Comments) == 0 {
			return n, nil
		}
		seenIDs[maxID] = true
	}
}

func (c *capture) commentMedia(cm *wb.Comment, postID string) {
	for _, m := range wb.CommentRecord(cm, postID, "").Media {
		c.media("comments", cm.Key(), m.URL, "image", nil)
	}
}

// pagedStatuses walks a page-numbered list of others' statuses (likes,
// favourites) until an empty page, or until stop says so, queueing their
// media.
func (c *capture) pagedStatuses(ctx context.Context, collection, kind string, expected *int64, pathFor func(page int) string,
	decode func([]byte) ([]wb.Status, error), stop func(captured int64) bool) error {
	var captured int64
	var known map[string]bool // after a complete backup: what it had
	n, err := c.s.Paginate(ctx, collection, expected, "1", 1, func(ctx context.Context, cursor string) (exporter.PageResult, error) {
		if known == nil {
			var err error
			if known, err = c.known(collection); err != nil {
				return exporter.PageResult{}, err
			}
		}
		page, _ := strconv.Atoi(cursor)
		body, err := c.fetch(ctx, collection, kind, "", pathFor(max(page, 1)))
		if err != nil {
			return exporter.PageResult{}, err
		}
		list, err := decode(body)
		if err != nil {
			return exporter.PageResult{}, err
		}
		fresh := 0
		for i := range list {
			c.statusMedia(collection, &list[i])
			if !known[list[i].Key()] {
				fresh++
			}
		}
		captured += int64(len(list))
		next := strconv.Itoa(page + 1)
		if len(list) == 0 || (stop != nil && stop(captured)) || (len(known) > 0 && fresh == 0) {
			next = ""
		}
		return exporter.PageResult{Items: len(list), Next: next}, nil
	})
	if err != nil {
		return err
	}
	return c.s.Done(collection, exporter.StopEnd, "", n)
}

// known returns, when the collection refreshes after a complete backup,
// the keys of the statuses the earlier passes captured (the list is
// newest first, so a page of nothing but those is where the new part
// ends); otherwise an empty set.
func (c *capture) known(collection string) (map[string]bool, error) {
	earlier, err := c.s.Since(collection)
	if err != nil || earlier == nil {
		return map[string]bool{}, err
	}
	return earlier.Known(c.s.Store, collection, func(r exporter.RawFile) ([]string, error) {
		var out []string
		for _, st := range statusesOf(r) {
			out = append(out, st.Key())
		}
		return out, nil
	})
}

// likes walks likelist until an empty page: the site gives no count.
func (c *capture) likes(ctx context.Context) error {
	return c.pagedStatuses(ctx, "likes", "weibo.likelist", nil,
		func(page int) string {
			return fmt.Sprintf("/ajax/statuses/likelist?uid=%s&page=%d&with_total=true", c.uid, page)
		},
		func(b []byte) ([]wb.Status, error) {
			tl, err := wb.DecodeTimeline(b)
			if err != nil {
				return nil, err
			}
			return tl.Statuses, nil
		}, nil)
}

// favorites walks all_fav; favorites/tags gives the total.
func (c *capture) favorites(ctx context.Context) error {
	if err := c.onSite(ctx); err != nil {
		return err
	}
	resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: exporter.Request{URL: "/ajax/favorites/tags?page=1&is_show_total=1"},
		Collection: "favorites", Kind: "weibo.favtags"})
	if err != nil {
		return err
	}
	total, err := wb.DecodeFavTotal(resp.Body)
	if err != nil {
		return err
	}
	return c.pagedStatuses(ctx, "favorites", "weibo.favorites", num(total),
		func(page int) string {
			return fmt.Sprintf("/ajax/favorites/all_fav?uid=%s&page=%d&with_total=true", c.uid, page)
		},
		func(b []byte) ([]wb.Status, error) {
			f, err := wb.DecodeFavorites(b)
			if err != nil {
				return nil, err
			}
			out := make([]wb.Status, len(f.Statuses))
			for i := range f.Statuses {
				out[i] = f.Statuses[i].Status
			}
			return out, nil
		},
		func(captured int64) bool { return total.Valid && captured >= total.V })
}

// friends walks a friendships/friends list until next_cursor is 0, and
// returns how many users it holds (this run and earlier ones).
func (c *capture) friends(ctx context.Context, collection string, expected *int64, pathFor func(page int) string) (int64, error) {
	ids := map[string]bool{}
	for _, r := range c.rawUsers(collection) {
		ids[r] = true
	}
	refresh := false // after a complete backup: stop at a page of known users
	started := false
	_, err := c.s.Paginate(ctx, collection, expected, "1", 1, func(ctx context.Context, cursor string) (exporter.PageResult, error) {
		if !started {
			started = true
			earlier, err := c.s.Since(collection)
			if err != nil {
				return exporter.PageResult{}, err
			}
			refresh = earlier != nil
		}
		page, _ := strconv.Atoi(cursor)
		body, err := c.fetch(ctx, collection, "weibo.friends", "", pathFor(max(page, 1)))
		if err != nil {
			return exporter.PageResult{}, err
		}
		f, err := wb.DecodeFriends(body)
		if err != nil {
			return exporter.PageResult{}, err
		}
		fresh := 0
		for i := range f.Users {
			if !ids[f.Users[i].Key()] {
				ids[f.Users[i].Key()] = true
				fresh++
			}
		}
		next := strconv.Itoa(page + 1)
		if f.NextCursor == "" || len(f.Users) == 0 || (refresh && fresh == 0) {
			next = ""
		}
		return exporter.PageResult{Items: len(f.Users), Next: next}, nil
	})
	return int64(len(ids)), err
}

// rawUsers lists the user ids earlier runs captured for a collection.
func (c *capture) rawUsers(collection string) []string {
	raws, _ := c.s.Store.Raws(collection)
	var out []string
	for _, r := range raws {
		if body, err := os.ReadFile(r.Path); err == nil {
			if f, err := wb.DecodeFriends(body); err == nil {
				for i := range f.Users {
					out = append(out, f.Users[i].Key())
				}
			}
		}
	}
	return out
}

func (c *capture) following(ctx context.Context) error {
	info, err := c.counts(ctx)
	if err != nil {
		return err
	}
	n, err := c.friends(ctx, "following", num(info.FriendsCount), func(page int) string {
		return fmt.Sprintf("/ajax/friendships/friends?uid=%s&page=%d", c.uid, page)
	})
	if err != nil {
		return err
	}
	return c.s.Done("following", exporter.StopEnd, "", n)
}

// followers walks the fan list. Weibo lists only so many followers; when
// the list ends short of followers_count, the rest is recorded as a server
// limit, not as missing.
func (c *capture) followers(ctx context.Context) error {
	info, err := c.counts(ctx)
	if err != nil {
		return err
	}
	expected := num(info.FollowersCount)
	n, err := c.friends(ctx, "followers", expected, func(page int) string {
		return fmt.Sprintf("/ajax/friendships/friends?relate=fans&uid=%s&page=%d&type=all&newFollowerCount=0", c.uid, page)
	})
	if err != nil {
		return err
	}
	if expected != nil && n < *expected {
		if err := c.s.ServerLimit("followers", exporter.ServerLimit{Limit: n, Unavailable: *expected - n,
			Reason: fmt.Sprintf("Weibo lists at most %d of your %d followers", n, *expected)}); err != nil {
			return err
		}
		return c.s.Done("followers", exporter.StopServerLimit, fmt.Sprintf("the site lists %d of %d", n, *expected), n)
	}
	return c.s.Done("followers", exporter.StopEnd, "", n)
}

// apps keeps every page of app.weibo.com/my: its HTML, a screenshot, and
// the count the page shows.
func (c *capture) apps(ctx context.Context) error {
	if err := c.s.StartCollection("apps", nil); err != nil {
		return err
	}
	c.page.Lock()
	defer c.page.Unlock()
	next, page := appsURL, 1
	var total int64
	for next != "" {
		loc, err := c.s.Navigate(ctx, next)
		if err != nil {
			return err
		}
		u, err := url.Parse(loc)
		if err != nil || u.Host != "app.weibo.com" {
			return fmt.Errorf("app.weibo.com sent the browser to %s: %w", loc, exporter.ErrNotLoggedIn)
		}
		name, body, err := c.s.Browser.SaveHTML(ctx, c.s.Store, exporter.RawMeta{Kind: "weibo.apps", Collection: "apps", Ref: strconv.Itoa(page)})
		if err != nil {
			return err
		}
		apps, err := wb.ParseApps(body, name)
		if err != nil {
			return err
		}
		if page == 1 && apps.Total.Valid {
			if err := c.s.Expect("apps", apps.Total.V); err != nil {
				return err
			}
		}
		if _, err := c.s.Browser.ScreenshotPage(ctx, c.s.Store, fmt.Sprintf("apps/page-%d", page), 0); err != nil {
			if err := c.gap("apps", "screenshot", strconv.Itoa(page), err); err != nil {
				return err
			}
		}
		total += int64(len(apps.Apps))
		if err := c.s.Page("apps", page, loc, len(apps.Apps)); err != nil {
			return err
		}
		next = ""
		if apps.Next != "" {
			if ref, err := u.Parse(apps.Next); err == nil && ref.Host == "app.weibo.com" {
				next = ref.String()
			}
		}
		page++
	}
	return c.s.Done("apps", exporter.StopEnd, "", total)
}

// sweepMedia queues the media of every raw capture, so files a killed run
// did not get are fetched now (files already in the store are skipped).
func (c *capture) sweepMedia(ctx context.Context) error {
	for _, coll := range []string{"posts", "likes", "favorites"} {
		raws, err := c.s.Store.Raws(coll)
		if err != nil {
			return err
		}
		for _, r := range raws {
			for _, st := range statusesOf(r) {
				c.statusMedia(coll, &st)
			}
		}
	}
	raws, err := c.s.Store.Raws("comments")
	if err != nil {
		return err
	}
	for _, r := range raws {
		body, err := os.ReadFile(r.Path)
		if err != nil {
			continue
		}
		if page, err := wb.DecodeComments(body); err == nil {
			for i := range page.Comments {
				c.commentMedia(&page.Comments[i], r.Meta.Ref)
			}
		}
	}
	return ctx.Err()
}
