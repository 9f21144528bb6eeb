package douyin

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles/internal/chatshots"
)

// chatView reads what the message list shows: the bubbles wholly inside
// it (and any taller than it that it crosses), top to bottom, with their text and side, and where it is scrolled.
const chatView = `(() => {
  const box = document.querySelector('[data-e2e=message-list]') || document.querySelector('[class*=messageMessageListlist]');
  if (!box) return null;
  const r = box.getBoundingClientRect();
  const bubbles = [];
  for (const b of box.querySelectorAll('[class*=messageMessageBoxmessageBox]')) {
    const q = b.getBoundingClientRect();
    // A bubble taller than the list (a shared post's long card) is never
    // wholly in view: each view it crosses shows a part of it.
    const tall = q.height > r.height && q.bottom > r.top && q.top < r.bottom;
    if (q.height === 0 || (!tall && (q.top < r.top - 0.5 || q.bottom > r.bottom + 0.5))) continue;
    const t = b.querySelector('[class*=TextMessageTextpureText], [class*=MessageItemShareAwemecontainer]');
    bubbles.push({mine: b.className.includes('messageMessageBoxisFromMe'), text: t ? t.innerText.trim() : '',
      top: q.top - r.top + box.scrollTop, bottom: q.bottom - r.top + box.scrollTop});
  }
  bubbles.sort((a, b) => a.top - b.top);
  return {conversation: (window.conversationStore || {}).curConversationId || '', scrollTop: box.scrollTop,
    end: box.scrollHeight - box.clientHeight, height: box.clientHeight, bubbles: bubbles};
})()`

// view is what the chat shows: the conversation open and its list.
type view struct {
	Conversation string `json:"conversation"`
	chatshots.View
}

// judgeIM reads an answer of the IM API (protobuf).
func judgeIM(status int, body []byte) error {
	if status == 429 || status >= 500 {
		return fmt.Errorf("HTTP %d: %w", status, exporter.ErrThrottled)
	}
	if status != 200 {
		return fmt.Errorf("HTTP %d", status)
	}
	_, err := dy.DecodeIM(body)
	var e *dy.Error
	if errors.As(err, &e) && e.LoggedOut() {
		return fmt.Errorf("%v: %w", err, exporter.ErrNotLoggedIn)
	}
	return err
}

// chatData is what the chat page answered as it loaded: every
// conversation, and the names of their people.
type chatData struct {
	convs []dy.IMConversation
	byID  map[string]*dy.IMConversation
	names map[string]string
}

