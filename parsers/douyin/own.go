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

// Items returns the page's series, whichever list holds them.
func (m *OwnMixes) Items() []Mix {
	if m.List != nil {
		return m.List
	}
	return m.Old
}

// DecodeOwnMixes reads a page of mix/list.
func DecodeOwnMixes(raw []byte) (*OwnMixes, error) {
	var m OwnMixes
	if err := decodeList(raw, &m, "mix_infos", "mix_list"); err != nil {
		return nil, err
	}
	for i, x := range m.Items() {
		if x.MixID == "" {
			return nil, fmt.Errorf("douyin: series %d has no mix_id", i)
		}
	}
	return &m, nil
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
func (s *Sounds) Items() []Music {
	if s.List != nil {
		return s.List
	}
	return s.Old
}

// DecodeSounds reads a page of music/list.
func DecodeSounds(raw []byte) (*Sounds, error) {
	var s Sounds
	if err := decodeList(raw, &s, "music_list", "mc_list"); err != nil {
		return nil, err
	}
	for i := range s.Items() {
		if s.Items()[i].Key() == "" {
			return nil, fmt.Errorf("douyin: sound %d has no id", i)
		}
	}
	return &s, nil
}

// SoundRecord converts a sound, with its audio file.
func SoundRecord(m *Music, raw string) record.Sound {
	mi := MusicSaved(m, "").Music
	return record.Sound{Record: record.TypeSound, Platform: Platform, Music: *mi, Raw: raw}
}
