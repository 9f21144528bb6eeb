package parsers

import (
	"encoding/json"
	"testing"
)

func TestNumAndID(t *testing.T) {
	var v struct {
		A, B, C, D, E, F Num
		ID1, ID2         ID
	}
	err := json.Unmarshal([]byte(`{"A":828,"B":"828","C":"100万+","D":null,"E":"","F":12.7,"ID1":9007199254740993,"ID2":"4990000000000001"}`), &v)
	if err != nil {
		t.Fatal(err)
	}
	if v.A != (Num{V: 828, Valid: true}) || v.B != (Num{V: 828, Valid: true}) || v.C.Valid || v.D.Valid || v.E.Valid || v.F != (Num{V: 12, Valid: true}) {
		t.Fatalf("nums %+v", v)
	}
	// 2^53+1 survives: it never passed through a float.
	if v.ID1 != "9007199254740993" || v.ID2 != "4990000000000001" {
		t.Fatalf("ids %q %q", v.ID1, v.ID2)
	}
	if err := json.Unmarshal([]byte(`{"ID1":1.5e3}`), &v); err == nil {
		t.Fatal("a float id was accepted")
	}
}

func TestBool(t *testing.T) {
	for in, want := range map[string]bool{`true`: true, `1`: true, `"1"`: true, `false`: false, `0`: false, `"0"`: false, `null`: false} {
		var b Bool
		if err := json.Unmarshal([]byte(in), &b); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if bool(b) != want {
			t.Errorf("Bool(%s) = %v, want %v", in, b, want)
		}
	}
}
