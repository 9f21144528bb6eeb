package douyin_test

import (
	"strings"
	"testing"

	dy "github.com/farewell-app/farewell/parsers/douyin"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles/douyin"
)

// TestWalletReadiness: the wallet item is OK only when both balances were
// read and are zero; money left, and any balance missing, renamed or not
// a number, block deletion, the unknown ones saying what to check.
func TestWalletReadiness(t *testing.T) {
	for _, c := range []struct {
		name   string
		raw    string // the wallet answer ("": none captured)
		ok     bool
		detail string
	}{
		{"empty", `{"data":{"diamond":0,"money":0}}`, true, "the wallet is empty"},
		{"money left", `{"data":{"diamond":120,"money":350}}`, false, "still holds 120 抖币 and 3.50 yuan"},
		{"not captured", "", false, "could not read the wallet's 抖币 and money (零钱) balance"},
		{"both renamed", `{"data":{"diamond_count":0,"money_fen":0}}`, false, "could not read the wallet's 抖币 and money (零钱) balance"},
		{"money renamed", `{"data":{"diamond":0,"balance":0}}`, false, "could not read the wallet's money (零钱) balance"},
		{"coins a display string", `{"data":{"diamond":"1万+","money":0}}`, false, "could not read the wallet's 抖币 balance"},
		{"negative", `{"data":{"diamond":-1,"money":0}}`, false, "could not read the wallet's 抖币 balance"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var rec *record.Wallet
			if c.raw != "" {
				if w, err := dy.DecodeWallet([]byte(c.raw)); err == nil {
					r := dy.WalletRecord(w, "raw/wallet/000001.json")
					rec = &r
				}
			}
			item := douyin.WalletReadiness(rec)
			if item.Check != "wallet" || !item.Blocking || item.Info || item.OK != c.ok || !strings.Contains(item.Detail, c.detail) {
				t.Fatalf("%+v, want ok %v and %q", item, c.ok, c.detail)
			}
		})
	}
}
