package douyin

import "context"

// watchLater scrolls the 稍后再看 tab (showTab=watch_later, §D10) to its
// end. The site gives no count of it.
func (c *capture) watchLater(ctx context.Context) error {
	return c.worksTab(ctx, cWatchLater, "watch_later", rWatchLater, nil, false)
}
