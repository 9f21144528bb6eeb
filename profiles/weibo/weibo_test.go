package weibo_test

import (
	"testing"

	"github.com/farewell-app/farewell/profiles/profiletest"
	"github.com/farewell-app/farewell/profiles/weibo"
	"github.com/farewell-app/farewell/profiles/weibo/replica"
)

// TestConformance runs the shared suite: the Weibo profile against the
// weibo.com replica in headless Chromium.
func TestConformance(t *testing.T) {
	profiletest.Run(t, weibo.New(), func(t *testing.T) profiletest.Site {
		r, err := replica.Start(replica.Config{Seed: 3, Posts: 120, Rate: 40})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}, profiletest.Options{InterruptAfter: 30})
}
