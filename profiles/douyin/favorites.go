package douyin

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
)

// favorites walks the 收藏 tab: its videos (listcollection), each
// folder's works, the series and the music. The site gives no total.
func (c *capture) favorites(ctx context.Context) error {
	known, err := c.begin(cFavorites, nil)
	if err != nil {
		return err
	}
	page, err := c.userPage(ctx, "favorite_collection")
	if err != nil {
		return err
	}
	v, err := c.t.Open(ctx, page, 2, rFavorites, rFolders, rFolder, rMixes, rMusics, rDramas)
	if err != nil {
		return err
	}
	defer v.Close()
	if err := c.userReady(ctx, v); err != nil {
		return err
	}
	seen := counted(known, "")
	read := c.pages(cFavorites, known, func(rf exporter.RawFile, body []byte) (int, bool, error) {
		switch {
		case rMixes.Is(rf):
			return c.mixes(seen, body)
		case rMusics.Is(rf):
			return c.musics(seen, body)
		case rDramas.Is(rf):
			return c.dramas(seen, body)
		}
		return c.works(cFavorites, seen, false)(rf, body)
	})
	if c.ended == nil {
		c.ended = map[string]bool{}
	}
	sub := func(name string, r exporter.Route, open *exporter.Find) (bool, error) {
		if c.ended[name] {
			return true, nil
		}
		// The videos tab is open when the page loads: its first page may
		// have come while the profile was awaited, so its list reads every
		// answer since the page opened. A tab opened by a click reads what
		// came after the click.
		from := 0
		if open != nil {
			from = v.Mark()
			if err := v.Act(ctx, exporter.Click(*open, 0)); err != nil {
				return false, err
			}
		}
		ended, err := v.Drive(ctx, &exporter.List{From: from, Want: r.Is, Page: read, Next: exporter.ScrollDown(workItems), Patience: 5})
		c.ended[name] = ended
		return ended, err
	}
	var short []string
	if ended, err := sub("videos", rFavorites, nil); err != nil {
		return err
	} else if !ended {
		short = append(short, "videos")
	}
	missed, err := c.folders(ctx, v, read)
	if err != nil {
		return err
	}
	short = append(short, missed...)
	for _, tab := range []struct {
		r    exporter.Route
		open exporter.Find
		name string
	}{{rMixes, favMix, "series"}, {rMusics, favMusic, "music"}, {rDramas, favDrama, "short dramas"}} {
		ended, err := sub(tab.name, tab.r, &tab.open)
		if err != nil {
			return err
		}
		if !ended {
			short = append(short, tab.name)
		}
	}
	if len(short) > 0 {
		// The site gives no count of favourites: a list that stopped
		// without saying it ended may be short, and nothing would show
		// it. The step runs again, and fails if it stays so.
		return c.s.Retry(ctx, i18n.Msg{Code: i18n.WhyFavoritesShort, Args: i18n.Args{"collection": cFavorites, "which": strings.Join(short, ", ")}})
	}
	return c.s.Done(cFavorites, exporter.StopEnd, i18n.Msg{}, int64(len(seen)))
}

// folders opens the 收藏夹 tab and each folder in turn, reading its works
// with read. It returns the folders that stopped short of their end. A
// folder is known by what the page asks for when its card is clicked,
// not by the card's place, which the site may change.
func (c *capture) folders(ctx context.Context, v *exporter.View, read func(exporter.RawFile, []byte) (int, bool, error)) ([]string, error) {
	if c.ended["folders"] {
		return nil, nil
	}
	short, err := c.eachFolder(ctx, v, read)
	c.ended["folders"] = err == nil && len(short) == 0
	return short, err
}

