package i18n

// HelpCollectionsFor is the heading of the list of collections --only
// takes.
const HelpCollectionsFor Code = "help.collections_for"

// helpCommandMessages are the descriptions and flags of the commands a
// person runs to back up and look at their account.
func helpCommandMessages() []Message {
	return []Message{
		{HelpCollectionsFor, "COLLECTIONS (for --only)", "内容（供 --only 使用）"},
		{HelpLong("backup"), `Backup captures every collection of the logged-in account (or those --only
names) in farewell's browser, downloads the media, derives the records, packs a
dated bundle into --out and verifies it.

It is polite to the site and patient: when the site asks it to slow down it
waits (minutes, with a countdown) and tries again. Interrupted (Ctrl-C, a
crash, a lost session), it keeps everything it has; run it again and it
continues where it stopped, without downloading finished media again.

After a complete backup, the next one looks only for what changed: each list
up to its first page with nothing new, the comments of posts whose comment
count changed, the conversations with new messages; media already kept is
never fetched again. --full walks every list whole again.

EXAMPLES
  farewell backup weibo
  farewell backup weibo --only posts,comments --out ~/backups`, `backup 在 farewell 的浏览器里备份已登录账号的全部内容（或 --only 指定的那些），
下载媒体文件，整理出记录，在 --out 里打包一个注明日期的备份文件并检查它。

它对网站有礼貌，也有耐心：网站要求放慢时，它会等待（几分钟，带倒计时）再重试。
被中断时（Ctrl-C、崩溃、登录失效），已备份的内容都会保留；再运行一次就会从
中断的地方继续，已下载完的媒体文件不会重新下载。

一次完整备份之后，下一次只查找变化的内容：每个列表读到第一页没有新内容为止，
评论数变了的微博（作品）的评论，有新消息的会话；已保存的媒体文件不会再下载。
--full 会把每个列表完整地重新读取一遍。

示例
  farewell backup weibo
  farewell backup weibo --only posts,comments --out ~/backups`},
		{HelpFlag("backup", "only"), "capture only these collections (comma-separated; listed below)", "只备份这些内容（用逗号分隔；见下面的列表）"},
		{HelpFlag("", "out"), "folder to write the bundle to", "备份文件写到哪个文件夹"},
		{HelpFlag("", "home"), "farewell's data folder (default $FAREWELL_HOME or ~/.local/share/farewell)", "farewell 的数据文件夹（默认 $FAREWELL_HOME 或 ~/.local/share/farewell）"},
		{HelpFlag("backup", "account"), "the account id to back up (default: the last one logged in)", "要备份的账号 ID（默认：最后登录的那个）"},
		{HelpFlag("", "visible"), "show the browser window while it works", "工作时显示浏览器窗口"},
		{HelpFlag("", "full"), "walk every list whole again, even after a complete backup", "即使上次备份已完整，也把每个列表完整地重新读取"},
		{HelpLong("login"), `Login opens the site's real login page in farewell's own browser profile and
waits while you log in. With a display it opens a window; without one (or with
--headless) it prints the page's QR code in the terminal (and saves it as a
PNG): scan it with the site's app on your phone and confirm there.

The session's cookies are kept in farewell's store (mode 0600), never in a
bundle. Then run "farewell backup" for the same site.

The browser is the Google Chrome, Microsoft Edge or Chromium installed on this
computer; FAREWELL_BROWSER=/path/to/the/program chooses another.

EXAMPLES
  farewell login weibo
  farewell login weibo --headless`, `login 在 farewell 自己的浏览器配置里打开网站真正的登录页，等你登录。有显示器时
会打开一个窗口；没有时（或加 --headless）会在终端里显示登录页的二维码（并另存为
PNG 图片）：用手机上的网站 App 扫码，然后在手机上确认。

登录的 cookie 保存在 farewell 的数据里（权限 0600），绝不会进入备份文件。
然后对同一个网站运行 "farewell backup"。

浏览器是这台电脑上安装的 Google Chrome、Microsoft Edge 或 Chromium；
FAREWELL_BROWSER=/path/to/the/program 可以指定别的浏览器。

示例
  farewell login weibo
  farewell login weibo --headless`},
		{HelpFlag("login", "headless"), "no window: show the QR code in the terminal", "不开窗口：在终端里显示二维码"},
		{HelpLong("browse"), `Browse serves the bundle's own viewer to your browser, straight from the
compressed bundle: nothing is extracted and nothing goes to the network.

It listens on the loopback interface only, on a random port, and the address
it prints carries a random token: only that address works, and only from this
computer. The default browser is opened (xdg-open; open on macOS; the URL
handler on Windows) on a private page in a temporary folder that sends it on,
so the token is never on a command line, where other users could see it.
Stop it with Ctrl-C. The same viewer works without farewell: run
"farewell extract" and open index.html in the folder.

A quick check of the bundle runs first; a damaged bundle is still shown, with
a warning, as long as its index can be read (else browse exits 5). The full
check (every byte re-hashed, as "farewell verify" does) then runs in the
background, and the overview page shows its verdict.

EXAMPLES
  farewell browse farewell-weibo-1234567890-20261123T020000Z.tar.zst
  farewell browse --no-open --addr 127.0.0.1:8800 backup.tar.zst`, `browse 直接从压缩的备份文件里，把备份自带的查看页面提供给你的浏览器：
不解压任何文件，也不连接网络。

它只在本机回环地址上的一个随机端口监听，打印的地址带一个随机令牌：只有这个
地址有效，而且只能在这台电脑上打开。它会打开默认浏览器（Linux 上用 xdg-open，macOS 和 Windows
上用系统的默认方式），先打开临时文件夹里的一个私有页面再跳转过去，
所以令牌不会出现在命令行上，别的用户看不到。按 Ctrl-C 停止。不用 farewell
也能查看：运行 "farewell extract"，然后打开文件夹里的 index.html。

先快速检查备份文件；损坏的备份只要索引还能读，仍会显示，并带有警告（否则
browse 以退出码 5 结束）。随后在后台做完整检查（像 "farewell verify" 那样
重新计算每个字节的哈希），概览页会显示它的结论。

示例
  farewell browse farewell-weibo-1234567890-20261123T020000Z.tar.zst
  farewell browse --no-open --addr 127.0.0.1:8800 backup.tar.zst`},
		{HelpFlag("browse", "addr"), "loopback address to listen on (port 0: a free one)", "监听的本机回环地址（端口 0：任选一个空闲端口）"},
		{HelpFlag("browse", "no-open"), "print the address but do not open a browser", "只打印地址，不打开浏览器"},
		{HelpLong("extract"), `Extract writes every file of a bundle into DIR (created if missing; existing
files are never overwritten).

Only regular files the manifest lists are accepted: links, devices, paths with
".." or a leading "/", and members larger than the manifest says are refused,
and nothing is ever written outside DIR. Every file is checked against its
sha256 as it is written; on any error, what was written is removed again.
Afterwards "sha256sum -c manifest-sha256.txt" passes inside DIR.

EXAMPLES
  farewell extract farewell-weibo-1234567890-20261123T020000Z.tar.zst ~/weibo-backup`, `extract 把备份文件里的每个文件写进 DIR（不存在就创建；绝不覆盖已有文件）。

只接受清单里列出的普通文件：链接、设备、带 ".." 或以 "/" 开头的路径，以及比
清单记录更大的成员都会被拒绝，也绝不会写到 DIR 之外。每个文件在写入时都按它的
sha256 检查；出错时，已写入的内容会被删除。
完成后在 DIR 里运行 "sha256sum -c manifest-sha256.txt" 可以通过检查。

示例
  farewell extract farewell-weibo-1234567890-20261123T020000Z.tar.zst ~/weibo-backup`},
		{HelpLong("doctor"), `Doctor opens each collection's page in your logged-in session and reads only
its first page: in a few minutes it tells which collections a backup would get
and which fail, and why. It keeps the failing ones' diagnostics (screenshot,
page outline, request log) and writes one report, without cookies, tokens or
your account's id and name, that you can attach to a bug report.

It works in a scratch folder of its own: the backup's journal and captures are
left as they were. Exit 0 when every collection works, 3 when some do not.

EXAMPLES
  farewell doctor douyin
  farewell doctor weibo --json | jq 'select(.message_type=="probe" and .ok==false)'`, `doctor 在你已登录的会话里打开每类内容的页面，只读第一页：几分钟内就能知道
备份能拿到哪些内容、哪些会失败以及原因。它会保留失败项的诊断信息（截图、页面
结构、请求记录），并写一份报告，其中不含 cookie、令牌、账号 ID 或名字，可以
附在问题报告里。

它在自己的临时文件夹里工作：备份的日志和抓取内容保持原样。每类内容都能读取时
退出码为 0，有的不能读取时为 3。

示例
  farewell doctor douyin
  farewell doctor weibo --json | jq 'select(.message_type=="probe" and .ok==false)'`},
		{HelpFlag("doctor", "out"), "folder to write the report to", "报告写到哪个文件夹"},
		{HelpFlag("doctor", "account"), "the account id to probe (default: the last one logged in)", "要试读的账号 ID（默认：最后登录的那个）"},
	}
}
