package i18n

// HelpCollectionsFor is the heading of the list of collections --only
// takes.
const HelpCollectionsFor Code = "help.collections_for"

// helpParseExamples ends parse's description, after its list of kinds.
const helpParseExamples Code = "help.parse.examples"

// HelpParse is parse's description with the kinds it knows.
func HelpParse(kinds string) Msg { return Msg{Code: HelpLong("parse"), Args: Args{"kinds": kinds}} }

// HelpParseExamples ends parse's description.
func HelpParseExamples() Msg { return Msg{Code: helpParseExamples} }

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
		{HelpLong("demo"), `Demo starts farewell's local replica of the site (a generated account with the
real site's endpoints, response shapes and quirks), logs in through the real QR
flow with the replica's "phone" approving the scan, backs up every collection
in headless Chromium, packs, verifies, and prints the summary and how to look at
the bundle.

The demo's stores are kept in a demo folder of their own (--home; by default
"farewell/demo" in the user cache folder, e.g. ~/.cache/farewell/demo), never
with your own accounts: a demo account never becomes the one "farewell backup"
picks. Running the demo again after an interruption continues where it
stopped. With --json the last line on stdout is a summary
object: bundle, verdict, collections, downloaded_bytes, replica.

--faults makes the replica fail as real sites and machines do, to show that
nothing is lost (a comma-separated list):
  5xx=P         a share P (0..1) of API and media requests answered 500/502/503
  reset=P       a share P cut off before any answer
  slow=P        a share P answered only after 4 s
  ratelimit     bursts of "too fast" refusals (418 on Weibo, 429 on Douyin)
  expire-media  video links in lists arrive already expired
  logout-at=N   the session ends after N API requests (exit 4: log in, run again)
  captcha-at=N  the site asks for a verification after N API requests
  crash-at=N    the browser process is killed after N API requests
  broken=NAME   the page of collection NAME never renders its list, or its
                answers take a shape no parser knows (repeatable)
  blocked=P     (Douyin) a share P of API requests answered "blocked"
  argus=P       (Douyin) a share P answered 403 "Blocked by ArgusSecurityPlugin"
  code8=P       (Douyin) a share P answered status_code 8: a refusal, not a logout
  overlay-captcha-at=N  (Douyin) the verification slider over the page after N
                API requests; the run stops (exit 4), and the demo's person has
                solved it by the next run
  captcha100-at=N  (Weibo) the API answers ok:-100 with a captcha url after N
                API requests: a security check, not a logout (exit 4, solved by
                the next run)
  renew-at=N    (Weibo) after N API requests the weibo.com session goes stale;
                a page renews it silently through login.sina.com.cn
  qr-fail=N     (Douyin) the first N answers of the login's QR code request
                are 502: the page shows no code and is loaded again

EXAMPLES
  farewell demo
  farewell demo weibo --faults 5xx=0.05,reset=0.02,slow=0.02,ratelimit,crash-at=120
  farewell demo douyin --size 60
  farewell demo weibo --size 500 --home /tmp/farewell-demo --out /tmp
  farewell demo douyin --only posts,messages`, `demo 启动 farewell 内置的模拟站点（replica：一个生成的账号，带有真实网站的接口、
应答格式和各种特性），通过真实的二维码流程登录（由 replica 的模拟手机扫码确认），
在无界面的 Chromium 里备份全部内容，打包、检查，最后打印汇总和查看备份的方法。

演示的数据保存在它自己的演示文件夹里（--home；默认是用户缓存文件夹下的
"farewell/demo"，例如 ~/.cache/farewell/demo），绝不和你自己的账号放在一起：
演示账号绝不会成为 "farewell backup" 选用的账号。演示被中断后再次运行，会从
中断的地方继续。加 --json 时，标准输出的最后一行是一个汇总对象："bundle"、
"verdict"、"collections"、"downloaded_bytes"、"replica"。

--faults 让 replica 像真实网站和电脑那样出错，以表明什么都不会丢（用逗号分隔）：
  5xx=P         API 和媒体请求中比例为 P（0..1）的请求以 500/502/503 应答
  reset=P       比例为 P 的请求在应答前被切断
  slow=P        比例为 P 的请求 4 秒后才应答
  ratelimit     一阵阵“太快了”的拒绝（微博 418，抖音 429）
  expire-media  列表里的视频链接一到就已过期
  logout-at=N   N 个 API 请求后登录失效（退出码 4：重新登录后再运行）
  captcha-at=N  N 个 API 请求后网站要求验证
  crash-at=N    N 个 API 请求后浏览器进程被杀掉
  broken=NAME   内容 NAME 的页面始终不显示列表，或它的应答格式没有解析器认识
                （可重复）
  blocked=P     （抖音）比例为 P 的 API 请求以 "blocked" 应答
  argus=P       （抖音）比例为 P 的请求以 403 "Blocked by ArgusSecurityPlugin" 应答
  code8=P       （抖音）比例为 P 的请求以 status_code 8 应答：是拒绝，不是登出
  overlay-captcha-at=N  （抖音）N 个 API 请求后页面上出现滑块验证；运行停止
                （退出码 4），下次运行前演示中的模拟用户已完成验证
  captcha100-at=N  （微博）N 个 API 请求后 API 以 ok:-100 和验证码地址应答：
                是安全检查，不是登出（退出码 4，下次运行前已完成）
  renew-at=N    （微博）N 个 API 请求后 weibo.com 的登录过期；页面会通过
                login.sina.com.cn 悄悄续期
  qr-fail=N     （抖音）登录页二维码请求的前 N 个应答是 502：页面不显示二维码，
                会重新加载

示例
  farewell demo
  farewell demo weibo --faults 5xx=0.05,reset=0.02,slow=0.02,ratelimit,crash-at=120
  farewell demo douyin --size 60
  farewell demo weibo --size 500 --home /tmp/farewell-demo --out /tmp
  farewell demo douyin --only posts,messages`},
		{HelpFlag("demo", "size"), "posts (works) in the generated account, 1 to {max} (default 150 for weibo, 60 for douyin)", "生成的账号里有多少条微博（作品），1 到 {max}（默认 weibo 150，douyin 60）"},
		{HelpFlag("demo", "conversations"), "douyin: DM conversations in the generated account, 1 to {max} (default 8)", "douyin：生成的账号里有多少个私信会话，1 到 {max}（默认 8）"},
		{HelpFlag("demo", "seed"), "seed of the generated account", "生成账号用的随机种子"},
		{HelpFlag("demo", "rate"), "API requests per second the replica allows (more than 0, at most {max})", "replica 每秒允许的 API 请求数（大于 0，最多 {max}）"},
		{HelpFlag("demo", "home"), "the demo's data folder (default farewell/demo in the user cache folder; never your own accounts')", "演示的数据文件夹（默认是用户缓存文件夹下的 farewell/demo；绝不是你自己账号的）"},
		{HelpFlag("demo", "only"), "back up only these collections (comma-separated; listed below)", "只备份这些内容（用逗号分隔；见下面的列表）"},
		{HelpFlag("demo", "faults"), "faults to inject (see above), e.g. 5xx=0.05,reset=0.02,crash-at=100", "要注入的故障（见上文），例如 5xx=0.05,reset=0.02,crash-at=100"},
		{HelpFlag("demo", "doctor"), "probe every collection (as farewell doctor does) instead of backing up", "试读每类内容（像 farewell doctor 那样），而不是备份"},
		{HelpFlag("demo", "variant"), "show A/B behaviours of the real site, comma-separated, or all (farewell replica SITE --variants lists them)", `展示真实网站的 A/B 行为，用逗号分隔，或 "all"（farewell replica SITE --variants 会列出它们）`},
		{HelpFlag("demo", "drift"), "show the site as a deploy changed it: keys reordered, unknown fields, short pages, calls moved between hosts, classes renamed, wrappers, menus reordered (a seed; 0: none)", "展示网站被一次部署改动后的样子：键的顺序变了、多了未知字段、页面变短、请求换了主机、CSS 类名改了、多了包装层、菜单顺序变了（一个随机种子；0：不改）"},
		{HelpLong("export"), `Export writes the records of a bundle as spreadsheet files into DIR (created if
missing): one <collection>.csv for posts, comments, likes, favorites, following,
followers, messages, my_comments, received_comments, mentions, articles, history,
watch_later, notifications, apps, series and sounds, as the bundle has them. They
are the same bytes as the csv/ folder inside every bundle, so this also works on
bundles made before farewell wrote that folder.

The files are UTF-8 with a byte order mark (Excel and WPS show Chinese text
correctly), one header row and one row per record; times are in China Standard
Time (+08:00); a cell a spreadsheet would run as a formula starts with '. The
columns of each file are listed in the bundle's README.txt.

The records are read straight from the compressed bundle, a line at a time, and
checked against the manifest's sha256; a damaged bundle is refused (exit 5).
Files already in DIR are not replaced unless --force is given (exit 1). On an
error or Ctrl-C, the files this run created are removed again.

EXAMPLES
  farewell export farewell-weibo-1234567890-20261123T020000Z.tar.zst --format csv ~/weibo-tables
  farewell export backup.tar.zst --format csv . --force`, `export 把备份文件里的记录写成表格文件，放进 DIR（不存在就创建）：帖子、评论、
点赞、收藏、关注、粉丝、私信、我发出的评论、我收到的评论、提到我的、头条文章、
观看历史、稍后再看、通知、授权应用、合集和音乐，每类一个 <内容>.csv，
备份里有哪些就写哪些。它们和每个备份文件里 csv/ 文件夹中的文件一字不差，
所以也适用于 farewell 开始写这个文件夹之前做的备份。

文件是带字节顺序标记的 UTF-8（Excel 和 WPS 能正确显示中文），一行表头，每条记录
一行；时间是北京时间（+08:00）；会被表格软件当作公式执行的单元格以 ' 开头。每个
文件的列写在备份的 README.txt 里。

记录直接从压缩的备份文件里逐行读取，并按清单的 sha256 检查；损坏的备份会被拒绝
（退出码 5）。DIR 里已有的同名文件不会被替换，除非加 --force（否则退出码 1）。
出错或按 Ctrl-C 时，这次运行创建的文件会被删除。

示例
  farewell export farewell-weibo-1234567890-20261123T020000Z.tar.zst --format csv ~/weibo-tables
  farewell export backup.tar.zst --format csv . --force`},
		{HelpFlag("export", "format"), "file format (csv)", `文件格式（"csv"）`},
		{HelpFlag("export", "force"), "replace files of the same names already in DIR", "替换 DIR 里已有的同名文件"},
		{HelpLong("ls"), `Ls lists every member of a bundle with its size in bytes and its role (data,
raw, media, screenshot, viewer, csv, readme, diagnostics, file; manifest for
MANIFEST.json and manifest-sha256.txt). It reads only the bundle's index and manifest, so it
is instant even for very large bundles. A member the manifest does not list, or
lists with another size, is marked (verify reports it as damage). With --json
each member is one JSON line with its sha256.

EXAMPLES
  farewell ls farewell-weibo-1234567890-20261123T020000Z.tar.zst
  farewell ls --json backup.tar.zst | jq -r 'select(.role=="media") | .path'`, `ls 列出备份文件的每个成员，带字节数和它的用途（"data"、"raw"、"media"、"screenshot"、
"viewer"、"csv"、"readme"、"diagnostics"、"file"；MANIFEST.json 和 manifest-sha256.txt
是 "manifest"）。它只读备份文件的索引和清单，所以再大的备份也是瞬间完成。清单里没有
列出、或记录的大小不同的成员会被标出来（verify 会把它报告为损坏）。加 --json 时，
每个成员是一行 JSON，带它的 sha256。

示例
  farewell ls farewell-weibo-1234567890-20261123T020000Z.tar.zst
  farewell ls --json backup.tar.zst | jq -r 'select(.role=="media") | .path'`},
		{HelpLong("pack"), `Pack turns a folder into a bundle: a compressed, dated .tar.zst with a manifest
(MANIFEST.json) and a checksum file (manifest-sha256.txt).

A farewell store (what "backup" fills) adds its collections and how complete
each is; its browser profile, cookies and journal never enter the bundle. Any
other folder packs as it is, with no completeness information.

The bundle is written as <name>.<host>.<pid>.partial and renamed when whole, so a file
with the final name is always complete; partial files that killed runs left in
the output folder are removed, never one whose process still runs.

EXAMPLES
  farewell pack ~/.local/share/farewell/weibo/1234567890 --out ~/backups
  farewell pack ./photos`, `pack 把一个文件夹打包成备份文件：一个压缩、注明日期的 .tar.zst，带清单
（MANIFEST.json）和校验文件（manifest-sha256.txt）。

farewell 的数据文件夹（"backup" 写入的那种）会带上各类内容以及它们是否完整；
其中的浏览器配置、cookie 和日志绝不会进入备份文件。其他文件夹按原样打包，
不带完整性信息。

备份文件先写成 <名字>.<主机>.<进程号>.partial，完整后再改名，所以用最终名字的
文件总是完整的；被杀掉的运行留在输出文件夹里的未完成文件会被删除，但绝不删除
进程还在运行的那些。

示例
  farewell pack ~/.local/share/farewell/weibo/1234567890 --out ~/backups
  farewell pack ./photos`},
		{HelpLong("parse"), `Parse runs one parser on raw captures (as stored in a store's or bundle's raw/
folder) and prints the records, one JSON object per line. When a file has its
capture sidecar beside it (<n>.meta.json), what it was about (--ref) and when it
was captured are taken from there.

A file that is not the answer --kind names (garbage, an empty object,
another endpoint's answer) is an error (exit 1), in one line naming the
file and the kind; so is an answer in which the site refused.

Kinds: {kinds}`, `parse 对原始抓取内容（数据文件夹或备份文件 raw/ 里保存的那些）运行一个解析器，
打印记录，每行一个 JSON 对象。文件旁边有它的抓取说明文件（<n>.meta.json）时，
它是关于什么的（--ref）以及何时抓取的，都从那里读取。

不是 --kind 所说应答的文件（乱码、空对象、别的接口的应答）是错误（退出码 1），
用一行说明文件和种类；网站拒绝了的应答也是。

种类：{kinds}`},
		{helpParseExamples, `

EXAMPLES
  farewell parse --kind weibo.mymblog raw/posts/000001.json
  farewell parse --kind weibo.comments --ref 4990000000000001 page.json`, `

示例
  farewell parse --kind weibo.mymblog raw/posts/000001.json
  farewell parse --kind weibo.comments --ref 4990000000000001 page.json`},
		{HelpFlag("parse", "kind"), "the endpoint the files hold (required)", "文件里是哪个接口的应答（必填）"},
		{HelpFlag("parse", "ref"), "what the capture is about (a post id for comments)", "抓取内容是关于什么的（评论的话是微博 ID）"},
		{HelpFlag("parse", "owner"), "the account's id: leave out other users' timeline items", "账号 ID：略去时间线里别的用户的内容"},
		{HelpLong("replica"), `Replica serves farewell's local stand-in of a site until interrupted, and prints
the Chromium flags that make a browser reach it under the real host names.

--variant shows A/B behaviours of the real site (--variants lists each
with its source; "all" names every one).

EXAMPLES
  farewell replica weibo --addr 127.0.0.1:8443 --size 50
  farewell replica douyin --size 30
  farewell replica douyin --variants
  farewell replica douyin --variant self-redirect,login-closed`, `replica 提供 farewell 内置的模拟站点，直到被中断；并打印让浏览器用真实主机名
访问它所需的 Chromium 参数。

--variant 展示真实网站的 A/B 行为（--variants 会列出每一个及其来源；"all" 表示全部）。

示例
  farewell replica weibo --addr 127.0.0.1:8443 --size 50
  farewell replica douyin --size 30
  farewell replica douyin --variants
  farewell replica douyin --variant self-redirect,login-closed`},
		{HelpFlag("replica", "addr"), "address to listen on", "监听的地址"},
		{HelpFlag("replica", "rate"), "API requests per second allowed (0: no limit)", "每秒允许的 API 请求数（0：不限）"},
		{HelpFlag("replica", "drift"), "show the site as a deploy changed it (a seed; 0: none; see farewell demo --help)", "展示网站被一次部署改动后的样子（一个随机种子；0：不改；见 farewell demo --help）"},
		{HelpFlag("replica", "variant"), "A/B behaviours of the real site to show, comma-separated, or all (see --variants)", `要展示的真实网站 A/B 行为，用逗号分隔，或 "all"（见 --variants）`},
		{HelpFlag("replica", "variants"), "list the site's variants with their sources, and exit", "列出网站的各个变体及其来源，然后退出"},
		{HelpFlag("replica", "faults"), "faults to inject, e.g. 5xx=0.05,reset=0.02,slow=0.05,ratelimit,expire-media,logout-at=200,captcha-at=150 (see farewell demo --help)", `要注入的故障，例如 "5xx=0.05,reset=0.02,slow=0.05,ratelimit,expire-media,logout-at=200,captcha-at=150"（见 farewell demo --help）`},
		{HelpFlag("doctor", "account"), "the account id to probe (default: the last one logged in)", "要试读的账号 ID（默认：最后登录的那个）"},
	}
}
