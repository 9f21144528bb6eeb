package weibo

import (
	"context"
	"fmt"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	wb "github.com/farewell-app/farewell/parsers/weibo"
)

// mobileHome is the m.weibo.cn page client-only posts are asked from: its
// statuses/show answers only its own origin.
const mobileHome = "https://m.weibo.cn/"

// mobileRequest is an in-page request to m.weibo.cn's API as its web
// app makes it (weibo-crawler, RSSHub: X-Requested-With and MWeibo-Pwa).
func mobileRequest(path string) exporter.Request {
	return exporter.Request{URL: path, Headers: map[string]string{"X-Requested-With": "XMLHttpRequest", "MWeibo-Pwa": "1",
		"Accept": "application/json, text/plain, */*"}}
}

// clientOnly reads whole, from m.weibo.cn, every post a collection's
// captures hold only as the web's stub ("该内容请至手机客户端查看", §W3),
// and queues its media. Each is kept as a raw capture of its own
// (weibo.m.show), so a run that stops before this step ends asks again
// only for those not yet read. One that m.weibo.cn does not answer is a
// gap: the post is never taken for deleted.
func (c *capture) clientOnly(ctx context.Context, collection exporter.Collection) error {
	stubs, err := c.stubsOf(ctx, collection)
	if err != nil || len(stubs) == 0 {
		return err
	}
	c.s.Progress.Note(i18n.Msg{Code: i18n.NoteStubs, Args: i18n.Args{"collection": collection, "n": len(stubs)}})
	c.page.Lock()
	defer c.page.Unlock()
	if _, err := c.s.Navigate(ctx, mobileHome); err != nil {
		// The posts in hand stay; the stubs are what is missing.
		for _, st := range stubs {
			if err := c.s.GapOr(ctx, collection, "client_only", st.Key(), fmt.Errorf("m.weibo.cn could not be opened to read post %s whole: %w", st.Key(), err)); err != nil {
				return err
			}
		}
		return nil
	}
	for _, st := range stubs {
		id := firstNonEmpty(st.MblogID, st.Key())
		resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: mobileRequest("/statuses/show?id=" + id),
			Collection: collection, Kind: string(wb.KindMobileShow), Ref: st.Key()})
		var full *wb.Status
		if err == nil {
			full, err = wb.DecodeMobileShow(resp.Body)
		}
		if err != nil {
			err = fmt.Errorf("the web shows post %s only as a stub and m.weibo.cn did not answer it whole: %w", st.Key(), err)
			if err := c.s.GapOr(ctx, collection, "client_only", st.Key(), err); err != nil {
				return err
			}
			continue
		}
		if collection == cPosts && full.AuthorID() != c.uid {
			delete(c.seen, st.Key()) // another user's post mixed into the timeline
		}
		c.statusMedia(collection, full)
	}
	return nil
}

// stubsOf returns the client-only stubs of a collection's captures that
// no m.weibo.cn capture answers yet, once each.
func (c *capture) stubsOf(ctx context.Context, collection exporter.Collection) ([]wb.Status, error) {
	var stubs []wb.Status
	read, want := map[string]bool{}, map[string]bool{}
	err := c.s.Store.EachRaw(ctx, []exporter.Collection{collection}, func(_ exporter.Collection, rf exporter.RawFile, body []byte) {
		if rf.Meta.Kind == string(wb.KindMobileShow) {
			read[rf.Meta.Ref] = true
			return
		}
		for _, st := range statusesIn(rf, body) {
			if st.ClientOnly() && !want[st.Key()] {
				want[st.Key()] = true
				stubs = append(stubs, st)
			}
		}
	})
	out := stubs[:0]
	for _, st := range stubs {
		if !read[st.Key()] {
			out = append(out, st)
		}
	}
	return out, err
}
