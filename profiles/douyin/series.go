package douyin

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
)

// ownMix is what the series pass needs of one of the person's series.
type ownMix struct {
	id       string
	episodes int64
}

// series opens the profile page's 合集 tab and scrolls the person's own
// series (mix/list) to their end, then opens each series' page
// (/collection/<mix_id>) and scrolls its works (mix/aweme). The expected
// count is mix/list's total. The journal cursor is the id of the last
// series whose works are in, so that an interrupted run goes on with the
// next; after a complete backup, a series whose episode count has not
// changed is not walked again.
func (c *capture) series(ctx context.Context) error {
	after := ""
	if st, err := c.s.State(cSeries); err != nil {
		return err
	} else if st != nil && !st.Finished() {
		after = st.Cursor
	}
	_, ended, err := c.tabList(ctx, cSeries, "mix", mixTab, rOwnMixes, "mix:", func(seen map[string]bool, body []byte) (int, bool, error) {
		m, err := dy.DecodeOwnMixes(body)
		if err != nil {
			return 0, false, err
		}
		c.mixCovers(cSeries, m.Items())
		return countNew(seen, "", m.Items(), func(x *dy.Mix) string { return string(x.MixID) }), bool(m.HasMore), nil
	})
	if err != nil {
		return err
	}
	if !ended {
		return c.finish(ctx, cSeries, false, 0)
	}
	mixes, total, err := c.ownMixes(ctx)
	if err != nil {
		return err
	}
	if total != nil {
		if err := c.s.Expect(cSeries, *total); err != nil {
			return err
		}
	}
	earlier, err := c.s.Since(cSeries)
	if err != nil {
		return err
	}
	st, err := c.s.State(cSeries)
	if err != nil {
		return err
	}
	pages := 0
	if st != nil {
		pages = st.Pages
	}
	for _, m := range mixes {
		version := strconv.FormatInt(m.episodes, 10)
		switch {
		case after != "":
			if m.id == after {
				after = ""
			}
			continue
		case earlier != nil && earlier.Versions[m.id] == version:
			continue
		}
		got, err := c.mixWorks(ctx, m)
		if err != nil {
			if err := c.s.GapOr(ctx, cSeries, "series", m.id, err); err != nil {
				return err
			}
		}
		pages++
		if err := c.s.PageVersion(cSeries, pages, m.id, got, version); err != nil {
			return err
		}
	}
	return c.s.Done(cSeries, exporter.StopEnd, i18n.Msg{}, int64(len(mixes)))
}

// mixWorks opens a series' page and scrolls its works to their end,
// queueing their media: how many works it holds. A series that ends
// short of its episode count is an error.
func (c *capture) mixWorks(ctx context.Context, m ownMix) (int, error) {
	v, err := c.t.Open(ctx, origin+"/collection/"+url.PathEscape(m.id), 1, rMixWorks)
	if err != nil {
		return 0, err
	}
	defer v.Close()
	seen := map[string]bool{}
	ended, err := v.Drive(ctx, &exporter.List{Next: exporter.ScrollDown(workItems), Patience: 5,
		Want: func(rf exporter.RawFile) bool { return rMixWorks.Is(rf) && queryOf(rf, "mix_id") == m.id },
		Page: c.works(cSeries, seen, false)})
	switch {
	case err != nil:
		return len(seen), err
	case !ended:
		return len(seen), fmt.Errorf("the series' works stopped growing at %d without saying they ended", len(seen))
	case int64(len(seen)) < m.episodes:
		return len(seen), fmt.Errorf("the series lists %d of its %d works", len(seen), m.episodes)
	}
	return len(seen), nil
}

// ownMixes reads the person's series from the kept mix/list pages, in
// the site's order, each with its latest episode count, and mix/list's
// latest total (nil when it gave none).
func (c *capture) ownMixes(ctx context.Context) ([]ownMix, *int64, error) {
	var order []string
	byID := map[string]int64{}
	var total *int64
	err := c.s.Store.EachRaw(ctx, []exporter.Collection{cSeries}, func(_ exporter.Collection, rf exporter.RawFile, body []byte) {
		if !rOwnMixes.Is(rf) {
			return
		}
		l, err := dy.DecodeOwnMixes(body)
		if err != nil {
			return
		}
		if l.Total.Valid {
			total = l.Total.Ptr()
		}
		for _, x := range l.Items() {
			id := string(x.MixID)
			if _, ok := byID[id]; !ok {
				order = append(order, id)
			}
			byID[id] = 0
			if x.Statis != nil {
				byID[id] = x.Statis.UpdatedToEpisode.V
			}
		}
	})
	out := make([]ownMix, 0, len(order))
	for _, id := range order {
		out = append(out, ownMix{id: id, episodes: byID[id]})
	}
	return out, total, err
}

// queryOf is a query parameter of the URL a raw capture answers.
func queryOf(rf exporter.RawFile, name string) string {
	u, err := url.Parse(rf.Meta.URL)
	if err != nil {
		return ""
	}
	return u.Query().Get(name)
}
