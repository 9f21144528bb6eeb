package weibo

import (
	"context"
	"fmt"

	wb "github.com/farewell-app/farewell/parsers/weibo"
)

// likes walks likelist until an empty page: the site gives no count.
func (c *capture) likes(ctx context.Context) error {
	return c.pagedStatuses(ctx, cLikes, wb.KindLikelist, nil,
		func(page int) string {
			return fmt.Sprintf("/ajax/statuses/likelist?uid=%s&page=%d&with_total=true", c.uid, page)
		},
		func(b []byte) ([]wb.Status, error) {
			tl, err := wb.DecodeTimeline(b)
			if err != nil {
				return nil, err
			}
			return tl.Statuses, nil
		}, nil)
}
