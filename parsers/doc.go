// Package parsers turns raw captures into records. Each platform has a
// sub-package (parsers/weibo, parsers/douyin) of pure functions from the
// raw bytes of one response, JSON or HTML, to the records of
// [github.com/farewell-app/farewell/parsers/record]. Parsers do no I/O and
// know nothing of browsers, stores or bundles, so every one of them can be
// tested with golden files and fuzzed.
package parsers
