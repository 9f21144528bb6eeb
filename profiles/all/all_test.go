package all

import (
	"testing"
	"time"
)

// TestSitesKnowTheirZone: every site names its own time zone, one the
// browser and Go both know, so that a capture's pages and screenshots
// show the site's times.
func TestSitesKnowTheirZone(t *testing.T) {
	for _, s := range Sites() {
		zone := s.New().Settings().TimeZone
		loc, err := time.LoadLocation(zone)
		if zone == "" || err != nil {
			t.Errorf("%s: time zone %q (%v)", s.Name, zone, err)
			continue
		}
		if _, off := time.Date(2024, 5, 1, 12, 0, 0, 0, loc).Zone(); off != 8*3600 {
			t.Errorf("%s: %s is %+d s from UTC, want the sites' +8 h", s.Name, zone, off)
		}
	}
}
