package weibo

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/farewell-app/farewell/parsers"
	wb "github.com/farewell-app/farewell/parsers/weibo"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// statuses handles the own statuses of a list: the long text of each
// isLongText status (and of reposted originals), statuses/show for those
// with more than nine pictures, the edit history of edited ones, and
// their media; the web's stubs of client-only posts are counted, to be
// read whole at the end of the step. It returns how many were new.
func (c *capture) statuses(ctx context.Context, list []wb.Status) (int, error) {
	added := 0
	for i := range list {
		st := &list[i]
		if st.ClientOnly() {
			// The web's stub of an own post (§W3): counted now, read
			// whole from m.weibo.cn at the end of the step.
			if !c.seen[st.Key()] {
				c.seen[st.Key()] = true
				added++
			}
			continue
		}
		if st.AuthorID() != c.uid {
			continue // another user's post mixed into the timeline
		}
		mid := st.Key()
		if !c.seen[mid] {
			c.seen[mid] = true
			added++
		}
		full := st
		if st.NeedsShow() && !c.haveShow[mid] {
			body, err := c.fetch(ctx, cPosts, wb.KindShow, mid, "/ajax/statuses/show?id="+st.MblogID+"&locale=zh-CN&isGetLongText=true")
			if err == nil {
				if s, derr := wb.DecodeShow(body); derr == nil {
					full = s
				}
				c.haveShow[mid] = true
			} else if err := c.s.GapOr(ctx, cPosts, "pictures", mid, err); err != nil {
				return added, err
			}
		}
		if st.EditCount.V > 0 && !c.haveEdit[mid] {
			// An edited post: its earlier versions (statuses/editHistory).
			if _, err := c.fetch(ctx, cPosts, wb.KindEditHistory, mid, "/ajax/statuses/editHistory?mid="+mid+"&page=1"); err != nil {
				if err := c.s.GapOr(ctx, cPosts, "edit_history", mid, err); err != nil {
					return added, err
				}
			} else {
				c.haveEdit[mid] = true
			}
		}
		for _, s := range []*wb.Status{st, st.Retweeted} {
			if s == nil || s.IsDeleted() || !bool(s.IsLongText) || c.haveLong[s.Key()] || s.MblogID == "" {
				continue
			}
			if _, err := c.fetch(ctx, cPosts, wb.KindLongText, s.Key(), "/ajax/statuses/longtext?id="+s.MblogID); err != nil {
				if err := c.s.GapOr(ctx, cPosts, "long_text", s.Key(), err); err != nil {
					return added, err
				}
				continue
			}
			c.haveLong[s.Key()] = true
		}
		c.statusMedia(cPosts, full)
	}
	return added, nil
}

