package weibo

import (
	"net/url"
	"slices"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers/record"
	wb "github.com/farewell-app/farewell/parsers/weibo"
)

// messages unites every page of every conversation the chat answered (the
// profile's and the page's own), one record per message, conversation by
// conversation in the order the chat lists them, oldest message first.
func (r *records) messages() error {
	users := map[string]*wb.ChatUser{}
	var order []string
	byConv := map[string]map[string]record.Message{}
	add := func(rec record.Message) {
		if byConv[rec.ConversationID] == nil {
			byConv[rec.ConversationID] = map[string]record.Message{}
		}
		byConv[rec.ConversationID][rec.ID] = rec
	}
	// The conversation a page is of: the profile names it; the page's
	// own requests say it in their query.
	convOf := func(f exporter.RawFile, key string) string {
		if f.Meta.Ref != "" {
			return f.Meta.Ref
		}
		u, err := url.Parse(f.Meta.URL)
		if err != nil {
			return ""
		}
		return u.Query().Get(key)
	}
	err := r.Each(cMessages, func(f exporter.RawFile, body []byte) {
		switch f.Meta.Kind {
		case string(wb.KindContacts):
			cs, err := wb.DecodeContacts(body)
			r.Warn(f, err)
			if err != nil {
				return
			}
			r.Skipped(f, cs.Skipped.String())
			for i := range cs.Contacts {
				u := cs.Contacts[i].User
				if _, ok := users[u.Key()]; !ok {
					order = append(order, u.Key())
				}
				users[u.Key()] = &u
			}
		case string(wb.KindConversation):
			p, err := wb.DecodeConversation(body)
			r.Warn(f, err)
			if err != nil {
				return
			}
			r.Skipped(f, p.Skipped.String())
			conv := convOf(f, "uid")
			for i := range p.Messages {
				rec := wb.DMRecord(&p.Messages[i], r.UID, users[conv])
				if rec.Peer == nil && conv != "" {
					rec.ConversationID, rec.Peer = conv, &record.Ref{ID: conv}
				}
				add(rec)
			}
		case string(wb.KindGroupMessages):
			p, err := wb.DecodeGroupMessages(body)
			r.Warn(f, err)
			if err != nil {
				return
			}
			r.Skipped(f, p.Skipped.String())
			conv := convOf(f, "id")
			for i := range p.Messages {
				rec := wb.GroupRecord(&p.Messages[i], r.UID, users[conv])
				if rec.ConversationID == "" {
					rec.ConversationID = conv
				}
				add(rec)
			}
		}
	})
	if err != nil {
		return err
	}
	var extra []string
	for id := range byConv {
		if users[id] == nil {
			extra = append(extra, id)
		}
	}
	slices.Sort(extra)
	var recs []any
	for _, id := range append(order, extra...) {
		msgs := make([]record.Message, 0, len(byConv[id]))
		for _, m := range byConv[id] {
			if u := users[id]; u != nil && m.Peer != nil && m.Peer.Name == "" {
				m.Peer.Name = u.Shown() // a page read before the contacts
			}
			msgs = append(msgs, m)
		}
		slices.SortFunc(msgs, func(a, b record.Message) int {
			if c := strings.Compare(a.CreatedAt, b.CreatedAt); c != 0 && a.CreatedAt != "" && b.CreatedAt != "" {
				return c
			}
			return compareIDs(a.ID, b.ID)
		})
		for i := range msgs {
			r.Fill(msgs[i].Media)
			recs = append(recs, msgs[i])
		}
	}
	return r.Write(cMessages, recs)
}
