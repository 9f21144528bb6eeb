package douyin

import (
	"strings"
	"testing"
)

// TestDecodeWalletUnknown: a balance the answer does not carry as a plain
// number is not valid (never zero); an answer with neither balance is an
// error.
func TestDecodeWalletUnknown(t *testing.T) {
	for _, c := range []struct {
		name             string
		raw              string
		coins, money     int64
		coinsOK, moneyOK bool
		err              string
	}{
		{"both", `{"status_code":0,"data":{"diamond":120,"money":3456}}`, 120, 3456, true, true, ""},
		{"empty wallet", `{"status_code":0,"data":{"diamond":0,"money":0}}`, 0, 0, true, true, ""},
		{"as strings", `{"status_code":0,"data":{"diamond":"120","money":"0"}}`, 120, 0, true, true, ""},
		{"money renamed", `{"status_code":0,"data":{"diamond":0,"money_fen":3456}}`, 0, 0, true, false, ""},
		{"diamond a display string", `{"status_code":0,"data":{"diamond":"1万+","money":0}}`, 0, 0, false, true, ""},
		{"both renamed", `{"status_code":0,"data":{"diamond_count":120,"money_fen":3456}}`, 0, 0, false, false, "no readable balance"},
		{"both null", `{"status_code":0,"data":{"diamond":null,"money":null}}`, 0, 0, false, false, "no readable balance"},
		{"empty data", `{"status_code":0,"data":{}}`, 0, 0, false, false, "no readable balance"},
		{"no data", `{"status_code":0}`, 0, 0, false, false, "no data"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, err := DecodeWallet([]byte(c.raw))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if w.Diamond.Valid != c.coinsOK || w.Money.Valid != c.moneyOK || w.Diamond.V != c.coins || w.Money.V != c.money {
				t.Fatalf("wallet %+v", w)
			}
		})
	}
}
