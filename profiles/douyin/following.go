package douyin

import (
	"context"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
)

// following scrolls the 关注 dialog to its end (following_count).
func (c *capture) following(ctx context.Context) error {
	u, err := c.counts(ctx)
	if err != nil {
		return err
	}
	n, ended, err := c.follows(ctx, cFollowing, followStat, rFollowing, u.FollowingCount.Ptr())
	if err != nil {
		return err
	}
	detail := i18n.Msg{}
	if !ended {
		detail = i18n.Msg{Code: i18n.DoneStoppedGrowing}
		c.s.Short(cFollowing, i18n.English(detail))
	}
	return c.s.Done(cFollowing, exporter.StopEnd, detail, n)
}

// follows opens one follow dialog of the profile page with opener,
// scrolls it to its end and returns how many users it held, and whether
// the site said the list ended.
func (c *capture) follows(ctx context.Context, collection exporter.Collection, opener exporter.Find, r exporter.Route, expected *int64) (int64, bool, error) {
	known, err := c.begin(collection, expected)
	if err != nil {
		return 0, false, err
	}
	page, err := c.userPage(ctx, "post")
	if err != nil {
		return 0, false, err
	}
	v, err := c.t.Open(ctx, page, 2, r)
	if err != nil {
		return 0, false, err
	}
	defer v.Close()
	if err := c.userReady(ctx, v); err != nil {
		return 0, false, err
	}
	if err := v.Act(ctx, exporter.Click(opener, 0)); err != nil {
		return 0, false, err
	}
	seen := counted(known, "user:")
	ended, err := v.Drive(ctx, &exporter.List{Want: r.Is, Next: exporter.ScrollDown(followItems), Patience: 5,
		Page: c.pages(collection, known, func(_ exporter.RawFile, body []byte) (int, bool, error) {
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
			// A list that runs dry (a page with no one, still saying
			// has_more) has ended: the site lists no more (§D5).
			return n, bool(f.HasMore) && len(f.Users()) > 0, nil
		})})
	return int64(len(seen)), ended, err
}
