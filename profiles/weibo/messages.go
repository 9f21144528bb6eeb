package weibo

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/parsers/record"
	wb "github.com/farewell-app/farewell/parsers/weibo"
	"github.com/farewell-app/farewell/profiles/internal/chatshots"
)

// chatURL is the web's private messages (§W10): the webim API answers
// only requests from its own origin.
const chatURL = "https://api.weibo.com/chat"

// The chat's answers, kept whoever asks: the page as it loads and
// scrolls, or the profile.
var (
	rContacts   = exporter.Route{Path: "/webim/2/direct_messages/contacts.json", Collection: cMessages, Kind: string(wb.KindContacts)}
	rDMs        = exporter.Route{Path: "/webim/2/direct_messages/conversation.json", Collection: cMessages, Kind: string(wb.KindConversation)}
	rGroupPages = exporter.Route{Path: "/webim/groupchat/query_messages.json", Collection: cMessages, Kind: string(wb.KindGroupMessages)}
)

// The chat page's elements. Nobody documents the real page's DOM: the
// message list is found by class guesses, then as the largest scrollable
// box right of the conversation list (chatView tags it); a conversation
// by the name the API gives it.
var chatList = exporter.Find{Name: "the message list", CSS: []string{"[data-farewell=messages]"},
	Class: []string{"chat-msgs", "msg-list", "message-list", "messageList"}}

// chatView finds the message list and reads what it shows: the bubbles
// wholly inside it (and any taller than it that it crosses), top to bottom, each with its text and side (a bubble
// nearer the right edge, or in a row whose class says so, is the
// person's own), and where the list is scrolled.
const chatView = `(() => {
  const scrolls = e => /^(auto|scroll|overlay)$/.test(getComputedStyle(e).overflowY);
  let box = document.querySelector('[data-farewell=messages]');
  if (!box) for (const s of ['[class*=chat-msgs]', '[class*=msg-list]', '[class*=message-list]', '[class*=messageList]']) {
    const e = document.querySelector(s);
    if (e && scrolls(e)) { box = e; break; }
  }
  if (!box) {
    let area = 0;
    for (const e of document.querySelectorAll('div, section, ul, main')) {
      const r = e.getBoundingClientRect();
      if (!scrolls(e) || r.left + r.width / 2 < innerWidth * 0.4) continue;
      if (r.width * r.height > area) { box = e; area = r.width * r.height; }
    }
  }
  if (!box) return null;
  box.setAttribute('data-farewell', 'messages');
  const r = box.getBoundingClientRect();
  // The person's own messages sit on the right: a bubble nearer the
  // list's right edge than its left, or marked so by a class of its row.
  const own = (b, q) => {
    for (let e = b; e && e !== box; e = e.parentElement) {
      if (/(^|[\s_-])(self|mine|me|send|right)([\s_-]|$)/i.test(e.className || '')) return true;
    }
    return r.right - q.right < q.left - r.left;
  };
  let nodes = [...box.querySelectorAll('[class*=bubble]')];
  if (!nodes.length) nodes = [...box.querySelectorAll('[data-mid]')].map(e => e.querySelector('[class*=content]') || e.lastElementChild || e);
  const bubbles = [];
  for (const b of nodes) {
    const q = b.getBoundingClientRect();
    // A bubble taller than the list (a shared post's long card) is never
    // wholly in view: each view it crosses shows a part of it.
    const tall = q.height > r.height && q.bottom > r.top && q.top < r.bottom;
    if (q.height === 0 || (!tall && (q.top < r.top - 0.5 || q.bottom > r.bottom + 0.5))) continue;
    bubbles.push({mine: own(b, q), text: b.innerText.trim(),
      top: q.top - r.top + box.scrollTop, bottom: q.bottom - r.top + box.scrollTop});
  }
  bubbles.sort((a, b) => a.top - b.top);
  return {scrollTop: box.scrollTop, end: box.scrollHeight - box.clientHeight, height: box.clientHeight, bubbles: bubbles};
})()`

