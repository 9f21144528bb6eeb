package douyin

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
)

// The API answers each collection keeps.
var (
	rProfile    = route{"www.douyin.com/aweme/v1/web/user/profile/self", "profile", "douyin.profile"}
	rPosts      = route{"www.douyin.com/aweme/v1/web/aweme/post", "posts", "douyin.post"}
	rDetail     = route{"www.douyin.com/aweme/v1/web/aweme/detail", "posts", "douyin.detail"}
	rComments   = route{"www.douyin.com/aweme/v1/web/comment/list", "comments", "douyin.comments"}
	rReplies    = route{"www.douyin.com/aweme/v1/web/comment/list/reply", "comments", "douyin.comments"}
	rLikes      = route{"www.douyin.com/aweme/v1/web/aweme/favorite", "likes", "douyin.favorite"}
	rFavorites  = route{"www.douyin.com/aweme/v1/web/aweme/listcollection", "favorites", "douyin.collection"}
	rFolders    = route{"www.douyin.com/aweme/v1/web/collects/list", "favorites", "douyin.folders"}
	rFolder     = route{"www.douyin.com/aweme/v1/web/collects/video/list", "favorites", "douyin.collection"}
	rMixes      = route{"www.douyin.com/aweme/v1/web/mix/listcollection", "favorites", "douyin.mixes"}
	rMusics     = route{"www.douyin.com/aweme/v1/web/music/listcollection", "favorites", "douyin.musics"}
	rFollowing  = route{"www.douyin.com/aweme/v1/web/user/following/list", "following", "douyin.follow"}
	rFollowers  = route{"www.douyin.com/aweme/v1/web/user/follower/list", "followers", "douyin.follow"}
	rInit       = route{"imapi.douyin.com/v1/message/get_message_by_init", "messages", "douyin.im"}
	rHistory    = route{"imapi.douyin.com/v1/message/get_by_conversation", "messages", "douyin.im"}
	rWallet     = route{"www.douyin.com/webcast/wallet/info", "wallet", "douyin.wallet"}
	listBox     = "[data-e2e=scroll-list]"
	commentBox  = "[data-e2e=comment-list]"
	followBox   = "[data-e2e=follow-list]"
	expandReply = "[class*=comment-reply-expand-btn]"
)

func is(r route) func(exporter.RawFile) bool {
	return func(rf exporter.RawFile) bool { return pathOf(rf) == r.path }
}

// capture is one run's state in one tab.
type capture struct {
	s *exporter.Session
	// b is the tab this capture drives; pace spaces its actions (the
	// session's API pace in the first tab, its own in the chat's).
	b    *exporter.Browser
	pace func(ctx context.Context, n int) error
	uid  string
	self *dy.User // the owner's profile/self: sec_uid and counts
}

