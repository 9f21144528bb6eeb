package i18n

// Codes of the failures a person acts on (see [Error]): a mistake in the
// command line and its fix, a login to make, a verification to solve, a
// bundle that is damaged or not ready, a browser to install, a file that
// is not there. {cause} is the failure's own words (a path, an address,
// the system's message), which stay as they are.
const (
	DidYouMean           Code = "fail.did_you_mean"
	SitesAnd             Code = "fail.sites_and"
	UsageUnknownCommand  Code = "fail.unknown_command"
	UsageSiteAsCommand   Code = "fail.site_as_command"
	UsageUnknownSite     Code = "fail.unknown_site"
	UsageNoCollection    Code = "fail.no_collection"
	UsageUnknownFlag     Code = "fail.unknown_flag"
	UsageFlagNeedsValue  Code = "fail.flag_needs_value"
	UsageFlagBadValue    Code = "fail.flag_bad_value"
	UsageSeeHelp         Code = "fail.see_help"
	UsageArgsExact       Code = "fail.args_exact"
	UsageArgsAtMost      Code = "fail.args_at_most"
	UsageArgsAtLeast     Code = "fail.args_at_least"
	UsageOption          Code = "fail.option"
	UsageSize            Code = "fail.size"
	UsageConversations   Code = "fail.conversations"
	UsageRate            Code = "fail.rate"
	UsageRateOrZero      Code = "fail.rate_or_zero"
	UsageFormat          Code = "fail.format"
	UsageKind            Code = "fail.kind"
	FailNotLoggedIn      Code = "fail.not_logged_in"
	FailSessionGone      Code = "fail.session_gone"
	FailLogInAgain       Code = "fail.log_in_again"
	FailLogInFirst       Code = "fail.log_in_first"
	FailDemoLoggedOut    Code = "fail.demo_logged_out"
	FailDemoVerification Code = "fail.demo_verification"
	FailBrowserStart     Code = "fail.browser_start"
	FailBrowserGone      Code = "fail.browser_gone"
	FailNotAFolder       Code = "fail.not_a_folder"
	FailNotLoopback      Code = "fail.not_loopback"
	UsageNoKind          Code = "fail.no_kind"
	FailNoAccountYet     Code = "fail.no_account_yet"
	FailNoStore          Code = "fail.no_store"
	FailThrottled        Code = "fail.throttled"
	FailVerifyDouyin     Code = "fail.verify_douyin"
	FailVerifyWeibo      Code = "fail.verify_weibo"
	FailVerifyTimedOut   Code = "fail.verify_timed_out"
	FailStorage          Code = "fail.storage"
	FailStoreBusy        Code = "fail.store_busy"
	FailNoBrowser        Code = "fail.no_browser"
	FailBrowserEnv       Code = "fail.browser_env"
	FailInstallDesktop   Code = "fail.install_desktop"
	FailInstallLinux     Code = "fail.install_linux"
	FailNoDisplay        Code = "fail.no_display"
	FailDamaged          Code = "fail.damaged"
	FailNotSafe          Code = "fail.not_safe"
	FailDoctor           Code = "fail.doctor"
	FailNoViewer         Code = "fail.no_viewer"
	FailNoIndex          Code = "fail.no_index"
	FailExportExists     Code = "fail.export_exists"
	FailDemoNoHome       Code = "fail.demo_no_home"
	FailCorrupt          Code = "fail.corrupt"
	FailFolderNotBundle  Code = "fail.folder_not_bundle"
	FailNotAFile         Code = "fail.not_a_file"
	FailQRTimeout        Code = "fail.qr_timeout"
	FailNoQR             Code = "fail.no_qr"
	FailOtherAccount     Code = "fail.other_account"
	FailNoHome           Code = "fail.no_home"
	FailStoreNewer       Code = "fail.store_newer"
	FailNoSuchFile       Code = "fail.no_such_file"
	FailExists           Code = "fail.exists"
	FailPermission       Code = "fail.permission"
	FailDiskFull         Code = "fail.disk_full"
	FailQuota            Code = "fail.quota"
	FailReadOnly         Code = "fail.read_only"
)

