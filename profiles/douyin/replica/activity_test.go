package replica

import (
	"fmt"
	"net/url"
	"testing"

	dy "github.com/farewell-app/farewell/parsers/douyin"
)

// TestActivityListsPageToTheEnd walks the watch history, watch later, the
// own series and their works, the own sounds and every notification group
// as the page does, and checks them against the generated account: each
// item once, more than one page where the list is long, and the groups
// holding only their kind.
func TestActivityListsPageToTheEnd(t *testing.T) {
	r, c := start(t, Config{Works: 16})
	c.login()
	a := r.acc
	sec := url.QueryEscape(a.Owner.SecUID)

	// The watch history by max_cursor (the time of the last work watched).
	seen, pages, cursor := map[string]int{}, 0, "0"
	for {
		_, body := c.api("/aweme/v1/web/history/read/", "max_cursor="+cursor+"&count=20&directory=0&category=0&status=-1", "", true)
		l, err := dy.DecodeAwemeList(body)
		if err != nil {
			t.Fatalf("history page %d: %v", pages, err)
		}
		pages++
		for _, aw := range l.Awemes {
			seen[string(aw.AwemeID)]++
		}
		if !l.HasMore {
			break
		}
		cursor = fmt.Sprint(l.MaxCursor.V)
	}
	if len(seen) != len(a.History) || pages < 2 {
		t.Fatalf("history: %d works in %d pages, the account watched %d", len(seen), pages, len(a.History))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("history: work %s listed %d times", id, n)
		}
	}

	// Watch later, the own series and the own sounds, by cursor.
	offsetList := func(path, query string, read func([]byte) (int, bool, int64)) int {
		total, cursor := 0, int64(0)
		for range 20 {
			_, body := c.api(path, fmt.Sprintf("%s&cursor=%d&count=20", query, cursor), "", true)
			n, more, next := read(body)
			total += n
			if !more {
				return total
			}
			cursor = next
		}
		t.Fatalf("%s never ended", path)
		return 0
	}
	later := offsetList("/aweme/v1/web/watchlater/list/", "", func(b []byte) (int, bool, int64) {
		l, err := dy.DecodeAwemeList(b)
		if err != nil {
			t.Fatal(err)
		}
		return len(l.Awemes), bool(l.HasMore), l.Cursor.V
	})
	if later != len(a.WatchLater) {
		t.Errorf("watch later lists %d, the account has %d", later, len(a.WatchLater))
	}
	_, body := c.api("/aweme/v1/web/mix/list/", "sec_user_id="+sec+"&max_cursor=0&count=12", "", true)
	mixes, err := dy.DecodeOwnMixes(body)
	if err != nil || len(mixes.Items()) != len(a.Series) || mixes.Total.V != int64(len(a.Series)) {
		t.Fatalf("mix/list: %v %+v", err, mixes)
	}
	for i, m := range mixes.Items() {
		works := offsetList("/aweme/v1/web/mix/aweme/", "mix_id="+string(m.MixID), func(b []byte) (int, bool, int64) {
			l, err := dy.DecodeAwemeList(b)
			if err != nil {
				t.Fatal(err)
			}
			return len(l.Awemes), bool(l.HasMore), l.Cursor.V
		})
		if works != len(a.Series[i].Works) || m.Statis.UpdatedToEpisode.V != int64(works) {
			t.Errorf("series %s: %d works listed, %d episodes said, the account has %d", m.MixID, works, m.Statis.UpdatedToEpisode.V, len(a.Series[i].Works))
		}
	}
	_, body = c.api("/aweme/v1/web/mix/list/", "sec_user_id=MS4other&max_cursor=0&count=12", "", true)
	if other, err := dy.DecodeOwnMixes(body); err != nil || len(other.Items()) != 0 {
		t.Errorf("someone else's mix/list: %v %s", err, body)
	}
	_, body = c.api("/aweme/v1/web/music/list/", "sec_user_id="+sec+"&max_cursor=0&count=20", "", true)
	if s, err := dy.DecodeSounds(body); err != nil || len(s.Items()) != len(a.Sounds) || len(a.Sounds) == 0 {
		t.Errorf("music/list: %v, %d sounds of %d", err, len(s.Items()), len(a.Sounds))
	}

	// Notifications: each group by max_time (the previous page's
	// min_time), newest first.
	kinds := map[string]int{}
	for _, n := range a.Notices {
		kinds[n.Kind]++
	}
	for group, kind := range map[string]string{"700": "", "2": "comment", "3": "like", "401": "follow", "601": "mention", "520": "danmaku"} {
		got, pages, maxTime, last := 0, 0, int64(0), int64(1<<62)
		for {
			_, body := c.api("/aweme/v1/web/notice/", fmt.Sprintf("is_new_notice=1&is_mark_read=1&notice_group=%s&count=10&min_time=0&max_time=%d", group, maxTime), "", true)
			n, err := dy.DecodeNotices(body)
			if err != nil {
				t.Fatalf("group %s: %v", group, err)
			}
			pages++
			for i := range n.Items() {
				rec := dy.NotificationRecord(&n.Items()[i], "")
				if kind != "" && rec.Kind != kind {
					t.Errorf("group %s lists a %s", group, rec.Kind)
				}
				if at := n.Items()[i].CreateTime.V; at >= last {
					t.Errorf("group %s: not newest first", group)
				} else {
					last = at
				}
				got++
			}
			if !n.HasMore {
				break
			}
			maxTime = n.MinTime.V
		}
		want := len(a.Notices)
		if kind != "" {
			want = kinds[kind]
		}
		if got != want || (group == "700" && pages < 2) {
			t.Errorf("group %s: %d notifications in %d pages, want %d", group, got, pages, want)
		}
	}
	if _, body := c.api("/aweme/v1/web/notice/", "notice_group=12345&count=10&max_time=0", "", true); dy.Check(body) == nil {
		t.Errorf("an unknown notice_group: %s", body)
	}
}
