package i18n

import (
	"fmt"
	"strings"
	"sync"
)

// Code names one message of the catalog. Codes are stable: bundles store
// the site's codes, and the viewer looks them up.
type Code string

// Message is one catalog entry: its code and its text in each language,
// with parameters written {name}.
type Message struct {
	Code Code
	EN   string
	ZH   string
}

// Args are a message's named parameters. A value that is a [Msg] is put
// in as that message in the same language, and an error as [Say] says it.
type Args map[string]any

// Msg is a message to say later, in whatever language the reader has: its
// code and its parameters. Progress notes and the reasons of pauses
// travel as Msg from the code that knows what happened to the code that
// knows who reads it.
type Msg struct {
	Code Code
	Args Args
}

// Say is m in the catalog's language.
func (c *Catalog) Say(m Msg) string { return c.T(m.Code, m.Args) }

// English is m in English: what an error or a log written for
// diagnostics says, whoever runs farewell.
func English(m Msg) string { return New(EN).Say(m) }

// messages is the whole catalog, in the order of its parts.
func messages() []Message {
	var all []Message
	for _, part := range [][]Message{verifyMessages(), checklistMessages(), siteMessages(), collectionMessages(), progressMessages(), engineMessages(), cliMessages(), helpMessages(), helpCommandMessages(), errorMessages(), failureMessages()} {
		all = append(all, part...)
	}
	return all
}

// Catalog gives messages in one language. Get it with [New]; it is not
// changed after.
type Catalog struct {
	lang  Lang
	texts map[Code]string
}

// New returns the catalog of lang (English for anything but [ZH]). The
// two catalogs are built once, the first time one is asked for, and
// shared: a catalog never changes, and a command, its help and every
// error asks for one many times.
func New(lang Lang) *Catalog {
	if lang != ZH {
		lang = EN
	}
	return catalogs()[lang]
}

// catalogs builds each language's catalog once.
var catalogs = sync.OnceValue(func() map[Lang]*Catalog {
	all := map[Lang]*Catalog{EN: {lang: EN, texts: map[Code]string{}}, ZH: {lang: ZH, texts: map[Code]string{}}}
	for _, m := range messages() {
		all[EN].texts[m.Code] = m.EN
		all[ZH].texts[m.Code] = m.ZH
	}
	return all
})

// Lang is the catalog's language.
func (c *Catalog) Lang() Lang { return c.lang }

// Has reports whether code is in the catalog (a bundle from a newer
// farewell may carry codes this one does not know).
func (c *Catalog) Has(code Code) bool {
	_, ok := c.texts[code]
	return ok
}

// T is the message code with args put in. An unknown code gives the code
// itself, and a parameter args does not give stays "{name}", so a mistake
// shows instead of vanishing.
func (c *Catalog) T(code Code, args Args) string {
	text, ok := c.texts[code]
	if !ok {
		return string(code)
	}
	return fill(text, func(name string) (string, bool) {
		v, ok := args[name]
		if !ok {
			return "", false
		}
		if m, ok := v.(Msg); ok {
			return c.Say(m), true
		}
		if e, ok := v.(error); ok {
			return Say(c, e, nil), true
		}
		return fmt.Sprint(v), true
	})
}

// fill replaces each {name} of text with what value gives for it, and
// leaves it as it is when value has none.
func fill(text string, value func(name string) (string, bool)) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		name := text[open+1 : open+end]
		b.WriteString(text[:open])
		if v, ok := value(name); ok && isName(name) {
			b.WriteString(v)
		} else {
			b.WriteString(text[open : open+end+1])
		}
		text = text[open+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

// Params lists the parameter names of a text, in order of first use.
func Params(text string) []string {
	var names []string
	seen := map[string]bool{}
	fill(text, func(name string) (string, bool) {
		if isName(name) && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
		return "", false
	})
	return names
}

// isName reports whether s is a parameter name: ASCII letters, digits and
// underscores, not empty.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if !ok {
			return false
		}
	}
	return true
}

// Codes lists every code of the catalog, in catalog order.
func Codes() []Code {
	var codes []Code
	for _, m := range messages() {
		codes = append(codes, m.Code)
	}
	return codes
}

// Messages returns a copy of the whole catalog, in catalog order (for
// tests and for the viewer's table).
func Messages() []Message { return messages() }
