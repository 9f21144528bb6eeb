package chaos

import (
	"slices"
	"testing"
)

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		want, have             []string
		wantMissing, wantExtra []string
	}{
		{"equal", []string{"a", "b"}, []string{"a", "b"}, nil, nil},
		{"missing", []string{"a", "b", "c"}, []string{"a", "c"}, []string{"b"}, nil},
		{"extra", []string{"a"}, []string{"a", "z"}, nil, []string{"z"}},
		{"twice", []string{"a", "b"}, []string{"a", "a", "b"}, nil, []string{"a"}},
		{"lost repeat", []string{"m", "m"}, []string{"m"}, []string{"m"}, nil},
		{"empty bundle", []string{"a"}, nil, []string{"a"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, e := diff(tc.want, tc.have)
			if !slices.Equal(m, tc.wantMissing) || !slices.Equal(e, tc.wantExtra) {
				t.Fatalf("diff = %v, %v; want %v, %v", m, e, tc.wantMissing, tc.wantExtra)
			}
		})
	}
}