// Capture captures the collections in order; see the package comment.
// The messages, which the chat loads from the IM API and not from the
// rate-limited web API, are captured in a second tab at the same time.
func (p *Profile) Capture(ctx context.Context, s *exporter.Session, only []string) error {
	s.SetClassifier(classify)
	// The page puts its msToken and verifyFp cookies into every API URL.
	s.Store.RedactParams(secretParams...)
	c := &capture{s: s, b: s.Browser, pace: s.Pace, uid: s.Store.Info.Account.ID}
	want := map[string]bool{}
	for _, o := range only {
		if !slices.Contains(collections, o) {
			return fmt.Errorf("douyin has no collection %q (it has %s)", o, strings.Join(collections, ", "))
		}
		want[o] = true
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chat := make(chan error, 1)
	if len(want) == 0 || want["messages"] {
		tab, err := s.Browser.NewTab(ctx)
		if err != nil {
			return err
		}
		pacer := s.NewPacer()
		dm := &capture{s: s, b: tab, pace: pacer.WaitN, uid: c.uid}
		go func() {
			err := dm.run(ctx, "messages")
			tab.Close()
			chat <- err
		}()
	} else {
		chat <- nil
	}
	var err error
	for _, name := range collections {
		if name == "messages" || (len(want) > 0 && !want[name]) {
			continue
		}
		if err = c.run(ctx, name); err != nil {
			cancel()
			break
		}
	}
	if cerr := <-chat; err == nil && cerr != nil {
		return cerr
	}
	if err != nil {
		return err
	}
	return c.sweepMedia(ctx)
}

// run runs one collection's step, again while it asks to be.
func (c *capture) run(ctx context.Context, name string) error {
	steps := map[string]func(context.Context, int) error{
		"profile": c.profile, "posts": c.posts, "comments": c.comments, "likes": c.likes, "favorites": c.favorites,
		"following": c.following, "followers": c.followers, "messages": c.messages, "wallet": c.wallet,
	}
	for attempt := 0; ; attempt++ {
		before := c.progress(name)
		err := steps[name](ctx, attempt)
		if errors.Is(err, exporter.ErrCaptcha) && !errors.Is(err, errSolve) {
			// A verification met by a request of farewell's own (not
			// a list the page drives): the same wait, or the same
			// advice, as there.
			err = captcha(ctx, c.s, c.b)
		}
		if errors.Is(err, exporter.ErrPageChanged) {
			// The page went elsewhere under the step: to the
			// verification page, or it reloaded itself.
			err = c.pageChanged(ctx, err, attempt)
		}
		if errors.Is(err, errAgain) && attempt < 6 {
			if c.progress(name) > before {
				// The step got further before it met trouble: the
				// trouble is new, and so are its attempts.
				attempt = -1
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("douyin %s: %w", name, err)
		}
		return nil
	}
}

// navigate loads a page in the capture's tab. A page load makes the page
// send requests API requests at once, so it is paced as that many.
func (c *capture) navigate(ctx context.Context, page string, requests int) (string, error) {
	if c.b == c.s.Browser {
		return c.s.Open(ctx, page, requests)
	}
	if err := c.s.Pace(ctx, requests); err != nil {
		return "", err
	}
	return c.b.Navigate(ctx, page)
}

// pageChanged looks at where the page went when it changed under a
// step: the verification page is met as such; anything else runs the
// step again after a pause.
func (c *capture) pageChanged(ctx context.Context, err error, attempt int) error {
	title, terr := exporter.Eval[string](ctx, c.b, `document.title`, 10*time.Second)
	if terr != nil && !errors.Is(terr, exporter.ErrPageChanged) {
		return terr
	}
	if strings.Contains(title, "验证码") {
		return captcha(ctx, c.s, c.b)
	}
	return c.again(ctx, attempt, err.Error())
}

// progress is how many pages the journal holds for a collection in the
// current pass: a step that is run again continues after them.
func (c *capture) progress(collection string) int {
	st, err := c.s.State(collection)
	if err != nil || st == nil {
		return 0
	}
	return st.Pages
}

// fatal reports whether an error ends the run rather than a gap.
func fatal(err error) bool {
	return errors.Is(err, exporter.ErrNotLoggedIn) || errors.Is(err, exporter.ErrCaptcha) || errors.Is(err, errAgain) ||
		errors.Is(err, exporter.ErrBrowserGone) || errors.Is(err, exporter.ErrStorage) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// gap records a failure that is not fatal, or returns the fatal one.
func (c *capture) gap(collection, kind, ref string, err error) error {
	if fatal(err) {
		return err
	}
	return c.s.Gap(collection, exporter.Gap{Kind: kind, Ref: ref, Detail: err.Error()})
}

func one() *int64 { v := int64(1); return &v }

// counts returns the owner's profile/self: from this run's profile
// capture, else from the store's latest, else asked from the page.
func (c *capture) counts(ctx context.Context) (*dy.User, error) {
	if c.self != nil {
		return c.self, nil
	}
	if raws, err := c.s.Store.Raws("profile"); err == nil {
		for i := len(raws) - 1; i >= 0; i-- {
			if body, err := raws[i].Read(); err == nil {
				if u, err := dy.DecodeProfile(body); err == nil {
					c.self = u
					return u, nil
				}
			}
		}
	}
	if err := onSite(ctx, c.s); err != nil {
		return nil, err
	}
	resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: exporter.Request{URL: "/aweme/v1/web/user/profile/self/?" + common}})
	if err != nil {
		return nil, err
	}
	u, err := dy.DecodeProfile(resp.Body)
	if err != nil {
		return nil, err
	}
	c.self = u
	return u, nil
}

// userReady waits until the profile page has shown the owner (its
// profile/self answered), or says why it did not.
func (c *capture) userReady(ctx context.Context, w *exporter.Watcher, attempt int) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		state, err := exporter.Eval[string](ctx, c.b, `document.title.includes('验证码') ? 'captcha' :
			document.querySelector('[data-e2e=login-wall]') ? 'out' : document.querySelector('[data-e2e=user-info-follow]') ? 'ok' :
			document.querySelector('[data-e2e=load-error]') ? 'failed' : ''`, 10*time.Second)
		if err != nil {
			return err
		}
		switch state {
		case "ok":
			return nil
		case "out":
			return fmt.Errorf("the profile page asks to log in: %w", exporter.ErrNotLoggedIn)
		case "captcha":
			return captcha(ctx, c.s, c.b)
		}
		if state == "failed" {
			break
		}
		if b := w.Broken(); b != "" {
			return c.again(ctx, attempt, "the page's code did not load: "+b)
		}
		if err := exporter.Sleep(ctx, 200*time.Millisecond); err != nil {
			return err
		}
	}
	// profile/self was refused (throttled) or never came: wait, then load
	// the page again.
	if err := c.s.Throttled(ctx, attempt, "the profile page did not load"); err != nil {
		return err
	}
	return errAgain
}

