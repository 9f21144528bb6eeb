package i18n

// CollectionName is the code of a collection's name on a platform:
// Douyin's things have Douyin's names (作品, works), Weibo's Weibo's.
func CollectionName(platform, collection string) Code {
	return Code("collection." + platform + "." + collection)
}

func collectionMessages() []Message {
	c := CollectionName
	return []Message{
		{c("weibo", "profile"), "profile", "个人资料"},
		{c("weibo", "posts"), "posts", "微博"},
		{c("weibo", "comments"), "comments", "评论"},
		{c("weibo", "likes"), "likes", "赞"},
		{c("weibo", "favorites"), "favourites", "收藏"},
		{c("weibo", "following"), "following", "关注"},
		{c("weibo", "followers"), "followers", "粉丝"},
		{c("weibo", "apps"), "apps", "授权应用"},
		{c("weibo", "my_comments"), "my comments", "我发出的评论"},
		{c("weibo", "received_comments"), "comments received", "收到的评论"},
		{c("weibo", "mentions"), "mentions", "@我的"},
		{c("weibo", "messages"), "messages", "私信"},
		{c("weibo", "articles"), "articles", "头条文章"},
		{c("weibo", "emoticons"), "emoticons", "表情"},
		{c("douyin", "profile"), "profile", "个人资料"},
		{c("douyin", "posts"), "works", "作品"},
		{c("douyin", "comments"), "comments", "评论"},
		{c("douyin", "likes"), "likes", "喜欢"},
		{c("douyin", "favorites"), "favourites", "收藏"},
		{c("douyin", "following"), "following", "关注"},
		{c("douyin", "followers"), "followers", "粉丝"},
		{c("douyin", "messages"), "messages", "私信"},
		{c("douyin", "wallet"), "wallet", "钱包"},
		{c("douyin", "history"), "watch history", "观看历史"},
		{c("douyin", "watch_later"), "watch later", "稍后再看"},
		{c("douyin", "notifications"), "notifications", "通知"},
		{c("douyin", "series"), "series", "合集"},
		{c("douyin", "sounds"), "sounds", "音乐"},
	}
}
