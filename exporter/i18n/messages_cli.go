package i18n

// Codes of what the commands themselves say around a backup: the login,
// the demo, doctor's table and ls's notes.
const (
	LoginNoQR         Code = "login.no_qr"
	LoginScanned      Code = "login.scanned"
	LoginQRExpired    Code = "login.qr_expired"
	LoginQRSaved      Code = "login.qr_saved"
	LoginScanThis     Code = "login.scan_this"
	LoginLoggedIn     Code = "login.logged_in"
	DemoPhoneScans    Code = "demo.phone_scans"
	DemoPhoneFailed   Code = "demo.phone_failed"
	DemoDataKept      Code = "demo.data_kept"
	DoctorCollection  Code = "doctor.collection"
	DoctorWorks       Code = "doctor.works"
	DoctorItems       Code = "doctor.items"
	DoctorExpected    Code = "doctor.expected"
	DoctorWhy         Code = "doctor.why"
	DoctorYes         Code = "doctor.yes"
	DoctorNo          Code = "doctor.no"
	DoctorDiagnostics Code = "doctor.diagnostics"
	DoctorReport      Code = "doctor.report"
	DoctorReportFile  Code = "doctor.report_file"
	LsUnlisted        Code = "ls.unlisted"
	LsManifestSays    Code = "ls.manifest_says"
	LabelReplica      Code = "label.replica"
	LabelLookAtIt     Code = "label.look_at_it"
	DemoReplicaServed Code = "demo.replica_served"
	DemoLookAtIt      Code = "demo.look_at_it"
	DemoAboutWeibo    Code = "demo.about_weibo"
	DemoAboutDouyin   Code = "demo.about_douyin"
	LoginDone         Code = "login.done"
	BrowseShowing     Code = "browse.showing"
	BrowseDamaged     Code = "browse.damaged"
	BrowseCheckFailed Code = "browse.check_failed"
	BrowseNoOpener    Code = "browse.no_opener"
	BrowseOpenFailed  Code = "browse.open_failed"
	ExportRows        Code = "export.rows"
	ExportWrote       Code = "export.wrote"
	ExtractDone       Code = "extract.done"
	PackWrote         Code = "pack.wrote"
)

func cliMessages() []Message {
	return []Message{
		{LoginNoQR, "the login page shows no QR code; loading it again", "登录页没有显示二维码，正在重新加载"},
		{LoginScanned, "scanned: confirm the login on your phone", "已扫码：请在手机上确认登录"},
		{LoginQRExpired, "the QR code expired; here is a new one", "二维码已过期，这是新的二维码"},
		{LoginQRSaved, "the QR code is also saved as {file}", "二维码也已保存为 {file}"},
		{LoginScanThis, "scan this code with the app on your phone, then confirm the login there:", "请用手机上的 App 扫描这个二维码，然后在手机上确认登录："},
		{LoginLoggedIn, "logged in as {name} ({id})", "已登录：{name}（{id}）"},
		{DemoPhoneScans, "the QR code appeared; the replica's phone scans and confirms it", "二维码已出现：模拟站点的模拟手机正在扫码并确认"},
		{DemoPhoneFailed, "the phone could not approve the login: {error}", "模拟手机未能确认登录：{error}"},
		{DemoDataKept, "the demo's data is kept in {dir}, apart from your own accounts", "演示数据保存在 {dir}，与你自己的账号分开"},
		{DoctorCollection, "collection", "内容"},
		{DoctorWorks, "works", "可用"},
		{DoctorItems, "items", "读到"},
		{DoctorExpected, "expected", "网站显示"},
		{DoctorWhy, "why", "原因"},
		{DoctorYes, "yes", "是"},
		{DoctorNo, "NO", "否"},
		{DoctorDiagnostics, " (diagnostics: {dir})", "（诊断信息：{dir}）"},
		{DoctorReport, "report", "报告"},
		{DoctorReportFile, "{file} (no cookie, token, account id or name in it: attach it to a bug report)", "{file}（不含 cookie、令牌、账号 ID 或名字：可附在问题报告里）"},
		{LsUnlisted, "(not in the manifest)", "（清单中没有）"},
		{LsManifestSays, "(the manifest says {bytes} bytes)", "（清单记为 {bytes} 字节）"},
		{LabelReplica, "replica", "模拟站点"},
		{LabelLookAtIt, "look at it", "查看"},
		{DemoReplicaServed, "{requests} requests ({api} API; a whole backup without retries asks about {needed}; {refused} refused for speed), {media} media files served",
			"{requests} 个请求（API {api} 个；不算重试，一次完整备份约需 {needed} 个；{refused} 个因太快被拒绝），提供了 {media} 个媒体文件"},
		{DemoLookAtIt, "{browse}   (or {extract}, then open DIR/index.html)", "{browse}   （或 {extract}，然后打开 DIR/index.html）"},
		{DemoAboutWeibo, "the weibo replica serves account {id} ({posts} posts) on {addr}", "微博模拟站点在 {addr} 提供账号 {id}（{posts} 条微博）"},
		{DemoAboutDouyin, "the douyin replica serves account {id} ({works} works, {conversations} conversations) on {addr}", "抖音模拟站点在 {addr} 提供账号 {id}（{works} 个作品，{conversations} 个会话）"},
		{LoginDone, "logged in to {site} as {name} ({id})\nnext: {command}", "已登录 {site}：{name}（{id}）\n下一步：{command}"},
		{BrowseShowing, "Showing {bundle} at\n  {url}\nOnly this computer can open it. Ctrl-C stops it.", "正在显示 {bundle}，地址：\n  {url}\n只有这台电脑能打开它。按 Ctrl-C 停止。"},
		{BrowseDamaged, "warning: {bundle} is damaged ({n} problem(s)); showing what can be read. Run farewell verify for details.",
			"警告：{bundle} 已损坏（{n} 处问题）；只显示能读出的部分。运行 farewell verify 查看详情。"},
		{BrowseCheckFailed, "warning: the full check of {bundle} stopped: {error}", "警告：{bundle} 的完整检查中止了：{error}"},
		{BrowseNoOpener, "no {program} here: open the address above in a browser", "这台电脑上没有 {program}：请在浏览器里打开上面的地址"},
		{BrowseOpenFailed, "could not open a browser ({error}): open the address above", "无法打开浏览器（{error}）：请在浏览器里打开上面的地址"},
		{ExportRows, "{rows} rows  {file}", "{rows} 行  {file}"},
		{ExportWrote, "wrote {files} files ({rows} rows) to {dir}", "已把 {files} 个文件（{rows} 行）写入 {dir}"},
		{ExtractDone, "extracted {files} files ({size}) to {dir}", "已把 {files} 个文件（{size}）解压到 {dir}"},
		{PackWrote, "wrote {bundle}\n  {files} files, {size} -> {packed} in {seconds}s", "已写入 {bundle}\n  {files} 个文件，{size} -> {packed}，用时 {seconds} 秒"},
	}
}