// single starts a collection of one item (the profile, the wallet) and
// opens the profile page, watching for the route that holds it.
func (c *capture) single(ctx context.Context, collection string, r route) (*exporter.Watcher, error) {
	if err := c.s.StartCollection(collection, one()); err != nil {
		return nil, err
	}
	return c.open(ctx, userPage+"post", 2, r)
}

// profile opens the profile page, keeps its profile/self answer, and
// screenshots the page.
func (c *capture) profile(ctx context.Context, attempt int) error {
	w, err := c.single(ctx, "profile", rProfile)
	if err != nil {
		return err
	}
	defer c.stop(w)
	rf, body, err := c.answer(ctx, w, 0, is(rProfile), attempt)
	if err != nil {
		return err
	}
	u, err := dy.DecodeProfile(body)
	if err != nil {
		return fmt.Errorf("%s: %w", rf.Name, err)
	}
	c.self = u
	if a := u.Avatar(); a != "" {
		c.media("profile", c.uid, record.Media{Type: record.MediaImage, URL: a}, "")
	}
	if err := c.userReady(ctx, w, attempt); err != nil {
		return err
	}
	if err := exporter.Sleep(ctx, time.Second); err != nil { // let pictures arrive
		return err
	}
	tiles, err := c.b.ScreenshotPage(ctx, c.s.Store, "profile", 0)
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

// works reads a page of works, counts the ones not seen before (own
// works only, when own), and queues their media.
func (c *capture) works(collection string, seen map[string]bool, own bool) func(exporter.RawFile, []byte) (int, bool, error) {
	return func(rf exporter.RawFile, body []byte) (int, bool, error) {
		l, err := dy.DecodeAwemeList(body)
		if err != nil {
			return 0, false, err
		}
		n := 0
		for i := range l.Awemes {
			a := &l.Awemes[i]
			if own && a.AuthorID() != c.uid {
				continue
			}
			if !seen[string(a.AwemeID)] {
				seen[string(a.AwemeID)] = true
				n++
			}
			c.workMedia(collection, a)
		}
		return n, bool(l.HasMore), nil
	}
}

// pages wraps a page reader so that each page is journalled. known, when
// not nil, holds the keys of what a complete earlier backup captured
// (see begin): the lists are newest first, so a page that brings no key
// outside it ends the list.
func (c *capture) pages(collection string, known map[string]bool, read func(exporter.RawFile, []byte) (int, bool, error)) func(exporter.RawFile, []byte) (int, bool, error) {
	n := 0
	return func(rf exporter.RawFile, body []byte) (int, bool, error) {
		items, more, err := read(rf, body)
		if err != nil {
			return items, more, err
		}
		if known != nil && more {
			fresh := false
			for _, k := range keysIn(rf, body) {
				if !known[k] {
					known[k], fresh = true, true
				}
			}
			more = fresh
		}
		n++
		return items, more, c.s.Page(collection, n, "", items)
	}
}

// begin starts a pass of a list collection. After a complete earlier
// backup it returns the keys of what that backup captured, so that the
// pass stops at the first page without anything new; otherwise nil (the
// whole list is walked).
func (c *capture) begin(collection string, expected *int64) (map[string]bool, error) {
	if err := c.s.StartCollection(collection, expected); err != nil {
		return nil, err
	}
	earlier, err := c.s.Since(collection)
	if err != nil || earlier == nil {
		return nil, err
	}
	known, err := earlier.Known(c.s.Store, collection, func(rf exporter.RawFile) ([]string, error) {
		body, err := rf.Read()
		if err != nil {
			return nil, err
		}
		return keysIn(rf, body), nil
	})
	if err != nil {
		return nil, err
	}
	c.s.Progress.Notef("%s: looking for what is new since the earlier backup (--full walks everything again)", collection)
	return known, nil
}

// counted starts the set a list counts its items in (the whole list,
// earlier backups included) from the keys begin returned: those with the
// prefix, without it ("": the unqualified keys).
func counted(known map[string]bool, prefix string) map[string]bool {
	seen := map[string]bool{}
	for k := range known {
		switch {
		case prefix != "" && strings.HasPrefix(k, prefix):
			seen[strings.TrimPrefix(k, prefix)] = true
		case prefix == "" && !strings.HasPrefix(k, "user:") && !strings.HasPrefix(k, "folder:"):
			seen[k] = true
		}
	}
	return seen
}

// keysIn returns the keys of the items of one list page: works, users,
// mixes, music, and a folder's works qualified by the folder (a work new
// to a folder is new there).
func keysIn(rf exporter.RawFile, body []byte) []string {
	var out []string
	switch pathOf(rf) {
	case rMixes.path:
		if m, err := dy.DecodeMixes(body); err == nil {
			for i := range m.List {
				out = append(out, "mix:"+string(m.List[i].MixID))
			}
		}
	case rMusics.path:
		if m, err := dy.DecodeMusics(body); err == nil {
			for i := range m.List {
				out = append(out, "music:"+m.List[i].Key())
			}
		}
	case rFollowing.path, rFollowers.path:
		if f, err := dy.DecodeFollow(body); err == nil {
			for _, u := range f.Users() {
				out = append(out, "user:"+string(u.UID))
			}
		}
	case rFolder.path:
		folder := ""
		if u, err := url.Parse(rf.Meta.URL); err == nil {
			folder = u.Query().Get("collects_id")
		}
		for _, a := range awemesIn(rf, body) {
			out = append(out, "folder:"+folder+":"+string(a.AwemeID))
		}
	default:
		for _, a := range awemesIn(rf, body) {
			out = append(out, string(a.AwemeID))
		}
	}
	return out
}

// worksTab scrolls one tab of the profile page (works, likes) to its end.
func (c *capture) worksTab(ctx context.Context, attempt int, collection, tab string, r route, expected *int64, own bool) error {
	known, err := c.begin(collection, expected)
	if err != nil {
		return err
	}
	w, err := c.open(ctx, userPage+tab, 2, r)
	if err != nil {
		return err
	}
	defer c.stop(w)
	if err := c.userReady(ctx, w, attempt); err != nil {
		return err
	}
	seen := counted(known, "")
	ended, err := c.drive(ctx, &list{w: w, want: is(r), page: c.pages(collection, known, c.works(collection, seen, own)), next: scrollEnd(listBox), patience: 8})
	if err != nil {
		return err
	}
	detail := ""
	if !ended {
		detail = "the list stopped growing but never said it ended"
	}
	return c.s.Done(collection, exporter.StopEnd, detail, int64(len(seen)))
}

func (c *capture) posts(ctx context.Context, attempt int) error {
	u, err := c.counts(ctx)
	if err != nil {
		return err
	}
	return c.worksTab(ctx, attempt, "posts", "post", rPosts, u.AwemeCount.Ptr(), true)
}

func (c *capture) likes(ctx context.Context, attempt int) error {
	u, err := c.counts(ctx)
	if err != nil {
		return err
	}
	return c.worksTab(ctx, attempt, "likes", "like", rLikes, u.FavoritingCount.Ptr(), false)
}

// favorites walks the 收藏 tab: its videos (listcollection), each
// folder's works, the series and the music.
func (c *capture) favorites(ctx context.Context, attempt int) error {
	known, err := c.begin("favorites", nil)
	if err != nil {
		return err
	}
	w, err := c.open(ctx, userPage+"favorite_collection", 2, rFavorites, rFolders, rFolder, rMixes, rMusics)
	if err != nil {
		return err
	}
	defer c.stop(w)
	if err := c.userReady(ctx, w, attempt); err != nil {
		return err
	}
	seen := counted(known, "")
	read := c.pages("favorites", known, func(rf exporter.RawFile, body []byte) (int, bool, error) {
		var n int
		var more bool
		switch pathOf(rf) {
		case rMixes.path:
			m, err := dy.DecodeMixes(body)
			if err != nil {
				return 0, false, err
			}
			for i := range m.List {
				if id := "mix:" + string(m.List[i].MixID); !seen[id] {
					seen[id] = true
					n++
				}
				if u := m.List[i].CoverURL.First(); u != "" {
					c.media("favorites", string(m.List[i].MixID), record.Media{Type: record.MediaCover, URL: u}, "")
				}
			}
			more = bool(m.HasMore)
		case rMusics.path:
			m, err := dy.DecodeMusics(body)
			if err != nil {
				return 0, false, err
			}
			for i := range m.List {
				if id := "music:" + m.List[i].Key(); !seen[id] {
					seen[id] = true
					n++
				}
				if u := m.List[i].PlayURL.First(); u != "" {
					c.media("favorites", m.List[i].Key(), record.Media{Type: record.MediaAudio, URL: u}, "")
				}
			}
			more = bool(m.HasMore)
		default:
			return c.works("favorites", seen, false)(rf, body)
		}
		return n, more, nil
	})
	sub := func(r route, open string) (bool, error) {
		from := len(w.Saved())
		if open != "" {
			if err := c.act(ctx, w, open); err != nil {
				return false, err
			}
		}
		return c.drive(ctx, &list{w: w, from: from, want: is(r), page: read, next: scrollEnd(listBox), patience: 5})
	}
	var short []string
	if ended, err := sub(rFavorites, ""); err != nil {
		return err
	} else if !ended {
		short = append(short, "videos")
	}
	// Folders: the list of them, then each one's works.
	from := len(w.Saved())
	if err := c.act(ctx, w, click("[data-e2e=favorite-tab-folder]", 0)); err != nil {
		return err
	}
	rf, body, err := c.answer(ctx, w, from, is(rFolders), attempt)
	if err != nil {
		return err
	}
	folders, err := dy.DecodeFolders(body)
	if err != nil {
		return fmt.Errorf("%s: %w", rf.Name, err)
	}
	if err := exporter.Sleep(ctx, 300*time.Millisecond); err != nil { // let the folder cards render
		return err
	}
	for i := range folders.List {
		f := &folders.List[i]
		inFolder := func(rf exporter.RawFile) bool {
			u, err := url.Parse(rf.Meta.URL)
			return err == nil && pathOf(rf) == rFolder.path && u.Query().Get("collects_id") == f.Key()
		}
		from := len(w.Saved())
		if err := c.act(ctx, w, click("[data-e2e=collects-folder]", i)); err != nil {
			return err
		}
		ended, err := c.drive(ctx, &list{w: w, from: from, want: inFolder, page: read, next: scrollEnd(listBox), patience: 5})
		if err != nil {
			return err
		}
		if !ended {
			short = append(short, "folder "+f.Name)
		}
		from = len(w.Saved())
		if err := c.act(ctx, w, click("[data-e2e=collects-back]", 0)); err != nil {
			return err
		}
		if _, _, err := c.answer(ctx, w, from, is(rFolders), attempt); err != nil {
			return err
		}
		if err := exporter.Sleep(ctx, 300*time.Millisecond); err != nil {
			return err
		}
	}
	for _, tab := range []struct {
		r    route
		name string
	}{{rMixes, "mix"}, {rMusics, "music"}} {
		ended, err := sub(tab.r, click("[data-e2e=favorite-tab-"+tab.name+"]", 0))
		if err != nil {
			return err
		}
		if !ended {
			short = append(short, tab.name)
		}
	}
	detail := ""
	if len(short) > 0 {
		detail = "stopped growing without saying it ended: " + strings.Join(short, ", ")
	}
	return c.s.Done("favorites", exporter.StopEnd, detail, int64(len(seen)))
}

// follows scrolls one follow dialog of the profile page to its end and
// returns how many users it held.
func (c *capture) follows(ctx context.Context, attempt int, collection, opener string, r route, expected *int64) (int64, bool, error) {
	known, err := c.begin(collection, expected)
	if err != nil {
		return 0, false, err
	}
	w, err := c.open(ctx, userPage+"post", 2, r)
	if err != nil {
		return 0, false, err
	}
	defer c.stop(w)
	if err := c.userReady(ctx, w, attempt); err != nil {
		return 0, false, err
	}
	if err := c.act(ctx, w, click(opener, 0)); err != nil {
		return 0, false, err
	}
	seen := counted(known, "user:")
	ended, err := c.drive(ctx, &list{w: w, want: is(r), next: scrollEnd(followBox), patience: 5,
		page: c.pages(collection, known, func(_ exporter.RawFile, body []byte) (int, bool, error) {
			f, err := dy.DecodeFollow(body)
			if err != nil {
				return 0, false, err
			}
			n := 0
			for _, u := range f.Users() {
				if !seen[string(u.UID)] {
					seen[string(u.UID)] = true
					n++
				}
			}
			return n, bool(f.HasMore), nil
		})})
	return int64(len(seen)), ended, err
}

func (c *capture) following(ctx context.Context, attempt int) error {
	u, err := c.counts(ctx)
	if err != nil {
		return err
	}
	n, ended, err := c.follows(ctx, attempt, "following", "[data-e2e=user-info-follow]", rFollowing, u.FollowingCount.Ptr())
	if err != nil {
		return err
	}
	return c.s.Done("following", exporter.StopEnd, map[bool]string{true: "", false: "the list stopped growing"}[ended], n)
}

// followers scrolls the 粉丝 dialog. Douyin lists only so many followers;
// when the list ends short of follower_count, the rest is recorded as a
// server limit, not as missing.
func (c *capture) followers(ctx context.Context, attempt int) error {
	u, err := c.counts(ctx)
	if err != nil {
		return err
	}
	expected := u.FollowerCount.Ptr()
	n, ended, err := c.follows(ctx, attempt, "followers", "[data-e2e=user-info-fans]", rFollowers, expected)
	if err != nil {
		return err
	}
	if ended && expected != nil && n < *expected {
		if err := c.s.ServerLimit("followers", exporter.ServerLimit{Limit: n, Unavailable: *expected - n,
			Reason: fmt.Sprintf("Douyin lists %d of your %d followers", n, *expected)}); err != nil {
			return err
		}
		return c.s.Done("followers", exporter.StopServerLimit, fmt.Sprintf("the site lists %d of %d", n, *expected), n)
	}
	return c.s.Done("followers", exporter.StopEnd, "", n)
}

// wallet opens the wallet from the profile page, keeps its balance and
// screenshots it.
func (c *capture) wallet(ctx context.Context, attempt int) error {
	w, err := c.single(ctx, "wallet", rWallet)
	if err != nil {
		return err
	}
	defer c.stop(w)
	if err := c.userReady(ctx, w, attempt); err != nil {
		return err
	}
	if err := c.act(ctx, w, click("[data-e2e=wallet-entry]", 0)); err != nil {
		return err
	}
	if _, _, err := c.answer(ctx, w, 0, is(rWallet), attempt); err != nil {
		return err
	}
	if err := c.b.WaitFor(ctx, `!!document.querySelector('[data-e2e=wallet-panel] [data-e2e=wallet-diamond]')`, 10*time.Second); err != nil {
		return err
	}
	if _, err := c.b.ScreenshotElement(ctx, c.s.Store, "wallet/0001.png", "[data-e2e=wallet-panel]"); err != nil {
		if err := c.gap("wallet", "screenshot", "", err); err != nil {
			return err
		}
	}
	if err := c.s.Page("wallet", 1, "", 1); err != nil {
		return err
	}
	return c.s.Done("wallet", exporter.StopEnd, "", 1)
}

// ownWork is what the comments pass needs of an own work.
type ownWork struct {
	id       string
	photo    bool
	comments int64
	created  int64
}

// ownWorks reads the own works from the raw posts captures, newest first,
// with their latest comment counts.
func (c *capture) ownWorks() ([]ownWork, error) {
	raws, err := c.s.Store.Raws("posts")
	if err != nil {
		return nil, err
	}
	byID := map[string]ownWork{}
	for _, rf := range raws {
		for _, a := range awemesOf(rf) {
			if a.AuthorID() != c.uid {
				continue
			}
			byID[string(a.AwemeID)] = ownWork{id: string(a.AwemeID), photo: a.IsPhotoPost(), comments: a.CommentCount(), created: a.CreateTime.V}
		}
	}
	out := make([]ownWork, 0, len(byID))
	for _, w := range byID {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].created != out[j].created {
			return out[i].created > out[j].created
		}
		return out[i].id > out[j].id
	})
	return out, nil
}

