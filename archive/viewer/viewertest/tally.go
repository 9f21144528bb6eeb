package viewertest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
)

// mediaCollections are the collections whose records' media the viewer's
// media page (the album) shows.
var mediaCollections = []string{"posts", "likes", "favorites", "comments", "my_comments", "received_comments", "mentions",
	"messages", "history", "watch_later", "series", "sounds", "articles"}

// month is a created_at the viewer can date: it starts with a year and
// a month.
var month = regexp.MustCompile(`^(\d{4}-\d{2})-`)

// tally counts, from the records as written, what the viewer's media page
// must show, by the viewer's rules told again independently: every file
// once; a video's cover is its poster (the covers of one media list go to
// its videos in order), not a file of its own; a file belongs to the
// earliest month of the records that hold it, a record's month being its
// own created_at or, lacking a usable one, that of the record around it;
// pictures are images, GIFs and live photos (their stills). Only media
// lists that are lists count: a wrong-typed one is dropped by the viewer.
func (a *Account) tally() error {
	type file struct {
		picture bool
		month   string
	}
	files := map[string]*file{}
	var walk func(v any, m string)
	walk = func(v any, m string) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(x, m)
			}
		case map[string]any:
			if s, ok := v["created_at"].(string); ok && month.MatchString(s) {
				m = month.FindStringSubmatch(s)[1]
			}
			if list, ok := v["media"].([]any); ok {
				videos := 0
				for _, x := range list {
					if x, ok := x.(map[string]any); ok && x["type"] == "video" {
						videos++
					}
				}
				for _, x := range list {
					x, ok := x.(map[string]any)
					if !ok {
						continue
					}
					name, _ := x["file"].(string)
					typ, _ := x["type"].(string)
					if name == "" || typ == "" {
						continue
					}
					if typ == "cover" && videos > 0 {
						videos--
						continue
					}
					f := files[name]
					if f == nil {
						f = &file{picture: typ == "image" || typ == "gif" || typ == "livephoto" || typ == "cover", month: m}
						files[name] = f
					}
					if m != "" && (f.month == "" || m < f.month) {
						f.month = m
					}
				}
			}
			for k, x := range v {
				if k != "media" {
					walk(x, m)
				}
			}
		}
	}
	for _, f := range a.Spec.Files {
		coll, ok := strings.CutSuffix(strings.TrimPrefix(f.Name, "data/"), ".jsonl")
		if !ok || !strings.HasPrefix(f.Name, "data/") || !slices.Contains(mediaCollections, coll) {
			continue
		}
		b, err := os.ReadFile(f.Path)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var v any
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				return fmt.Errorf("viewertest: %s: %w", f.Name, err)
			}
			walk(v, "")
		}
	}
	a.Media, a.PictureMonths = len(files), map[string]int{}
	for _, f := range files {
		if f.picture {
			a.PictureMonths[f.month]++
		}
	}
	return nil
}
