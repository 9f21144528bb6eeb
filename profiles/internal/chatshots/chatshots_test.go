package chatshots

import (
	"slices"
	"testing"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/parsers/record"
)

func TestAlign(t *testing.T) {
	// A conversation with runs of the same short text on the same side.
	msgs := []Message{
		{"a", false, "在吗"}, {"b", true, "好的"}, {"c", true, "好的"}, {"d", false, "好的"},
		{"e", true, "好的"}, {"f", true, "好的"}, {"g", false, "晚安"}, {"h", true, "晚安"},
	}
	b := func(mine bool, text string) Bubble { return Bubble{Mine: mine, Text: text} }
	cases := []struct {
		name  string
		views [][]Bubble
		want  [][]string
	}{
		{"bottom up with one bubble of overlap",
			[][]Bubble{{b(true, "好的"), b(false, "晚安"), b(true, "晚安")}, {b(false, "好的"), b(true, "好的"), b(true, "好的")}, {b(false, "在吗"), b(true, "好的"), b(true, "好的"), b(false, "好的")}},
			[][]string{{"f", "g", "h"}, {"d", "e", "f"}, {"a", "b", "c", "d"}}},
		{"a repeated run resolved by where the last view ended",
			[][]Bubble{{b(false, "晚安"), b(true, "晚安")}, {b(true, "好的"), b(true, "好的"), b(false, "晚安")}, {b(true, "好的"), b(true, "好的")}},
			[][]string{{"g", "h"}, {"e", "f", "g"}, {"b", "c"}}},
		{"a view that matches nothing gets no ids",
			[][]Bubble{{b(true, "晚安")}, {b(true, "没有这句")}, {b(false, "在吗")}},
			[][]string{{"h"}, nil, {"a"}}},
		{"an empty view", [][]Bubble{{}}, [][]string{nil}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Align(msgs, tc.views)
			for i := range tc.want {
				if !slices.Equal(got[i], tc.want[i]) {
					t.Errorf("view %d: %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestShows(t *testing.T) {
	cases := []struct {
		b    Bubble
		m    Message
		want bool
	}{
		{Bubble{Mine: true, Text: "好的"}, Message{Mine: true, Text: " 好的\n"}, true},
		{Bubble{Mine: false, Text: "好的"}, Message{Mine: true, Text: "好的"}, false},
		{Bubble{Text: "看这条\n分享的微博 作者"}, Message{Text: "看这条"}, true},
		{Bubble{Text: "看这条微博"}, Message{Text: "看这条"}, false},
		{Bubble{Text: ""}, Message{Text: ""}, true},
		{Bubble{Text: "一张图"}, Message{Text: ""}, false},
	}
	for _, tc := range cases {
		if got := Shows(tc.b, tc.m); got != tc.want {
			t.Errorf("Shows(%+v, %+v) = %v, want %v", tc.b, tc.m, got, tc.want)
		}
	}
}

func TestNextTop(t *testing.T) {
	cases := []struct {
		name        string
		top, height float64
		bubbles     []Bubble
		want        float64
	}{
		{"the top bubble ends the next view", 1000, 400, []Bubble{{Top: 1010, Bottom: 1100}}, 700},
		{"a bubble taller than the view: half a view", 1000, 400, []Bubble{{Top: 1000, Bottom: 1500}}, 800},
		{"no bubbles: half a view", 1000, 400, nil, 800},
		{"a bubble taller than the view, cut at its top: half a view", 1000, 400, []Bubble{{Top: 300, Bottom: 1100}}, 800},
		{"never above the top", 100, 400, []Bubble{{Top: 110, Bottom: 200}}, 0},
	}
	for _, tc := range cases {
		if got := NextTop(tc.top, tc.height, tc.bubbles); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDir(t *testing.T) {
	if got := Dir("0:1:95133414725:61234567890"); got != "dm/0_1_95133414725_61234567890" {
		t.Fatal(got)
	}
	if got := Dir("../x/.."); got != "dm/___x___" {
		t.Fatal(got)
	}
}

// TestScreenedOnlyWhenComplete checks that a later pass keeps a
// conversation's screenshots only when they reached its beginning: an
// earlier run that stopped short must not leave it short for good.
func TestScreened(t *testing.T) {
	st, err := exporter.CreateStore(t.TempDir(), "douyin", exporter.Account{ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		conv, index string
		want        bool
	}{
		{"0:1:1:2", `{"collection":"messages","complete":true,"shots":[]}`, true},
		{"0:1:1:3", `{"collection":"messages","complete":false,"shots":[]}`, false},
		{"0:1:1:4", `{"complete":tru`, false},
		{"0:1:1:5", ``, false}, // no index at all
	} {
		if tc.index != "" {
			if _, err := st.SaveScreen(Dir(tc.conv)+"/index.json", []byte(tc.index)); err != nil {
				t.Fatal(err)
			}
		}
		if got := Screened(st, tc.conv); got != tc.want {
			t.Errorf("%s with index %q: screened %v, want %v", tc.conv, tc.index, got, tc.want)
		}
	}
}

func TestSave(t *testing.T) {
	st, err := exporter.CreateStore(t.TempDir(), "weibo", exporter.Account{ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(st, "42", true, []record.Shot{{File: "screens/dm/42/0001.png", IDs: []string{"7"}}}); err != nil {
		t.Fatal(err)
	}
	if !Screened(st, "42") {
		t.Fatal("a complete index saved is not screened")
	}
	if err := Save(st, "42", false, nil); err != nil {
		t.Fatal(err)
	}
	if Screened(st, "42") {
		t.Fatal("an incomplete index saved over it is still screened")
	}
}
