package weibo

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/farewell-app/farewell/exporter/i18n"
	wb "github.com/farewell-app/farewell/parsers/weibo"

	"github.com/farewell-app/farewell/exporter"
)

// apps keeps every page of app.weibo.com/my: its HTML, a screenshot, and
// the count the page shows.
func (c *capture) apps(ctx context.Context) error {
	if err := c.s.StartCollection(cApps, nil); err != nil {
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
		name, body, err := c.s.Browser.SaveHTML(ctx, c.s.Store, exporter.RawMeta{Kind: string(wb.KindApps), Collection: cApps, Ref: strconv.Itoa(page)})
		if err != nil {
			return err
		}
		// The screenshot first: it is the evidence whatever the page's
		// layout (the new site's page is not documented, §W9).
		if _, err := c.s.Browser.ScreenshotPage(ctx, c.s.Store, fmt.Sprintf("apps/page-%d", page), 0); err != nil {
			if err := c.s.GapOr(ctx, cApps, "screenshot", strconv.Itoa(page), err); err != nil {
				return err
			}
		}
		apps, err := wb.ParseApps(body, name)
		if err != nil {
			// A layout farewell does not know: its HTML and screenshot are
			// kept, and the list is a gap for the person to check by hand.
			if err := c.s.GapOr(ctx, cApps, "page", strconv.Itoa(page),
				fmt.Errorf("%w; its HTML (%s) and a screenshot are kept: check the authorised apps by hand at %s", err, name, appsURL)); err != nil {
				return err
			}
			return c.s.Done(cApps, exporter.StopEnd, i18n.Msg{}, total)
		}
		if page == 1 && apps.Total.Valid {
			if err := c.s.Expect(cApps, apps.Total.V); err != nil {
				return err
			}
		}
		total += int64(len(apps.Apps))
		if err := c.s.Page(cApps, page, loc, len(apps.Apps)); err != nil {
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
	return c.s.Done(cApps, exporter.StopEnd, i18n.Msg{}, total)
}
