package douyin

import (
	"context"
	"fmt"
	"strconv"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// followers scrolls the 粉丝 dialog (follower_count). Douyin lists only
// so many followers; when the list ends short of follower_count, the
// rest is recorded as a server limit, not as missing.
func (c *capture) followers(ctx context.Context) error {
	u, err := c.counts(ctx)
	if err != nil {
		return err
	}
	expected := u.FollowerCount.Ptr()
	n, ended, err := c.follows(ctx, cFollowers, fansStat, rFollowers, expected)
	if err != nil {
		return err
	}
	if ended && expected != nil && n < *expected {
		if err := c.s.ServerLimit(cFollowers, exporter.ServerLimit{Limit: n, Unavailable: *expected - n,
			Reason: fmt.Sprintf("Douyin lists %d of your %d followers", n, *expected),
			Code:   string(i18n.DouyinFollowersListed), Params: map[string]string{"listed": strconv.FormatInt(n, 10), "total": strconv.FormatInt(*expected, 10)}}); err != nil {
			return err
		}
		return c.s.Done(cFollowers, exporter.StopServerLimit, i18n.Msg{Code: i18n.DoneSiteLists, Args: i18n.Args{"n": n, "total": *expected}}, n)
	}
	detail := i18n.Msg{}
	if !ended {
		detail = i18n.Msg{Code: i18n.DoneStoppedGrowing}
		c.s.Short(cFollowers, i18n.English(detail))
	}
	return c.s.Done(cFollowers, exporter.StopEnd, detail, n)
}
