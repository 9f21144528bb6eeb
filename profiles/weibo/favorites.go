package weibo

import (
	"context"
	"fmt"

	wb "github.com/farewell-app/farewell/parsers/weibo"

	"github.com/farewell-app/farewell/exporter"
)

// favorites walks all_fav; favorites/tags gives the total.
func (c *capture) favorites(ctx context.Context) error {
	if err := c.onSite(ctx); err != nil {
		return err
	}
	resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: ajax("/ajax/favorites/tags?page=1&is_show_total=1"),
		Collection: cFavorites, Kind: string(wb.KindFavTags)})
	if err != nil {
		return err
	}
	total, err := wb.DecodeFavTotal(resp.Body)
	if err != nil {
		return err
	}
	return c.pagedStatuses(ctx, cFavorites, wb.KindFavorites, num(total),
		func(page int) string {
			return fmt.Sprintf("/ajax/favorites/all_fav?uid=%s&page=%d&with_total=true", c.uid, page)
		},
		func(b []byte) ([]wb.Status, error) {
			f, err := wb.DecodeFavorites(b)
			if err != nil {
				return nil, err
			}
			out := make([]wb.Status, len(f.Statuses))
			for i := range f.Statuses {
				out[i] = f.Statuses[i].Status
			}
			return out, nil
		},
		func(captured int64) bool { return total.Valid && captured >= total.V })
}
