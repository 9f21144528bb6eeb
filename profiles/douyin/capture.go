package douyin

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles"
)

// capture is one run's state in one tab.
type capture struct {
	s    *exporter.Session
	t    *exporter.Tab // the tab this capture drives
	uid  string
	self *dy.User // the owner's profile/self: sec_uid and counts
	sec  string   // the owner's sec_uid, once known: their page's address
	// ended holds the favourites' tabs and folders read to their end in
	// this run: when the step runs again (a refusal on another tab), they
	// are not walked again; their pages are kept already.
	ended map[string]bool
}

// userInfoJS reads the sec_uid the 2026 build keeps in
// localStorage.user_info (its uid is the sec_uid: creatorhub a22a4be).
const userInfoJS = `(() => { try { const u = JSON.parse(localStorage.getItem('user_info') || 'null'); return u ? String(u.secUid || u.sec_uid || u.uid || '') : ''; } catch (e) { return ''; } })()`

// userPage is the address of a tab of the owner's page: /user/<sec_uid>,
// since /user/self may lead to the feed instead (§D2: creatorhub
// 58ba3315). The sec_uid comes from the page's localStorage.user_info,
// else from profile/self; /user/self is the last resort.
func (c *capture) userPage(ctx context.Context, tab string) (string, error) {
	if c.sec == "" {
		if err := onSite(ctx, c.s); err != nil {
			return "", err
		}
		if sec, err := exporter.Eval[string](ctx, c.t.B, userInfoJS, 10*time.Second); err == nil && strings.HasPrefix(sec, "MS4") {
			c.sec = sec
		} else if exporter.Fatal(ctx, err) {
			return "", err
		}
	}
	if c.sec == "" {
		if u, err := c.counts(ctx); err == nil && u.SecUID != "" {
			c.sec = u.SecUID
		} else if exporter.Fatal(ctx, err) {
			return "", err
		}
	}
	if c.sec == "" {
		return origin + "/user/self?showTab=" + tab, nil
	}
	return origin + "/user/" + url.PathEscape(c.sec) + "?showTab=" + tab, nil
}

// Capture captures the collections in order, each as a step of its own
// (a step that fails is recorded and the run goes on); see the package
// comment. The messages, which the chat loads from the IM API and not
// from the rate-limited web API, are captured in a second tab at the
// same time.
func (p *Profile) Capture(ctx context.Context, s *exporter.Session, only []exporter.Collection) error {
	want, err := profiles.Want(p, only)
	if err != nil {
		return err
	}
	s.SetClassifier(classify)
	// The page puts its msToken and verifyFp cookies into every API URL.
	s.Store.RedactParams(secretParams...)
	tab, err := s.Tab(site())
	if err != nil {
		return err
	}
	defer tab.Close()
	c := &capture{s: s, t: tab, uid: s.Store.Info.Account.ID}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chat := make(chan error, 1)
	if want[cMessages] {
		dmTab, err := s.NewTab(ctx, site())
		if err != nil {
			return err
		}
		dm := &capture{s: s, t: dmTab, uid: c.uid}
		go func() {
			err := s.RunStep(ctx, cMessages, dmTab, dm.messages)
			dmTab.Close()
			chat <- err
		}()
	} else {
		chat <- nil
	}
	steps := map[exporter.Collection]func(context.Context) error{
		cProfile: c.profile, cPosts: c.posts, cComments: c.comments, cLikes: c.likes, cFavorites: c.favorites,
		cFollowing: c.following, cFollowers: c.followers, cWallet: c.wallet,
		cViewed: c.history, cWatchLater: c.watchLater, cNotifications: c.notifications, cSeries: c.series, cSounds: c.sounds,
	}
	for _, name := range collections {
		if name == cMessages || !want[name] {
			continue
		}
		if err = s.RunStep(ctx, name, tab, steps[name]); err != nil {
			cancel()
			break
		}
	}
	if cerr := <-chat; err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return c.sweepMedia(ctx)
}

func one() *int64 { v := int64(1); return &v }