// awemesOf decodes the works of one raw capture (a list page or a detail).
func awemesOf(rf exporter.RawFile) []dy.Aweme {
	body, err := rf.Read()
	if err != nil {
		return nil
	}
	return awemesIn(rf, body)
}

// awemesIn is awemesOf for a body already read.
func awemesIn(rf exporter.RawFile, body []byte) []dy.Aweme {
	switch rf.Meta.Kind {
	case "douyin.post", "douyin.favorite", "douyin.collection":
		if l, err := dy.DecodeAwemeList(body); err == nil {
			return l.Awemes
		}
	case "douyin.detail":
		if d, err := dy.DecodeDetail(body); err == nil && d.Aweme != nil {
			return []dy.Aweme{*d.Aweme}
		}
	}
	return nil
}

// comments opens each own work that has comments, scrolls its comment
// pane and opens every reply thread. The journal cursor is the id of the
// last work done; works are taken newest first.
func (c *capture) comments(ctx context.Context, attempt int) error {
	own, err := c.ownWorks()
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
	after, pages := "", 0
	var total, withheld, cap int64
	if prev != nil {
		after, pages = prev.Cursor, prev.Pages
		if l := prev.ServerLimit; l != nil { // works an earlier run found capped
			withheld, cap = l.Unavailable, l.Limit
		}
	}
	limit := func() exporter.ServerLimit {
		return exporter.ServerLimit{Limit: cap, Unavailable: withheld,
			Reason: fmt.Sprintf("Douyin lists at most %d top-level comments of a work", cap)}
	}
	earlier, err := c.s.Since("comments")
	if err != nil {
		return err
	}
	skipped := 0
	for _, o := range own {
		if after != "" {
			if o.id == after {
				after = ""
			}
			continue
		}
		if o.comments <= 0 {
			continue
		}
		// A work's comments are taken again only when its comment count
		// changed since a complete earlier pass took them; what the
		// site withheld then is still withheld.
		if earlier != nil {
			if w, cp, ok := unchanged(earlier.Versions[o.id], o.comments); ok {
				skipped++
				if w > 0 {
					withheld += w
					cap = max(cap, cp)
					if err := c.s.ServerLimit("comments", limit()); err != nil {
						return err
					}
				}
				continue
			}
		}
		got, capped, err := c.workCommentsRetried(ctx, o, attempt)
		var kept int64 // comments the site withheld from this work
		switch {
		case err != nil:
			if err := c.gap("comments", "comments", o.id, err); err != nil {
				return err
			}
		case capped > 0:
			kept = o.comments - got
			withheld += kept
			cap = max(cap, capped)
			if err := c.s.ServerLimit("comments", limit()); err != nil {
				return err
			}
		case got < o.comments:
			if err := c.gap("comments", "comments", o.id, fmt.Errorf("captured %d of the work's %d comments", got, o.comments)); err != nil {
				return err
			}
		}
		pages++
		total += got
		if err := c.s.PageVersion("comments", pages, o.id, int(got), fmt.Sprintf("%d/%d/%d", o.comments, kept, capped)); err != nil {
			return err
		}
	}
	if skipped > 0 {
		c.s.Progress.Notef("comments: %d work(s) unchanged since the earlier backup", skipped)
	}
	if withheld > 0 {
		return c.s.Done("comments", exporter.StopServerLimit, fmt.Sprintf("%d comment(s) behind the site's cap", withheld), total)
	}
	return c.s.Done("comments", exporter.StopEnd, "", total)
}

