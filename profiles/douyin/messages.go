package douyin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
)

// chatView reads what the message list shows: the bubbles wholly inside
// it, top to bottom, with their text and side, and where it is scrolled.
const chatView = `(() => {
  const box = document.querySelector('[data-e2e=message-list]') || document.querySelector('[class*=messageMessageListlist]');
  if (!box) return null;
  const r = box.getBoundingClientRect();
  const bubbles = [];
  for (const b of box.querySelectorAll('[class*=messageMessageBoxmessageBox]')) {
    const q = b.getBoundingClientRect();
    if (q.height === 0 || q.top < r.top - 0.5 || q.bottom > r.bottom + 0.5) continue;
    const t = b.querySelector('[class*=TextMessageTextpureText], [class*=MessageItemShareAwemecontainer]');
    bubbles.push({mine: b.className.includes('messageMessageBoxisFromMe'), text: t ? t.innerText.trim() : '',
      top: q.top - r.top + box.scrollTop, bottom: q.bottom - r.top + box.scrollTop});
  }
  bubbles.sort((a, b) => a.top - b.top);
  return {conversation: (window.conversationStore || {}).curConversationId || '', scrollTop: box.scrollTop, height: box.clientHeight, bubbles: bubbles};
})()`

// bubble is one message on screen.
type bubble struct {
	Mine   bool    `json:"mine"`
	Text   string  `json:"text"`
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
}

type view struct {
	Conversation string   `json:"conversation"`
	ScrollTop    float64  `json:"scrollTop"`
	Height       float64  `json:"height"`
	Bubbles      []bubble `json:"bubbles"`
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

// convDir is a conversation's folder under screens/dm/.
func convDir(id string) string {
	return strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '-' {
			return r
		}
		return '_'
	}, id)
}

// messages opens the chat, reads its conversation list, and captures
// each conversation. The journal cursor is the last conversation done.
func (c *capture) messages(ctx context.Context) error {
	prev, err := c.s.Continue(cMessages, nil)
	if err != nil {
		return err
	}
	after, pages := "", 0
	if prev != nil {
		after, pages = prev.Cursor, prev.Pages
	}
	v, err := c.t.Open(ctx, chatPage, 1, rInit, rHistory)
	if err != nil {
		return err
	}
	defer v.Close()
	var convs []dy.IMConversation
	ended, err := v.Drive(ctx, &exporter.List{Want: rInit.Is, Judge: judgeIM, Next: exporter.ScrollDown(convItems), Patience: 3,
		Page: func(_ exporter.RawFile, body []byte) (int, bool, error) {
			a, err := dy.DecodeIM(body)
			if err != nil {
				return 0, false, err
			}
			convs = append(convs, a.Conversations...)
			return len(a.Conversations), a.HasMore, nil
		}})
	if err != nil {
		return err
	}
	if !ended {
		if err := c.s.Gap(cMessages, exporter.Gap{Kind: "conversations", Detail: "the conversation list stopped growing but never said it ended"}); err != nil {
			return err
		}
	}
	if err := c.conversationsShown(ctx, v, len(convs)); err != nil {
		return err
	}
	earlier, err := c.s.Since(cMessages)
	if err != nil {
		return err
	}
	var total int64
	skipped := 0
	for i, conv := range convs {
		if after != "" {
			if conv.ID == after {
				after = ""
			}
			continue
		}
		// After a complete backup, a conversation whose newest message
		// is the one it had then keeps its screenshots and messages.
		version := ""
		if conv.Last != nil && conv.Last.ID != "" {
			version = "last:" + conv.Last.ID
		}
		if earlier != nil && version != "" && earlier.Versions[conv.ID] == version && c.screened(conv.ID) {
			skipped++
			continue
		}
		n, err := c.conversation(ctx, v, i, conv)
		for try := 0; err != nil && !exporter.Fatal(ctx, err) && !errors.Is(err, exporter.ErrAgain) && try < 2; try++ {
			// A request cut off under the list can leave it short of
			// the beginning: scroll the conversation again from its
			// newest message.
			if aerr := c.s.Again(ctx, try, "messages: "+err.Error()); aerr != nil {
				return aerr
			}
			n, err = c.conversation(ctx, v, i, conv)
		}
		if err != nil {
			if err := c.s.GapOr(ctx, cMessages, "conversation", conv.ID, err); err != nil {
				return err
			}
		}
		pages++
		total += int64(n)
		if err := c.s.PageVersion(cMessages, pages, conv.ID, n, version); err != nil {
			return err
		}
	}
	if skipped > 0 {
		c.s.Progress.Notef("messages: %d conversation(s) unchanged since the earlier backup", skipped)
	}
	return c.s.Done(cMessages, exporter.StopEnd, fmt.Sprintf("%d conversation(s)", len(convs)), total)
}

