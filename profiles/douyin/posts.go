package douyin

import "context"

// posts scrolls the 作品 tab to its end (aweme_count).
func (c *capture) posts(ctx context.Context) error {
	u, err := c.counts(ctx)
	if err != nil {
		return err
	}
	return c.worksTab(ctx, cPosts, "post", rPosts, u.AwemeCount.Ptr(), true)
}