// messages keeps the private messages: the conversations of
// contacts.json, each one's messages page by page from the webim API,
// then each conversation opened in the chat page and screenshotted from
// its newest message to its oldest (screens/dm/<id>/). The journal cursor
// is the last conversation done; after a complete backup, a conversation
// whose newest message is the one it had then is kept as it was.
func (c *capture) messages(ctx context.Context) error {
	prev, err := c.s.Continue(cMessages, nil)
	if err != nil {
		return err
	}
	after, pages := prev.Resume()
	c.page.Lock()
	defer c.page.Unlock()
	v, err := c.t.Open(ctx, chatURL, 2, rContacts, rDMs, rGroupPages)
	if err != nil {
		return err
	}
	defer v.Close()
	// The page's own list, which the conversations are clicked in: a
	// refused or cut-off answer runs the step again after a pause, and
	// the page loads it anew.
	if _, _, err := v.Answer(ctx, 0, rContacts.Is); err != nil {
		return err
	}
	body, err := c.chatFetch(ctx, wb.KindContacts, "", "/webim/2/direct_messages/contacts.json?special_source=3&add_virtual_user=3,4"+
		"&is_include_group=0&need_back=0,0&is_include_folder=1&count=500&source="+wb.SourceChat)
	if err != nil {
		return err
	}
	cs, err := wb.DecodeContacts(body)
	if err != nil {
		return err
	}
	if cs.Total.Valid && cs.Total.V > int64(len(cs.Contacts)) {
		if err := c.s.Gap(cMessages, exporter.Gap{Kind: "conversations", Ref: "contacts",
			Detail: fmt.Sprintf("the chat lists %d of its %d conversations", len(cs.Contacts), cs.Total.V)}); err != nil {
			return err
		}
	}
	earlier, err := c.s.Keepable(cMessages)
	if err != nil {
		return err
	}
	skip := after != "" && slices.ContainsFunc(cs.Contacts, func(ct wb.Contact) bool { return ct.User.Key() == after })
	// What earlier runs counted of the conversations this pass skips.
	counted, err := c.s.PageItems(cMessages)
	if err != nil {
		return err
	}
	var total, expected int64
	skipped, known := 0, true
	countOf := func(id string) {
		n, ok := counted[id]
		expected += int64(n)
		known = known && ok
	}
	for i := range cs.Contacts {
		ct := &cs.Contacts[i]
		id := ct.User.Key()
		if skip {
			skip = id != after
			countOf(id)
			continue
		}
		version := ""
		if ct.Message != nil && ct.Message.Key() != "" {
			version = "last:" + ct.Message.Key()
		}
		if earlier != nil && version != "" && earlier.Versions[id] == version && chatshots.Screened(c.s.Store, id) {
			skipped++
			countOf(id)
			continue
		}
		msgs, n, err := c.chatHistory(ctx, ct)
		expected += n
		read := err == nil
		if err != nil {
			if err := c.s.GapOr(ctx, cMessages, "conversation", id, err); err != nil {
				return err
			}
		}
		// The screenshots are taken even when the API fell short: then
		// they are all there is of the messages it did not give.
		err = c.chatShots(ctx, v, ct, msgs, read)
		for try := 0; err != nil && !exporter.Fatal(ctx, err) && try < 2; try++ {
			if aerr := c.s.Again(ctx, try, i18n.Msg{Code: i18n.WhyConversation, Args: i18n.Args{"collection": cMessages, "error": err}}); aerr != nil {
				return aerr
			}
			// The page may have failed to load its list (a request of
			// its own cut off): load it again.
			if _, nerr := c.s.Navigate(ctx, chatURL); nerr != nil {
				return nerr
			}
			err = c.chatShots(ctx, v, ct, msgs, read)
		}
		if err != nil {
			if err := c.s.GapOr(ctx, cMessages, "screenshots", id, err); err != nil {
				return err
			}
		}
		if !read || err != nil {
			version = "" // never kept: the next pass walks it again
		}
		pages++
		total += int64(len(msgs))
		if err := c.s.PageVersion(cMessages, pages, id, len(msgs), version); err != nil {
			return err
		}
	}
	if skipped > 0 {
		c.s.Progress.Note(i18n.Msg{Code: i18n.NoteUnchangedConvs, Args: i18n.Args{"collection": cMessages, "n": skipped}})
	}
	if known {
		// The sum of the conversations' own counts is the collection's.
		if err := c.s.Expect(cMessages, expected); err != nil {
			return err
		}
	}
	return c.s.Done(cMessages, exporter.StopEnd, i18n.Msg{Code: i18n.DoneConversations, Args: i18n.Args{"n": len(cs.Contacts)}}, total)
}

