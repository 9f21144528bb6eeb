package weibo

import (
	"context"
	"net/http"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	wb "github.com/farewell-app/farewell/parsers/weibo"
)

// profile opens the profile page, keeps the profile/info and
// profile/detail answers the page itself requests, and screenshots it.
func (c *capture) profile(ctx context.Context) error {
	if err := c.s.StartCollection(cProfile, one()); err != nil {
		return err
	}
	c.page.Lock()
	v, err := c.t.Open(ctx, "https://weibo.com/u/"+c.uid, 2, rProfileInfo, rProfileDetail)
	c.page.Unlock()
	if err != nil {
		return err
	}
	// The page asks for both as it loads; what it did not get in time
	// (or the site failed) is asked for below.
	got := map[string]bool{}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) && len(got) < 2 {
		if err := v.Settle(ctx); err != nil {
			v.Close()
			return err
		}
		for _, r := range v.Saved() {
			// An answer the site failed (5xx, 418, a cut connection) is
			// kept as evidence but does not count: it is asked for
			// again.
			if r.Meta.Status == http.StatusOK {
				got[r.Meta.Kind] = true
			}
		}
		if err := exporter.Sleep(ctx, 200*time.Millisecond); err != nil {
			v.Close()
			return err
		}
	}
	v.Close()
	if !got[string(wb.KindProfile)] {
		if _, err := c.fetch(ctx, cProfile, wb.KindProfile, c.uid, "/ajax/profile/info?uid="+c.uid); err != nil {
			return err
		}
	}
	if !got[string(wb.KindDetail)] {
		if _, err := c.fetch(ctx, cProfile, wb.KindDetail, c.uid, "/ajax/profile/detail?uid="+c.uid); err != nil {
			if err := c.s.GapOr(ctx, cProfile, "detail", c.uid, err); err != nil {
				return err
			}
		}
	}
	info, _ := c.latest(cProfile, wb.KindProfile)
	if u, err := wb.DecodeProfileInfo(info); err == nil {
		c.info = u
		c.media(cProfile, c.uid, firstNonEmpty(u.AvatarHD, u.AvatarLarge), "image", nil)
	}
	if err := c.emoticons(ctx); err != nil {
		if err := c.s.GapOr(ctx, cProfile, "emoticons", "", err); err != nil {
			return err
		}
	}
	if err := exporter.Sleep(ctx, time.Second); err != nil { // let pictures arrive
		return err
	}
	tiles, err := c.t.B.ScreenshotPage(ctx, c.s.Store, "profile", 0)
	if err != nil {
		if err := c.s.GapOr(ctx, cProfile, "screenshot", c.uid, err); err != nil {
			return err
		}
	}
	if err := c.s.Page(cProfile, 1, "", 1); err != nil {
		return err
	}
	return c.s.Done(cProfile, exporter.StopEnd, i18n.Msg{Code: i18n.DoneTiles, Args: i18n.Args{"n": len(tiles)}}, 1)
}

// emoticons keeps the web app's emoticon map (statuses/config) once, and
// queues its pictures, so that the viewer shows [doge] as the site does,
// offline; a backup that has it asks no more.
func (c *capture) emoticons(ctx context.Context) error {
	raws, err := c.s.Store.Raws(cProfile)
	if err != nil {
		return err
	}
	for _, r := range raws {
		if r.Meta.Kind == string(wb.KindEmoticons) && r.Meta.Status == http.StatusOK {
			return nil // its pictures are queued by the sweep
		}
	}
	body, err := c.fetch(ctx, cProfile, wb.KindEmoticons, "emoticons", "/ajax/statuses/config")
	if err != nil {
		return err
	}
	es, err := wb.DecodeEmoticons(body, "")
	if err != nil {
		return err
	}
	for _, e := range es {
		c.media(cProfile, e.Phrase, e.Media[0].URL, "image", nil)
	}
	return nil
}