func failureMessages() []Message {
	return []Message{
		{DidYouMean, "; did you mean `{word}`?", "；你是想输入 `{word}` 吗？"},
		{SitesAnd, "{first} and {last}", "{first} 和 {last}"},
		{UsageUnknownCommand, "unknown command \"{word}\"{suggest} (see farewell --help)", "没有 \"{word}\" 这个命令{suggest}（见 farewell --help）"},
		{UsageSiteAsCommand, "unknown command \"{word}\"; did you mean `farewell backup {word}`?", "没有 \"{word}\" 这个命令；你是想输入 `farewell backup {word}` 吗？"},
		{UsageUnknownSite, "unknown site \"{site}\"{suggest} (farewell backs up {sites})", "不认识 \"{site}\" 这个网站{suggest}（farewell 能备份 {sites}）"},
		{UsageNoCollection, "--only: {site} has no collection \"{name}\"{suggest} (it has {valid})",
			"--only：{site} 没有 \"{name}\" 这一项{suggest}（可选的有 {valid}）"},
		{UsageUnknownFlag, "unknown flag: {flag}{suggest} (see {command} --help)", "没有 {flag} 这个选项{suggest}（见 {command} --help）"},
		{UsageFlagNeedsValue, "flag needs an argument: {flag} (see {command} --help)", "{flag} 后面要跟一个值（见 {command} --help）"},
		{UsageFlagBadValue, "invalid argument \"{value}\" for {flag} (see {command} --help)", "{flag} 的值 \"{value}\" 不对（见 {command} --help）"},
		{UsageSeeHelp, "{cause} (see {command} --help)", "{cause}（见 {command} --help）"},
		{UsageArgsExact, "{command} takes {want} argument(s), not {got} (see {command} --help)",
			"{command} 需要 {want} 个参数，而不是 {got} 个（见 {command} --help）"},
		{UsageArgsAtMost, "{command} takes at most {want} argument(s), not {got} (see {command} --help)",
			"{command} 最多接受 {want} 个参数，而不是 {got} 个（见 {command} --help）"},
		{UsageArgsAtLeast, "{command} takes at least {want} argument(s), not {got} (see {command} --help)",
			"{command} 至少需要 {want} 个参数，而不是 {got} 个（见 {command} --help）"},
		{UsageOption, "{option}: {cause}", "{option}：{cause}"},
		{UsageSize, "--size {value}: use 1 to {max} (the generated account's posts, or works on Douyin)", "--size {value}：须在 1 到 {max} 之间（生成的账号的微博数，抖音为作品数）"},
		{UsageConversations, "--conversations {value}: use 1 to {max} (the generated account's conversations)",
			"--conversations {value}：须在 1 到 {max} 之间（生成的账号的私信会话数）"},
		{UsageRate, "--rate {value}: the replica allows more than 0 to {max} API requests a second", "--rate {value}：模拟站点每秒的 API 请求数须大于 0、不超过 {max}"},
		{UsageRateOrZero, "--rate {value}: the replica allows 0 (no limit) to {max} API requests a second",
			"--rate {value}：模拟站点每秒的 API 请求数须在 0（不限速）到 {max} 之间"},
		{UsageFormat, "--format \"{value}\" is not known: the only format is csv (see farewell export --help)",
			"不支持 --format \"{value}\"：目前只支持 CSV 格式（见 farewell export --help）"},
		{UsageKind, "unknown --kind \"{value}\" (kinds: {kinds})", "没有 --kind \"{value}\"（可选的有 {kinds}）"},
		{FailNotLoggedIn, "not logged in", "没有登录"},
		{FailSessionGone, "{cause}", "登录已失效（{cause}）"},
		{FailLogInAgain, "{cause}: run `farewell login {site}`, then `backup` again: it continues where it stopped",
			"{cause}：请运行 `farewell login {site}` 登录，再运行 backup，会从中断处继续"},
		{FailLogInFirst, "{cause}: run `farewell login {site}` first, then `farewell backup {site}`",
			"{cause}：请先运行 `farewell login {site}` 登录，再运行 `farewell backup {site}`"},
		{FailDemoLoggedOut, "the replica logged the demo out (as the real site does at times): run the same command again; it logs in again and continues where it stopped",
			"模拟站点让演示退出了登录（真实网站有时也会这样）：再运行一次同样的命令，会重新登录并从中断处继续"},
		{FailDemoVerification, "the replica asks for a verification (as the real site does at times), which the demo's person solves before the next run: run the same command again; it continues where it stopped",
			"模拟站点要求验证（真实网站有时也会这样），演示中的模拟用户会在下次运行前完成验证：再运行一次同样的命令，会从中断处继续"},
		{FailBrowserGone, "the browser went away", "浏览器意外退出了"},
		{FailBrowserStart, "the browser {path} did not start ({cause}): install Chrome, Edge or Chromium, or set {env} to one",
			"浏览器 {path} 启动失败（{cause}）：请安装 Chrome、Edge 或 Chromium，或把 {env} 设为其中之一"},
		{FailNotAFolder, "{path}: a part of the path is a file, not a folder", "{path}：路径中有一部分是文件，不是文件夹"},
		{FailNotLoopback, "--addr {addr}: browse listens on this computer's loopback interface only: give 127.0.0.1:PORT or [::1]:PORT",
			"--addr {addr}：browse 只让这台电脑查看备份包：请使用 127.0.0.1:端口 或 [::1]:端口"},
		{UsageNoKind, "parse needs --kind (kinds: {kinds})", "parse 需要 --kind（可选的有 {kinds}）"},
		{FailNoAccountYet, "no {site} account has logged in yet", "还没有登录过 {site} 账号"},
		{FailNoStore, "no store for {site} account {account}", "{site} 账号 {account} 在这台电脑上没有备份数据"},
		{FailThrottled, "{cause}: the site keeps refusing; wait an hour or so, then run `farewell backup {site}` again: it continues where it stopped",
			"网站一直拒绝请求（{cause}）；请等一小时左右，再运行 `farewell backup {site}`，会从中断处继续"},
		{FailVerifyDouyin, "douyin.com asks for its verification, 验证码中间页 (verification page) or a slider over the page, which a person must solve: run `farewell backup douyin --visible`, drag the slider in the window, and the backup continues where it stopped",
			"抖音要求验证（验证码中间页，或页面上的滑块），需要本人完成：请运行 `farewell backup douyin --visible`，在窗口里拖动滑块，备份会从中断处继续"},
		{FailVerifyWeibo, "weibo.com asks for a security verification, 安全验证 (security verification), which a person must complete: run `farewell backup weibo --visible`, complete it in the window, and the backup continues where it stopped",
			"微博要求安全验证，需要本人完成：请运行 `farewell backup weibo --visible`，在窗口里完成验证，备份会从中断处继续"},
		{FailVerifyTimedOut, "the verification was not completed in 15 minutes: run the same command again to try once more; what was done is kept",
			"15 分钟内没有完成验证：再运行一次同样的命令就能重试；已完成的部分都保留着"},
		{FailStorage, "{cause} (farewell's data folder cannot be written): make room or fix the folder's permissions, then run backup again: it continues where it stopped",
			"{cause}（farewell 的数据文件夹无法写入）：请腾出磁盘空间或修正文件夹的权限，再运行 backup，会从中断处继续"},
		{FailStoreBusy, "{dir} is in use by another farewell run ({owner}): let it finish, or stop it, then run this again",
			"{dir} 正被另一个 farewell 使用（{owner}）：请等它结束或停止它，再运行这条命令"},
		{FailNoBrowser, "no Chrome, Edge or Chromium found: {install}, or set {env} to the browser's program file",
			"没有找到 Chrome、Edge 或 Chromium：{install}，或者把环境变量 {env} 设为浏览器程序的路径"},
		{FailBrowserEnv, "{env}={path}: no such program (unset it to let farewell look for a browser)",
			"{env}={path}：没有这个程序（去掉这个环境变量，farewell 会自己找浏览器）"},
		{FailInstallDesktop, "install Google Chrome (google.com/chrome) or Microsoft Edge", "请安装 Google Chrome（google.com/chrome）或 Microsoft Edge"},
		{FailInstallLinux, "install Chromium (sudo apt-get install chromium) or Google Chrome", "请安装 Chromium（`sudo apt-get install chromium`）或 Google Chrome"},
		{FailNoDisplay, "no display for a visible window ({cause}): run it on a desktop, or without --visible",
			"没有可以显示窗口的桌面（{cause}）：请在桌面环境里运行，或者去掉 --visible"},
		{FailDamaged, "{bundle}: {n} integrity problem(s): bundle corrupt", "{bundle}：发现 {n} 处完整性问题，备份包已损坏"},
		{FailNotSafe, "{bundle}: not safe to delete: {n} reason(s) above", "{bundle}：还不能删除账号，原因见上面 {n} 条"},
		{FailDoctor, "{site}: some collections do not work (see the table above)", "{site}：有些内容无法备份（见上表）"},
		{FailNoViewer, "browse {bundle}: the bundle has no viewer (it was packed from a plain folder, or by an older farewell): pack the store again with farewell pack",
			"browse {bundle}：这个备份包里没有查看器（它是从普通文件夹打包的，或来自旧版 farewell）：请用 farewell pack 重新打包"},
		{FailNoIndex, "browse {bundle}: nothing can be shown: {cause}; run farewell verify for details",
			"browse {bundle}：无法显示：{cause}；运行 farewell verify 查看详情"},
		{FailExportExists, "export {bundle}: {cause} (--force replaces it)", "export {bundle}：{cause}（加 --force 会替换它）"},
		{FailDemoNoHome, "no folder for the demo's data: {cause} (give one with --home)", "找不到存放演示数据的文件夹：{cause}（请用 --home 指定一个）"},
		{FailCorrupt, "{detail}", "备份包已损坏，或不是 farewell 的备份包（{detail}）"},
		{FailFolderNotBundle, "{path} is a folder, not a bundle file", "{path} 是文件夹，不是备份包文件"},
		{FailNotAFile, "{path} is {what}, not a bundle file", "{path} 不是普通文件（{what}），不是备份包文件"},
		{FailQRTimeout, "the QR code was not scanned in time: run the same command again for a new one", "二维码没有及时扫描：再运行一次同样的命令会显示新的二维码"},
		{FailNoQR, "the login page showed no QR code: run the same command again (with --visible to see the page)",
			"登录页没有显示二维码：请再运行一次同样的命令（加 --visible 可以看到页面）"},
		{FailOtherAccount, "the browser is logged in as {got}, not as {want}", "浏览器登录的是账号 {got}，不是 {want}"},
		{FailNoHome, "no home folder for farewell's data: {cause} (set FAREWELL_HOME to a folder)", "找不到存放 farewell 数据的主文件夹：{cause}（请把 FAREWELL_HOME 设为一个文件夹）"},
		{FailStoreNewer, "{dir} was written by a newer farewell (store version {version}): use that farewell, or a newer one", "{dir} 是新版 farewell 写的（数据版本 {version}）：请使用那个版本或更新的 farewell"},
		{FailNoSuchFile, "{path}: no such file or directory", "找不到 {path}"},
		{FailExists, "{path}: file already exists", "{path} 已经存在"},
		{FailPermission, "{path}: permission denied", "没有权限访问 {path}"},
		{FailDiskFull, "{path}: no space left on the disk", "磁盘空间不足：{path}"},
		{FailQuota, "{path}: over the disk quota", "磁盘配额已用完：{path}"},
		{FailReadOnly, "{path}: the disk is read-only", "{path} 所在的磁盘是只读的"},
	}
}