// messages opens the chat, reads its conversation list, and opens each
// conversation in the order the list shows them, capturing each. The
// journal cursor is the last conversation done.
func (c *capture) messages(ctx context.Context) error {
	prev, err := c.s.Continue(cMessages, nil)
	if err != nil {
		return err
	}
	after, pages := prev.Resume()
	// The IM SDK keeps histories in IndexedDB and may show one from
	// there without asking (douyin-chat-export 685e0d93): start without.
	if err := c.t.B.ClearStorage(ctx, origin, "indexeddb"); err != nil {
		return err
	}
	v, err := c.t.Open(ctx, chatPage, 2, rInit, rIMUsers, rHistory)
	if err != nil {
		return err
	}
	defer v.Close()
	cd, err := c.chatData(ctx, v)
	if err != nil {
		return err
	}
	done := map[string]bool{}
	if after != "" {
		for _, conv := range cd.convs {
			done[conv.ID] = true
			if conv.ID == after {
				break
			}
		}
		if !done[after] {
			done = map[string]bool{} // the list changed: start over
		}
	}
	earlier, err := c.s.Keepable(cMessages)
	if err != nil {
		return err
	}
	var total int64
	skipped, horizon := 0, 0
	last := -1e9  // the place of the last item opened
	current := "" // the conversation open
	for still := 0; len(done) < len(cd.convs) && still < 3; {
		sl, err := c.t.ListView(ctx, convItems)
		if err != nil {
			return err
		}
		if sl == nil {
			return c.s.Retry(ctx, i18n.Msg{Code: i18n.WhyNoConversations})
		}
		var next *exporter.ListItem
		for i := range sl.Items {
			if it := &sl.Items[i]; it.Whole && it.At > last+1 && (next == nil || it.At < next.At) {
				next = it
			}
		}
		if next == nil {
			// Bring the next items into the list with the wheel.
			moved := sl.Top < sl.Max-1
			if err := v.ActWait(ctx, exporter.ScrollBy(convItems, sl.Height*0.6), 200*time.Millisecond); err != nil {
				return err
			}
			if !moved {
				still++
			}
			continue
		}
		still, last = 0, next.At
		from := v.Mark()
		if err := c.t.B.ClickAt(ctx, next.X, next.Y); err != nil {
			return err
		}
		id, err := c.opened(ctx, v, from, current, next.X, next.Y)
		if err != nil {
			return err
		}
		current = id
		conv := cd.byID[id]
		if conv == nil || done[id] {
			continue // not one of the list's, or done already
		}
		done[id] = true
		// After a complete backup, or in the run's final pass, a
		// conversation whose newest message is the one it had then keeps
		// its screenshots and messages.
		version := ""
		if conv.Last != nil && conv.Last.ID != "" {
			version = "last:" + conv.Last.ID
		}
		if earlier != nil && version != "" && earlier.Versions[conv.ID] == version && chatshots.Screened(c.s.Store, conv.ID) {
			skipped++
			continue
		}
		reopen := func(ctx context.Context) error { return c.t.B.ClickAt(ctx, next.X, next.Y) }
		res, err := c.conversation(ctx, v, conv, reopen)
		for try := 0; err != nil && !exporter.Fatal(ctx, err) && !errors.Is(err, exporter.ErrAgain) && try < 2; try++ {
			// A request cut off under the list can leave it short of the
			// beginning: open the conversation again from its newest
			// message.
			if aerr := c.s.Again(ctx, try, i18n.Msg{Code: i18n.WhyConversation, Args: i18n.Args{"collection": cMessages, "error": err}}); aerr != nil {
				return aerr
			}
			if err := reopen(ctx); err != nil {
				return err
			}
			res, err = c.conversation(ctx, v, conv, reopen)
		}
		if err != nil {
			if err := c.s.GapOr(ctx, cMessages, "conversation", conv.ID, err); err != nil {
				return err
			}
			version = "" // never kept: the next pass walks it again
		}
		if res.horizon {
			horizon++
		}
		pages++
		total += int64(res.n)
		if err := c.s.PageVersion(cMessages, pages, conv.ID, res.n, version); err != nil {
			return err
		}
	}
	for _, conv := range cd.convs {
		if !done[conv.ID] {
			if err := c.s.Gap(cMessages, exporter.Gap{Kind: "conversation", Ref: conv.ID,
				Detail: "the conversation list never showed it (its items leave the page as it scrolls)"}); err != nil {
				return err
			}
		}
	}
	if horizon > 0 {
		if err := c.s.ServerLimit(cMessages, exporter.ServerLimit{Reason: fmt.Sprintf(
			"%d conversation(s) reach back a year, as far as the web shows: older messages stay in the app only", horizon),
			Code: string(i18n.DouyinMessagesHorizon), Params: map[string]string{"conversations": strconv.Itoa(horizon)}}); err != nil {
			return err
		}
	}
	if skipped > 0 {
		c.s.Progress.Note(i18n.Msg{Code: i18n.NoteUnchangedConvs, Args: i18n.Args{"collection": cMessages, "n": skipped}})
	}
	return c.s.Done(cMessages, exporter.StopEnd, i18n.Msg{Code: i18n.DoneConversations, Args: i18n.Args{"n": len(cd.convs)}}, total)
}