// chatFetch asks the webim API from the chat page, keeping the answer.
func (c *capture) chatFetch(ctx context.Context, kind parsers.Kind, ref, path string) ([]byte, error) {
	resp, _, err := c.s.Fetch(ctx, exporter.Fetch{Request: exporter.Request{URL: path,
		Headers: map[string]string{"Accept": "application/json, text/plain, */*"}}, Collection: cMessages, Kind: string(kind), Ref: ref})
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// chatHistory reads a conversation's every message from the webim API,
// newest page first, and returns them oldest first as the chat shows
// them, with how many the conversation has: its total_number, or for a
// group (whose API gives no total) how many were read. A conversation
// the API ends short of its total_number is an error.
func (c *capture) chatHistory(ctx context.Context, ct *wb.Contact) ([]chatshots.Message, int64, error) {
	id := ct.User.Key()
	byID := map[string]chatshots.Message{}
	var total wb.Num
	for cursor, n := "0", 0; ; n++ {
		if n > 100_000 {
			return nil, 0, errors.New("the conversation does not end")
		}
		var ids []string
		if ct.User.Group() {
			body, err := c.chatFetch(ctx, wb.KindGroupMessages, id, "/webim/groupchat/query_messages.json?convert_emoji=1&query_sender=1&count=50&id="+
				url.QueryEscape(id)+"&max_mid="+cursor+"&source="+wb.SourceChat)
			if err != nil {
				return nil, 0, err
			}
			p, err := wb.DecodeGroupMessages(body)
			if err != nil {
				return nil, 0, err
			}
			for i := range p.Messages {
				rec := wb.GroupRecord(&p.Messages[i], c.uid, &ct.User)
				byID[rec.ID] = c.chatMessage(rec)
				ids = append(ids, rec.ID)
			}
		} else {
			maxID := "0"
			if cursor != "0" {
				maxID = cursor
			}
			body, err := c.chatFetch(ctx, wb.KindConversation, id, "/webim/2/direct_messages/conversation.json?convert_emoji=1&count=50&max_id="+maxID+
				"&uid="+url.QueryEscape(id)+"&is_include_group=0&from_contacts=1&source="+wb.SourceChat)
			if err != nil {
				return nil, 0, err
			}
			p, err := wb.DecodeConversation(body)
			if err != nil {
				return nil, 0, err
			}
			if n == 0 {
				total = p.Total
			}
			for i := range p.Messages {
				rec := wb.DMRecord(&p.Messages[i], c.uid, &ct.User)
				byID[rec.ID] = c.chatMessage(rec)
				ids = append(ids, rec.ID)
			}
		}
		oldest := wb.Oldest(ids)
		if oldest == "" {
			break
		}
		next := oldest // the group API goes on from the oldest id
		if !ct.User.Group() {
			v, _ := strconv.ParseUint(oldest, 10, 64)
			if v == 0 {
				break
			}
			next = strconv.FormatUint(v-1, 10)
		}
		if next == cursor {
			break // no older page
		}
		cursor = next
	}
	msgs := make([]chatshots.Message, 0, len(byID))
	for _, m := range byID {
		msgs = append(msgs, m)
	}
	slices.SortFunc(msgs, func(a, b chatshots.Message) int { return compareIDs(a.ID, b.ID) })
	n := int64(len(msgs))
	if total.Valid && total.V > n {
		return msgs, total.V, fmt.Errorf("the chat gave %d of the conversation's %d messages", len(msgs), total.V)
	}
	if total.Valid {
		n = total.V
	}
	return msgs, n, nil
}

// chatMessage queues a message's pictures and files and returns the
// message as its bubble shows it.
func (c *capture) chatMessage(rec record.Message) chatshots.Message {
	for _, m := range rec.Media {
		kind := "file" // any type: the site does not say what a file is
		if m.Type == record.MediaImage {
			kind = "image"
		}
		c.media(cMessages, rec.ID, m.URL, kind, nil)
	}
	return chatshots.Message{ID: rec.ID, Mine: rec.FromMe, Text: wb.ShownText(rec)}
}

// compareIDs orders numeric ids by value.
func compareIDs(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// chatShots opens a conversation in the chat page and scrolls its message
// list from the newest message to the oldest, screenshotting it at each
// step, until the list is at its top and shows the oldest message, or
// the page's last request for it came back empty. It matches each screenshot's bubbles with msgs and
// writes the conversation's screenshot index; screenshots that do not
// reach the beginning, or leave a message off, are an error. whole says
// msgs are all the conversation's messages.
func (c *capture) chatShots(ctx context.Context, v *exporter.View, ct *wb.Contact, msgs []chatshots.Message, whole bool) error {
	id := ct.User.Key()
	dir := chatshots.Dir(id)
	if err := c.s.Store.ClearScreens(dir); err != nil {
		return err
	}
	from, err := c.openChat(ctx, v, ct)
	if err != nil {
		return err
	}
	var shots []record.Shot
	var views [][]chatshots.Bubble
	more, complete := true, false
	var walk chatshots.Walk
	empty := 0
	for round := 0; round < 5000; round++ {
		if err := v.Settle(ctx); err != nil {
			return err
		}
		saved := v.Saved()
		for _, rf := range saved[from:] {
			if n, ok := chatAnswer(rf, id); ok {
				more = n != 0
				if n > 0 {
					walk.Arrived()
				}
			}
		}
		from = len(saved)
		s, err := exporter.Eval[*chatshots.View](ctx, c.t.B, chatView, 10*time.Second)
		if err != nil {
			return err
		}
		if s == nil {
			return errors.New("the chat shows no message list")
		}
		if len(s.Bubbles) == 0 && len(msgs) > 0 && empty < 20 {
			empty++ // the list has not drawn the messages yet
			if err := exporter.Sleep(ctx, 150*time.Millisecond); err != nil {
				return err
			}
			continue
		}
		mv := walk.Next(*s, more)
		if mv.Shoot {
			name, err := c.t.ScreenshotElement(ctx, fmt.Sprintf("%s/%04d.png", dir, len(shots)+1), chatList)
			if err != nil {
				return err
			}
			shots = append(shots, record.Shot{File: name})
			views = append(views, s.Bubbles)
		}
		if s.ScrollTop <= 0 && (!more || (whole && oldestShown(msgs, views))) {
			complete = true
			break
		}
		if chatshots.Pause(ctx, c.s, cMessages, mv) {
			break
		}
		if mv.Reopen {
			if from, err = c.openChat(ctx, v, ct); err != nil {
				return err
			}
			continue
		}
		// The wheel over the list, by as much as the view must move.
		for _, d := range mv.Scrolls {
			if err := v.ActWait(ctx, exporter.ScrollBy(chatList, d), 150*time.Millisecond); err != nil {
				return err
			}
		}
	}
	covered := map[string]bool{}
	for k, ids := range chatshots.Align(msgs, views) {
		shots[k].IDs = ids
		for _, id := range ids {
			covered[id] = true
		}
	}
	if err := chatshots.Save(c.s.Store, id, complete, shots); err != nil {
		return err
	}
	switch {
	case !complete:
		return fmt.Errorf("the message list stopped before the conversation's beginning (%d screenshots)", len(shots))
	case len(covered) < len(msgs):
		return fmt.Errorf("the screenshots show %d of the conversation's %d messages", len(covered), len(msgs))
	}
	return nil
}

// oldestShown reports whether the last screenshot shows the
// conversation's oldest message (the API gave them all): at the top of
// the list, that is its beginning, whether or not the page asks for more.
func oldestShown(msgs []chatshots.Message, views [][]chatshots.Bubble) bool {
	if len(msgs) == 0 {
		return true
	}
	ids := chatshots.Align(msgs, views)
	return slices.Contains(ids[len(ids)-1], msgs[0].ID)
}

// openChat clicks the conversation in the chat page's list, found by the
// name the API gives it, and waits for the page to ask for its messages;
// when the element clicked opened nothing, the next one showing the name
// is tried. It returns where the conversation's answers begin among the
// view's.
func (c *capture) openChat(ctx context.Context, v *exporter.View, ct *wb.Contact) (int, error) {
	id := ct.User.Key()
	item := exporter.Find{Name: "the conversation " + strconv.Quote(ct.User.Shown()), CSS: []string{`[data-id="` + id + `"]`},
		Text: []string{ct.User.Shown()}}
	for i := range 3 {
		from := v.Mark()
		if err := v.ActWait(ctx, exporter.Click(item, i), time.Second); err != nil {
			return 0, err
		}
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if err := v.Settle(ctx); err != nil {
				return 0, err
			}
			for k, rf := range v.Saved()[from:] {
				if _, ok := chatAnswer(rf, id); ok {
					body, err := rf.Read()
					if err != nil {
						return 0, err
					}
					// Opened, whatever the answer; a refused page is asked
					// again as the list is scrolled, a lost session ends it.
					if err := chatJudge(rf.Meta.Status, body); errors.Is(err, exporter.ErrNotLoggedIn) {
						return 0, err
					}
					return from + k, nil
				}
			}
			if err := exporter.Sleep(ctx, 150*time.Millisecond); err != nil {
				return 0, err
			}
		}
	}
	return 0, fmt.Errorf("clicking %s did not open it", item)
}

// chatAnswer reports whether a kept answer is one of the conversation's
// pages, and how many messages it holds (-1: an answer it cannot read,
// which says nothing of whether older messages remain).
func chatAnswer(rf exporter.RawFile, id string) (int, bool) {
	u, err := url.Parse(rf.Meta.URL)
	if err != nil {
		return 0, false
	}
	q := u.Query()
	dm, group := rDMs.Is(rf) && q.Get("uid") == id, rGroupPages.Is(rf) && q.Get("id") == id
	if !dm && !group {
		return 0, false
	}
	body, err := rf.Read()
	if err != nil {
		return -1, true
	}
	if dm {
		if p, err := wb.DecodeConversation(body); err == nil {
			return len(p.Messages), true
		}
		return -1, true
	}
	if p, err := wb.DecodeGroupMessages(body); err == nil {
		return len(p.Messages), true
	}
	return -1, true
}
