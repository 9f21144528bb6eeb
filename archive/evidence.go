package archive

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/farewell-app/farewell/parsers/record"
)

// maxUnproven bounds the problems listed per screenshot set.
const maxUnproven = 5

// isScreenIndex reports whether a member is a screenshot index.
func isScreenIndex(name string) bool {
	return strings.HasPrefix(name, "screens/") && path.Base(name) == "index.json"
}

// checkScreens proves the records that screenshot indexes cover: every
// index must reach its beginning and name only screenshots the bundle
// holds, and every record of a covered collection must be on a
// screenshot of its index. It runs after an intact full check.
func (b *Bundle) checkScreens(st *quickState, rep *Report) error {
	if len(rep.Integrity.Problems) > 0 {
		return nil
	}
	type set struct {
		where string
		ids   map[string]bool
	}
	byColl := map[string]map[string]*set{} // collection -> value -> set
	keys := map[string]string{}            // collection -> key field
	var names []string
	for name := range st.files {
		if isScreenIndex(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	unproven := func(where, format string, args ...any) {
		rep.Unproven = append(rep.Unproven, Problem{Where: where, Detail: fmt.Sprintf(format, args...)})
	}
	for _, name := range names {
		data, err := b.ReadFile(name, 64<<20)
		if err != nil {
			return err
		}
		var ix record.ScreenIndex
		if err := json.Unmarshal(data, &ix); err != nil || ix.Collection == "" || ix.Key == "" {
			unproven(name, "not a screenshot index")
			continue
		}
		if !ix.Complete {
			unproven(name, "the screenshots of %s %s do not reach its beginning", ix.Key, ix.Value)
		}
		s := &set{where: name, ids: map[string]bool{}}
		for _, shot := range ix.Shots {
			if st.files[shot.File] == nil {
				unproven(name, "screenshot %s is not in the bundle", shot.File)
			}
			for _, id := range shot.IDs {
				s.ids[id] = true
			}
		}
		if byColl[ix.Collection] == nil {
			byColl[ix.Collection] = map[string]*set{}
		}
		byColl[ix.Collection][ix.Value] = s
		keys[ix.Collection] = ix.Key
	}
	colls := make([]string, 0, len(byColl))
	for c := range byColl {
		colls = append(colls, c)
	}
	sort.Strings(colls)
	for _, coll := range colls {
		file := "data/" + coll + ".jsonl"
		if st.files[file] == nil {
			continue
		}
		missing := map[string][]string{} // value -> record ids on no screenshot
		err := b.eachLine(file, func(line []byte) {
			if len(bytes.TrimSpace(line)) == 0 {
				return
			}
			var rec map[string]any
			if json.Unmarshal(line, &rec) != nil {
				return // the full check has reported it
			}
			id, _ := rec["id"].(string)
			value, _ := rec[keys[coll]].(string)
			if s := byColl[coll][value]; s == nil || !s.ids[id] {
				missing[value] = append(missing[value], id)
			}
		})
		if err != nil {
			return err
		}
		values := make([]string, 0, len(missing))
		for v := range missing {
			values = append(values, v)
		}
		sort.Strings(values)
		for _, v := range values {
			ids := missing[v]
			where := file
			if s := byColl[coll][v]; s != nil {
				where = s.where
			}
			if byColl[coll][v] == nil {
				unproven(where, "%d record(s) with %s %s have no screenshots", len(ids), keys[coll], v)
				continue
			}
			unproven(where, "%d record(s) are on no screenshot, e.g. %s", len(ids), strings.Join(ids[:min(maxUnproven, len(ids))], ", "))
		}
	}
	return nil
}

// eachLine calls fn with each line of a member, read as a stream: memory
// holds one line (at most maxJSONLine bytes, as the full check allows),
// however large the member says it is.
func (b *Bundle) eachLine(name string, fn func(line []byte)) error {
	r, err := b.Open(name)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxJSONLine+1)
	for sc.Scan() {
		fn(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