// posts walks the timeline with since_id, then every month of
// mbloghistory with searchProfile, because the cursor alone misses posts.
// The journal cursor is "tl|<page>|<since_id>" during the first phase,
// "tl-done" between them, and "sp|<yyyy-mm>|<page>" during the second.
func (c *capture) posts(ctx context.Context) error {
	info, err := c.counts(ctx)
	if err != nil {
		return err
	}
	expected := num(info.StatusesCount)
	prev, err := c.s.Continue(cPosts, expected)
	if err != nil {
		return err
	}
	earlier, err := c.s.Since(cPosts)
	if err != nil {
		return err
	}
	cursor, pages := "", 0
	if prev != nil {
		cursor, pages = prev.Cursor, prev.Pages
	}
	if prev != nil || earlier != nil {
		c.seenFromRaw()
	}
	// After a complete backup only what is new is looked for: the
	// timeline up to its first page without a new post, and the months
	// from the newest post the earlier passes had.
	from := ""
	if earlier != nil {
		if from, err = c.newestMonth(earlier); err != nil {
			return err
		}
		if from == "" {
			c.s.Progress.Note(i18n.Msg{Code: i18n.NotePostsSinceStart, Args: i18n.Args{"collection": cPosts}})
		} else {
			c.s.Progress.Note(i18n.Msg{Code: i18n.NotePostsSince, Args: i18n.Args{"collection": cPosts, "since": from}})
		}
	}
	if !strings.HasPrefix(cursor, "sp|") && cursor != "tl-done" {
		if pages, err = c.timeline(ctx, cursor, pages, earlier != nil); err != nil {
			return err
		}
		cursor = "tl-done"
	}
	// Second phase: month windows.
	body, err := c.fetch(ctx, cPosts, wb.KindHistory, c.uid, "/ajax/profile/mbloghistory?uid="+c.uid)
	if err != nil {
		return err
	}
	months, err := wb.DecodeHistory(body)
	if err != nil {
		return err
	}
	resumeMonth, resumePage := "", 1
	if parts := strings.SplitN(cursor, "|", 3); len(parts) == 3 && parts[0] == "sp" {
		resumeMonth = parts[1]
		if parts[2] == "done" {
			resumePage = -1
		} else {
			resumePage, _ = strconv.Atoi(parts[2])
		}
	}
	skipping := resumeMonth != ""
	for _, m := range months {
		key := fmt.Sprintf("%04d-%02d", m.Year, m.Month)
		if key < from {
			break // months are newest first
		}
		page := 1
		if skipping {
			if key != resumeMonth {
				continue
			}
			skipping = false
			if resumePage < 0 {
				continue
			}
			page = resumePage
		}
		from := time.Date(m.Year, time.Month(m.Month), 1, 0, 0, 0, 0, shanghai)
		to := from.AddDate(0, 1, 0)
		// Pages are often short without being the last (the site
		// drops some items of a page): the month ends at an empty page,
		// or once its total is in hand (counted from its first page).
		got := 0
		if page > 1 {
			got = -1 // resumed: the earlier pages' count is not known
		}
		for {
			path := fmt.Sprintf("/ajax/statuses/searchProfile?uid=%s&page=%d&starttime=%d&endtime=%d&hasori=1&hasret=1&hastext=1&haspic=1&hasvideo=1&hasmusic=1",
				c.uid, page, from.Unix(), to.Unix())
			tl, n, err := c.timelinePage(ctx, wb.KindSearchProfile, key, path)
			if err != nil {
				return err
			}
			pages++
			if got >= 0 {
				got += len(tl.Statuses)
			}
			if len(tl.Statuses) == 0 || (got >= 0 && tl.Total.Valid && int64(got) >= tl.Total.V) {
				if err := c.s.Page(cPosts, pages, "sp|"+key+"|done", n); err != nil {
					return err
				}
				break
			}
			page++
			if err := c.s.Page(cPosts, pages, fmt.Sprintf("sp|%s|%d", key, page), n); err != nil {
				return err
			}
		}
	}
	if err := c.clientOnly(ctx, cPosts); err != nil {
		return err
	}
	captured := int64(len(c.seen))
	if expected != nil && captured < *expected {
		if tip := c.webTip(); tip != "" {
			// The web shows only the newest posts (§W2): the rest are in
			// the app alone, a limit of the site, named as it names it.
			missing := *expected - captured
			if err := c.s.ServerLimit(cPosts, exporter.ServerLimit{Limit: captured, Unavailable: missing,
				Reason: fmt.Sprintf("weibo.com shows only your latest %d posts on the web (“%s”): the other %d are in the Weibo app alone", captured, tip, missing),
				Code:   string(i18n.WeiboPostsWebOnlyLates), Params: map[string]string{"shown": strconv.FormatInt(captured, 10), "tip": tip, "app": strconv.FormatInt(missing, 10)}}); err != nil {
				return err
			}
			return c.s.Done(cPosts, exporter.StopServerLimit, i18n.Msg{Code: i18n.DoneWebShows, Args: i18n.Args{"n": captured, "total": *expected}}, captured)
		}
	}
	return c.s.Done(cPosts, exporter.StopEnd, i18n.Msg{}, captured)
}

