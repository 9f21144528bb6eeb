package douyin

import (
	"context"

	dy "github.com/farewell-app/farewell/parsers/douyin"
)

// sounds opens the profile page's 音乐 tab and scrolls the person's own
// original sounds (music/list) to their end, queueing each sound's file.
// The site gives no count of them.
func (c *capture) sounds(ctx context.Context) error {
	seen, ended, err := c.tabList(ctx, cSounds, "music", musicTab, rSounds, "music:", func(seen map[string]bool, body []byte) (int, bool, error) {
		s, err := dy.DecodeSounds(body)
		if err != nil {
			return 0, false, err
		}
		c.musicMedia(cSounds, s.Items())
		return countNew(seen, "", s.Items(), (*dy.Music).Key), bool(s.HasMore), nil
	})
	if err != nil {
		return err
	}
	return c.finish(ctx, cSounds, ended, int64(len(seen)))
}
