package weibo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Check reports whether raw is a successful Weibo ajax answer. It returns
// an *Error for ok != 1 (ok:-100: logged out) and a plain error for a body
// that is not a JSON object at all (an HTML page where JSON was due: a
// visitor redirect or a throttling page).
func Check(raw []byte) error {
	_, err := open(raw)
	return err
}

func decode(raw []byte, v any) error {
	payload, err := open(raw)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(payload, v); err != nil {
		return fmt.Errorf("weibo: %w", err)
	}
	return nil
}

// needKey checks that a JSON object has the key a list comes under: an
// answer without it has a shape farewell does not know, which must not
// pass for an empty list.
func needKey(obj []byte, key string) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(obj, &m); err != nil {
		return fmt.Errorf("weibo: %w", err)
	}
	return keyIn(m, key)
}

// keyIn is needKey on an object already decoded.
func keyIn(m map[string]json.RawMessage, key string) error {
	if _, ok := m[key]; !ok {
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		sort.Strings(names)
		if len(names) > 8 {
			names = names[:8]
		}
		return fmt.Errorf("weibo: the answer has no %q (it has %v): a shape farewell does not know", key, names)
	}
	return nil
}

// Skipped counts the entries of a list page that are not items: null
// entries, ads, and entries without an id (real-sites-2026 §W4). They
// are skipped and counted, never a reason to fail the page.
type Skipped struct {
	Nulls, Ads, NoID int
}

// String says what was skipped, for a warning ("" if nothing).
func (s Skipped) String() string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{s.Nulls, "null"}, {s.Ads, "ad"}, {s.NoID, "without an id"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "skipped list entries: " + strings.Join(parts, ", ")
}

// listOf decodes a list of entries of type T, skipping and counting
// null entries and those kind says are ads or have no id. The list is
// decoded in one pass (each pass costs a scan of a page that can be
// hundreds of kilobytes, many times over in a run).
func listOf[T any](list json.RawMessage, kind func(*T) (ad bool, id string)) ([]T, Skipped, error) {
	var skipped Skipped
	var entries []*T
	if t := bytes.TrimSpace(list); len(t) > 0 && string(t) != "null" {
		if err := json.Unmarshal(list, &entries); err != nil {
			return nil, skipped, fmt.Errorf("weibo: %w", err)
		}
	}
	out := make([]T, 0, len(entries))
	for _, v := range entries {
		if v == nil {
			skipped.Nulls++
			continue
		}
		switch ad, id := kind(v); {
		case ad:
			skipped.Ads++
		case id == "":
			skipped.NoID++
		default:
			out = append(out, *v)
		}
	}
	return out, skipped, nil
}

// statusKind tells listOf whether a status is an ad and what its id is.
func statusKind(s *Status) (bool, string) { return bool(s.IsAd), s.Key() }

// Timeline is one page of mymblog, searchProfile or likelist.
type Timeline struct {
	Statuses []Status `json:"-"`
	SinceID  ID       `json:"since_id"`
	Total    Num      `json:"total"`
	// BottomTips is the web's note that the rest of the timeline is only
	// in the app (更多内容请到客户端查看, §W2), when it shows one.
	BottomTips string `json:"bottom_tips_text"`
	// Skipped counts the page's entries that were not posts.
	Skipped Skipped `json:"-"`
}

// DecodeTimeline reads /ajax/statuses/mymblog, /ajax/statuses/searchProfile
// or /ajax/statuses/likelist. Null entries and ads are skipped and counted.
func DecodeTimeline(raw []byte) (*Timeline, error) {
	payload, err := open(raw)
	if err != nil {
		return nil, err
	}
	if err := needKey(payload, "list"); err != nil {
		return nil, err
	}
	var w struct {
		Timeline
		List json.RawMessage `json:"list"`
	}
	if err := json.Unmarshal(payload, &w); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	t := w.Timeline
	if t.Statuses, t.Skipped, err = listOf(w.List, statusKind); err != nil {
		return nil, err
	}
	if t.SinceID == "0" {
		t.SinceID = ""
	}
	return &t, nil
}

// Favorite is a favourited status with the person's tags on it.
type Favorite struct {
	Status
	Tags []struct {
		Tag string `json:"tag"`
	} `json:"tags"`
}

// Favorites is one page of /ajax/favorites/all_fav.
type Favorites struct {
	Statuses    []Favorite
	TotalNumber Num
	// Skipped counts the page's entries that were not favourites.
	Skipped Skipped
}