// eachFolder opens the 收藏夹 tab and each folder; see folders.
func (c *capture) eachFolder(ctx context.Context, v *exporter.View, read func(exporter.RawFile, []byte) (int, bool, error)) ([]string, error) {
	from := v.Mark()
	if err := v.Act(ctx, exporter.Click(favFolder, 0)); err != nil {
		return nil, err
	}
	rf, body, err := v.Answer(ctx, from, rFolders.Is)
	if err != nil {
		return nil, err
	}
	folders, err := dy.DecodeFolders(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rf.Name, err)
	}
	if len(folders.List) == 0 {
		return nil, nil
	}
	if err := v.Await(ctx, folderCards, 10*time.Second); err != nil {
		return nil, err
	}
	names := map[string]string{}
	for i := range folders.List {
		names[folders.List[i].Key()] = folders.List[i].Name
	}
	done := map[string]bool{}
	var short []string
	for i := 0; i < len(folders.List); i++ {
		from := v.Mark()
		if err := v.Act(ctx, exporter.Click(folderCards, i)); err != nil {
			return nil, err
		}
		first, _, err := v.Answer(ctx, from, rFolder.Is)
		if err != nil {
			return nil, err
		}
		id := folderOf(first)
		ended := c.ended["folder "+id]
		if !ended {
			ended, err = v.Drive(ctx, &exporter.List{From: from, Page: read, Next: exporter.ScrollDown(workItems), Patience: 5,
				Want: func(rf exporter.RawFile) bool { return rFolder.Is(rf) && folderOf(rf) == id }})
			if err != nil {
				return nil, err
			}
		}
		done[id] = true
		c.ended["folder "+id] = ended
		if !ended {
			short = append(short, "folder "+names[id])
		}
		from = v.Mark()
		if err := v.Act(ctx, exporter.Click(folderBack, 0)); err != nil {
			return nil, err
		}
		if _, _, err := v.Answer(ctx, from, rFolders.Is); err != nil {
			return nil, err
		}
		if err := v.Await(ctx, folderCards, 10*time.Second); err != nil {
			return nil, err
		}
	}
	for id, name := range names {
		if !done[id] {
			short = append(short, "folder "+name+" (never opened)")
		}
	}
	return short, nil
}

// folderOf is the favourite folder a collects/video/list answer is of.
func folderOf(rf exporter.RawFile) string { return queryOf(rf, "collects_id") }

// mixes reads a page of favourite series, queueing their covers.
func (c *capture) mixes(seen map[string]bool, body []byte) (int, bool, error) {
	m, err := dy.DecodeMixes(body)
	if err != nil {
		return 0, false, err
	}
	c.mixCovers(cFavorites, m.List)
	return countNew(seen, "mix:", m.List, func(x *dy.Mix) string { return string(x.MixID) }), bool(m.HasMore), nil
}

// dramas reads a page of favourite short dramas, queueing their covers.
func (c *capture) dramas(seen map[string]bool, body []byte) (int, bool, error) {
	d, err := dy.DecodeDramas(body)
	if err != nil {
		return 0, false, err
	}
	n := 0
	for i := range d.List {
		if id := "drama:" + d.List[i].Key(); !seen[id] {
			seen[id] = true
			n++
		}
		if u := d.List[i].CoverURL.First(); u != "" {
			c.media(cFavorites, d.List[i].Key(), record.Media{Type: record.MediaCover, URL: u}, "")
		}
	}
	return n, bool(d.HasMore), nil
}

// musics reads a page of favourite music, queueing the sounds.
func (c *capture) musics(seen map[string]bool, body []byte) (int, bool, error) {
	m, err := dy.DecodeMusics(body)
	if err != nil {
		return 0, false, err
	}
	c.musicMedia(cFavorites, m.List)
	return countNew(seen, "music:", m.List, (*dy.Music).Key), bool(m.HasMore), nil
}

// countNew marks the items of a list page seen, by prefix and key, and
// returns how many were not seen before.
func countNew[T any](seen map[string]bool, prefix string, list []T, key func(*T) string) int {
	n := 0
	for i := range list {
		if id := prefix + key(&list[i]); !seen[id] {
			seen[id] = true
			n++
		}
	}
	return n
}
