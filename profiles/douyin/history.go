package douyin

import "context"

// history scrolls the 观看历史 tab (showTab=record, §D10) to its end: the
// works the person watched, most recent first. The site gives no count
// of them.
func (c *capture) history(ctx context.Context) error {
	return c.worksTab(ctx, cViewed, "record", rViewed, nil, false)
}
