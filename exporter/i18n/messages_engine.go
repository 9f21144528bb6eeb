package i18n

// Codes of what the capture engine and the profiles say while a backup
// runs: notes, and the reasons of its pauses before trying again. A
// {collection} parameter is the collection's name as the progress shows
// it; an {error} or {detail} parameter is the technical detail as it
// came (an HTTP status, an address, a browser's error), kept as it is.
const (
	Plain               Code = "plain"
	NoteWarning         Code = "note.warning"
	NoteDiagnostics     Code = "note.diagnostics"
	NoteDownloadFailed  Code = "note.download_failed"
	NoteDownloadsAgain  Code = "note.downloads_again"
	NoteOtherTab        Code = "note.other_tab"
	NoteContinuing      Code = "note.continuing"
	NoteStepFailed      Code = "note.step_failed"
	NoteBrowserRestart  Code = "note.browser_restart"
	NoteOnceMore        Code = "note.once_more"
	NoteSinceEarlier    Code = "note.since_earlier"
	NotePostsSince      Code = "note.posts_since"
	NotePostsSinceStart Code = "note.posts_since_start"
	NoteCursorTooLong   Code = "note.cursor_too_long"
	NoteStubs           Code = "note.stubs"
	NoteUnchangedConvs  Code = "note.unchanged_conversations"
	NoteUnchangedWorks  Code = "note.unchanged_works"
	NoteUnchangedPosts  Code = "note.unchanged_posts"
	NoteVerifyDouyin    Code = "note.verify_douyin"
	NoteVerifyWeibo     Code = "note.verify_weibo"
	NoteVerified        Code = "note.verified"
	DoneNeverEnded      Code = "done.never_ended"
	DoneStoppedGrowing  Code = "done.stopped_growing"
	DoneSiteLists       Code = "done.site_lists"
	DoneWebShows        Code = "done.web_shows"
	DoneConversations   Code = "done.conversations"
	DoneTiles           Code = "done.tiles"
	DoneBehindCap       Code = "done.behind_cap"
	WhySlowDown         Code = "why.slow_down"
	WhyCodeNotLoaded    Code = "why.code_not_loaded"
	WhyNotRenderedTo    Code = "why.not_rendered_to"
	WhyNotRendered      Code = "why.not_rendered"
	WhySiteFailed       Code = "why.site_failed"
	WhySiteRefused      Code = "why.site_refused"
	WhyGotNoAnswer      Code = "why.got_no_answer"
	WhyStoppedAsking    Code = "why.stopped_asking"
	WhyNoAnswer         Code = "why.no_answer"
	WhyRequestFailed    Code = "why.request_failed"
	WhyFirstPage        Code = "why.first_page"
	WhyNoFirstPage      Code = "why.no_first_page"
	WhyPageRefused      Code = "why.page_refused"
	WhyStepFailed       Code = "why.step_failed"
	WhyListShort        Code = "why.list_short"
	WhyFavoritesShort   Code = "why.favorites_short"
	WhyNoConversations  Code = "why.no_conversations"
	WhyConversation     Code = "why.conversation"
	WhyOlderMessages    Code = "why.older_messages"
	WhyWorkComments     Code = "why.work_comments"
)

// PlainText is text as it is, in every language: a technical detail (an
// error, an address) where a message is expected.
func PlainText(text string) Msg { return Msg{Code: Plain, Args: Args{"text": text}} }

