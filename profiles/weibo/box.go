package weibo

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers"
	wb "github.com/farewell-app/farewell/parsers/weibo"
)

// boxList is one list of the messages box: its kind and its address
// without the cursor.
type boxList struct {
	kind parsers.Kind
	path string
}

// myComments walks the comments the person wrote on others' posts
// (/ajax/message/myCmt, page weibo.com/comment/outbox), each kept with the
// post it answers.
func (c *capture) myComments(ctx context.Context) error {
	return c.box(ctx, cMyComments, boxList{wb.KindMyComments, "/ajax/message/myCmt?"})
}

// receivedComments walks the comments others wrote to the person
// (/ajax/message/cmt, page weibo.com/comment/inbox).
func (c *capture) receivedComments(ctx context.Context) error {
	return c.box(ctx, cReceived, boxList{wb.KindReceived, "/ajax/message/cmt?"})
}

// mentions walks the posts, then the comments, that @-mention the person
// (/ajax/statuses/mentions, /ajax/comments/mentions).
func (c *capture) mentions(ctx context.Context) error {
	return c.box(ctx, cMentions, boxList{wb.KindMentions, "/ajax/statuses/mentions?filter_by_author=0&filter_by_type=0&"},
		boxList{wb.KindCmtMentions, "/ajax/comments/mentions?"})
}

// box walks the lists of one collection of the messages box in turn, each
// by max_id=<next_cursor> until a next_cursor of 0 or an empty page
// (§W10), queueing their media. The journal cursor is
// "<list>|<max_id>". The expected count is the sum of the lists'
// total_number, and what was captured is counted from every page kept,
// so a run that stops half way and the one that continues agree.
func (c *capture) box(ctx context.Context, coll exporter.Collection, lists ...boxList) error {
	if err := c.onSite(ctx); err != nil {
		return err
	}
	_, err := c.s.Paginate(ctx, coll, nil, "0|", 3, func(ctx context.Context, cursor string) (exporter.PageResult, error) {
		at, maxID, _ := strings.Cut(cursor, "|")
		i, _ := strconv.Atoi(at)
		if i < 0 || i >= len(lists) {
			return exporter.PageResult{}, fmt.Errorf("%s: a journal cursor %q names no list", coll, cursor)
		}
		path := lists[i].path + "count=20"
		if maxID != "" {
			path += "&max_id=" + maxID
		}
		body, err := c.fetch(ctx, coll, lists[i].kind, "", path)
		if err != nil {
			return exporter.PageResult{}, err
		}
		items, _, next, err := c.boxRead(coll, string(lists[i].kind), body, true)
		if err != nil {
			return exporter.PageResult{}, err
		}
		n := len(items)
		res := exporter.PageResult{Items: n, Next: fmt.Sprintf("%d|%s", i, next)}
		if next == "" || n == 0 {
			res.Next = ""
			if i+1 < len(lists) {
				res.Next = fmt.Sprintf("%d|", i+1)
			}
		}
		return res, nil
	})
	if err != nil {
		return err
	}
	expected, captured, err := c.boxCounts(ctx, coll)
	if err != nil {
		return err
	}
	if expected != nil {
		if err := c.s.Expect(coll, *expected); err != nil {
			return err
		}
	}
	return c.s.Done(coll, exporter.StopEnd, i18n.Msg{}, captured)
}

// boxRead reads one page of the messages box: its items' ids, its
// total_number and its next cursor; with media, it queues the items'
// media too.
func (c *capture) boxRead(coll exporter.Collection, kind string, body []byte, media bool) ([]string, wb.Num, string, error) {
	if kind == string(wb.KindMentions) {
		page, err := wb.DecodeMentions(body)
		return boxItems(page, err, func(st *wb.Status) string {
			if media {
				c.statusMedia(coll, st)
			}
			return st.Key()
		})
	}
	page, err := wb.DecodeMessageComments(body)
	return boxItems(page, err, func(cm *wb.Comment) string {
		if media {
			c.commentMedia(cm, "")
		}
		return cm.Key()
	})
}

// boxItems calls each on every item of a page and returns their ids, the
// page's total and its next cursor.
func boxItems[T any](page *wb.BoxPage[T], err error, each func(*T) string) ([]string, wb.Num, string, error) {
	if err != nil {
		return nil, wb.Num{}, "", err
	}
	ids := make([]string, len(page.Items))
	for i := range page.Items {
		ids[i] = each(&page.Items[i])
	}
	return ids, page.Total, string(page.NextCursor), nil
}

// boxCounts returns a collection of the messages box's expected count
// (the sum of its lists' total_number, from their newest pages; nil when
// a list gave none) and the distinct items its pages hold.
func (c *capture) boxCounts(ctx context.Context, coll exporter.Collection) (*int64, int64, error) {
	totals := map[string]wb.Num{}
	ids := map[string]bool{}
	err := c.s.Store.EachRaw(ctx, []exporter.Collection{coll}, func(_ exporter.Collection, rf exporter.RawFile, body []byte) {
		if page, total, _, err := c.boxRead(coll, rf.Meta.Kind, body, false); err == nil {
			totals[rf.Meta.Kind] = total
			for _, id := range page {
				ids[id] = true
			}
		}
	})
	var sum int64
	for _, t := range totals {
		if !t.Valid {
			return nil, int64(len(ids)), err
		}
		sum += t.V
	}
	if len(totals) == 0 {
		return nil, int64(len(ids)), err
	}
	return &sum, int64(len(ids)), err
}
