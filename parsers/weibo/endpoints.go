package weibo

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
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

// Timeline is one page of mymblog, searchProfile or likelist.
type Timeline struct {
	Statuses []Status `json:"list"`
	SinceID  ID       `json:"since_id"`
	Total    Num      `json:"total"`
}

// DecodeTimeline reads /ajax/statuses/mymblog, /ajax/statuses/searchProfile
// or /ajax/statuses/likelist.
func DecodeTimeline(raw []byte) (*Timeline, error) {
	payload, err := open(raw)
	if err != nil {
		return nil, err
	}
	if err := needKey(payload, "list"); err != nil {
		return nil, err
	}
	var t Timeline
	if err := json.Unmarshal(payload, &t); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	if t.SinceID == "0" {
		t.SinceID = ""
	}
	for i := range t.Statuses {
		if t.Statuses[i].Key() == "" {
			return nil, fmt.Errorf("weibo: status %d of the list has no id", i)
		}
	}
	return &t, nil
}

// Favorites is one page of /ajax/favorites/all_fav.
type Favorites struct {
	Statuses []struct {
		Status
		Tags []struct {
			Tag string `json:"tag"`
		} `json:"tags"`
	} `json:"status"`
	TotalNumber Num `json:"total_number"`
}

// DecodeFavorites reads /ajax/favorites/all_fav.
func DecodeFavorites(raw []byte) (*Favorites, error) {
	var f Favorites
	if err := decode(raw, &f); err != nil {
		return nil, err
	}
	for i := range f.Statuses {
		if f.Statuses[i].Key() == "" {
			return nil, fmt.Errorf("weibo: favourite %d has no id", i)
		}
	}
	return &f, nil
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
	Comments   []Comment `json:"data"`
	MaxID      ID        `json:"max_id"`
	Total      Num       `json:"total_number"`
	TrendsText string    `json:"trendsText"`
}

// DecodeComments reads /ajax/statuses/buildComments, whose list is "data"
// and whose cursor and total sit at the top level. MaxID is "" at the end.
func DecodeComments(raw []byte) (*Comments, error) {
	if err := Check(raw); err != nil {
		return nil, err
	}
	if err := needKey(raw, "data"); err != nil {
		return nil, err
	}
	var c Comments
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("weibo: %w", err)
	}
	if c.MaxID == "0" {
		c.MaxID = ""
	}
	for i := range c.Comments {
		if c.Comments[i].Key() == "" {
			return nil, fmt.Errorf("weibo: comment %d has no id", i)
		}
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
