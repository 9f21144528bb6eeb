package weibo

import (
	"sort"
	"strings"

	"github.com/farewell-app/farewell/parsers/record"
)

// CommentRecord converts a comment. postID is the post it belongs to (the
// buildComments answer does not repeat it; "" takes the status a comment
// of the messages box carries, which is kept as Post); a reply's ParentID
// is the comment it answers, or its root comment.
func CommentRecord(c *Comment, postID, raw string) record.Comment {
	r := record.Comment{
		Record:    record.TypeComment,
		Platform:  Platform,
		ID:        c.Key(),
		PostID:    postID,
		CreatedAt: Time(c.CreatedAt),
		Likes:     c.LikeCounts.Ptr(),
		Region:    strings.TrimSpace(strings.TrimPrefix(c.Source, "来自")),
		Raw:       raw,
	}
	switch {
	case c.ReplyComment != nil && firstNonEmpty(string(c.ReplyComment.IDStr), string(c.ReplyComment.ID)) != r.ID:
		r.ParentID = firstNonEmpty(string(c.ReplyComment.IDStr), string(c.ReplyComment.ID))
	case firstNonEmpty(string(c.RootIDStr), string(c.RootID)) != r.ID:
		r.ParentID = firstNonEmpty(string(c.RootIDStr), string(c.RootID))
	}
	if c.User != nil && c.User.Key() != "" {
		r.Author = &record.Ref{ID: c.User.Key(), Name: c.User.ScreenName}
	}
	if r.Post = PostShown(c.Status); r.Post != nil && r.PostID == "" {
		r.PostID = r.Post.ID
	}
	text := c.TextRaw
	if text == "" {
		text = stripTags(c.Text)
	}
	r.Text, _ = expandLinks(text, c.URLStruct)
	for _, u := range c.URLStruct {
		for _, pic := range sortedPics(u.PicInfos) {
			if m, ok := picMedia(&pic); ok {
				r.Media = append(r.Media, m)
			}
		}
	}
	return r
}

func sortedPics(m map[string]PicInfo) []PicInfo {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]PicInfo, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

// UserRecord converts a user of a follow list.
func UserRecord(u *User, raw string) record.User {
	r := record.User{
		Record:      record.TypeUser,
		Platform:    Platform,
		ID:          u.Key(),
		Name:        u.ScreenName,
		Handle:      u.Domain,
		Description: u.Description,
		Avatar:      firstNonEmpty(u.AvatarHD, u.AvatarLarge, u.ProfileImageURL),
		Location:    u.Location,
		Raw:         raw,
	}
	if r.ID != "" {
		r.URL = "https://weibo.com/u/" + r.ID
	}
	r.SpecialFollow = bool(u.SpecialFollow)
	if u.FollowersCount.Valid || u.FriendsCount.Valid || u.StatusesCount.Valid {
		r.Counts = &record.Counts{Followers: u.FollowersCount.Ptr(), Following: u.FriendsCount.Ptr(), Posts: u.StatusesCount.Ptr()}
	}
	return r
}

// ProfileRecord converts the account owner's profile/info, with the
// details of profile/detail when there are any.
func ProfileRecord(u *User, d *ProfileDetail, raw string) record.User {
	r := UserRecord(u, raw)
	r.Record = record.TypeProfile
	switch u.Gender {
	case "m":
		r.Gender = "male"
	case "f":
		r.Gender = "female"
	}
	if d != nil {
		if d.Description != "" {
			r.Description = d.Description
		}
		if d.Location != "" {
			r.Location = d.Location
		}
		r.IPLocation = strings.TrimSpace(strings.TrimPrefix(d.IPLocation, "IP属地："))
		r.Birthday = d.Birthday
		r.CreatedAt = Time(d.CreatedAt)
	}
	return r
}