// counts returns the owner's profile/self: from this run's profile
// capture, else from the store's latest, else asked from the page.
func (c *capture) counts(ctx context.Context) (*dy.User, error) {
	if c.self != nil {
		return c.self, nil
	}
	if raws, err := c.s.Store.Raws(cProfile); err == nil {
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
// profile/self answered), or says why it did not: the site stopped it,
// or the page did not load what it shows (the step runs again after a
// pause).
func (c *capture) userReady(ctx context.Context, v *exporter.View) error {
	return v.Await(ctx, ownerShown, 30*time.Second)
}

// single starts a collection of one item (the profile, the wallet) and
// opens page, which asks for requests answers as it loads, watching for
// the route that holds the item.
func (c *capture) single(ctx context.Context, collection exporter.Collection, page string, requests int, r ...exporter.Route) (*exporter.View, error) {
	if err := c.s.StartCollection(collection, one()); err != nil {
		return nil, err
	}
	return c.t.Open(ctx, page, requests, r...)
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
	works, _ := decodeWorks(rf, body)
	return works
}

// decodeWorks decodes the works of a list page or a detail (none for
// other kinds), saying why it could not.
func decodeWorks(rf exporter.RawFile, body []byte) ([]dy.Aweme, error) {
	switch rf.Meta.Kind {
	case string(dy.KindPost), string(dy.KindFavorite), string(dy.KindCollection), string(dy.KindHistory), string(dy.KindWatchLater), string(dy.KindMixWorks):
		l, err := dy.DecodeAwemeList(body)
		if err != nil {
			return nil, err
		}
		return l.Awemes, nil
	case string(dy.KindDetail):
		d, err := dy.DecodeDetail(body)
		if err != nil || d.Aweme == nil {
			return nil, err
		}
		return []dy.Aweme{*d.Aweme}, nil
	}
	return nil, nil
}

// media queues one file; videos get a resolver that asks aweme/detail for
// a fresh link when theirs has expired.
func (c *capture) media(collection exporter.Collection, ref string, m record.Media, awemeID string) {
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
func (c *capture) workMedia(collection exporter.Collection, a *dy.Aweme) {
	id := string(a.AwemeID)
	for _, m := range a.Media() {
		c.media(collection, id, m, id)
		if m.Motion != nil {
			c.media(collection, id, *m.Motion, id)
		}
	}
}

// messageMedia queues a message's files: a sticker, a voice, or a
// picture, which the CDN sends encrypted with the message's key.
func (c *capture) messageMedia(m *dy.IMMessage) {
	rec := dy.MessageRecord(m, dy.IMContext{Owner: c.uid})
	url, skey := m.Picture()
	for _, md := range rec.Media {
		key := MediaKey(md.URL)
		if key == "" {
			continue
		}
		kind := "image"
		if md.Type == record.MediaAudio {
			kind = "audio"
		}
		req := exporter.MediaRequest{Key: key, URL: md.URL, Referer: referer, Kind: kind, Collection: cMessages, Ref: m.ID}
		if md.URL == url && skey != "" {
			req.Open = func(sealed []byte) ([]byte, error) { return dy.OpenPicture(skey, sealed) }
		}
		c.s.Media.Add(req)
	}
}

// resolve fetches a work's detail from inside the page (signed by the
// page) and returns the fresh link of the stream with key.
func (c *capture) resolve(ctx context.Context, awemeID, key string) (string, error) {
	if err := onSite(ctx, c.s); err != nil {
		return "", err
	}
	resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: exporter.Request{URL: "/aweme/v1/web/aweme/detail/?" + common + "&aweme_id=" + awemeID},
		Collection: cPosts, Kind: string(dy.KindDetail), Ref: awemeID})
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
	err := c.s.Store.EachRaw(ctx, []exporter.Collection{cPosts, cLikes, cFavorites, cComments, cMessages, cViewed, cWatchLater, cSeries, cSounds},
		func(coll exporter.Collection, rf exporter.RawFile, body []byte) {
			for _, a := range awemesIn(rf, body) {
				if coll == cPosts && a.AuthorID() != c.uid {
					continue
				}
				c.workMedia(coll, &a)
			}
			switch rf.Meta.Kind {
			case string(dy.KindMixes):
				if m, err := dy.DecodeMixes(body); err == nil {
					c.mixCovers(coll, m.List)
				}
			case string(dy.KindDramas):
				if d, err := dy.DecodeDramas(body); err == nil {
					for i := range d.List {
						if u := d.List[i].CoverURL.First(); u != "" {
							c.media(coll, d.List[i].Key(), record.Media{Type: record.MediaCover, URL: u}, "")
						}
					}
				}
			case string(dy.KindMusics):
				if m, err := dy.DecodeMusics(body); err == nil {
					c.musicMedia(coll, m.List)
				}
			case string(dy.KindSounds):
				if s, err := dy.DecodeSounds(body); err == nil {
					c.musicMedia(coll, s.Items())
				}
			case string(dy.KindOwnMixes):
				if m, err := dy.DecodeOwnMixes(body); err == nil {
					c.mixCovers(coll, m.Items())
				}
			case string(dy.KindIM):
				if a, err := dy.DecodeIM(body); err == nil {
					for i := range a.Messages {
						c.messageMedia(&a.Messages[i])
					}
				}
			case string(dy.KindComments):
				if cs, err := dy.DecodeComments(body); err == nil {
					for i := range cs.Comments {
						for _, m := range dy.CommentRecord(&cs.Comments[i], "", "").Media {
							c.media(cComments, string(cs.Comments[i].CID), m, "")
						}
					}
				}
			}
		})
	if err != nil {
		return err
	}
	if u, err := c.counts(ctx); err == nil && u.Avatar() != "" {
		c.media(cProfile, c.uid, record.Media{Type: record.MediaImage, URL: u.Avatar()}, "")
	}
	return ctx.Err()
}

// musicMedia queues the sound files of a list of music.
func (c *capture) musicMedia(collection exporter.Collection, list []dy.Music) {
	for i := range list {
		if u := list[i].PlayURL.First(); u != "" {
			c.media(collection, list[i].Key(), record.Media{Type: record.MediaAudio, URL: u}, "")
		}
	}
}

// mixCovers queues the covers of a list of series.
func (c *capture) mixCovers(collection exporter.Collection, list []dy.Mix) {
	for i := range list {
		if u := list[i].CoverURL.First(); u != "" {
			c.media(collection, string(list[i].MixID), record.Media{Type: record.MediaCover, URL: u}, "")
		}
	}
}