// unchanged reads the version a work's comments were recorded with
// ("count/withheld/cap") and reports whether the work still has that
// many comments, with what the site withheld then.
func unchanged(version string, count int64) (withheld, capped int64, ok bool) {
	var was int64
	if n, err := fmt.Sscanf(version, "%d/%d/%d", &was, &withheld, &capped); err != nil || n != 3 || was != count {
		return 0, 0, false
	}
	return withheld, capped, true
}

// workCommentsRetried is workComments, tried again (after a pause) when a
// failed answer left the pane short; a work still short after three tries
// becomes a gap.
func (c *capture) workCommentsRetried(ctx context.Context, o ownWork, attempt int) (int64, int64, error) {
	for try := 0; ; try++ {
		got, capped, err := c.workComments(ctx, o, attempt)
		short := err == nil && capped == 0 && got < o.comments
		if (err == nil && !short) || fatal(err) || try == 2 {
			return got, capped, err
		}
		why := fmt.Sprint(err)
		if short {
			why = fmt.Sprintf("%d of %d comments", got, o.comments)
		}
		c.s.Progress.Notef("comments of work %s: %s: trying again", o.id, why)
		if err := exporter.Sleep(ctx, time.Duration(2<<try)*time.Second); err != nil {
			return got, capped, err
		}
	}
}

