package tables

// Column is one column of a table: its header and what it holds, in
// Chinese and in English, as README.txt explains it. A column name means
// the same in every table it appears in.
type Column struct {
	Name string
	ZH   string
	EN   string
}

// column returns the column called name with its explanation. Every name
// a table uses is here (a test checks it).
func column(name string) Column {
	zh, en := columnDoc(name)
	return Column{Name: name, ZH: zh, EN: en}
}

func columnDoc(name string) (zh, en string) {
	switch name {
	case "id":
		return "编号（网站的 id；长数字请当作文本）", "the site's id (long numbers: treat them as text)"
	case "created_at":
		return "时间，北京时间（+08:00）；赞与收藏是原帖的发布时间，关注列表是注册时间",
			"time, in China Standard Time (+08:00); for likes and favourites the post's own time, for follow lists when the account was registered"
	case "author_id":
		return "作者的 id", "the author's id"
	case "author_name":
		return "作者的名字", "the author's name"
	case "text":
		return "正文：帖子、评论、消息或通知的文字，完整（长微博已展开）", "the text of the post, comment, message or notification, in full (long Weibo posts resolved)"
	case "reposts":
		return "转发数", "reposts"
	case "comments":
		return "评论数", "comments"
	case "likes":
		return "点赞数", "likes"
	case "shares":
		return "分享数", "shares"
	case "collects":
		return "收藏数", "times saved to favourites"
	case "url":
		return "网站上原文的链接", "link to the original on the site"
	case "pinned":
		return "是否置顶（true/false）", "pinned to the profile (true/false)"
	case "visibility":
		return "可见范围", "who could see it"
	case "source":
		return "发布来源（设备或应用）", "where it was posted from (device or app)"
	case "region":
		return "发布地（IP 属地）", "where it was posted (IP region)"
	case "topics":
		return "话题，以“; ”分隔", "topics, separated by \"; \""
	case "repost_of_id":
		return "转发的原帖 id", "id of the post this one reposts"
	case "repost_of_author":
		return "原帖作者", "author of the reposted post"
	case "repost_of_text":
		return "原帖正文", "text of the reposted post"
	case "edits":
		return "编辑过的旧版本数（旧版本在 data/ 的 edits 字段）", "earlier versions kept (in the edits field under data/)"
	case "music":
		return "作品使用的音乐", "the music the work uses"
	case "media_files":
		return "图片、视频等在本备份中的文件路径，以空格分隔", "the pictures, videos and other media as files in this bundle, separated by spaces"
	case "kind":
		return "类别：赞与收藏为 post（帖子/作品）、series（合集）、music（音乐）；提及为 post 或 comment；私信与通知为消息的类型",
			"what the row is: post, series or music (likes, favourites); post or comment (mentions); the kind of message or notification"
	case "folder":
		return "收藏夹", "favourites folder"
	case "parent_id":
		return "回复的评论 id（顶层评论为空）", "id of the comment this one replies to (empty for a top-level comment)"
	case "post_id":
		return "所评论的帖子 id", "id of the post commented on"
	case "post_author_name":
		return "所评论帖子的作者", "author of the post commented on"
	case "post_text":
		return "所评论（或所涉及）帖子的正文", "text of the post commented on (or concerned)"
	case "post_url":
		return "所评论（或所涉及）帖子的链接", "link to the post commented on (or concerned)"
	case "name":
		return "名字（账号、合集或应用）", "name (of the account, series or app)"
	case "handle":
		return "抖音号或个性域名", "the account's handle"
	case "description":
		return "简介", "bio"
	case "followers":
		return "粉丝数", "followers"
	case "following":
		return "关注数", "accounts followed"
	case "posts":
		return "发帖数（抖音为作品数）", "posts (works, on Douyin)"
	case "groups":
		return "关注分组，以“; ”分隔", "follow groups, separated by \"; \""
	case "special_follow":
		return "是否特别关注（true/false）", "a special follow (true/false)"
	case "gender":
		return "性别", "gender"
	case "location":
		return "所在地", "location"
	case "ip_location":
		return "IP 属地", "IP region"
	case "conversation_id":
		return "会话 id", "conversation id"
	case "conversation_type":
		return "会话类型：one_to_one（单聊）或 group（群聊）", "one_to_one or group"
	case "conversation_name":
		return "群聊名称", "the group chat's name"
	case "peer_id":
		return "单聊对方的 id", "id of the other person (one-to-one)"
	case "peer_name":
		return "单聊对方的名字", "name of the other person (one-to-one)"
	case "from_me":
		return "是否是我发的（true/false）", "sent by you (true/false)"
	case "sender_id":
		return "发送者 id", "sender's id"
	case "sender_name":
		return "发送者名字", "sender's name"
	case "quoted_text":
		return "引用的消息", "the message this one quotes"
	case "share_title":
		return "分享的帖子或作品的标题", "title of the shared post or work"
	case "share_url":
		return "分享的帖子或作品的链接", "link to the shared post or work"
	case "title":
		return "标题", "title"
	case "from_id":
		return "通知来自谁（id）", "id of who the notification is from"
	case "from_name":
		return "通知来自谁（名字）", "name of who the notification is from"
	case "comment_id":
		return "通知所涉及的评论 id", "id of the comment the notification is about"
	case "authorised_at":
		return "授权时间", "when it was authorised"
	case "scopes":
		return "授权范围，以“; ”分隔", "what it may do, separated by \"; \""
	case "episodes":
		return "集数", "episodes"
	case "works":
		return "合集中的作品 id，以“; ”分隔", "ids of the works in the series, separated by \"; \""
	}
	return "", ""
}
