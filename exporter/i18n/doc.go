// Package i18n gives farewell's messages in the person's language.
//
// farewell's users are mostly Chinese speakers: every message a person
// acts on (the verdict, the checklist before deleting, the site's limits,
// the summary table, errors and their advice, progress lines) comes from
// one catalog keyed by stable codes ([Code]), with a Chinese and an
// English text for each and named parameters written {name}. The
// language is chosen once per command ([Resolve], or the --lang flag via
// [Parse]) and travels as a value ([Catalog]); the package keeps no state.
//
// Codes of the site's checklist items and limits ("douyin.wallet.money",
// "weibo.followers.cap") are also stored in a bundle's manifest with their
// parameters, so the offline viewer renders them in the browser's language
// (archive/viewer/assets/i18n.js holds the same texts).
//
// Site UI names: a place in the app the person must open is named as the
// site names it, in Chinese, in both languages; the English text follows
// each such name with a gloss in parentheses, e.g.
// "设置 (Settings) › 账号与安全 (Account and security)", so the person can
// find it in the Chinese app and still knows what it is.
package i18n
