package i18n

import (
	"fmt"
	"strings"
)

// Lang is a language farewell speaks.
type Lang string

// The languages.
const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// Parse checks a --lang value: "zh" or "en" (any case).
func Parse(s string) (Lang, error) {
	switch l := Lang(strings.ToLower(strings.TrimSpace(s))); l {
	case EN, ZH:
		return l, nil
	}
	return "", fmt.Errorf("unknown language %q: use zh or en", s)
}

// Resolve chooses the language from the environment as POSIX orders the
// locale variables: the first of LC_ALL, LC_MESSAGES and LANG that is set
// and not empty decides, and it is Chinese when it starts with "zh"
// ("zh_CN.UTF-8", "zh_TW", "zh"). Anything else ("C", "POSIX",
// "en_US.UTF-8", nothing set) is English. getenv is os.Getenv outside
// tests; Windows and macOS are read the same way when the variables are
// set there.
func Resolve(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			continue
		}
		if strings.HasPrefix(strings.ToLower(v), "zh") {
			return ZH
		}
		return EN
	}
	return EN
}
