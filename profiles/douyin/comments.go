package douyin

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
)

// ownWork is what the comments pass needs of an own work.
type ownWork struct {
	id       string
	photo    bool
	comments int64
	created  int64
}

// ownWorks reads the own works from the raw posts captures, newest first,
// with their latest comment counts.
func (c *capture) ownWorks() ([]ownWork, error) {
	raws, err := c.s.Store.Raws(cPosts)
	if err != nil {
		return nil, err
	}
	byID := map[string]ownWork{}
	for _, rf := range raws {
		for _, a := range awemesOf(rf) {
			if a.AuthorID() != c.uid {
				continue
			}
			byID[string(a.AwemeID)] = ownWork{id: string(a.AwemeID), photo: a.IsPhotoPost(), comments: a.CommentCount(), created: a.CreateTime.V}
		}
	}
	out := make([]ownWork, 0, len(byID))
	for _, w := range byID {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].created != out[j].created {
			return out[i].created > out[j].created
		}
		return out[i].id > out[j].id
	})
	return out, nil
}

// comments opens each own work that has comments, scrolls its comment
// pane and opens every reply thread. The journal cursor is the id of the
// last work done; works are taken newest first.
func (c *capture) comments(ctx context.Context) error {
	own, err := c.ownWorks()
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
	after, pages := prev.Resume()
	var total, withheld, cap int64
	if prev != nil {
		if l := prev.ServerLimit; l != nil { // works an earlier run found capped
			withheld, cap = l.Unavailable, l.Limit
		}
	}
	limit := func() exporter.ServerLimit {
		return exporter.ServerLimit{Limit: cap, Unavailable: withheld,
			Reason: fmt.Sprintf("Douyin lists at most %d top-level comments of a work", cap),
			Code:   string(i18n.DouyinCommentsCap), Params: map[string]string{"cap": strconv.FormatInt(cap, 10)}}
	}
	earlier, err := c.s.Since(cComments)
	if err != nil {
		return err
	}
	skipped := 0
	for _, o := range own {
		if after != "" {
			if o.id == after {
				after = ""
			}
			continue
		}
		if o.comments <= 0 {
			continue
		}
		// A work's comments are taken again only when its comment count
		// changed since a complete earlier pass took them; what the
		// site withheld then is still withheld.
		if earlier != nil {
			if w, cp, ok := unchanged(earlier.Versions[o.id], o.comments); ok {
				skipped++
				if w > 0 {
					withheld += w
					cap = max(cap, cp)
					if err := c.s.ServerLimit(cComments, limit()); err != nil {
						return err
					}
				}
				continue
			}
		}
		got, capped, err := c.workCommentsRetried(ctx, o)
		var kept int64 // comments the site withheld from this work
		switch {
		case err != nil:
			if err := c.s.GapOr(ctx, cComments, "comments", o.id, err); err != nil {
				return err
			}
		case capped > 0:
			kept = o.comments - got
			withheld += kept
			cap = max(cap, capped)
			if err := c.s.ServerLimit(cComments, limit()); err != nil {
				return err
			}
		case got < o.comments:
			if err := c.s.GapOr(ctx, cComments, "comments", o.id, fmt.Errorf("captured %d of the work's %d comments", got, o.comments)); err != nil {
				return err
			}
		}
		pages++
		total += got
		if err := c.s.PageVersion(cComments, pages, o.id, int(got), fmt.Sprintf("%d/%d/%d", o.comments, kept, capped)); err != nil {
			return err
		}
	}
	if skipped > 0 {
		c.s.Progress.Note(i18n.Msg{Code: i18n.NoteUnchangedWorks, Args: i18n.Args{"collection": cComments, "n": skipped}})
	}
	if withheld > 0 {
		return c.s.Done(cComments, exporter.StopServerLimit, i18n.Msg{Code: i18n.DoneBehindCap, Args: i18n.Args{"n": withheld}}, total)
	}
	return c.s.Done(cComments, exporter.StopEnd, i18n.Msg{}, total)
}

