package i18n

// HelpShort is the code of a command's one-line summary ("verify", or
// "" for the root), HelpLong of its whole description, HelpFlag of a
// flag's line: the help says them in the person's language when the
// catalog has them, else in the command's own English.
func HelpShort(command string) Code { return Code("help." + helpName(command) + ".short") }

// HelpLong is the code of a command's description (see HelpShort).
func HelpLong(command string) Code { return Code("help." + helpName(command) + ".long") }

// HelpFlag is the code of a flag's description (see HelpShort).
func HelpFlag(command, flag string) Code {
	return Code("help." + helpName(command) + ".flag." + flag)
}

func helpName(command string) string {
	if command == "" {
		return "root"
	}
	return command
}

// Codes of the help's own headings and of the exit status table.
const (
	HelpUsage       Code = "help.usage"
	HelpCommands    Code = "help.commands"
	HelpFlags       Code = "help.flags"
	HelpGlobalFlags Code = "help.global_flags"
	HelpExamples    Code = "help.examples"
	HelpMore        Code = "help.more"
	HelpFlagsWord   Code = "help.flags_word"
	HelpCommandWord Code = "help.command_word"
	HelpExitStatus  Code = "help.exit_status"
	HelpDefault     Code = "help.default"
)

func helpMessages() []Message {
	return []Message{
		{HelpUsage, "Usage:", "用法："},
		{HelpDefault, " (default {value})", "（默认 {value}）"},
		{HelpCommands, "Available Commands:", "命令："},
		{HelpFlags, "Flags:", "选项："},
		{HelpGlobalFlags, "Global Flags:", "全局选项："},
		{HelpExamples, "Examples:", "示例："},
		{HelpFlagsWord, "[flags]", "[选项]"},
		{HelpCommandWord, "[command]", "[命令]"},
		{HelpMore, `Use "{command} [command] --help" for more information about a command.`, `运行 "{command} [命令] --help" 查看某个命令的说明。`},
		{HelpExitStatus, `EXIT STATUS
  0    success; for verify: safe to delete
  1    error
  2    usage error
  3    backup incomplete, or verify found gaps: not safe to delete;
       for doctor: some collections do not work
  4    not logged in, or the session expired
  5    the bundle is damaged
  130  interrupted`, `退出码
  0    成功；对 verify 而言：备份完整，可以删除
  1    出错
  2    用法错误
  3    备份不完整，或 verify 发现缺失：还不能删除；
       对 doctor 而言：有的内容无法读取
  4    未登录，或登录已过期
  5    备份文件已损坏
  130  被中断`},
		{HelpFlag("", "json"), "print JSON Lines on stdout instead of text", "在标准输出上打印 JSON Lines，而不是文字"},
		{HelpFlag("", "quiet"), "no progress bars", "不显示进度条"},
		{HelpFlag("", "lang"), "language of messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG)", "消息的语言：zh 或 en（默认取自 LC_ALL、LC_MESSAGES 或 LANG）"},
		{HelpFlag("", "help"), "help for this command", "显示此命令的帮助"},
		{HelpFlag("", "version"), "version for farewell", "显示 farewell 的版本"},
		{HelpShort(""), "Back up your own Weibo or Douyin account before you delete it", "在注销前备份你自己的微博或抖音账号"},
		{HelpLong(""), `farewell backs up a person's own Weibo or Douyin account before they delete it:
posts, comments, likes, favourites, follow lists, messages and media, in one
compressed, dated bundle with a manifest. "farewell verify" says, with evidence,
whether the bundle is whole and complete enough to press "delete".

farewell drives the Google Chrome, Microsoft Edge or Chromium installed on this
computer, found in the system's usual places.

ENVIRONMENT
  FAREWELL_BROWSER  the browser's program file, instead of the one found
  FAREWELL_HOME     where your accounts' stores are (default ~/.local/share/farewell)`,
			`farewell 在你注销微博或抖音账号之前备份你自己的账号：微博（作品）、评论、
点赞、收藏、关注和粉丝列表、私信和媒体文件，写进一个带清单、压缩并注明日期的
备份文件。"farewell verify" 会给出依据，说明这个备份是否完整、是否可以放心注销。

farewell 使用这台电脑上安装的 Google Chrome、Microsoft Edge 或 Chromium
（在系统的常见位置查找）。

环境变量
  FAREWELL_BROWSER  要使用的浏览器程序文件，代替自动找到的那个
  FAREWELL_HOME     你的账号数据保存在哪里（默认 ~/.local/share/farewell）`},
		{HelpShort("verify"), "Check that a bundle is whole and complete: safe to delete, or what is missing", "检查备份文件是否完好、完整：可以注销，或还缺什么"},
		{HelpLong("verify"), `Verify checks a bundle before you delete your account.

Integrity: by default every byte is decompressed and re-hashed against the
manifest, every zstd frame checksum is checked, every JSON file is parsed and
every media file a record refers to must be present. --quick checks only the
trailer, the manifest's own hash, and the names and sizes of all members.

Completeness: each collection's captured count is compared with the site's own
counter. Items the site itself would not serve (a "server limit") are shown,
not counted as missing; any other gap means "not safe to delete". Direct
messages must each appear on a screenshot of their conversation, and the
screenshots must reach the conversation's beginning.

Before you delete: the manifest's checklist is shown. Money left in a wallet
means "not safe to delete"; the other items do not, and a safe verdict says
how many are left to settle before you press delete: "SAFE TO DELETE: the
backup is complete; 2 thing(s) to settle" (exit 0).

--lang zh|en (or LC_ALL, LC_MESSAGES, LANG) chooses the report's language.

EXAMPLES
  farewell verify farewell-weibo-1234567890-20261123T020000Z.tar.zst
  farewell verify --quick --json backup.tar.zst`,
			`verify 在你注销账号之前检查备份文件。

完好：默认把每个字节解压并按清单重新计算哈希，检查每个 zstd 帧的校验和，
解析每个 JSON 文件，并确认记录引用的每个媒体文件都在。--quick 只检查文件尾、
清单自身的哈希，以及所有成员的名字和大小。

完整：把每类内容备份到的数量和网站自己的计数比较。网站本身不提供的内容
（“网站上限”）会列出来，但不算缺失；其他任何缺失都意味着“还不能注销”。
每条私信都必须出现在所属会话的截图上，截图也必须一直到会话的开头。

注销之前：会列出清单里的待办事项。钱包里还有钱就是“还不能注销”；其他事项
不影响结论，可以注销时会说还有几件事要在注销前处理：
“备份完整，可以删除；删除前还有 2 件事要处理”（退出码 0）。

--lang zh|en（或 LC_ALL、LC_MESSAGES、LANG）决定报告的语言。

示例
  farewell verify farewell-weibo-1234567890-20261123T020000Z.tar.zst
  farewell verify --quick --json backup.tar.zst`},
		{HelpFlag("verify", "quick"), "check structure, names and sizes only; read no member data", "只检查结构、名字和大小，不读取成员数据"},
		{HelpShort("backup"), "Back up every collection of your account, then pack and verify a bundle", "备份账号的全部内容，然后打包并检查备份文件"},
		{HelpShort("browse"), "Look at a bundle in your browser, offline", "在浏览器里离线查看备份文件"},
		{HelpShort("demo"), "Run the whole job against the built-in replica of the site", "用内置的模拟站点（replica）完整演示一遍"},
		{HelpShort("doctor"), "Probe every collection in a few minutes, before a backup of hours", "在耗时数小时的备份之前，用几分钟试读每类内容"},
		{HelpShort("export"), "Write a bundle's records as spreadsheet files (CSV)", "把备份文件里的记录写成表格文件（CSV）"},
		{HelpShort("extract"), "Safely extract a bundle into a folder", "把备份文件安全地解压到文件夹"},
		{HelpShort("login"), "Log in to your account in farewell's own browser", "在 farewell 自己的浏览器里登录你的账号"},
		{HelpShort("ls"), "List the members of a bundle with their sizes", "列出备份文件的成员及其大小"},
		{HelpShort("pack"), "Pack a store or any folder into a dated, verifiable bundle", "把数据或任意文件夹打包成注明日期、可检查的备份文件"},
		{HelpShort("parse"), "Turn raw captures into records (JSON Lines on stdout)", "把原始抓取内容转成记录（在标准输出上打印 JSON Lines）"},
		{HelpShort("help"), "Help about any command", "显示任一命令的帮助"},
		{HelpShort("replica"), "Run a site replica by hand, for development", "手动运行模拟站点（replica），供开发使用"},
	}
}
