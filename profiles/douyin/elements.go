package douyin

import "github.com/farewell-app/farewell/exporter"

// The page's elements the profile acts on, each by ordered alternatives:
// the data-e2e hooks public tools use first, then the text a person
// reads, then class-name substrings. A hook only the replica documents
// (marked so) never stands alone.
var (
	// userInfo is the profile page's header with the owner's counts.
	userInfo = exporter.Find{Name: "the profile header", CSS: []string{"[data-e2e=user-info]", "[data-e2e=user-detail]"},
		Class: []string{"user-info", "userInfo"}}
	// followStat opens the 关注 dialog. Its data-e2e is missing in some
	// 2026 builds; the text 关注 within the header finds it then (the
	// top bar has a 关注 link of its own, so the text is looked for in
	// the header only).
	followStat = exporter.Find{Name: "the 关注 count", Scope: &userInfo, CSS: []string{"[data-e2e=user-info-follow]"}, Text: []string{"关注"}}
	// fansStat opens the 粉丝 dialog.
	fansStat = exporter.Find{Name: "the 粉丝 count", Scope: &userInfo, CSS: []string{"[data-e2e=user-info-fans]"}, Text: []string{"粉丝"}}
	// ownerShown is what the profile page shows once it knows the owner.
	ownerShown = exporter.Find{Name: "the owner's counts", CSS: []string{"[data-e2e=user-info-fans]", "[data-e2e=user-info-like]", "[data-e2e=user-info-follow]"},
		Scope: &userInfo, Text: []string{"粉丝", "获赞"}}
	// workItems are a works list's cards, then the list itself (empty).
	workItems = exporter.Find{Name: "the works list", CSS: []string{"[data-e2e=scroll-list] li", "[data-e2e=user-post-item]", "[data-e2e=scroll-list]"},
		Class: []string{"scroll-list"}}
	// commentItems are a work's comments, then the comment pane.
	commentItems = exporter.Find{Name: "the comment list", CSS: []string{"[data-e2e=comment-item]", "[data-e2e=comment-list]"},
		Class: []string{"comment-item", "comment-list"}}
	// expandReplies opens (more of) a comment's replies: 展开N条回复, 展开更多.
	// A 收起 button may share its class (unverified): it is never clicked.
	expandReplies = exporter.Find{Name: "the 展开 replies button", CSS: []string{"button.comment-reply-expand-btn"}, Class: []string{"comment-reply-expand-btn"},
		Not: []string{"收起"}}
	// followItems are a follow dialog's users, then its scroll box.
	followItems = exporter.Find{Name: "the follow list", CSS: []string{"[data-e2e=user-fans-container] [data-e2e=follow-item]",
		"[data-e2e=follow-list] [data-e2e=follow-item]", "[data-e2e=user-fans-container]", "[data-e2e=follow-list]"},
		Role: "dialog", Class: []string{"follow-list", "user-fans"}}
	// walletPanel shows the balance, once it has loaded.
	walletPanel = exporter.Find{Name: "the wallet panel", CSS: []string{"[data-e2e=wallet-panel][data-loaded]", "[data-e2e=wallet-panel]"},
		Class: []string{"wallet-panel"}}
	// favorites' sub-tabs, found by the text a person reads as well
	// (their DOM is not documented publicly); the page opens on 视频.
	favFolder = exporter.Find{Name: "the 收藏夹 tab", CSS: []string{"[data-e2e=favorite-tab-folder]"}, Text: []string{"收藏夹"}}
	favMix    = exporter.Find{Name: "the 合集 tab", CSS: []string{"[data-e2e=favorite-tab-mix]"}, Text: []string{"合集"}}
	favMusic  = exporter.Find{Name: "the 音乐 tab", CSS: []string{"[data-e2e=favorite-tab-music]"}, Text: []string{"音乐"}}
	favDrama  = exporter.Find{Name: "the 短剧 tab", CSS: []string{"[data-e2e=favorite-tab-drama]"}, Text: []string{"短剧"}}
	// folderCards are the favourite folders; folderBack leaves one.
	folderCards = exporter.Find{Name: "the folder cards", CSS: []string{"[data-e2e=collects-folder]"}, Class: []string{"collects-folder"}}
	folderBack  = exporter.Find{Name: "the 返回 button", CSS: []string{"[data-e2e=collects-back]"}, Text: []string{"返回"}}
	// The chat's parts, by the readable part of their hashed classes.
	convItems   = exporter.Find{Name: "the conversations", CSS: []string{"[data-e2e=conversation-item]"}, Class: []string{"conversationConversationItemwrapper"}}
	messageList = exporter.Find{Name: "the message list", CSS: []string{"[data-e2e=message-list]"}, Class: []string{"messageMessageListlist"}}
	// The profile page's own 合集 and 音乐 tabs: where the web shows a
	// person's own series and sounds is not documented publicly; they are
	// found by the text a person reads (the hooks are the replica's).
	mixTab   = exporter.Find{Name: "the 合集 tab", CSS: []string{"[data-e2e=user-tab-mix]"}, Text: []string{"合集"}}
	musicTab = exporter.Find{Name: "the 音乐 tab", CSS: []string{"[data-e2e=user-tab-music]"}, Text: []string{"音乐"}}
	// noticeEntry opens the notification pane: the top bar's 通知, the
	// text 2026 scripts click (msgwatch, 2026-10); noticeItems are its
	// notifications, then its list, then the pane.
	noticeEntry = exporter.Find{Name: "the 通知 entry", CSS: []string{"[data-e2e=notice-entry]"}, Text: []string{"通知"}}
	noticeItems = exporter.Find{Name: "the notification list", CSS: []string{"[data-e2e=notice-list] [data-e2e=notice-item]", "[data-e2e=notice-list]"},
		Role: "dialog", Class: []string{"notice-item", "notice-list"}}
)