func engineMessages() []Message {
	return []Message{
		{Plain, "{text}", "{text}"},
		{NoteWarning, "note: {error}", "提示：{error}"},
		{NoteDiagnostics, "the diagnostics of {collection} could not be kept: {error}", "{collection} 的诊断信息未能保存：{error}"},
		{NoteDownloadFailed, "could not download {file}: {error}", "无法下载 {file}：{error}"},
		{NoteDownloadsAgain, "{n} download(s) failed earlier in the run: trying them again in {wait}", "本次运行中有 {n} 个下载失败：{wait} 后重试"},
		{NoteOtherTab, "the page's code did not load ({detail}): asking from another tab", "页面代码未能加载（{detail}）：改从另一个标签页请求"},
		{NoteContinuing, "{collection}: continuing where the last run stopped", "{collection}：从上次中断的地方继续"},
		{NoteStepFailed, "{collection} failed: {error}; going on with the rest, and the next run tries it again", "{collection} 失败：{error}；先备份其余内容，下次运行会再试"},
		{NoteBrowserRestart, "{error}: starting it again and continuing", "{error}：重新启动浏览器并继续"},
		{NoteOnceMore, "trying once more what failed earlier in the run: {collections}", "再试一次本次运行中失败的部分：{collections}"},
		{NoteSinceEarlier, "{collection}: looking for what is new since the earlier backup (--full walks everything again)", "{collection}：查找上次备份以来的新内容（--full 会全部重新读取）"},
		{NotePostsSince, "{collection}: looking for posts since {since} (the earlier backup is complete; --full walks everything again)", "{collection}：查找 {since} 以来的微博（上次备份完整；--full 会全部重新读取）"},
		{NotePostsSinceStart, "{collection}: looking for posts since the start (the earlier backup is complete; --full walks everything again)", "{collection}：从头查找微博（上次备份完整；--full 会全部重新读取）"},
		{NoteCursorTooLong, "{collection}: weibo.com refuses the timeline's cursor, grown too long (HTTP 414): going on by page number", "{collection}：微博拒绝了过长的时间线游标（HTTP 414），改为按页码继续"},
		{NoteStubs, "{collection}: {n} post(s) the web shows only as a stub: reading them from m.weibo.cn", "{collection}：网页版只显示 {n} 条微博的摘要，改从 m.weibo.cn 读取"},
		{NoteUnchangedConvs, "{collection}: {n} conversation(s) unchanged since the earlier backup", "{collection}：{n} 个会话自上次备份以来没有变化"},
		{NoteUnchangedWorks, "{collection}: {n} work(s) unchanged since the earlier backup", "{collection}：{n} 个作品自上次备份以来没有变化"},
		{NoteUnchangedPosts, "{collection}: {n} post(s) unchanged since the earlier backup", "{collection}：{n} 条微博自上次备份以来没有变化"},
		{NoteVerifyDouyin, "Douyin wants a verification: solve the slider in the browser window (waiting up to 15 minutes)", "抖音要求验证：请在浏览器窗口中完成滑块验证（最多等待 15 分钟）"},
		{NoteVerifyWeibo, "weibo.com wants a security verification: complete it in the browser window (waiting up to 15 minutes)", "微博要求安全验证：请在浏览器窗口中完成（最多等待 15 分钟）"},
		{NoteVerified, "verification done: continuing", "验证已完成，继续"},
		{DoneNeverEnded, "the list stopped growing but never said it ended", "列表不再增加，但网站没有说已到末尾"},
		{DoneStoppedGrowing, "the list stopped growing", "列表不再增加"},
		{DoneSiteLists, "the site lists {n} of {total}", "网站只列出 {total} 项中的 {n} 项"},
		{DoneWebShows, "the web shows {n} of {total}", "网页版只显示 {total} 项中的 {n} 项"},
		{DoneConversations, "{n} conversation(s)", "{n} 个会话"},
		{DoneTiles, "{n} screenshot tile(s)", "{n} 张截图"},
		{DoneBehindCap, "{n} comment(s) behind the site's cap", "{n} 条评论超出网站的显示上限"},
		{WhySlowDown, "the site asks us to slow down ({detail})", "网站要求放慢速度（{detail}）"},
		{WhyCodeNotLoaded, "the page's code did not load: {detail}", "页面代码未能加载：{detail}"},
		{WhyNotRenderedTo, "the page has not rendered what it takes to {action}", "页面还没有显示执行此操作所需的内容：{action}"},
		{WhyNotRendered, "the page has not rendered {what}", "页面还没有显示：{what}"},
		{WhySiteFailed, "the site failed {address} (HTTP {status})", "网站请求失败：{address}（HTTP {status}）"},
		{WhySiteRefused, "the site refused {address} (HTTP {status})", "网站拒绝了请求：{address}（HTTP {status}）"},
		{WhyGotNoAnswer, "{address} got no answer ({error})", "{address} 没有应答（{error}）"},
		{WhyStoppedAsking, "the page stopped asking (nothing asked for in {seconds} seconds)", "页面停止了请求（{seconds} 秒内没有新请求）"},
		{WhyNoAnswer, "the page did not ask for what it shows (no answer in {seconds} seconds)", "页面没有请求它要显示的内容（{seconds} 秒内没有应答）"},
		{WhyRequestFailed, "the page's request got no answer: {detail}", "页面的请求没有得到应答：{detail}"},
		{WhyFirstPage, "the list's first page got no answer: {detail}", "列表的第一页没有得到应答：{detail}"},
		{WhyNoFirstPage, "the list never showed its first page", "列表始终没有显示第一页"},
		{WhyPageRefused, "a page of the list was refused ({detail}) and the page does not ask again", "列表的一页被拒绝（{detail}），页面不会再次请求"},
		{WhyStepFailed, "{collection}: {error}", "{collection}：{error}"},
		{WhyListShort, "{collection} stopped growing without saying it ended", "{collection} 不再增加，但网站没有说已到末尾"},
		{WhyFavoritesShort, "{collection} stopped growing without saying they ended: {which}", "{collection} 不再增加，但网站没有说已到末尾：{which}"},
		{WhyNoConversations, "the chat shows no conversation list", "私信页面没有显示会话列表"},
		{WhyConversation, "{collection}: {error}", "{collection}：{error}"},
		{WhyOlderMessages, "{collection}: older messages did not load", "{collection}：更早的消息没有加载出来"},
		{WhyWorkComments, "comments of work {id}: {detail}", "作品 {id} 的评论：{detail}"},
	}
}
