package douyin

import (
	"context"
	"time"

	"github.com/farewell-app/farewell/exporter"
)

// wallet opens the wallet from the profile page, keeps its balance and
// screenshots it.
func (c *capture) wallet(ctx context.Context) error {
	v, err := c.single(ctx, cWallet, rWallet)
	if err != nil {
		return err
	}
	defer v.Close()
	if err := c.userReady(ctx, v); err != nil {
		return err
	}
	if err := v.Act(ctx, exporter.Click(walletEntry, 0)); err != nil {
		return err
	}
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
	return c.s.Done(cWallet, exporter.StopEnd, "", 1)
}
