package weibo

import (
	"context"
	"fmt"
	"strconv"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// followers walks the fan list. Weibo lists only so many followers; when
// the list ends short of followers_count, the rest is recorded as a server
// limit, not as missing.
func (c *capture) followers(ctx context.Context) error {
	info, err := c.counts(ctx)
	if err != nil {
		return err
	}
	expected := num(info.FollowersCount)
	n, err := c.friends(ctx, cFollowers, expected, func(page int) string {
		return fmt.Sprintf("/ajax/friendships/friends?relate=fans&uid=%s&page=%d&type=all&newFollowerCount=0", c.uid, page)
	})
	if err != nil {
		return err
	}
	if expected != nil && n < *expected {
		if err := c.s.ServerLimit(cFollowers, exporter.ServerLimit{Limit: n, Unavailable: *expected - n,
			Reason: fmt.Sprintf("Weibo lists at most %d of your %d followers", n, *expected),
			Code:   string(i18n.WeiboFollowersCap), Params: map[string]string{"listed": strconv.FormatInt(n, 10), "total": strconv.FormatInt(*expected, 10)}}); err != nil {
			return err
		}
		return c.s.Done(cFollowers, exporter.StopServerLimit, i18n.Msg{Code: i18n.DoneSiteLists, Args: i18n.Args{"n": n, "total": *expected}}, n)
	}
	return c.s.Done(cFollowers, exporter.StopEnd, i18n.Msg{}, n)
}
