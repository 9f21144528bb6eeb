package weibo

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/farewell-app/farewell/parsers/record"
)

// DecodeEmoticons reads /ajax/statuses/config, the emoticon map of the web
// app: data.emoticon.<language>.<group> lists {phrase, url} (weiback-rs
// tests/data/web_emoji.json, 2025-08). Simplified Chinese (ZH_CN) comes
// first, and its default group (默认) first of its groups, the rest in
// name order; a phrase is kept once, with the first picture given for it.
func DecodeEmoticons(raw []byte, rawPath string) ([]record.Emoticon, error) {
	payload, err := open(raw)
	if err != nil {
		return nil, err
	}
	// Languages, groups and entries are read one by one: one of a shape
	// nobody documented is skipped, not the end of the map.
	var w struct {
		Emoticon map[string]json.RawMessage `json:"emoticon"`
	}
	if err := json.Unmarshal(payload, &w); err != nil {
		return nil, fmt.Errorf("weibo: emoticons: %w", err)
	}
	if w.Emoticon == nil {
		return nil, fmt.Errorf("weibo: emoticons: no emoticon map (%s)", snippet(payload))
	}
	type entry struct {
		Phrase string `json:"phrase"`
		URL    string `json:"url"`
	}
	byLang := map[string]map[string][]entry{}
	for l, raw := range w.Emoticon {
		var groups map[string]json.RawMessage
		if json.Unmarshal(raw, &groups) != nil {
			continue
		}
		byLang[l] = map[string][]entry{}
		for g, list := range groups {
			var items []json.RawMessage
			if json.Unmarshal(list, &items) != nil {
				continue
			}
			for _, it := range items {
				var e entry
				if json.Unmarshal(it, &e) == nil {
					byLang[l][g] = append(byLang[l][g], e)
				}
			}
		}
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Slice(langs, func(i, j int) bool {
		if (langs[i] == "ZH_CN") != (langs[j] == "ZH_CN") {
			return langs[i] == "ZH_CN"
		}
		return langs[i] < langs[j]
	})
	var out []record.Emoticon
	seen := map[string]bool{}
	for _, l := range langs {
		groups := make([]string, 0, len(byLang[l]))
		for g := range byLang[l] {
			groups = append(groups, g)
		}
		sort.Slice(groups, func(i, j int) bool {
			di, dj := isDefault(groups[i]), isDefault(groups[j])
			if di != dj {
				return di
			}
			return groups[i] < groups[j]
		})
		for _, g := range groups {
			for _, e := range byLang[l][g] {
				if e.Phrase == "" || e.URL == "" || seen[e.Phrase] {
					continue
				}
				seen[e.Phrase] = true
				out = append(out, record.Emoticon{Record: record.TypeEmoticon, Platform: Platform, Phrase: e.Phrase, Group: g,
					Media: []record.Media{{Type: record.MediaImage, URL: e.URL}}, Raw: rawPath})
			}
		}
	}
	return out, nil
}

// isDefault says whether a group is the default one (默认, 默認).
func isDefault(group string) bool { return group == "默认" || group == "默認" }