// unchanged reads the version a work's comments were recorded with
// ("count/withheld/cap") and reports whether the work still has that
// many comments, with what the site withheld then.
func unchanged(version string, count int64) (withheld, capped int64, ok bool) {
	var was int64
	if n, err := fmt.Sscanf(version, "%d/%d/%d", &was, &withheld, &capped); err != nil || n != 3 || was != count {
		return 0, 0, false
	}
	return withheld, capped, true
}

// workCommentsRetried is workComments, tried again (after a pause) when a
// failed answer left the pane short; a work still short after three tries
// becomes a gap.
func (c *capture) workCommentsRetried(ctx context.Context, o ownWork) (int64, int64, error) {
	for try := 0; ; try++ {
		got, capped, err := c.workComments(ctx, o)
		short := err == nil && capped == 0 && got < o.comments
		if (err == nil && !short) || exporter.Fatal(ctx, err) || errors.Is(err, exporter.ErrAgain) || try == 2 {
			return got, capped, err
		}
		why := fmt.Sprint(err)
		if short {
			why = fmt.Sprintf("%d/%d", got, o.comments)
		}
		c.s.Progress.Note(i18n.Msg{Code: i18n.WhyWorkComments, Args: i18n.Args{"id": o.id, "detail": why}})
		if err := exporter.Sleep(ctx, time.Duration(2<<try)*time.Second); err != nil {
			return got, capped, err
		}
	}
}

// workComments captures one work's comments: the pane scrolled to its
// end, then every 展开 clicked until none is left. It returns how many
// comments and replies it saw, and the number of top-level comments the
// site stopped at when it listed fewer than its total (0 if not).
func (c *capture) workComments(ctx context.Context, o ownWork) (int64, int64, error) {
	page := origin + "/video/" + o.id
	if o.photo {
		page = origin + "/note/" + o.id
	}
	v, err := c.t.Open(ctx, page, 2, rComments, rReplies, rDetail)
	if err != nil {
		return 0, 0, err
	}
	defer v.Close()
	seen := map[string]bool{}
	var tops, total int64
	read := func(rf exporter.RawFile, body []byte) (int, bool, error) {
		cs, err := dy.DecodeComments(body)
		if err != nil {
			return 0, false, err
		}
		n := 0
		top := rComments.Is(rf)
		for i := range cs.Comments {
			cm := &cs.Comments[i]
			if !seen[string(cm.CID)] {
				seen[string(cm.CID)] = true
				n++
				if top {
					tops++
				}
			}
			for _, m := range dy.CommentRecord(cm, o.id, "").Media {
				c.media(cComments, string(cm.CID), m, "")
			}
		}
		if top {
			total = cs.Total.V
			return n, bool(cs.HasMore), nil
		}
		return n, true, nil
	}
	ended, err := v.Drive(ctx, &exporter.List{Want: rComments.Is, Page: read, Next: exporter.ScrollDown(commentItems), Patience: 5})
	if err != nil {
		return int64(len(seen)), 0, err
	}
	if !ended {
		return int64(len(seen)), 0, errors.New("the comment pane stopped growing but never said it ended")
	}
	none := func(ctx context.Context) (bool, error) {
		n, err := c.t.Count(ctx, expandReplies)
		return n == 0, err
	}
	if _, err := v.Drive(ctx, &exporter.List{Want: rReplies.Is, Page: read, Next: exporter.Click(expandReplies, 0), Ask: true, Done: none, Patience: 5}); err != nil {
		return int64(len(seen)), 0, err
	}
	if left, err := none(ctx); err != nil {
		return int64(len(seen)), 0, err
	} else if !left {
		return int64(len(seen)), 0, errors.New("some reply threads would not open")
	}
	var capped int64
	if total > tops {
		capped = tops
	}
	return int64(len(seen)), capped, nil
}
