// Package readme writes README.txt, the text every platform bundle
// carries so that a person who finds the file years later knows, without
// farewell, what is in it, how to open it (the viewer in a browser, the
// spreadsheets in Excel, WPS or Numbers), what the records' fields mean
// and how to check it with `sha256sum -c` or `farewell verify`. Chinese
// comes first, then English.
//
// The text is a Go text template (template.go) filled in with the
// account, platform, capture window, each collection's count and each
// spreadsheet's columns, taken from the spec the bundle is packed from.
// Text from the site (the account's name) is made plain first, so that
// printing the file in a terminal runs nothing.
package readme

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/archive/tables"
)

// data is what the template is filled in with.
type data struct {
	PlatformZH, PlatformEN string
	ID, Name               string
	Start, Finish          string // in the sites' zone, or "" when unknown
	Collections            []collection
	Tables                 []table
	Columns                []tables.Column // every column the tables use, once
}

type collection struct {
	Name, ZH, EN string
	Captured     int64
	Expected     string // "" when the site gives no count
}

type table struct {
	File    string // csv/posts.csv
	Rows    int64
	Columns string // the header, comma separated
}

// File returns README.txt for a platform bundle's spec, to pack with it;
// ok is false for a plain directory, which gets none. The tables it lists
// are those [tables.Files] makes from spec's records files. The file
// begins with a UTF-8 byte order mark and has CRLF line ends, so that
// every text editor (Windows Notepad included) shows its Chinese text.
func File(spec *archive.Spec) (f archive.SourceFile, ok bool, err error) {
	if spec.Platform == "" || spec.Platform == archive.PlatformDir {
		return archive.SourceFile{}, false, nil
	}
	b, err := render(spec)
	if err != nil {
		return archive.SourceFile{}, false, fmt.Errorf("%s: %w", archive.ReadmeName, err)
	}
	return archive.SourceFile{Name: archive.ReadmeName, Data: b}, true, nil
}

func render(spec *archive.Spec) ([]byte, error) {
	tmpl, err := template.New(archive.ReadmeName).Option("missingkey=error").Parse(tmpl)
	if err != nil {
		return nil, err
	}
	d := data{ID: plain(spec.Account.ID), Name: plain(spec.Account.Name)}
	d.PlatformZH, d.PlatformEN = platformNames(spec.Platform)
	if d.Name == "" {
		d.Name = d.ID
	}
	if w := spec.Capture; w != nil {
		d.Start, d.Finish = siteTime(w.StartedAt), siteTime(w.FinishedAt)
	}
	counts := map[string]int64{}
	for _, c := range spec.Collections {
		zh, en := collectionNames(spec.Platform, c.Name)
		col := collection{Name: plain(c.Name), ZH: zh, EN: en, Captured: c.Captured}
		if c.Expected != nil {
			col.Expected = strconv.FormatInt(*c.Expected, 10)
		}
		d.Collections = append(d.Collections, col)
		counts[c.Name] = c.Captured
	}
	seen := map[string]bool{}
	for _, f := range spec.Files {
		t, ok := tables.ForMember(f.Name)
		if !ok {
			continue
		}
		var names []string
		for _, c := range t.Columns() {
			names = append(names, c.Name)
			if !seen[c.Name] {
				seen[c.Name] = true
				d.Columns = append(d.Columns, c)
			}
		}
		d.Tables = append(d.Tables, table{File: t.Member(), Rows: counts[t.Name], Columns: strings.Join(names, ", ")})
	}
	var b bytes.Buffer
	b.WriteString(tables.BOM)
	if err := tmpl.Execute(&b, d); err != nil {
		return nil, err
	}
	return bytes.ReplaceAll(b.Bytes(), []byte("\n"), []byte("\r\n")), nil
}

// siteTime gives a time in the sites' zone (UTC+8) to the minute.
func siteTime(t time.Time) string {
	return t.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04")
}

func platformNames(platform string) (zh, en string) {
	switch platform {
	case "weibo":
		return "微博", "Weibo"
	case "douyin":
		return "抖音", "Douyin"
	}
	p := plain(platform)
	return p, p
}

// collectionNames are the collections' names as each site calls them.
func collectionNames(platform, name string) (zh, en string) {
	switch name {
	case "profile":
		return "个人资料", "Profile"
	case "posts":
		if platform == "douyin" {
			return "作品", "Works"
		}
		return "微博", "Posts"
	case "comments":
		return "评论", "Comments"
	case "likes":
		if platform == "douyin" {
			return "喜欢", "Likes"
		}
		return "赞", "Likes"
	case "favorites":
		return "收藏", "Favourites"
	case "following":
		return "关注", "Following"
	case "followers":
		return "粉丝", "Followers"
	case "apps":
		return "授权应用", "Authorised apps"
	case "messages":
		return "私信", "Messages"
	case "my_comments":
		return "我发出的评论", "What I wrote elsewhere"
	case "received_comments":
		return "收到的评论", "Comments received"
	case "mentions":
		return "@我的", "Mentions"
	case "articles":
		return "头条文章", "Articles"
	case "wallet":
		return "钱包", "Wallet"
	case "history":
		return "观看历史", "Watch history"
	case "watch_later":
		return "稍后再看", "Watch later"
	case "notifications":
		return "通知", "Notifications"
	case "series":
		return "合集", "Series"
	case "sounds":
		return "音乐", "Sounds"
	}
	n := plain(name)
	return n, n
}

// maxPlain bounds a name from the site in the text, in runes.
const maxPlain = 200

// plain returns text from a site as it may stand in a text file a person
// prints in a terminal: control and bidi-override characters shown as
// \u escapes, at most maxPlain runes.
func plain(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == maxPlain {
			b.WriteString("…")
			break
		}
		n++
		switch {
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r), r == '\u2028', r == '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
