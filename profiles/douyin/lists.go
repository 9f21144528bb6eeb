package douyin

import (
	"context"
	"slices"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
)

// pages wraps a page reader so that each page is journalled. known, when
// not nil, holds the keys of what a complete earlier backup captured
// (see begin): the lists are newest first, so a page that brings no key
// outside it ends the list.
func (c *capture) pages(collection exporter.Collection, known map[string]bool, read func(exporter.RawFile, []byte) (int, bool, error)) func(exporter.RawFile, []byte) (int, bool, error) {
	n := 0
	return func(rf exporter.RawFile, body []byte) (int, bool, error) {
		items, more, err := read(rf, body)
		if err != nil {
			return items, more, err
		}
		if known != nil && more {
			fresh := false
			for _, k := range keysIn(rf, body) {
				if !known[k] {
					known[k], fresh = true, true
				}
			}
			more = fresh
		}
		n++
		return items, more, c.s.Page(collection, n, "", items)
	}
}

// begin starts a pass of a list collection. After a complete earlier
// backup it returns the keys of what that backup captured, so that the
// pass stops at the first page without anything new; otherwise nil (the
// whole list is walked).
func (c *capture) begin(collection exporter.Collection, expected *int64) (map[string]bool, error) {
	if err := c.s.StartCollection(collection, expected); err != nil {
		return nil, err
	}
	earlier, err := c.s.Since(collection)
	if err != nil || earlier == nil {
		return nil, err
	}
	known, err := earlier.Known(c.s.Store, collection, func(rf exporter.RawFile) ([]string, error) {
		body, err := rf.Read()
		if err != nil {
			return nil, err
		}
		return keysIn(rf, body), nil
	})
	if err != nil {
		return nil, err
	}
	c.s.Progress.Note(i18n.Msg{Code: i18n.NoteSinceEarlier, Args: i18n.Args{"collection": collection}})
	return known, nil
}

// counted starts the set a list counts its items in (the whole list,
// earlier backups included) from the keys begin returned: those with the
// prefix, without it ("": the unqualified keys).
func counted(known map[string]bool, prefix string) map[string]bool {
	seen := map[string]bool{}
	for k := range known {
		switch {
		case prefix != "" && strings.HasPrefix(k, prefix):
			seen[strings.TrimPrefix(k, prefix)] = true
		case prefix == "" && !strings.HasPrefix(k, "user:") && !strings.HasPrefix(k, "folder:"):
			seen[k] = true
		}
	}
	return seen
}

// keysIn returns the keys of the items of one list page: works, users,
// mixes, music, and a folder's works qualified by the folder (a work new
// to a folder is new there).
func keysIn(rf exporter.RawFile, body []byte) []string {
	var out []string
	switch {
	case rMixes.Is(rf):
		if m, err := dy.DecodeMixes(body); err == nil {
			out = keys(out, "mix:", m.List, func(x *dy.Mix) string { return string(x.MixID) })
		}
	case rOwnMixes.Is(rf):
		if m, err := dy.DecodeOwnMixes(body); err == nil {
			out = keys(out, "mix:", m.Items(), func(x *dy.Mix) string { return string(x.MixID) })
		}
	case rMusics.Is(rf):
		if m, err := dy.DecodeMusics(body); err == nil {
			out = keys(out, "music:", m.List, (*dy.Music).Key)
		}
	case rSounds.Is(rf):
		if s, err := dy.DecodeSounds(body); err == nil {
			out = keys(out, "music:", s.Items(), (*dy.Music).Key)
		}
	case rNotices.Is(rf):
		if n, err := dy.DecodeNotices(body); err == nil {
			out = keys(out, "notice:", n.Items(), (*dy.Notice).Key)
		}
	case rFollowing.Is(rf), rFollowers.Is(rf):
		if f, err := dy.DecodeFollow(body); err == nil {
			for _, u := range f.Users() {
				out = append(out, "user:"+string(u.UID))
			}
		}
	case rFolder.Is(rf):
		folder := folderOf(rf)
		for _, a := range awemesIn(rf, body) {
			out = append(out, "folder:"+folder+":"+string(a.AwemeID))
		}
	default:
		for _, a := range awemesIn(rf, body) {
			out = append(out, string(a.AwemeID))
		}
	}
	return out
}

