package profiles

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// Profile is what farewell knows about one site. Implementations produce
// raw captures, journal events and media requests through the session;
// they never choose file paths, hashes or progress output, and they have
// no branch for the replica: a profile cannot tell the replica from the
// real site.
type Profile interface {
	// Name is the platform's name ("weibo"), used in store paths,
	// bundle names and records.
	Name() string
	// Collections lists the collections in the order they are captured
	// and shown.
	Collections() []exporter.Collection
	// Settings gives the site's politeness defaults.
	Settings() Settings
	// Login drives the site's login page in the session's browser until
	// the person is logged in, showing the QR code through ui, and
	// returns whose account it is.
	Login(ctx context.Context, s *exporter.Session, ui LoginUI) (exporter.Account, error)
	// Account checks that the session is logged in and returns whose
	// account it is. A logged-out session gives an error wrapping
	// exporter.ErrNotLoggedIn.
	Account(ctx context.Context, s *exporter.Session) (exporter.Account, error)
	// Capture fills the session's store with the named collections (all
	// when only is empty), continuing where the journal says an earlier
	// run stopped. A lost session ends it with exporter.ErrNotLoggedIn;
	// what was captured stays, and the next run continues.
	Capture(ctx context.Context, s *exporter.Session, only []exporter.Collection) error
	// Records derives every collection's records from the store's raw
	// captures and media index, replacing records/<collection>.jsonl.
	Records(ctx context.Context, st *exporter.Store) error
}

// Settings are a site's defaults for a real run.
type Settings struct {
	Interval time.Duration // least time between two requests
	Backoff  exporter.Backoff
	// MediaWorkers is how many media files download at once.
	MediaWorkers int
	// TimeZone is the site's own zone (an IANA name): the browser's pages
	// live in it during a run, so that what a screenshot shows agrees with
	// the times the site's answers give, wherever the computer is.
	TimeZone string
}

// inZone is cfg with the site's own time zone, unless cfg names one.
func inZone(p Profile, cfg exporter.SessionConfig) exporter.SessionConfig {
	if cfg.TimeZone == "" {
		cfg.TimeZone = p.Settings().TimeZone
	}
	return cfg
}

// LoginUI shows the person what to do to log in.
type LoginUI interface {
	// QR is called with the login QR code as a PNG and the URL it
	// encodes, each time a new code appears.
	QR(png []byte, url string)
	// Status reports progress, such as "scanned: confirm on your phone".
	Status(m i18n.Msg)
}

// Want returns the collections of p a capture takes: those only names,
// or all of them when it names none. A name p does not have is an error
// naming the ones it has.
func Want(p Profile, only []exporter.Collection) (map[exporter.Collection]bool, error) {
	all := p.Collections()
	want := map[exporter.Collection]bool{}
	for _, o := range only {
		if !slices.Contains(all, o) {
			names := make([]string, len(all))
			for i, c := range all {
				names[i] = string(c)
			}
			return nil, fmt.Errorf("%s has no collection %q (it has %s)", p.Name(), o, strings.Join(names, ", "))
		}
		want[o] = true
	}
	if len(only) == 0 {
		for _, c := range all {
			want[c] = true
		}
	}
	return want, nil
}
