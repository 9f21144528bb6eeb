package chatshots

import (
	"reflect"
	"testing"
)

// TestWalk feeds a walk view after view and checks each move.
func TestWalk(t *testing.T) {
	one := []Bubble{{Text: "在吗", Top: 0, Bottom: 60}}
	two := []Bubble{{Text: "好的", Top: 400, Bottom: 460}, {Text: "晚安", Top: 460, Bottom: 520}}
	up1, ask := []float64{-1}, []float64{80, -80}
	shifted := func(bs []Bubble, by float64) []Bubble {
		out := make([]Bubble, len(bs))
		for i, b := range bs {
			b.Top, b.Bottom = b.Top+by, b.Bottom+by
			out[i] = b
		}
		return out
	}
	type view struct {
		top     float64
		end     float64 // the most the list scrolls (default top)
		bubbles []Bubble
		more    bool
		arrived bool // older messages arrived before this view
	}
	cases := []struct {
		name  string
		views []view
		want  []Move
	}{
		{"down the list, each view new",
			[]view{{top: 600, bubbles: two, more: true}, {top: 60, bubbles: one, more: true}},
			[]Move{{Shoot: true, Scrolls: []float64{-460}}, {Shoot: true, Scrolls: []float64{-60}}}},
		{"an unchanged view is not shot again",
			[]view{{top: 0, bubbles: one, more: true}, {top: 0, bubbles: one, more: true}},
			[]Move{{Shoot: true, Scrolls: up1}, {Scrolls: up1}}},
		{"at the top, older messages not arriving: ask by moving down and back",
			[]view{{bubbles: one, more: true}, {bubbles: one, more: true}, {bubbles: one, more: true}, {bubbles: one, more: true},
				{bubbles: one, more: true}, {bubbles: one, more: true}, {bubbles: one, more: true}},
			[]Move{{Shoot: true, Scrolls: up1}, {Scrolls: up1}, {Scrolls: up1}, {Scrolls: ask, Ask: true},
				{Scrolls: up1}, {Scrolls: up1}, {Scrolls: ask, Ask: true, Attempt: 1}}},
		{"older messages arriving start the asks over",
			[]view{{bubbles: one, more: true}, {bubbles: one, more: true}, {bubbles: one, more: true}, {bubbles: one, more: true},
				{bubbles: one, more: true, arrived: true}, {bubbles: one, more: true}, {bubbles: one, more: true}},
			[]Move{{Shoot: true, Scrolls: up1}, {Scrolls: up1}, {Scrolls: up1}, {Scrolls: ask, Ask: true},
				{Scrolls: up1}, {Scrolls: up1}, {Scrolls: ask, Ask: true}}},
		{"the same bubbles moved down by older messages above are the same view",
			[]view{{bubbles: two, more: true}, {top: 1000, bubbles: shifted(two, 1000), more: true}, {top: 1000, bubbles: append(shifted(one, 1000), shifted(two, 1000)...), more: true}},
			[]Move{{Shoot: true, Scrolls: []float64{-1}}, {Scrolls: []float64{-160}}, {Shoot: true, Scrolls: []float64{-260}}}},
		{"nothing shows: open the conversation again",
			[]view{{more: true}, {more: true}, {more: true}, {more: true}},
			[]Move{{Shoot: true, Scrolls: up1}, {Scrolls: up1}, {Scrolls: up1}, {Ask: true, Reopen: true}}},
		{"a list that will not move below the top stops",
			func() []view {
				vs := make([]view, stillMost+2)
				for i := range vs {
					vs[i] = view{top: 300, bubbles: one, more: true}
				}
				return vs
			}(),
			func() []Move {
				ms := make([]Move, stillMost+2)
				for i := range ms {
					ms[i] = Move{Scrolls: []float64{-300}}
				}
				ms[0].Shoot, ms[stillMost+1].Stop = true, true
				return ms
			}()},
		{"a first view short of the newest end moves there first",
			[]view{{more: true}, {top: 599, end: 600, bubbles: one, more: true}, {top: 599, end: 600, bubbles: one, more: true}, {top: 600, end: 600, bubbles: two, more: true}},
			[]Move{{Shoot: true, Scrolls: []float64{-1}}, {Scrolls: []float64{1}}, {Scrolls: []float64{1}}, {Shoot: true, Scrolls: []float64{-460}}}},
		{"a list that will not reach its end is walked from where it is",
			[]view{{top: 599, end: 600, bubbles: two, more: true}, {top: 599, end: 600, bubbles: two, more: true}, {top: 599, end: 600, bubbles: two, more: true},
				{top: 599, end: 600, bubbles: two, more: true}},
			[]Move{{Scrolls: []float64{1}}, {Scrolls: []float64{1}}, {Scrolls: []float64{1}}, {Shoot: true, Scrolls: []float64{-459}}}},
		{"at the top with nothing older: no ask",
			[]view{{bubbles: one}, {bubbles: one}, {bubbles: one}, {bubbles: one}},
			[]Move{{Shoot: true, Scrolls: up1}, {Scrolls: up1}, {Scrolls: up1}, {Scrolls: up1}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var w Walk
			for i, v := range tc.views {
				if v.arrived {
					w.Arrived()
				}
				if got := w.Next(View{ScrollTop: v.top, End: max(v.top, v.end), Height: 320, Bubbles: v.bubbles}, v.more); !reflect.DeepEqual(got, tc.want[i]) {
					t.Errorf("view %d: %+v, want %+v", i, got, tc.want[i])
				}
			}
		})
	}
}