// workComments captures one work's comments: the pane scrolled to its
// end, then every 展开 clicked until none is left. It returns how many
// comments and replies it saw, and the number of top-level comments the
// site stopped at when it listed fewer than its total (0 if not).
func (c *capture) workComments(ctx context.Context, o ownWork, attempt int) (int64, int64, error) {
	page := origin + "/video/" + o.id
	if o.photo {
		page = origin + "/note/" + o.id
	}
	w, err := c.open(ctx, page, 2, rComments, rReplies, rDetail)
	if err != nil {
		return 0, 0, err
	}
	defer c.stop(w)
	seen := map[string]bool{}
	var tops, total int64
	read := func(rf exporter.RawFile, body []byte) (int, bool, error) {
		cs, err := dy.DecodeComments(body)
		if err != nil {
			return 0, false, err
		}
		n := 0
		for i := range cs.Comments {
			cm := &cs.Comments[i]
			if !seen[string(cm.CID)] {
				seen[string(cm.CID)] = true
				n++
				if pathOf(rf) == rComments.path {
					tops++
				}
			}
			for _, m := range dy.CommentRecord(cm, o.id, "").Media {
				c.media("comments", string(cm.CID), m, "")
			}
		}
		if pathOf(rf) == rComments.path {
			total = cs.Total.V
			return n, bool(cs.HasMore), nil
		}
		return n, true, nil
	}
	ended, err := c.drive(ctx, &list{w: w, want: is(rComments), page: read, next: scrollEnd(commentBox), patience: 5})
	if err != nil {
		return int64(len(seen)), 0, err
	}
	if !ended {
		return int64(len(seen)), 0, errors.New("the comment pane stopped growing but never said it ended")
	}
	none := fmt.Sprintf(`document.querySelectorAll(%q).length === 0`, expandReply)
	if _, err := c.drive(ctx, &list{w: w, want: is(rReplies), page: read, next: click(expandReply, 0), ask: true, done: none, patience: 5}); err != nil {
		return int64(len(seen)), 0, err
	}
	if left, err := exporter.Eval[bool](ctx, c.b, none, 10*time.Second); err != nil {
		return int64(len(seen)), 0, err
	} else if !left {
		return int64(len(seen)), 0, errors.New("some reply threads would not open")
	}
	var capped int64
	if total > tops {
		capped = tops
	}
	return int64(len(seen)), capped, nil
}

