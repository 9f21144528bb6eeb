package douyin

import (
	"fmt"

	"github.com/farewell-app/farewell/parsers/record"
)

// OwnMixes is a page of /aweme/v1/web/mix/list/, the person's own series:
// mix_infos (older answers: mix_list), cursor, has_more and total
// (jiji262 douyin-downloader, 2026-08).
type OwnMixes struct {
	List    []Mix `json:"mix_infos"`
	Old     []Mix `json:"mix_list"`
	HasMore More  `json:"has_more"`
	Cursor  Int   `json:"cursor"`
	Total   Int   `json:"total"`
}

// Items returns the page's series, whichever list holds them (the newer
// one when both are there).
func (m *OwnMixes) Items() []Mix { return either(m.List, m.Old) }

// DecodeOwnMixes reads a page of mix/list.
func DecodeOwnMixes(raw []byte) (*OwnMixes, error) {
	return decodeIDs(raw, "series", []string{"mix_infos", "mix_list"}, (*OwnMixes).Items, func(x *Mix) string { return string(x.MixID) })
}

// SeriesRecord converts one of the person's own series; its works are
// added from the series' own pages (mix/aweme).
func SeriesRecord(m *Mix, raw string) record.OwnSeries {
	s := SeriesSaved(m, "").Series
	return record.OwnSeries{Record: record.TypeSeries, Platform: Platform, Series: *s, Raw: raw}
}

// Sounds is a page of /aweme/v1/web/music/list/, the sounds the person
// made (原声). Public code reads it as music_list (jiji262
// douyin-downloader); the favourites' music list calls it mc_list, which
// is read too. Paging by cursor and has_more is unverified.
type Sounds struct {
	List    []Music `json:"music_list"`
	Old     []Music `json:"mc_list"`
	HasMore More    `json:"has_more"`
	Cursor  Int     `json:"cursor"`
}

// Items returns the page's sounds, whichever list holds them.
func (s *Sounds) Items() []Music { return either(s.List, s.Old) }

// DecodeSounds reads a page of music/list.
func DecodeSounds(raw []byte) (*Sounds, error) {
	return decodeIDs(raw, "sound", []string{"music_list", "mc_list"}, (*Sounds).Items, (*Music).Key)
}

// either is a page's list under its newer key when the answer has it,
// else under the older one.
func either[T any](newer, older []T) []T {
	if newer != nil {
		return newer
	}
	return older
}

// decodeIDs reads a list page of type P whose items, T, come under one of
// keys, and checks that each has an id.
func decodeIDs[P, T any](raw []byte, what string, keys []string, items func(*P) []T, id func(*T) string) (*P, error) {
	var p P
	if err := decodeList(raw, &p, keys...); err != nil {
		return nil, err
	}
	list := items(&p)
	for i := range list {
		if id(&list[i]) == "" {
			return nil, fmt.Errorf("douyin: %s %d has no id", what, i)
		}
	}
	return &p, nil
}

// SoundRecord converts a sound, with its audio file.
func SoundRecord(m *Music, raw string) record.Sound {
	mi := MusicSaved(m, "").Music
	return record.Sound{Record: record.TypeSound, Platform: Platform, Music: *mi, Raw: raw}
}