// conversationsShown waits until the chat lists n conversations.
func (c *capture) conversationsShown(ctx context.Context, v *exporter.View, n int) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		shown, err := c.t.Count(ctx, convItems)
		if err != nil || shown >= n {
			return err
		}
		if time.Now().After(deadline) {
			return c.s.Retry(ctx, fmt.Sprintf("the chat shows %d of its %d conversations", shown, n))
		}
		if err := exporter.Sleep(ctx, 200*time.Millisecond); err != nil {
			return err
		}
	}
}

// screened reports whether the store holds a conversation's screenshots
// to its beginning: only then may a later pass keep them.
func (c *capture) screened(conv string) bool {
	data, err := os.ReadFile(c.s.Store.Path(exporter.ScreensDir, "dm", convDir(conv), "index.json"))
	if err != nil {
		return false
	}
	var ix record.ScreenIndex
	return json.Unmarshal(data, &ix) == nil && ix.Complete
}

// conversation opens the i-th conversation and scrolls its message list
// from the newest message to the oldest, screenshotting the list at each
// step, until the list is at its top and the site has nothing older. It
// then matches each screenshot's bubbles with the conversation's
// messages, writes screens/dm/<conversation>/index.json, and returns how
// many messages the conversation has.
func (c *capture) conversation(ctx context.Context, v *exporter.View, i int, conv dy.IMConversation) (int, error) {
	dir := "dm/" + convDir(conv.ID)
	if err := c.s.Store.ClearScreens(dir); err != nil {
		return 0, err
	}
	from := v.Mark()
	if err := v.Act(ctx, exporter.Click(convItems, i)); err != nil {
		return 0, err
	}
	byID := map[string]dy.IMMessage{}
	more, throttled := true, 0
	var shots []record.Shot
	var views [][]bubble
	complete, still := false, 0
	last := -1.0
	for round := 0; round < 5000; round++ {
		if err := v.Settle(ctx); err != nil {
			return 0, err
		}
		saved := v.Saved()
		for _, rf := range saved[from:] {
			if !rHistory.Is(rf) {
				continue
			}
			body, err := rf.Read()
			if err != nil {
				return 0, err
			}
			if err := judgeIM(rf.Meta.Status, body); err != nil {
				if !errors.Is(err, exporter.ErrThrottled) {
					return 0, err
				}
				if err := c.s.Throttled(ctx, throttled, err.Error()); err != nil {
					return 0, err
				}
				throttled++
				continue
			}
			a, _ := dy.DecodeIM(body)
			ours := len(a.Messages) == 0
			for _, m := range a.Messages {
				if m.ConversationID == conv.ID {
					byID[m.ID] = m
					ours = true
				}
			}
			if ours {
				more = a.HasMore
			}
		}
		from = len(saved)
		shown, err := exporter.Eval[*view](ctx, c.t.B, chatView, 10*time.Second)
		if err != nil {
			return 0, err
		}
		if shown == nil {
			return 0, errors.New("the chat shows no message list")
		}
		if shown.Conversation != conv.ID {
			return 0, fmt.Errorf("the chat shows conversation %q, not %q", shown.Conversation, conv.ID)
		}
		file := fmt.Sprintf("%s/%04d.png", dir, len(shots)+1)
		name, err := c.t.ScreenshotElement(ctx, file, messageList)
		if err != nil {
			return 0, err
		}
		shots = append(shots, record.Shot{File: name})
		views = append(views, shown.Bubbles)
		if shown.ScrollTop <= 0 && !more {
			complete = true
			break
		}
		// Scroll up so that the topmost whole bubble ends the next view:
		// the one above it, cut off now, is then whole.
		target := shown.ScrollTop - shown.Height/2
		if len(shown.Bubbles) > 0 && shown.Bubbles[0].Bottom-shown.Height < shown.ScrollTop {
			target = shown.Bubbles[0].Bottom - shown.Height
		}
		target = max(0, target)
		if shown.ScrollTop == last {
			if still++; still > 20 {
				break // the list will not move or load
			}
		} else {
			still = 0
		}
		last = shown.ScrollTop
		// The wheel over the list, by as much as the view must move
		// (at the top already, it nudges the list to load older ones).
		delta := target - shown.ScrollTop
		if delta == 0 {
			delta = -1
		}
		if err := v.ActWait(ctx, exporter.ScrollBy(messageList, delta), 150*time.Millisecond); err != nil {
			return 0, err
		}
	}
	msgs := make([]dy.IMMessage, 0, len(byID))
	for _, m := range byID {
		msgs = append(msgs, m)
	}
	sortMessages(msgs)
	covered := map[string]bool{}
	for k, ids := range align(msgs, c.uid, views) {
		shots[k].IDs = ids
		for _, id := range ids {
			covered[id] = true
		}
	}
	ix := record.ScreenIndex{Collection: "messages", Key: "conversation_id", Value: conv.ID, Complete: complete, Shots: shots}
	data, err := json.MarshalIndent(ix, "", "  ")
	if err != nil {
		return 0, err
	}
	if _, err := c.s.Store.SaveScreen(dir+"/index.json", append(data, '\n')); err != nil {
		return 0, err
	}
	switch {
	case !complete:
		return len(msgs), fmt.Errorf("the message list stopped before the conversation's beginning (%d screenshots)", len(shots))
	case len(covered) < len(msgs):
		return len(msgs), fmt.Errorf("the screenshots show %d of the conversation's %d messages", len(covered), len(msgs))
	}
	return len(msgs), nil
}