// media queues one file; videos get a resolver that asks aweme/detail for
// a fresh link when theirs has expired.
func (c *capture) media(collection, ref string, m record.Media, awemeID string) {
	key := MediaKey(m.URL)
	if key == "" {
		return
	}
	kind := "image"
	switch m.Type {
	case record.MediaVideo:
		kind = "video"
	case record.MediaAudio:
		kind = "audio"
	}
	req := exporter.MediaRequest{Key: key, URL: m.URL, Referer: referer, Kind: kind, Collection: collection, Ref: ref}
	if kind == "video" && awemeID != "" {
		req.Resolve = func(ctx context.Context) (string, error) { return c.resolve(ctx, awemeID, key) }
	}
	c.s.Media.Add(req)
}

// workMedia queues a work's files: the best clean stream and its cover,
// or the photo post's pictures and live-photo motions, and its music.
func (c *capture) workMedia(collection string, a *dy.Aweme) {
	id := string(a.AwemeID)
	for _, m := range a.Media() {
		c.media(collection, id, m, id)
		if m.Motion != nil {
			c.media(collection, id, *m.Motion, id)
		}
	}
}

// resolve fetches a work's detail from inside the page (signed by the
// page) and returns the fresh link of the stream with key.
func (c *capture) resolve(ctx context.Context, awemeID, key string) (string, error) {
	if err := onSite(ctx, c.s); err != nil {
		return "", err
	}
	resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: exporter.Request{URL: "/aweme/v1/web/aweme/detail/?" + common + "&aweme_id=" + awemeID},
		Collection: "posts", Kind: "douyin.detail", Ref: awemeID})
	if err != nil {
		return "", err
	}
	d, err := dy.DecodeDetail(resp.Body)
	if err != nil {
		return "", err
	}
	if d.Aweme == nil {
		return "", fmt.Errorf("the work is gone (%s)", d.Filter.FilterReason)
	}
	for _, m := range d.Aweme.Media() {
		for _, x := range []*record.Media{&m, m.Motion} {
			if x != nil && MediaKey(x.URL) == key {
				return x.URL, nil
			}
		}
	}
	return "", fmt.Errorf("aweme/detail of %s has the stream no more", awemeID)
}

