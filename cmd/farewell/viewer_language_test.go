package main

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// The words a viewer page may show in any language, and what it says in
// the other one (TestViewerPhone).

// bundleStrings are the words of the texts a bundle's records hold, and
// the account's name (the account's own, in whatever language it wrote them),
// longest first: what a page may show in any language. A text is cut at
// spaces and at the brackets of emoticons, which the viewer draws as
// pictures; a lone letter is no word, a lone Chinese character is.
func bundleStrings(ctx context.Context, t *testing.T, bundle string) []string {
	t.Helper()
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			for _, w := range strings.FieldsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("[]【】", r) }) {
				if utf8.RuneCountInString(w) >= 2 || w[0] >= utf8.RuneSelf {
					seen[w] = true
				}
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	m, err := archive.EachRecordFile(ctx, bundle, func(f archive.RecordFile) error {
		dec := json.NewDecoder(f.R)
		for {
			var v any
			if err := dec.Decode(&v); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			walk(v)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	// The manifest's own words (collection names, its sentences for
	// other readers) are farewell's, not the account's: only the
	// account's name and id are.
	walk(m.Account.Name)
	walk(m.Account.ID)
	out := slices.Collect(maps.Keys(seen))
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// otherLanguage lists what a page in lang ("zh" or "en") says in the
// other language, once the bundle's own texts are taken out: English
// words on a Chinese page, Chinese without its gloss on an English one.
func otherLanguage(lang, text string, content []string) []string {
	for _, s := range content {
		text = strings.ReplaceAll(text, s, " ")
	}
	if lang == "zh" {
		return i18n.EnglishWords(text)
	}
	return i18n.UnglossedHan(text)
}
