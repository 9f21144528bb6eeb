package i18n

// Codes of the site's limits: items the site itself would not serve. They
// are stored in bundles (archive.ServerLimit.Code): never rename one.
const (
	DouyinFollowersListed  Code = "douyin.followers.listed"
	DouyinCommentsCap      Code = "douyin.comments.cap"
	DouyinMessagesHorizon  Code = "douyin.messages.horizon"
	WeiboFollowersCap      Code = "weibo.followers.cap"
	WeiboPostsWebOnlyLates Code = "weibo.posts.web"
)

func siteMessages() []Message {
	return []Message{
		{DouyinFollowersListed, "Douyin lists {listed} of your {total} followers", "抖音只列出了你 {total} 个粉丝中的 {listed} 个"},
		{DouyinCommentsCap, "Douyin lists at most {cap} top-level comments of a work", "抖音每个作品最多列出 {cap} 条一级评论"},
		{DouyinMessagesHorizon, "{conversations} conversation(s) reach back a year, as far as the web shows: older messages stay in the app only",
			"{conversations} 个会话回溯到了一年前，网页版最多只显示这么远：更早的私信只在 App 里"},
		{WeiboFollowersCap, "Weibo lists at most {listed} of your {total} followers", "微博最多只列出你 {total} 个粉丝中的 {listed} 个"},
		{WeiboPostsWebOnlyLates, "weibo.com shows only your latest {shown} posts on the web (“{tip}”): the other {app} are in the Weibo app alone",
			"微博网页版只显示你最新的 {shown} 条微博（“{tip}”）：其余 {app} 条只在微博 App 里"},
	}
}
