package profiles

import (
	"testing"

	"github.com/farewell-app/farewell/exporter"
)

// zoned is a profile that only has settings.
type zoned struct{ Profile }

func (zoned) Settings() Settings { return Settings{TimeZone: "Asia/Shanghai"} }

// TestSessionsInSiteZone: a run's session gets the site's zone, unless
// its caller named one.
func TestSessionsInSiteZone(t *testing.T) {
	for _, tc := range []struct{ given, want string }{{"", "Asia/Shanghai"}, {"Europe/Berlin", "Europe/Berlin"}} {
		if got := inZone(zoned{}, exporter.SessionConfig{TimeZone: tc.given}).TimeZone; got != tc.want {
			t.Errorf("given %q: %q, want %q", tc.given, got, tc.want)
		}
	}
}
