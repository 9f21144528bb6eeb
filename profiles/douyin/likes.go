package douyin

import "context"

// likes scrolls the 喜欢 tab to its end (favoriting_count).
func (c *capture) likes(ctx context.Context) error {
	u, err := c.counts(ctx)
	if err != nil {
		return err
	}
	return c.worksTab(ctx, cLikes, "like", rLikes, u.FavoritingCount.Ptr(), false)
}
