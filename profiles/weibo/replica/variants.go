package replica

import (
	"slices"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

// Variants are the replica's variants: behaviours some visitors of
// weibo.com see, or that public sources disagree on, each with its
// source (../shared/reference/real-sites-2026.md §W1–W9 names them).
func Variants() replicakit.Variants {
	return replicakit.Variants{
		{Name: "long-cursor", About: "on deep timeline pages the since_id cursor grows past 800 characters and the server answers HTTP 414; page=N without since_id still works",
			Source: "Vera-2334/weibo-backup (2026-08), single source (§W2)"},
		{Name: "web-cap", About: "the web shows only the latest posts: the timeline and the month windows end early with bottom_tips_text 更多内容请到客户端查看",
			Source: "Chilfish/Weibo-archiver apps/web-v2/docs/faq.md (2026) (§W2)"},
		{Name: "fav-array", About: "all_fav answers data as a plain array of statuses, without total_number, even when asked with_total",
			Source: "Shapooo/WeiBack src/fetch.js (2024-12), weiback-rs src/network.rs (2025-04) (§W5)"},
		{Name: "comments-nested", About: "buildComments wraps its list one level deeper: data:{data:[…], max_id}",
			Source: "Chengeeker/Review docs/archive/Review-legacy-2026-09-23.md §4.46, §4.49, single source (§W6)"},
		{Name: "livephoto-wrapped", About: "a live photo's motion comes wrapped in the player's address: video.weibo.com/media/play?livephoto=<encoded url>",
			Source: "2026 notes from real sessions (§W8)"},
		{Name: "chat-base64", About: "the chat's contacts.json answers its JSON encoded in base64, as text",
			Source: "a 2026 Rust client's chat service, notes from an api.weibo.com/chat HAR, single source (§W10)"},
		{Name: "apps-unknown", About: "the authorised-apps page has a layout nobody documented: no element the profile knows",
			Source: "unverified: the new site's page for authorised apps is not documented publicly (§W9)"},
	}
}

// VariantNames are the names of Variants.
func VariantNames() []string { return Variants().Names() }

// variant reports whether the replica shows a variant.
func (r *Replica) variant(name string) bool { return slices.Contains(r.cfg.Variants, name) }