// chatData reads the chat page's conversation list (get_message_by_init
// answers every conversation at once) and the names of their people.
func (c *capture) chatData(ctx context.Context, v *exporter.View) (*chatData, error) {
	_, body, err := v.Answer(ctx, 0, rInit.Is)
	if err != nil {
		return nil, err
	}
	a, err := dy.DecodeIM(body)
	if err != nil {
		return nil, err
	}
	cd := &chatData{convs: a.Conversations, byID: map[string]*dy.IMConversation{}, names: map[string]string{}}
	for i := range cd.convs {
		cd.byID[cd.convs[i].ID] = &cd.convs[i]
	}
	if len(cd.convs) == 0 {
		return cd, nil
	}
	if _, body, err := v.Answer(ctx, 0, rIMUsers.Is); err == nil {
		if u, err := dy.DecodeIMUsers(body); err == nil {
			for _, p := range u.Data {
				cd.names[string(p.UID)] = p.Nickname
			}
		}
	} else if exporter.Fatal(ctx, err) {
		return nil, err
	}
	return cd, nil
}

// opened tells which conversation a click at (x, y) opened, other than
// before (the one open until then): the one the chat says is current (a
// hook only the replica documents), else the one the newest history
// request since the click names (a request of the conversation before may
// still be under way when the click lands). A click that opened nothing
// new is made again.
func (c *capture) opened(ctx context.Context, v *exporter.View, from int, before string, x, y float64) (string, error) {
	clicked := time.Now()
	for tries := 1; ; {
		if err := v.Settle(ctx); err != nil {
			return "", err
		}
		id := ""
		for _, rf := range v.Saved()[from:] {
			if rHistory.Is(rf) {
				if asked := dy.IMRequestConversation(requestBody(rf.Meta)); asked != "" {
					id = asked
				}
			}
		}
		shown, err := exporter.Eval[*view](ctx, c.t.B, chatView, 10*time.Second)
		if err != nil {
			return "", err
		}
		switch {
		case shown != nil && shown.Conversation != "" && shown.Conversation != before:
			return shown.Conversation, nil
		case (shown == nil || shown.Conversation == "") && id != "" && id != before:
			return id, nil
		case time.Since(clicked) > 3*time.Second && tries < 3:
			tries++
			if err := c.t.B.ClickAt(ctx, x, y); err != nil {
				return "", err
			}
			clicked = time.Now()
		case time.Since(clicked) > 3*time.Second:
			// Three clicks opened nothing new: the item is the one open.
			return before, nil
		}
		if err := exporter.Sleep(ctx, 150*time.Millisecond); err != nil {
			return "", err
		}
	}
}

// requestBody is the body a raw capture's request sent.
func requestBody(m exporter.RawMeta) []byte {
	if m.RequestBodyEncoding == "base64" {
		b, _ := base64.StdEncoding.DecodeString(m.RequestBody)
		return b
	}
	return []byte(m.RequestBody)
}

// convResult is what capturing a conversation found: how many messages,
// and whether they reach back as far as the web shows.
type convResult struct {
	n       int
	horizon bool
}

