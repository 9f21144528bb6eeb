package i18n

// Codes of the checklist before deleting: its header, the name of each
// check, and each item a profile writes. The item codes are stored in
// bundles (archive.Readiness.Code): never rename one.
const (
	ChecklistHeader Code = "checklist.header"

	DouyinWalletUnreadCoins Code = "douyin.wallet.unread_coins"
	DouyinWalletUnreadMoney Code = "douyin.wallet.unread_money"
	DouyinWalletUnreadBoth  Code = "douyin.wallet.unread_both"
	DouyinWalletMoney       Code = "douyin.wallet.money"
	DouyinWalletEmpty       Code = "douyin.wallet.empty"
	DouyinBindings          Code = "douyin.bindings"
	DouyinMCN               Code = "douyin.mcn"
	DouyinCooling           Code = "douyin.cooling"
	DouyinMessages          Code = "douyin.messages"
	WeiboAppsNone           Code = "weibo.apps.none"
	WeiboAppsLinked         Code = "weibo.apps.linked"
	WeiboAppsUnread         Code = "weibo.apps.unread"
	WeiboWallet             Code = "weibo.wallet"
	WeiboSecurity           Code = "weibo.security"
)

// CheckName is the code of a check's name ("wallet" → "check.wallet").
func CheckName(check string) Code { return Code("check." + check) }

func checklistMessages() []Message {
	return []Message{
		{ChecklistHeader, "before you delete (ok settled, !! blocks deletion, ! to settle, i to know)", "删除账号前（ok 没问题，!! 会阻止删除，! 需要处理，i 需要知道）"},
		{CheckName("wallet"), "wallet", "钱包"},
		{CheckName("apps"), "apps", "授权应用"},
		{CheckName("bindings"), "bindings", "第三方绑定"},
		{CheckName("mcn"), "mcn", "MCN 机构"},
		{CheckName("cooling"), "cooling", "冷静期"},
		{CheckName("messages"), "messages", "私信"},
		{CheckName("security"), "security", "账号安全"},

		{DouyinWalletUnreadCoins, "farewell could not read the wallet's 抖币 (Douyin coins) balance: check 钱包 (Wallet) in the app and spend or withdraw what is left before deleting",
			"farewell 没能读到钱包的抖币余额：请在 App 的“钱包”里查看，删除前把剩余的花掉或提现"},
		{DouyinWalletUnreadMoney, "farewell could not read the wallet's 零钱 (money) balance: check 钱包 (Wallet) in the app and spend or withdraw what is left before deleting",
			"farewell 没能读到钱包的零钱余额：请在 App 的“钱包”里查看，删除前把剩余的花掉或提现"},
		{DouyinWalletUnreadBoth, "farewell could not read the wallet's 抖币 (Douyin coins) and 零钱 (money) balances: check 钱包 (Wallet) in the app and spend or withdraw what is left before deleting",
			"farewell 没能读到钱包的抖币和零钱余额：请在 App 的“钱包”里查看，删除前把剩余的花掉或提现"},
		{DouyinWalletMoney, "the account still holds {coins} 抖币 (Douyin coins) and {yuan} yuan: spend or withdraw them first, deleting the account loses them",
			"账号里还有 {coins} 抖币和 {yuan} 元：请先花掉或提现，删除账号后会全部失去"},
		{DouyinWalletEmpty, "the wallet is empty: nothing is lost", "钱包是空的：不会损失任何东西"},
		{DouyinBindings, "farewell does not read the account's bindings: check 设置 (Settings) › 账号与安全 (Account and security) › 第三方账号绑定 (Third-party account bindings); 今日头条 (Toutiao), 西瓜视频 (Xigua Video) and others lose their Douyin login",
			"farewell 不读取账号的绑定：请到 设置 › 账号与安全 › 第三方账号绑定 查看（今日头条、西瓜视频等会失去抖音登录）"},
		{DouyinMCN, "an account signed to an MCN agency must leave it before Douyin deletes it", "签约了 MCN 机构的账号，要先解约，抖音才会注销"},
		{DouyinCooling, "after you apply, Douyin waits 15 days before deleting; logging in or posting during them cancels the deletion",
			"申请注销后，抖音会等 15 天再删除；这期间登录或发布作品会取消注销"},
		{DouyinMessages, "direct messages disappear 72 hours after the account is deleted: this backup keeps them",
			"账号删除 72 小时后私信会消失：这份备份保留了它们"},
		{WeiboAppsNone, "no third-party app is authorised to use the account", "没有第三方应用获得账号授权"},
		{WeiboAppsLinked, "{n} authorised app(s) still linked ({names}): revoke them at 我的应用 (My apps) first; apps that log in with Weibo stop working once the account is gone",
			"还有 {n} 个已授权的应用（{names}）：请先在“我的应用”里取消授权；用微博登录的应用在账号删除后将无法使用"},
		{WeiboAppsUnread, "farewell could not read the list of authorised apps (the page it saw is kept as a screenshot): open 我的应用 (My apps, {url}) and revoke every app still linked before deleting",
			"farewell 没能读到已授权应用的列表（看到的页面已截图保存）：删除前请打开“我的应用”（{url}），取消所有授权"},
		{WeiboWallet, "farewell does not read Weibo's wallet: open 微博钱包 (Weibo Wallet) in the app and withdraw any balance and unclaimed 红包 (red packets) before deleting",
			"farewell 不读取微博钱包：删除前请在 App 里打开“微博钱包”，提现余额并领取未领的红包"},
		{WeiboSecurity, "Weibo refuses to delete an account whose password or bound phone changed in the last three months",
			"最近三个月内改过密码或绑定手机的账号，微博不允许注销"},
	}
}
