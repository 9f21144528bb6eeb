package weibo

import (
	"encoding/json"
	"fmt"
)

// The follow groups (分组) the person sorts the accounts they follow into
// (real-sites-2026 §W10): /ajax/feed/allGroups lists the groups
// ({groups:[{title, group:[{gid, title, type, count}]}]} at the top level,
// cssxsh/weibo-helper data/UserGroupData.kt; type 0 is a group the person
// made), and /ajax/profile/getGroupMembers?list_id=<gid>&page= pages a
// group's members (cssxsh api/Profile.kt; its envelope is unverified).

// Group is one follow group.
type Group struct {
	GID   ID     `json:"gid"`
	Title string `json:"title"`
	Type  Num    `json:"type"`
	Count Num    `json:"count"`
}

// Own reports whether the person made the group (type 0), as opposed to
// the site's own feeds (all, mutual, quiet, …).
func (g *Group) Own() bool { return g.Type.Valid && g.Type.V == 0 }

// DecodeGroups reads /ajax/feed/allGroups: every group of every section.
func DecodeGroups(raw []byte) ([]Group, error) {
	if err := Check(raw); err != nil {
		return nil, err
	}
	if err := needKey(raw, "groups"); err != nil {
		return nil, err
	}
	var w struct {
		Groups []struct {
			Title string            `json:"title"`
			Group []json.RawMessage `json:"group"`
		} `json:"groups"`
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, fmt.Errorf("weibo: groups: %w", err)
	}
	var out []Group
	for _, section := range w.Groups {
		for _, g := range section.Group {
			var v Group
			if json.Unmarshal(g, &v) == nil && v.GID != "" {
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// GroupMembers is one page of a group's members.
type GroupMembers struct {
	Users []User `json:"users"`
	Total Num    `json:"total_number"`
}

// DecodeGroupMembers reads a page of /ajax/profile/getGroupMembers.
func DecodeGroupMembers(raw []byte) (*GroupMembers, error) {
	payload, err := open(raw)
	if err != nil {
		return nil, err
	}
	if err := needKey(payload, "users"); err != nil {
		return nil, err
	}
	var m GroupMembers
	if err := json.Unmarshal(payload, &m); err != nil {
		return nil, fmt.Errorf("weibo: group members: %w", err)
	}
	return &m, nil
}
