package weibo

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	wb "github.com/farewell-app/farewell/parsers/weibo"
)

func (c *capture) following(ctx context.Context) error {
	info, err := c.counts(ctx)
	if err != nil {
		return err
	}
	n, err := c.friends(ctx, cFollowing, num(info.FriendsCount), func(page int) string {
		return fmt.Sprintf("/ajax/friendships/friends?uid=%s&page=%d", c.uid, page)
	})
	if err != nil {
		return err
	}
	if err := c.followGroups(ctx); err != nil {
		if err := c.s.GapOr(ctx, cFollowing, "groups", "", err); err != nil {
			return err
		}
	}
	return c.s.Done(cFollowing, exporter.StopEnd, i18n.Msg{}, n)
}

// followGroups keeps the follow groups the person made (feed/allGroups)
// and each group's members (profile/getGroupMembers, until an empty page
// or the group's count), so that each followed account's record names its
// groups (§W10).
func (c *capture) followGroups(ctx context.Context) error {
	body, err := c.fetch(ctx, cFollowing, wb.KindGroups, "", "/ajax/feed/allGroups?is_new_segment=1&fetch_hot=1")
	if err != nil {
		return err
	}
	groups, err := wb.DecodeGroups(body)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if !g.Own() {
			continue
		}
		got := int64(0)
		for page := 1; ; page++ {
			body, err := c.fetch(ctx, cFollowing, wb.KindGroupMembers, string(g.GID),
				fmt.Sprintf("/ajax/profile/getGroupMembers?list_id=%s&page=%d", g.GID, page))
			if err != nil {
				return err
			}
			m, err := wb.DecodeGroupMembers(body)
			if err != nil {
				return err
			}
			got += int64(len(m.Users))
			if len(m.Users) == 0 || (m.Total.Valid && got >= m.Total.V) {
				break
			}
		}
	}
	return nil
}

// friends walks a friendships/friends list until next_cursor is 0, and
// returns how many users it holds (this run and earlier ones).
func (c *capture) friends(ctx context.Context, collection exporter.Collection, expected *int64, pathFor func(page int) string) (int64, error) {
	ids := map[string]bool{}
	for _, r := range c.rawUsers(collection) {
		ids[r] = true
	}
	refresh := false // after a complete backup: stop at a page of known users
	started := false
	_, err := c.s.Paginate(ctx, collection, expected, "1", 1, func(ctx context.Context, cursor string) (exporter.PageResult, error) {
		if !started {
			started = true
			earlier, err := c.s.Since(collection)
			if err != nil {
				return exporter.PageResult{}, err
			}
			refresh = earlier != nil
		}
		page, _ := strconv.Atoi(cursor)
		body, err := c.fetch(ctx, collection, wb.KindFriends, "", pathFor(max(page, 1)))
		if err != nil {
			return exporter.PageResult{}, err
		}
		f, err := wb.DecodeFriends(body)
		if err != nil {
			return exporter.PageResult{}, err
		}
		fresh := 0
		for i := range f.Users {
			if !ids[f.Users[i].Key()] {
				ids[f.Users[i].Key()] = true
				fresh++
			}
		}
		next := strconv.Itoa(page + 1)
		if f.NextCursor == "" || len(f.Users) == 0 || (refresh && fresh == 0) {
			next = ""
		}
		return exporter.PageResult{Items: len(f.Users), Next: next}, nil
	})
	return int64(len(ids)), err
}

// rawUsers lists the user ids earlier runs captured for a collection.
func (c *capture) rawUsers(collection exporter.Collection) []string {
	raws, _ := c.s.Store.Raws(collection)
	var out []string
	for _, r := range raws {
		if r.Meta.Kind != string(wb.KindFriends) {
			continue // the follow groups
		}
		if body, err := os.ReadFile(r.Path); err == nil {
			if f, err := wb.DecodeFriends(body); err == nil {
				for i := range f.Users {
					out = append(out, f.Users[i].Key())
				}
			}
		}
	}
	return out
}
