package douyin

import (
	"context"

	"github.com/farewell-app/farewell/exporter"
	dy "github.com/farewell-app/farewell/parsers/douyin"
)

// notifications opens the top bar's 通知 pane and scrolls its list of
// all notifications (notice_group 700; 960 in some 2026 scripts) to its
// end. Answers of the pane's other groups are kept too, but the list of
// all is the one read to its end. The site gives no count of them.
func (c *capture) notifications(ctx context.Context) error {
	known, err := c.begin(cNotifications, nil)
	if err != nil {
		return err
	}
	v, err := c.t.Open(ctx, home, 0, rNotices)
	if err != nil {
		return err
	}
	defer v.Close()
	from := v.Mark()
	if err := v.Act(ctx, exporter.Click(noticeEntry, 0)); err != nil {
		return err
	}
	seen := counted(known, "notice:")
	ended, err := v.Drive(ctx, &exporter.List{From: from, Want: allNotices, Next: exporter.ScrollDown(noticeItems), Patience: 5,
		Page: c.pages(cNotifications, known, func(_ exporter.RawFile, body []byte) (int, bool, error) {
			n, err := dy.DecodeNotices(body)
			if err != nil {
				return 0, false, err
			}
			return countNew(seen, "", n.Items(), (*dy.Notice).Key), bool(n.HasMore), nil
		})})
	if err != nil {
		return err
	}
	return c.finish(ctx, cNotifications, ended, int64(len(seen)))
}

// allNotices says whether an answer is a page of the list of all
// notifications.
func allNotices(rf exporter.RawFile) bool {
	if !rNotices.Is(rf) {
		return false
	}
	switch queryOf(rf, "notice_group") {
	case "", "700", "960":
		return true
	}
	return false
}
