package weibo

import (
	"context"
	"fmt"
	"strconv"

	"github.com/farewell-app/farewell/exporter/i18n"
	wb "github.com/farewell-app/farewell/parsers/weibo"

	"github.com/farewell-app/farewell/exporter"
)

// comments captures the comments of every own post that has any, with
// replies. The journal cursor is the id of the last post done; posts are
// taken newest first.
func (c *capture) comments(ctx context.Context) error {
	own, err := c.ownStatuses()
	if err != nil {
		return err
	}
	var expected int64
	for _, o := range own {
		expected += o.comments
	}
	prev, err := c.s.Continue(cComments, &expected)
	if err != nil {
		return err
	}
	earlier, err := c.s.Since(cComments)
	if err != nil {
		return err
	}
	after, pages := "", 0
	if prev != nil {
		after, pages = prev.Cursor, prev.Pages
	}
	var total int64
	skipped := 0
	for _, o := range own {
		if after != "" {
			if o.mid == after {
				after = ""
			}
			continue
		}
		if o.comments <= 0 {
			continue
		}
		// A post's comments are taken again only when its comment count
		// changed since a complete earlier pass took them.
		version := strconv.FormatInt(o.comments, 10)
		if earlier != nil && earlier.Versions[o.mid] == version {
			skipped++
			continue
		}
		n, err := c.postComments(ctx, o)
		if err != nil {
			if err := c.s.GapOr(ctx, cComments, "comments", o.mid, err); err != nil {
				return err
			}
		}
		pages++
		total += int64(n)
		if err := c.s.PageVersion(cComments, pages, o.mid, n, version); err != nil {
			return err
		}
	}
	if skipped > 0 {
		c.s.Progress.Note(i18n.Msg{Code: i18n.NoteUnchangedPosts, Args: i18n.Args{"collection": cComments, "n": skipped}})
	}
	return c.s.Done(cComments, exporter.StopEnd, i18n.Msg{}, total)
}

// postComments pages one post's comments (fetch_level=0) and each
// comment's replies (fetch_level=1), echoing the post's
// is_show_bulletin, which old posts need to be 0. A post read from
// m.weibo.cn does not say its value: when the list comes back empty
// although the post has comments, the other value is tried.
func (c *capture) postComments(ctx context.Context, o ownStatus) (int, error) {
	n, err := c.postCommentsWith(ctx, o)
	if err == nil && n == 0 && o.comments > 0 {
		o.bulletin = 2 - min(max(o.bulletin, 0), 2)
		return c.postCommentsWith(ctx, o)
	}
	return n, err
}

func (c *capture) postCommentsWith(ctx context.Context, o ownStatus) (int, error) {
	return c.commentPages(ctx, o, "", func(maxID string) string {
		path := fmt.Sprintf("/ajax/statuses/buildComments?flow=1&is_reload=1&id=%s&is_show_bulletin=%d&is_mix=0&count=20&uid=%s&fetch_level=0&locale=zh-CN",
			o.mid, o.bulletin, c.uid)
		if maxID != "" {
			path += "&max_id=" + maxID
		}
		return path
	}, func(cm *wb.Comment) (int, error) {
		if cm.TotalNumber.V <= 0 {
			return 0, nil
		}
		r, err := c.replies(ctx, o, cm.Key())
		if err != nil {
			err = c.s.GapOr(ctx, cComments, "replies", cm.Key(), err)
		}
		return r, err
	})
}

func (c *capture) replies(ctx context.Context, o ownStatus, root string) (int, error) {
	return c.commentPages(ctx, o, "0", func(maxID string) string {
		return fmt.Sprintf("/ajax/statuses/buildComments?flow=1&is_reload=1&id=%s&is_show_bulletin=%d&is_mix=1&fetch_level=1&max_id=%s&count=20&uid=%s&locale=zh-CN",
			root, o.bulletin, maxID, c.uid)
	}, nil)
}

// commentPages walks buildComments pages by max_id (starting at first),
// queueing each comment's pictures and calling each, which may capture
// more and returns how many; it returns the comments counted.
func (c *capture) commentPages(ctx context.Context, o ownStatus, first string, pathFor func(maxID string) string, each func(*wb.Comment) (int, error)) (int, error) {
	n := 0
	maxID, seenIDs := first, map[string]bool{}
	for {
		body, err := c.fetch(ctx, cComments, wb.KindComments, o.mid, pathFor(maxID))
		if err != nil {
			return n, err
		}
		page, err := wb.DecodeComments(body)
		if err != nil {
			return n, err
		}
		for i := range page.Comments {
			cm := &page.Comments[i]
			n++
			c.commentMedia(cm, o.mid)
			if each != nil {
				more, err := each(cm)
				n += more
				if err != nil {
					return n, err
				}
			}
		}
		maxID = string(page.MaxID)
		if maxID == "" || seenIDs[maxID] || len(page.Comments) == 0 {
			return n, nil
		}
		seenIDs[maxID] = true
	}
}

func (c *capture) commentMedia(cm *wb.Comment, postID string) {
	for _, m := range wb.CommentRecord(cm, postID, "").Media {
		c.media(cComments, cm.Key(), m.URL, "image", nil)
	}
}
