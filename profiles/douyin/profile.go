package douyin

import (
	"context"
	"fmt"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
)

// profile opens the profile page, keeps its profile/self answer, and
// screenshots the page.
func (c *capture) profile(ctx context.Context) error {
	page, err := c.userPage(ctx, "post")
	if err != nil {
		return err
	}
	v, err := c.single(ctx, cProfile, page, 2, rProfile, rProfileOther)
	if err != nil {
		return err
	}
	defer v.Close()
	rf, body, err := v.Answer(ctx, 0, func(rf exporter.RawFile) bool { return rProfile.Is(rf) || rProfileOther.Is(rf) })
	if err != nil {
		return err
	}
	u, err := dy.DecodeProfile(body)
	if err != nil {
		return fmt.Errorf("%s: %w", rf.Name, err)
	}
	c.self = u
	if a := u.Avatar(); a != "" {
		c.media(cProfile, c.uid, record.Media{Type: record.MediaImage, URL: a}, "")
	}
	if err := c.userReady(ctx, v); err != nil {
		return err
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
