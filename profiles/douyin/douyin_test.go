package douyin_test

import (
	"testing"

	"github.com/farewell-app/farewell/profiles/douyin"
	"github.com/farewell-app/farewell/profiles/douyin/replica"
	"github.com/farewell-app/farewell/profiles/profiletest"
)

// TestConformance runs the shared suite: the Douyin profile against the
// www.douyin.com replica in headless Chromium.
func TestConformance(t *testing.T) {
	profiletest.Run(t, douyin.New(), func(t *testing.T) profiletest.Site {
		r, err := replica.Start(replica.Config{Seed: 3, Works: 50, Conversations: 6, Rate: 40})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}, profiletest.Options{InterruptAfter: 20})
}
