package weibo

import (
	"context"
	"strconv"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers"
	wb "github.com/farewell-app/farewell/parsers/weibo"
)

// pagedStatuses walks a page-numbered list of others' statuses (likes,
// favourites) until an empty page, or until stop says so, queueing their
// media.
func (c *capture) pagedStatuses(ctx context.Context, collection exporter.Collection, kind parsers.Kind, expected *int64, pathFor func(page int) string,
	decode func([]byte) ([]wb.Status, error), stop func(captured int64) bool) error {
	var captured int64
	var known map[string]bool // after a complete backup: what it had
	n, err := c.s.Paginate(ctx, collection, expected, "1", 1, func(ctx context.Context, cursor string) (exporter.PageResult, error) {
		if known == nil {
			var err error
			if known, err = c.known(collection); err != nil {
				return exporter.PageResult{}, err
			}
		}
		page, _ := strconv.Atoi(cursor)
		body, err := c.fetch(ctx, collection, kind, "", pathFor(max(page, 1)))
		if err != nil {
			return exporter.PageResult{}, err
		}
		list, err := decode(body)
		if err != nil {
			return exporter.PageResult{}, err
		}
		fresh := 0
		for i := range list {
			c.statusMedia(collection, &list[i])
			if !known[list[i].Key()] {
				fresh++
			}
		}
		captured += int64(len(list))
		next := strconv.Itoa(page + 1)
		if len(list) == 0 || (stop != nil && stop(captured)) || (len(known) > 0 && fresh == 0) {
			next = ""
		}
		return exporter.PageResult{Items: len(list), Next: next}, nil
	})
	if err != nil {
		return err
	}
	if err := c.clientOnly(ctx, collection); err != nil {
		return err
	}
	return c.s.Done(collection, exporter.StopEnd, i18n.Msg{}, n)
}

// known returns, when the collection refreshes after a complete backup,
// the keys of the statuses the earlier passes captured (the list is
// newest first, so a page of nothing but those is where the new part
// ends); otherwise an empty set.
func (c *capture) known(collection exporter.Collection) (map[string]bool, error) {
	earlier, err := c.s.Since(collection)
	if err != nil || earlier == nil {
		return map[string]bool{}, err
	}
	return earlier.Known(c.s.Store, collection, func(r exporter.RawFile) ([]string, error) {
		var out []string
		for _, st := range statusesOf(r) {
			out = append(out, st.Key())
		}
		return out, nil
	})
}