// sortMessages orders messages oldest first, as the chat shows them.
func sortMessages(msgs []dy.IMMessage) {
	sort.Slice(msgs, func(i, j int) bool {
		if msgs[i].CreatedAtUS != msgs[j].CreatedAtUS {
			return msgs[i].CreatedAtUS < msgs[j].CreatedAtUS
		}
		a, _ := strconv.ParseUint(msgs[i].ID, 10, 64)
		b, _ := strconv.ParseUint(msgs[j].ID, 10, 64)
		return a < b
	})
}

// align finds which messages each screenshot shows. msgs is the whole
// conversation, oldest first; views are the bubbles of each screenshot,
// top to bottom, in the order they were taken, from the newest end
// upwards. A screenshot's bubbles are a run of consecutive messages with
// the same sides and texts; where the texts repeat, the run that ends
// nearest above the top of the screenshot before it wins (each view is
// scrolled so that the previous view's top bubble ends it). A screenshot
// that matches nowhere gets no ids.
func align(msgs []dy.IMMessage, owner string, views [][]bubble) [][]string {
	out := make([][]string, len(views))
	expect := len(msgs) - 1 // where the next view's last bubble should be
	for k, bs := range views {
		n := len(bs)
		if n == 0 || n > len(msgs) {
			continue
		}
		best, dist := -1, 0
		for p := 0; p+n <= len(msgs); p++ {
			if !runMatches(msgs[p:p+n], owner, bs) {
				continue
			}
			// Views move up: a run ending at or above where the last view
			// began is likelier than one ending below it.
			d := expect - (p + n - 1)
			if d < 0 {
				d = len(msgs) - d
			}
			if best < 0 || d < dist || (d == dist && p > best) {
				best, dist = p, d
			}
		}
		if best < 0 {
			continue
		}
		for _, m := range msgs[best : best+n] {
			out[k] = append(out[k], m.ID)
		}
		expect = best
	}
	return out
}

func runMatches(msgs []dy.IMMessage, owner string, bs []bubble) bool {
	for i := range bs {
		if (msgs[i].Sender == owner) != bs[i].Mine || strings.TrimSpace(msgs[i].Shown()) != bs[i].Text {
			return false
		}
	}
	return true
}
