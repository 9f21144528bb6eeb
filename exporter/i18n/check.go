package i18n

import (
	"strings"
	"unicode"
)

// The checks below let tests of every command that prints say that a
// text is in one language: Chinese output holds no English sentence, and
// English output no Chinese but site names with their gloss.

// allowedWords may appear in Chinese text: product and site names, and
// words of commands and units a person types or reads as they are, and
// the checklist's mark "ok".
var allowedWords = map[string]bool{
	"farewell": true, "verify": true, "weibo": true, "douyin": true, "UTC": true,
	"API": true, "App": true, "CSV": true, "JSON": true, "Lines": true, "zstd": true, "LANG": true, "Google": true, "Chrome": true, "Microsoft": true, "Edge": true, "Excel": true, "WPS": true, "CSS": true, "NAME": true, "SITE": true, "Chromium": true, "doctor": true, "backup": true, "login": true, "browse": true, "extract": true, "export": true, "pack": true, "parse": true, "ls": true, "DIR": true, "PNG": true, "macOS": true, "Windows": true, "Linux": true, "GIF": true, "LIVE": true, "HTTP": true, "ID": true, "cookie": true, "MCN": true, "VPN": true, "demo": true, "replica": true, "zh": true, "en": true, "ok": true, "kB": true, "MB": true, "GB": true, "TB": true,
}

// EnglishWords lists the English words of a Chinese text: runs of two or
// more ASCII letters that are not part of a path, file name, address,
// option or number, not a name in allowedWords, and not in a command
// quoted `like this` to be typed as it is.
func EnglishWords(text string) []string {
	var words []string
	for _, tok := range strings.FieldsFunc(typedRemoved(text), func(r rune) bool { return !isTokenRune(r) }) {
		if strings.ContainsAny(tok, "/._-=:@?&%#+~0123456789") {
			continue // a path, file, address, option, id or number
		}
		if len(tok) >= 2 && !allowedWords[tok] {
			words = append(words, tok)
		}
	}
	return words
}

// typedRemoved is text without what it quotes in backticks.
func typedRemoved(text string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '`')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open+1:], '`')
		if end < 0 {
			break
		}
		b.WriteString(text[:open])
		text = text[open+1+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

func isTokenRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/._-=:@?&%#+~", r))
}

// UnglossedHan lists the runs of Chinese characters in an English text
// that no gloss in parentheses follows: "设置 (Settings)" passes, a bare
// "设置" does not. A test removes what is the account's own text (its
// name, words the site shows it) before asking.
func UnglossedHan(text string) []string {
	var runs []string
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if !unicode.Is(unicode.Han, rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && unicode.Is(unicode.Han, rs[j]) {
			j++
		}
		k := j
		for k < len(rs) && rs[k] == ' ' {
			k++
		}
		if k >= len(rs) || rs[k] != '(' {
			runs = append(runs, string(rs[i:j]))
		}
		i = j
	}
	return runs
}