// works reads a page of works, counts the ones not seen before (own
// works only, when own), and queues their media.
func (c *capture) works(collection exporter.Collection, seen map[string]bool, own bool) func(exporter.RawFile, []byte) (int, bool, error) {
	return func(rf exporter.RawFile, body []byte) (int, bool, error) {
		l, err := dy.DecodeAwemeList(body)
		if err != nil {
			return 0, false, err
		}
		n := 0
		for i := range l.Awemes {
			a := &l.Awemes[i]
			if own && a.AuthorID() != c.uid {
				continue
			}
			if !seen[string(a.AwemeID)] {
				seen[string(a.AwemeID)] = true
				n++
			}
			c.workMedia(collection, a)
		}
		return n, bool(l.HasMore), nil
	}
}

// worksTab scrolls one tab of the profile page (works, likes) to its end.
func (c *capture) worksTab(ctx context.Context, collection exporter.Collection, tab string, r exporter.Route, expected *int64, own bool) error {
	known, err := c.begin(collection, expected)
	if err != nil {
		return err
	}
	page, err := c.userPage(ctx, tab)
	if err != nil {
		return err
	}
	v, err := c.t.Open(ctx, page, 2, r)
	if err != nil {
		return err
	}
	defer v.Close()
	if err := c.userReady(ctx, v); err != nil {
		return err
	}
	seen := counted(known, "")
	ended, err := v.Drive(ctx, &exporter.List{Want: r.Is, Page: c.pages(collection, known, c.works(collection, seen, own)),
		Next: exporter.ScrollDown(workItems), Patience: 8})
	if err != nil {
		return err
	}
	if expected == nil {
		return c.finish(ctx, collection, ended, int64(len(seen)))
	}
	detail := i18n.Msg{}
	if !ended {
		detail = i18n.Msg{Code: i18n.DoneNeverEnded}
		c.s.Short(collection, i18n.English(detail))
	}
	return c.s.Done(collection, exporter.StopEnd, detail, int64(len(seen)))
}

// finish ends a list the site gives no count of: one that stopped
// without saying it ended may be short, and nothing would show it, so
// the step runs again (and fails if it stays so).
func (c *capture) finish(ctx context.Context, collection exporter.Collection, ended bool, captured int64) error {
	if !ended {
		return c.s.Retry(ctx, i18n.Msg{Code: i18n.WhyListShort, Args: i18n.Args{"collection": collection}})
	}
	return c.s.Done(collection, exporter.StopEnd, i18n.Msg{}, captured)
}

// keys appends the keys of a page's items, each with prefix.
func keys[T any](out []string, prefix string, list []T, key func(*T) string) []string {
	for i := range list {
		out = append(out, prefix+key(&list[i]))
	}
	return out
}

// tabList starts a collection, opens a tab of the owner's page and
// scrolls the list it shows to its end, reading each page of route r with
// read. The tab's address (showTab=name) is not documented: when the page
// it opens does not ask for the list by itself, the tab is clicked. It
// returns the items the list holds (keyed without prefix, earlier
// backups' included) and whether the site said the list ended.
func (c *capture) tabList(ctx context.Context, collection exporter.Collection, name string, tab exporter.Find, r exporter.Route, prefix string,
	read func(seen map[string]bool, body []byte) (int, bool, error)) (map[string]bool, bool, error) {
	known, err := c.begin(collection, nil)
	if err != nil {
		return nil, false, err
	}
	page, err := c.userPage(ctx, name)
	if err != nil {
		return nil, false, err
	}
	v, err := c.t.Open(ctx, page, 2, r)
	if err != nil {
		return nil, false, err
	}
	defer v.Close()
	if err := c.userReady(ctx, v); err != nil {
		return nil, false, err
	}
	if err := v.Settle(ctx); err != nil {
		return nil, false, err
	}
	from := 0
	if !slices.ContainsFunc(v.Saved(), r.Is) {
		from = v.Mark()
		if err := v.Act(ctx, exporter.Click(tab, 0)); err != nil {
			return nil, false, err
		}
	}
	seen := counted(known, prefix)
	ended, err := v.Drive(ctx, &exporter.List{From: from, Want: r.Is, Next: exporter.ScrollDown(workItems), Patience: 5,
		Page: c.pages(collection, known, func(_ exporter.RawFile, body []byte) (int, bool, error) { return read(seen, body) })})
	return seen, ended, err
}