// timeline walks mymblog from cursor ("tl|<page>|<since_id>", or
// "tlp|<page>" once paging by number): by since_id, and by page=N alone
// once the site refuses a cursor grown too long (HTTP 414, §W2). After a
// complete backup (refresh) it stops at the first page without a new
// post. It returns the pages of the collection so far.
func (c *capture) timeline(ctx context.Context, cursor string, pages int, refresh bool) (int, error) {
	page, since, byPage := 1, "", false
	switch parts := strings.SplitN(cursor, "|", 3); {
	case len(parts) == 3 && parts[0] == "tl":
		page, _ = strconv.Atoi(parts[1])
		since = parts[2]
	case len(parts) == 2 && parts[0] == "tlp":
		page, _ = strconv.Atoi(parts[1])
		byPage = true
	}
	empty := 0
	for {
		path := fmt.Sprintf("/ajax/statuses/mymblog?uid=%s&page=%d&feature=0", c.uid, max(page, 1))
		if since != "" && !byPage {
			path += "&since_id=" + url.QueryEscape(since)
		}
		tl, n, err := c.timelinePage(ctx, wb.KindMymblog, "", path)
		if errors.Is(err, exporter.ErrRejected) && !byPage {
			c.s.Progress.Note(i18n.Msg{Code: i18n.NoteCursorTooLong, Args: i18n.Args{"collection": cPosts}})
			byPage = true
			continue
		}
		if err != nil {
			return pages, err
		}
		pages++
		next := string(tl.SinceID)
		if len(tl.Statuses) == 0 {
			empty++
		} else {
			empty = 0
		}
		if next == "" || empty >= 5 || (refresh && n == 0) {
			return pages, c.s.Page(cPosts, pages, "tl-done", n)
		}
		page++
		at := fmt.Sprintf("tl|%d|%s", page, next)
		if byPage {
			at = fmt.Sprintf("tlp|%d", page)
		}
		if err := c.s.Page(cPosts, pages, at, n); err != nil {
			return pages, err
		}
		since = next
	}
}

// webTip returns the web's note that the rest of the posts are only in
// the app (bottom_tips_text, §W2), when a timeline page captured so far
// shows one.
func (c *capture) webTip() string {
	raws, err := c.s.Store.Raws(cPosts)
	if err != nil {
		return ""
	}
	for _, r := range raws {
		if r.Meta.Kind != string(wb.KindMymblog) && r.Meta.Kind != string(wb.KindSearchProfile) {
			continue
		}
		body, err := os.ReadFile(r.Path)
		if err != nil {
			continue
		}
		if tl, err := wb.DecodeTimeline(body); err == nil && strings.Contains(tl.BottomTips, "客户端") {
			return tl.BottomTips
		}
	}
	return ""
}

// timelinePage fetches one page of a timeline (mymblog, searchProfile)
// and handles its own statuses; it returns the page and how many of them
// were new.
func (c *capture) timelinePage(ctx context.Context, kind parsers.Kind, ref, path string) (*wb.Timeline, int, error) {
	body, err := c.fetch(ctx, cPosts, kind, ref, path)
	if err != nil {
		return nil, 0, err
	}
	tl, err := wb.DecodeTimeline(body)
	if err != nil {
		return nil, 0, err
	}
	n, err := c.statuses(ctx, tl.Statuses)
	return tl, n, err
}

// ownStatus is what the comments pass needs of an own post.
type ownStatus struct {
	mid, mblogid string
	bulletin     int64
	comments     int64
}

// ownStatuses reads every own status from the raw posts captures, newest
// first, with its latest counters.
func (c *capture) ownStatuses() ([]ownStatus, error) {
	raws, err := c.s.Store.Raws(cPosts)
	if err != nil {
		return nil, err
	}
	byMid := map[string]ownStatus{}
	for _, r := range raws {
		for _, st := range statusesOf(r) {
			if st.AuthorID() != c.uid {
				continue
			}
			byMid[st.Key()] = ownStatus{mid: st.Key(), mblogid: st.MblogID, bulletin: st.IsShowBulletin.V, comments: st.CommentsCount.V}
		}
	}
	out := make([]ownStatus, 0, len(byMid))
	for _, o := range byMid {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return lessID(out[j].mid, out[i].mid) })
	return out, nil
}

// seenFromRaw marks the own statuses earlier runs captured as handled.
func (c *capture) seenFromRaw() {
	own, err := c.ownStatuses()
	if err != nil {
		return
	}
	for _, o := range own {
		c.seen[o.mid] = true
	}
}

// newestMonth returns the month ("2006-01", Beijing time) of the newest
// own post the earlier passes captured, or "" when there is none.
func (c *capture) newestMonth(earlier *exporter.Earlier) (string, error) {
	months, err := earlier.Known(c.s.Store, cPosts, func(r exporter.RawFile) ([]string, error) {
		var out []string
		for _, st := range statusesOf(r) {
			if t := wb.Time(st.CreatedAt); st.AuthorID() == c.uid && len(t) >= 7 {
				out = append(out, t[:7])
			}
		}
		return out, nil
	})
	newest := ""
	for m := range months {
		newest = max(newest, m)
	}
	return newest, err
}