// sweepMedia queues the media of every raw capture, so files a killed run
// did not get are fetched now (files already in the store are skipped).
func (c *capture) sweepMedia(ctx context.Context) error {
	for _, coll := range []string{"posts", "likes", "favorites"} {
		raws, err := c.s.Store.Raws(coll)
		if err != nil {
			return err
		}
		for _, rf := range raws {
			for _, a := range awemesOf(rf) {
				if coll == "posts" && a.AuthorID() != c.uid {
					continue
				}
				c.workMedia(coll, &a)
			}
			body, err := rf.Read()
			if err != nil {
				continue
			}
			switch rf.Meta.Kind {
			case "douyin.mixes":
				if m, err := dy.DecodeMixes(body); err == nil {
					for i := range m.List {
						if u := m.List[i].CoverURL.First(); u != "" {
							c.media(coll, string(m.List[i].MixID), record.Media{Type: record.MediaCover, URL: u}, "")
						}
					}
				}
			case "douyin.musics":
				if m, err := dy.DecodeMusics(body); err == nil {
					for i := range m.List {
						if u := m.List[i].PlayURL.First(); u != "" {
							c.media(coll, m.List[i].Key(), record.Media{Type: record.MediaAudio, URL: u}, "")
						}
					}
				}
			}
		}
	}
	raws, err := c.s.Store.Raws("comments")
	if err != nil {
		return err
	}
	for _, rf := range raws {
		body, err := rf.Read()
		if err != nil {
			continue
		}
		if cs, err := dy.DecodeComments(body); err == nil {
			for i := range cs.Comments {
				for _, m := range dy.CommentRecord(&cs.Comments[i], "", "").Media {
					c.media("comments", string(cs.Comments[i].CID), m, "")
				}
			}
		}
	}
	if u, err := c.counts(ctx); err == nil && u.Avatar() != "" {
		c.media("profile", c.uid, record.Media{Type: record.MediaImage, URL: u.Avatar()}, "")
	}
	return ctx.Err()
}