// conversation scrolls the open conversation's message list from the
// newest message to the oldest, screenshotting the list at each step,
// until the list is at its top and the site has nothing older. It reads
// the conversation's messages from every history answer of the page (the
// SDK may have asked for the newest before the click), matches each
// screenshot's bubbles with them, writes screens/dm/<conversation>/
// index.json, and says how many messages the conversation has. A page
// of older messages that does not load is asked for again (see
// chatshots.Walk); reopen opens the conversation again when nothing
// shows.
func (c *capture) conversation(ctx context.Context, v *exporter.View, conv *dy.IMConversation, reopen func(context.Context) error) (convResult, error) {
	dir := chatshots.Dir(conv.ID)
	if err := c.s.Store.ClearScreens(dir); err != nil {
		return convResult{}, err
	}
	from := 0
	byID := map[string]dy.IMMessage{}
	more, throttled := true, 0
	var shots []record.Shot
	var views [][]chatshots.Bubble
	var walk chatshots.Walk
	complete, empty := false, 0
	for round := 0; round < 5000; round++ {
		if err := v.Settle(ctx); err != nil {
			return convResult{}, err
		}
		known := len(byID)
		saved := v.Saved()
		for _, rf := range saved[from:] {
			if !rHistory.Is(rf) {
				continue
			}
			body, err := rf.Read()
			if err != nil {
				return convResult{}, err
			}
			if err := judgeIM(rf.Meta.Status, body); err != nil {
				if !errors.Is(err, exporter.ErrThrottled) {
					return convResult{}, err
				}
				if err := c.s.Throttled(ctx, throttled, i18n.PlainText(err.Error())); err != nil {
					return convResult{}, err
				}
				throttled++
				continue
			}
			a, _ := dy.DecodeIM(body)
			ours := dy.IMRequestConversation(requestBody(rf.Meta)) == conv.ID
			for _, m := range a.Messages {
				if m.ConversationID == conv.ID {
					byID[m.ID] = m
					ours = true
				}
			}
			if ours {
				// A page arrived: the site's refusals so far are over.
				more, throttled = a.HasMore, 0
			}
		}
		from = len(saved)
		if len(byID) > known {
			walk.Arrived()
		}
		shown, err := exporter.Eval[*view](ctx, c.t.B, chatView, 10*time.Second)
		if err != nil {
			return convResult{}, err
		}
		if shown == nil {
			return convResult{}, errors.New("the chat shows no message list")
		}
		if shown.Conversation != "" && shown.Conversation != conv.ID {
			return convResult{}, fmt.Errorf("the chat shows conversation %q, not %q", shown.Conversation, conv.ID)
		}
		if len(shown.Bubbles) == 0 && len(byID) > 0 && empty < 20 {
			// The messages are known (the SDK may have asked before the
			// click) but the list has not drawn them yet.
			empty++
			if err := exporter.Sleep(ctx, 150*time.Millisecond); err != nil {
				return convResult{}, err
			}
			continue
		}
		mv := walk.Next(shown.View, more)
		if mv.Shoot {
			file := fmt.Sprintf("%s/%04d.png", dir, len(shots)+1)
			name, err := c.t.ScreenshotElement(ctx, file, messageList)
			if err != nil {
				return convResult{}, err
			}
			shots = append(shots, record.Shot{File: name})
			views = append(views, shown.Bubbles)
		}
		if shown.ScrollTop <= 0 && !more {
			complete = true
			break
		}
		if chatshots.Pause(ctx, c.s, cMessages, mv) {
			break
		}
		if mv.Reopen {
			if err := reopen(ctx); err != nil {
				return convResult{}, err
			}
			continue
		}
		// The wheel over the list, by as much as the view must move.
		for _, d := range mv.Scrolls {
			if err := v.ActWait(ctx, exporter.ScrollBy(messageList, d), 150*time.Millisecond); err != nil {
				return convResult{}, err
			}
		}
	}
	msgs := make([]dy.IMMessage, 0, len(byID))
	for _, m := range byID {
		msgs = append(msgs, m)
	}
	dy.SortMessages(msgs)
	covered := map[string]bool{}
	for k, ids := range align(msgs, c.uid, views) {
		shots[k].IDs = ids
		for _, id := range ids {
			covered[id] = true
		}
	}
	if err := chatshots.Save(c.s.Store, conv.ID, complete, shots); err != nil {
		return convResult{}, err
	}
	res := convResult{n: len(msgs)}
	// The web shows about a year of a conversation (douyin-chat-export#16):
	// one whose oldest message is that old may have older ones in the app.
	if len(msgs) > 0 {
		if ms := msgs[0].CreatedMS(); ms > 0 && time.Since(time.UnixMilli(ms)) > horizonNear {
			res.horizon = true
		}
	}
	switch {
	case !complete:
		return res, fmt.Errorf("the message list stopped before the conversation's beginning (%d screenshots)", len(shots))
	case len(covered) < len(msgs):
		return res, fmt.Errorf("the screenshots show %d of the conversation's %d messages", len(covered), len(msgs))
	}
	return res, nil
}

// horizonNear is how old a conversation's oldest message must be for it
// to reach the web's one-year horizon (a few weeks' margin).
const horizonNear = 330 * 24 * time.Hour

// align finds which messages each screenshot shows (see chatshots.Align).
func align(msgs []dy.IMMessage, owner string, views [][]chatshots.Bubble) [][]string {
	shown := make([]chatshots.Message, len(msgs))
	for i, m := range msgs {
		shown[i] = chatshots.Message{ID: m.ID, Mine: m.Sender == owner, Text: m.Shown()}
	}
	return chatshots.Align(shown, views)
}
