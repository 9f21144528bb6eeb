package replica

import (
	"slices"

	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

// Variants are the replica's variants, each with the source that
// describes it (../shared/reference/real-sites-2026.md names them all).
func Variants() replicakit.Variants {
	return replicakit.Variants{
		{Name: "self-redirect", About: "/user/self redirects to /jingxuan and the page never asks for profile/self; the own page is /user/<sec_uid>, which asks for profile/other; localStorage.user_info holds the sec_uid",
			Source: "creatorhub a22a4be and 58ba3315 (2026-07), a user_self_cache A/B test (§D2)"},
		{Name: "follow-no-e2e", About: "the profile header's 关注 count has no data-e2e (粉丝 and 获赞 keep theirs)",
			Source: "creatorhub 77ba2ad (2026-07) (§D2)"},
		{Name: "www-only", About: "every list call goes to www.douyin.com, none to www-hj.douyin.com",
			Source: "2023–2025 tools call www.douyin.com only (douyin.md) (§D3)"},
		{Name: "collapse-class", About: "the 收起 button that ends a reply thread keeps the class comment-reply-expand-btn",
			Source: "unverified (§D7): the profile must not click it"},
		{Name: "login-closed", About: "the login modal does not open by itself: the 登录 text must be clicked",
			Source: "MediaCrawler media_platform/douyin/login.py (2026-08) (§D8)"},
		{Name: "im-cache", About: "the IM SDK keeps histories in IndexedDB and shows a conversation from there without asking the server",
			Source: "douyin-chat-export 685e0d93 (2026-04) (§D1)"},
		{Name: "dm-new-tab", About: "the 私信 entry opens the chat in a new tab",
			Source: "creatorhub #10 (§D1)"},
		{Name: "own-tabs-by-click", About: "showTab=mix and showTab=music open the 作品 tab: only a click opens the own 合集 or 音乐 tab",
			Source: "unverified (§D10): no public source gives the addresses of the own series' and sounds' tabs"},
	}
}

// VariantNames are the names of Variants.
func VariantNames() []string { return Variants().Names() }

// variant reports whether the replica shows a variant.
func (r *Replica) variant(name string) bool { return slices.Contains(r.cfg.Variants, name) }

// hjCalls are the list calls the 2026 page sends to www-hj.douyin.com
// (notes measured 2026-08; a DouYin_Spider-derived _HJ_PREFIXES list)
// (§D3), by their path under /aweme/v1/web/.
func hjCalls() []string {
	return []string{"aweme/favorite/", "aweme/listcollection/", "mix/listcollection/", "comment/list/", "comment/list/reply/",
		"series/aweme/", "im/user/info/", "aweme/post/", "history/read/", "watchlater/list/", "user/profile/other/", "danmaku/"}
}

// pageHosts are the origins the page sends its API calls to, by path
// (none: www.douyin.com).
func (r *Replica) pageHosts() map[string]string {
	out := map[string]string{}
	if r.variant("www-only") {
		return out
	}
	for _, p := range hjCalls() {
		out[p] = "https://www-hj.douyin.com"
	}
	return out
}
