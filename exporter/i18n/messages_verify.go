package i18n

// Codes of verify's report and of backup's summary table.
const (
	LabelBundle    Code = "label.bundle"
	LabelAccount   Code = "label.account"
	LabelPacked    Code = "label.packed"
	LabelIntegrity Code = "label.integrity"
	LabelMedia     Code = "label.media"
	LabelVerdict   Code = "label.verdict"
	LabelCheckIt   Code = "label.check_it"

	CapturedWindow    Code = "verify.captured_window"
	IntegrityDamaged  Code = "verify.integrity.damaged"
	IntegrityQuick    Code = "verify.integrity.quick"
	IntegrityFull     Code = "verify.integrity.full"
	ColumnCollection  Code = "table.collection"
	ColumnExpected    Code = "table.expected"
	ColumnCaptured    Code = "table.captured"
	ColumnStatus      Code = "table.status"
	StatusComplete    Code = "table.status.complete"
	StatusIncomplete  Code = "table.status.incomplete"
	StatusWithheld    Code = "table.status.withheld"
	LimitNote         Code = "verify.limit"
	GapLine           Code = "verify.gap"
	MediaMissing      Code = "verify.media_missing"
	Warning           Code = "verify.warning"
	MediaDownloaded   Code = "summary.media"
	VerdictSafe       Code = "verdict.safe"
	VerdictSafeToDo   Code = "verdict.safe_todo"
	VerdictIntact     Code = "verdict.intact"
	VerdictNotSafe    Code = "verdict.not_safe"
	VerdictCorrupt    Code = "verdict.corrupt"
	VerdictQuickNote  Code = "verdict.quick_note"
	ReasonFailed      Code = "reason.failed"
	ReasonGaps        Code = "reason.gaps"
	ReasonUnfinished  Code = "reason.unfinished"
	ReasonNeverStart  Code = "reason.never_started"
	ReasonLimitNoNote Code = "reason.limit_unrecorded"
	ReasonMissing     Code = "reason.missing"
	ReasonSee         Code = "reason.see"
	ReasonMedia       Code = "reason.media"
	ReasonBeforeDel   Code = "reason.before_deleting"
	ReasonNoColls     Code = "reason.no_collections"
	ReasonIntegrity   Code = "reason.integrity"
)

func verifyMessages() []Message {
	return []Message{
		{LabelBundle, "bundle", "备份包"},
		{LabelAccount, "account", "账号"},
		{LabelPacked, "packed", "打包时间"},
		{LabelIntegrity, "integrity", "完整性"},
		{LabelMedia, "media", "媒体"},
		{LabelVerdict, "verdict", "结论"},
		{LabelCheckIt, "check it", "检查命令"},
		{CapturedWindow, "; captured {from} to {to}", "；抓取于 {from} 至 {to}"},
		{IntegrityDamaged, "DAMAGED: {n} problem(s)", "已损坏：{n} 处问题"},
		{IntegrityQuick, "ok (quick: structure, names and sizes of {files} files; run without --quick to re-hash every byte)",
			"通过（快速检查：只查了结构和 {files} 个文件的名称、大小；不带 --quick 再运行一次会重新校验每个字节）"},
		{IntegrityFull, "ok: {files} files, {size}, every byte re-hashed", "通过：{files} 个文件，{size}，每个字节都已重新校验"},
		{ColumnCollection, "collection", "类别"},
		{ColumnExpected, "expected", "网站计数"},
		{ColumnCaptured, "captured", "已备份"},
		{ColumnStatus, "status", "状态"},
		{StatusComplete, "complete", "完整"},
		{StatusIncomplete, "INCOMPLETE: {reason}", "不完整：{reason}"},
		{StatusWithheld, "complete; the site withholds {n} ({reason})", "完整；网站不提供其中 {n} 项（{reason}）"},
		{LimitNote, "the site would not serve {n} item(s): {reason}", "网站不提供其中 {n} 项：{reason}"},
		{GapLine, "gap {kind} {ref}: {detail}", "缺口 {kind} {ref}：{detail}"},
		{MediaMissing, "media {file} (from {record}): {detail}", "媒体文件 {file}（{record} 引用）：{detail}"},
		{Warning, "warning: {text}", "警告：{text}"},
		{MediaDownloaded, "{n} files downloaded this run ({size})", "本次下载 {n} 个文件（{size}）"},
		{VerdictSafe, "SAFE TO DELETE: the bundle is whole and every collection is complete",
			"备份完整，可以删除：备份包无损，每个类别都已备份完整"},
		{VerdictSafeToDo, "SAFE TO DELETE: the backup is complete; {n} thing(s) to settle before you press delete (see \"before you delete\")",
			"备份完整，可以删除；删除前还有 {n} 件事要处理（见“删除账号前”清单）"},
		{VerdictIntact, "INTACT: every byte checks out (a plain folder: no completeness to check)",
			"无损：每个字节都校验通过（普通文件夹，没有完整性可查）"},
		{VerdictNotSafe, "NOT SAFE TO DELETE: the bundle is whole but incomplete:", "还不能删除：备份包无损，但还不完整："},
		{VerdictCorrupt, "CORRUPT: do not rely on this bundle; make a new backup or use another copy",
			"已损坏：不要依赖这个备份包，请重新备份或使用另一份副本"},
		{VerdictQuickNote, `(quick check: run "{command}" without --quick before deleting anything)`,
			"（这是快速检查：删除任何东西之前，请不带 --quick 运行“{command}”）"},
		{ReasonFailed, "failed{detail}{see}", "失败{detail}{see}"},
		{ReasonGaps, "{n} gap(s) recorded{see}", "记录了 {n} 处缺口{see}"},
		{ReasonUnfinished, "did not finish ({stop}{detail})", "没有完成（{stop}{detail}）"},
		{ReasonNeverStart, "did not finish (never started)", "没有完成（从未开始）"},
		{ReasonLimitNoNote, "stopped at a server limit that was not recorded", "停在了网站的上限，但没有记录上限"},
		{ReasonMissing, "{missing} of {expected} missing{see}", "网站计数 {expected}，缺少 {missing}{see}"},
		{ReasonSee, " (see {dir})", "（见 {dir}）"},
		{ReasonMedia, "media {file} referenced by {record}: {detail}", "媒体文件 {file}（{record} 引用）：{detail}"},
		{ReasonBeforeDel, "before deleting: {check}: {detail}", "删除前：{check}：{detail}"},
		{ReasonNoColls, "the manifest records no collections", "清单里没有记录任何类别"},
		{ReasonIntegrity, "{n} integrity problem(s)", "{n} 处完整性问题"},
	}
}