// DecodeFavorites reads /ajax/favorites/all_fav in either of its shapes
// (real-sites-2026 §W5): with with_total, data:{status:[…],
// total_number}; without it, data as a plain array of statuses. Null
// entries and ads are skipped and counted.
func DecodeFavorites(raw []byte) (*Favorites, error) {
	payload, err := open(raw)
	if err != nil {
		return nil, err
	}
	list := payload
	f := &Favorites{}
	if t := bytes.TrimSpace(payload); len(t) > 0 && t[0] == '{' {
		var obj struct {
			Status      json.RawMessage `json:"status"`
			TotalNumber Num             `json:"total_number"`
		}
		if err := needKey(payload, "status"); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(payload, &obj); err != nil {
			return nil, fmt.Errorf("weibo: %w", err)
		}
		list, f.TotalNumber = obj.Status, obj.TotalNumber
	}
	if f.Statuses, f.Skipped, err = listOf(list, func(f *Favorite) (bool, string) { return statusKind(&f.Status) }); err != nil {
		return nil, err
	}
	return f, nil
}

// DecodeFavTotal reads fav_total_num from /ajax/favorites/tags, which puts
// it at the top level.
func DecodeFavTotal(raw []byte) (Num, error) {
	if err := Check(raw); err != nil {
		return Num{}, err
	}
	var v struct {
		FavTotalNum Num `json:"fav_total_num"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return Num{}, fmt.Errorf("weibo: %w", err)
	}
	return v.FavTotalNum, nil
}

// LongText is /ajax/statuses/longtext's answer.
type LongText struct {
	Content     string        `json:"longTextContent"`
	ContentRaw  string        `json:"longTextContent_raw"`
	URLStruct   []URLStruct   `json:"url_struct"`
	TopicStruct []TopicStruct `json:"topic_struct"`
}

// DecodeLongText reads /ajax/statuses/longtext. It returns a nil LongText
// when the post has no long text (data is {}): isLongText is sometimes true
// on short posts, whose text_raw is then already whole.
func DecodeLongText(raw []byte) (*LongText, error) {
	var lt LongText
	if err := decode(raw, &lt); err != nil {
		return nil, err
	}
	if lt.Content == "" && lt.ContentRaw == "" {
		return nil, nil
	}
	if lt.Content == "" {
		lt.Content = lt.ContentRaw
	}
	return &lt, nil
}

// DecodeShow reads /ajax/statuses/show, which returns the status at the
// top level beside "ok".
func DecodeShow(raw []byte) (*Status, error) {
	var s Status
	if err := decode(raw, &s); err != nil {
		return nil, err
	}
	if s.Key() == "" {
		return nil, fmt.Errorf("weibo: statuses/show answer has no id")
	}
	return &s, nil
}

// Comment is a comment of /ajax/statuses/buildComments.
type Comment struct {
	ID           ID          `json:"id"`
	IDStr        ID          `json:"idstr"`
	RootID       ID          `json:"rootid"`
	RootIDStr    ID          `json:"rootidstr"`
	CreatedAt    string      `json:"created_at"`
	Text         string      `json:"text"`
	TextRaw      string      `json:"text_raw"`
	Source       string      `json:"source"`
	User         *User       `json:"user"`
	LikeCounts   Num         `json:"like_counts"`
	TotalNumber  Num         `json:"total_number"` // replies
	Comments     []Comment   `json:"comments"`     // inline preview of replies
	URLStruct    []URLStruct `json:"url_struct"`
	ReplyComment *struct {
		ID    ID `json:"id"`
		IDStr ID `json:"idstr"`
	} `json:"reply_comment"`
	// Status is the post the comment answers, in the lists of the
	// messages box (myCmt, cmt, comments/mentions).
	Status *Status `json:"status"`
}

// Key returns the comment's id.
func (c *Comment) Key() string {
	if c.IDStr != "" {
		return string(c.IDStr)
	}
	return string(c.ID)
}

// Comments is one page of /ajax/statuses/buildComments.
type Comments struct {
	Comments   []Comment `json:"-"`
	MaxID      ID        `json:"max_id"`
	Total      Num       `json:"total_number"`
	TrendsText string    `json:"trendsText"`
	// TipMsg is the site's note over the list (tip_msg, §W6).
	TipMsg string `json:"tip_msg"`
	// Skipped counts the page's entries that were not comments.
	Skipped Skipped `json:"-"`
}

// commentKind tells listOf that a comment is never an ad and what its id
// is.
func commentKind(c *Comment) (bool, string) { return false, c.Key() }

// DecodeComments reads /ajax/statuses/buildComments. Its list is "data",
// with the cursor and total at the top level; some pages wrap it as
// data:{data|comments|list:[…], max_id} (real-sites-2026 §W6). MaxID is
// "" at the end, which the site marks as empty, null, -1 or 0. Null
// entries are skipped and counted.
func DecodeComments(raw []byte) (*Comments, error) {
	if err := Check(raw); err != nil {
		return nil, err
	}
	if err := needKey(raw, "data"); err != nil {
		return nil, err
	}
	var w struct {
		Comments
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	c, list := w.Comments, w.Data
	if t := bytes.TrimSpace(list); len(t) > 0 && t[0] == '{' {
		var inner struct {
			Data        json.RawMessage `json:"data"`
			Comments    json.RawMessage `json:"comments"`
			List        json.RawMessage `json:"list"`
			MaxID       ID              `json:"max_id"`
			TotalNumber Num             `json:"total_number"`
		}
		if err := json.Unmarshal(list, &inner); err != nil {
			return nil, fmt.Errorf("weibo: %w", err)
		}
		switch {
		case inner.Data != nil:
			list = inner.Data
		case inner.Comments != nil:
			list = inner.Comments
		case inner.List != nil:
			list = inner.List
		default:
			return nil, needKey(list, "data")
		}
		if c.MaxID == "" {
			c.MaxID = inner.MaxID
		}
		if !c.Total.Valid {
			c.Total = inner.TotalNumber
		}
	}
	var err error
	if c.Comments, c.Skipped, err = listOf(list, commentKind); err != nil {
		return nil, err
	}
	if c.MaxID == "0" || c.MaxID == "-1" {
		c.MaxID = ""
	}
	return &c, nil
}

// Friends is one page of /ajax/friendships/friends (following, or with
// relate=fans, followers). Its fields are at the top level.
type Friends struct {
	Users      []User `json:"users"`
	NextCursor ID     `json:"next_cursor"`
	Total      Num    `json:"total_number"`
}

// DecodeFriends reads /ajax/friendships/friends. NextCursor is "" at the
// end.
func DecodeFriends(raw []byte) (*Friends, error) {
	if err := Check(raw); err != nil {
		return nil, err
	}
	if err := needKey(raw, "users"); err != nil {
		return nil, err
	}
	var f Friends
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	if f.NextCursor == "0" {
		f.NextCursor = ""
	}
	for i := range f.Users {
		if f.Users[i].Key() == "" {
			return nil, fmt.Errorf("weibo: user %d of the list has no id", i)
		}
	}
	return &f, nil
}

// DecodeProfileInfo reads /ajax/profile/info.
func DecodeProfileInfo(raw []byte) (*User, error) {
	var v struct {
		User *User `json:"user"`
	}
	if err := decode(raw, &v); err != nil {
		return nil, err
	}
	if v.User == nil || v.User.Key() == "" {
		return nil, fmt.Errorf("weibo: profile/info has no user")
	}
	return v.User, nil
}

// ProfileDetail is /ajax/profile/detail's answer.
type ProfileDetail struct {
	Birthday    string `json:"birthday"`
	CreatedAt   string `json:"created_at"`
	Description string `json:"description"`
	Gender      string `json:"gender"`
	Location    string `json:"location"`
	IPLocation  string `json:"ip_location"`
	Company     string `json:"company"`
	Sunshine    *struct {
		Level string `json:"level"`
	} `json:"sunshine_credit"`
}

// DecodeProfileDetail reads /ajax/profile/detail.
func DecodeProfileDetail(raw []byte) (*ProfileDetail, error) {
	var d ProfileDetail
	if err := decode(raw, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Month is one month of /ajax/profile/mbloghistory.
type Month struct{ Year, Month int }

// DecodeHistory reads /ajax/profile/mbloghistory: the months that have
// posts, newest first.
func DecodeHistory(raw []byte) ([]Month, error) {
	var v map[string][]int
	if err := decode(raw, &v); err != nil {
		return nil, err
	}
	var out []Month
	for y, months := range v {
		year, err := strconv.Atoi(y)
		if err != nil || year < 2000 || year > 2200 {
			return nil, fmt.Errorf("weibo: mbloghistory year %q", y)
		}
		for _, m := range months {
			if m < 1 || m > 12 {
				return nil, fmt.Errorf("weibo: mbloghistory month %d", m)
			}
			out = append(out, Month{year, m})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year > out[j].Year
		}
		return out[i].Month > out[j].Month
	})
	return out, nil
}

// Config is /ajax/config/get_config's answer.
type Config struct {
	Login Bool `json:"login"`
	UID   ID   `json:"uid"`
}

// DecodeConfig reads /ajax/config/get_config. A logged-out session gives an
// *Error with LoggedOut true.
func DecodeConfig(raw []byte) (*Config, error) {
	var c Config
	if err := decode(raw, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
