package i18n

// Codes of the progress lines a backup writes on stderr.
const (
	ProgressCapturing         Code = "progress.capturing"
	ProgressCapturingExpected Code = "progress.capturing_expected"
	ProgressCaptured          Code = "progress.captured"
	ProgressNote              Code = "progress.note"
	ProgressInAll             Code = "progress.in_all"
	ProgressMedia             Code = "progress.media"
	ProgressMediaFailed       Code = "progress.media_failed"
	ProgressMediaBar          Code = "progress.media_bar"
	ProgressMediaShort        Code = "progress.media_short"
	ProgressMediaLabel        Code = "progress.media_label"
	ProgressWaiting           Code = "progress.waiting"
	ProgressTryingAgain       Code = "progress.trying_again"
	ProgressWaited            Code = "progress.waited"
	DurationSeconds           Code = "duration.seconds"
	DurationMinutes           Code = "duration.minutes"
	DurationHours             Code = "duration.hours"
)

func progressMessages() []Message {
	return []Message{
		{ProgressCapturing, "{collection}: capturing", "{collection}：正在备份"},
		{ProgressCapturingExpected, "{collection}: capturing (the site says {expected})", "{collection}：正在备份（网站显示 {expected} 项）"},
		{ProgressCaptured, "{collection}: {n} captured{note}", "{collection}：已备份 {n} 项{note}"},
		{ProgressNote, " ({note})", "（{note}）"},
		{ProgressInAll, "{elapsed} in all", "共用时 {elapsed}"},
		{ProgressMedia, "media {fetched}/{queued} files ({size})", "媒体 {fetched}/{queued} 个文件（{size}）"},
		{ProgressMediaFailed, ", {n} failed", "，{n} 个失败"},
		{ProgressMediaBar, "media {fetched}/{queued} ({size})", "媒体 {fetched}/{queued}（{size}）"},
		{ProgressMediaShort, "media {fetched}/{queued}", "媒体 {fetched}/{queued}"},
		{ProgressMediaLabel, "media", "媒体"},
		{ProgressWaiting, "{reason}: waiting {wait} before trying again", "{reason}：等待 {wait}后重试"},
		{ProgressTryingAgain, "{reason}: trying again in {wait}", "{reason}：{wait}后重试"},
		{ProgressWaited, "{reason}: waited {wait}", "{reason}：已等待 {wait}"},
		{DurationSeconds, "{s}s", "{s} 秒"},
		{DurationMinutes, "{m}m{ss}s", "{m} 分 {ss} 秒"},
		{DurationHours, "{h}h{mm}m", "{h} 小时 {mm} 分"},
	}
}
