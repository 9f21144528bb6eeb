package douyin

import (
	"context"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// wallet opens the web's 抖币 page (/pay, which asks for
// webcast/wallet/info as it loads: the profile page has no wallet entry
// that any source shows), keeps its balance and screenshots it.
func (c *capture) wallet(ctx context.Context) error {
	v, err := c.single(ctx, cWallet, payPage, 1, rWallet)
	if err != nil {
		return err
	}
	defer v.Close()
	if _, _, err := v.Answer(ctx, 0, rWallet.Is); err != nil {
		return err
	}
	if err := v.Await(ctx, walletPanel, 10*time.Second); err != nil {
		return err
	}
	if _, err := c.t.ScreenshotElement(ctx, "wallet/0001.png", walletPanel); err != nil {
		if err := c.s.GapOr(ctx, cWallet, "screenshot", "", err); err != nil {
			return err
		}
	}
	if err := c.s.Page(cWallet, 1, "", 1); err != nil {
		return err
	}
	return c.s.Done(cWallet, exporter.StopEnd, i18n.Msg{}, 1)
}
