package readme

// tmpl is README.txt as a text/template: Chinese first, then English.
// It is filled in with [data]; lines end in LF here and CRLF in the file.
const tmpl = `farewell 备份说明（English below）
==================================

这是{{.PlatformZH}}账号「{{.Name}}」（id {{.ID}}）的备份。
{{- if .Start}}
farewell 于北京时间 {{.Start}} 至 {{.Finish}} 抓取。
{{- end}}


一、里面有什么

  index.html           离线浏览器：用浏览器打开即可，不需要网络
  csv/                 表格：每个栏目一个文件，用 Excel、WPS 或 Numbers 打开
  data/                全部记录，最完整的数据（JSON Lines：每行一条记录）
  media/               图片、视频、音频的原文件
  screens/             截图：私信等无法导出的内容，按会话排好顺序
  raw/                 网站返回的原始数据，一字未改
  diagnostics/         某个栏目失败或不完整时留下的诊断信息（通常没有）
  viewer/              离线浏览器的程序和数据
  MANIFEST.json        清单：每个文件的大小和 sha256，每个栏目是否完整
  manifest-sha256.txt  校验文件，给 sha256sum -c 用
  README.txt           本说明


二、各栏目的数量
{{range .Collections}}
  {{.ZH}}（{{.Name}}）：{{.Captured}} 条{{if .Expected}}，网站显示 {{.Expected}}{{end}}
{{- end}}


三、怎么打开

  1. 解压：farewell extract 备份文件.tar.zst 文件夹
     或者：tar --zstd -xf 备份文件.tar.zst
     不解压也能看：farewell browse 备份文件.tar.zst
  2. 用浏览器打开 index.html（双击，或拖进浏览器窗口）。
  3. csv/ 里的表格用 Excel、WPS 或 Numbers 直接打开，中文不会乱码。
     Excel 会把超过 15 位的数字（比如 id）显示成科学计数法，末尾几位
     变成 0：要完整的 id，请用 Excel 的“数据 › 从文本/CSV”导入，把 id
     那几列设为“文本”。data/ 里的 id 永远是完整的。
     以 = + - @ 开头的内容前面加了一个 '，防止被当成公式执行。


四、表格（csv/）

  每个表格第一行是列名，之后每行一条记录，顺序与 data/ 中相同。
  时间是北京时间（+08:00）；多个值（话题、分组等）用“; ”分隔；
  media_files 是本备份中的文件路径，用空格分隔。
{{range .Tables}}
  {{.File}}（{{.Rows}} 行）
    {{.Columns}}
{{- end}}

  每列的含义：
{{range .Columns}}
  {{printf "%-18s" .Name}} {{.ZH}}
{{- end}}


五、记录（data/）

  data/<栏目>.jsonl：每行一条 JSON 记录。主要字段：
    record      记录类型：post（帖子/作品）、comment（评论）、user（用户）、
                like（赞）、favorite（收藏）、message（私信）、app（授权应用）、
                profile（个人资料）等
    platform    平台：weibo 或 douyin
    id          编号，总是字符串
    created_at  时间，RFC 3339，带网站的时区（+08:00）
    author      作者 {id, name}
    text        完整正文
    counts      计数 {reposts, comments, likes, shares, collects, ...}
    media       媒体列表：type（类型）、url（网站上的原图/原视频）、
                file（本备份中的文件）、sha256、bytes
    url         网站上原文的链接
    raw         这条记录来自 raw/ 中的哪个文件
  缺失的字段直接省略，不会编造。


六、怎么检查备份是否完好

  解压后，在解压出的文件夹里运行：
    sha256sum -c manifest-sha256.txt        （Linux；Windows 可在 Git Bash 中运行）
    shasum -a 256 -c manifest-sha256.txt    （macOS）
  每一行都应显示 OK。

  或者不解压，直接：farewell verify 备份文件.tar.zst
    safe      （退出码 0）备份完好且完整，可以删除账号
    not_safe  （退出码 3）有缺失：会列出缺什么，先不要删除
    corrupt   （退出码 5）文件已损坏：会列出损坏的部分，请重新备份
  删除前还要处理的事（比如抖音钱包里的余额）也会一并列出。


==================================
About this backup (English)
==================================

This is a backup of the {{.PlatformEN}} account "{{.Name}}" (id {{.ID}}).
{{- if .Start}}
farewell captured it from {{.Start}} to {{.Finish}} China Standard Time (UTC+8).
{{- end}}


1. What is in it

  index.html           the offline viewer: open it in a web browser, no network needed
  csv/                 spreadsheets, one per collection: open them in Excel, WPS or Numbers
  data/                every record, the fullest copy of the data (JSON Lines: one record a line)
  media/               the original pictures, videos and audio
  screens/             screenshots of what cannot be exported (direct messages, in order)
  raw/                 every answer the site gave, byte for byte
  diagnostics/         what a failed or short collection left (usually absent)
  viewer/              the offline viewer's program and data
  MANIFEST.json        the manifest: every file's size and sha256, how complete each collection is
  manifest-sha256.txt  checksums for sha256sum -c
  README.txt           this file


2. How much of each collection
{{range .Collections}}
  {{.EN}} ({{.Name}}): {{.Captured}}{{if .Expected}}; the site says {{.Expected}}{{end}}
{{- end}}


3. How to open it

  1. Unpack it: farewell extract BUNDLE.tar.zst FOLDER
     or: tar --zstd -xf BUNDLE.tar.zst
     or look without unpacking: farewell browse BUNDLE.tar.zst
  2. Open index.html in a web browser (double-click it, or drag it into a window).
  3. Open the files in csv/ in Excel, WPS or Numbers; Chinese text shows correctly.
     Excel shows numbers of more than 15 digits (such as ids) in scientific
     notation and turns their last digits into 0: to keep whole ids, import
     the file with Excel's Data › From Text/CSV and set the id columns to
     Text. The ids in data/ are always whole.
     A cell that begins with = + - or @ starts with ' so that it is never run
     as a formula.


4. The spreadsheets (csv/)

  Each file has a header row, then one row per record in the order of data/.
  Times are China Standard Time (+08:00); lists (topics, groups, ...) are
  separated by "; "; media_files are paths in this bundle separated by spaces.
{{range .Tables}}
  {{.File}} ({{.Rows}} {{if eq .Rows 1}}row{{else}}rows{{end}})
    {{.Columns}}
{{- end}}

  What each column holds:
{{range .Columns}}
  {{printf "%-18s" .Name}} {{.EN}}
{{- end}}


5. The records (data/)

  data/<collection>.jsonl holds one JSON record a line. The main fields:
    record      the record's type: post, comment, user, like, favorite,
                message, app, profile, ...
    platform    weibo or douyin
    id          the site's id, always a string
    created_at  time, RFC 3339 with the site's offset (+08:00)
    author      {id, name}
    text        the full text
    counts      {reposts, comments, likes, shares, collects, ...}
    media       list of media: type, url (the original on the site),
                file (the file in this bundle), sha256, bytes
    url         link to the original on the site
    raw         the file under raw/ the record was read from
  A field the site did not give is left out, never invented.


6. How to check it

  Unpack it, then in the unpacked folder run:
    sha256sum -c manifest-sha256.txt        (Linux; on Windows in Git Bash)
    shasum -a 256 -c manifest-sha256.txt    (macOS)
  Every line should say OK.

  Or, without unpacking: farewell verify BUNDLE.tar.zst
    safe      (exit 0) the backup is whole and complete: safe to delete the account
    not_safe  (exit 3) something is missing, and it says what: do not delete yet
    corrupt   (exit 5) the file is damaged, and it says where: back up again
  It also lists what to settle before deleting (money left in a Douyin wallet).
`
