package profiles

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/profiles/faults"
	"github.com/farewell-app/farewell/profiles/internal/replicakit"
)

// Site is one site farewell backs up, registered once (see profiles/all),
// as an rclone backend registers itself: everything the commands, the
// parse command, the demo, the bench and the tests need of it. Adding a
// site is writing its folders and adding its Site to that one list.
type Site struct {
	// Name is the platform's name ("weibo").
	Name string
	// Title says what the site is, for help texts ("Weibo (weibo.com)").
	Title string
	// New returns the site's profile.
	New func() Profile
	// Kinds returns the parser of every kind of raw capture of the site
	// that yields records.
	Kinds func() map[parsers.Kind]parsers.Parser
	// Replica starts the site's built-in replica; generating its
	// account stops with ctx's error when ctx ends.
	Replica func(ctx context.Context, c ReplicaConfig) (Replica, error)
	// DemoSize is the demo account's size (posts, works) by default.
	DemoSize int
	// Variants are the A/B behaviours of the real site its replica can
	// show (ReplicaConfig.Variants), each with its source.
	Variants replicakit.Variants
}

// Variant is one behaviour of the real site that some visitors see or
// that public sources disagree on; the replica's default is the one the
// public record describes for 2026.
type Variant = replicakit.Variant

// ParseVariants checks a comma-separated list of variant names against
// the site's ("all" names every one).
func (s Site) ParseVariants(list string) ([]string, error) {
	var out []string
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		switch {
		case n == "":
		case n == "all":
			for _, v := range s.Variants {
				out = append(out, v.Name)
			}
		case !s.hasVariant(n):
			var names []string
			for _, v := range s.Variants {
				names = append(names, v.Name)
			}
			if len(names) == 0 {
				return nil, fmt.Errorf("%s has no variants", s.Name)
			}
			return nil, fmt.Errorf("%s has no variant %q (its variants: %s, or all)", s.Name, n, strings.Join(names, ", "))
		case !slices.Contains(out, n):
			out = append(out, n)
		}
	}
	return out, nil
}

func (s Site) hasVariant(name string) bool {
	for _, v := range s.Variants {
		if v.Name == name {
			return true
		}
	}
	return false
}

// Collections returns the names of the site's collections, in capture
// order.
func (s Site) Collections() []exporter.Collection { return s.New().Collections() }

// ReplicaConfig sizes and shapes a replica.
type ReplicaConfig struct {
	Seed uint64
	// Size is the own posts (works) of the generated account (0: the
	// replica's default); Conversations its DM conversations, where the
	// site has them.
	Size          int
	Conversations int
	// Rate is how many API requests a second the replica allows (0: no
	// limit).
	Rate float64
	// Addr is where to listen ("": a free port on 127.0.0.1).
	Addr   string
	Faults faults.List
	// Drift is the seed of what a deploy changes (0: nothing).
	Drift uint64
	// Variants are the A/B behaviours to show (Site.Variants' names).
	Variants []string
}

// Replica is a running replica of a site: a faithful local stand-in
// that serves the site's real host names.
type Replica interface {
	// Network lets a browser and Go clients reach it.
	Network() exporter.Network
	// Interval is the pace its rate limit allows.
	Interval() time.Duration
	// Approve plays the person's phone: it scans and confirms the login
	// QR code that encodes scanURL.
	Approve(ctx context.Context, scanURL string) error
	// Faults carries out the faults it was started with.
	Faults() *faults.Injector
	// Stats is what it saw.
	Stats() ReplicaStats
	// About says what it serves, where; HowTo how to reach it by hand.
	About() i18n.Msg
	HowTo() []string
	Close() error

	// Truth is what a complete backup holds.
	Truth() replicakit.Truth
	// Served counts media downloads by MediaKey (not the pictures a page
	// loads to show them).
	Served() map[string]int
	// MediaKey names the media file a URL points at, however the link
	// was issued.
	MediaKey(url string) string
	// Requests counts every request it answered.
	Requests() int
	// Grow adds n new own posts (works), newer than the rest, with
	// media; the first has comments.
	Grow(n int)
}

// ReplicaStats is what a replica saw, as demo --json reports it.
type ReplicaStats struct {
	Requests  int `json:"requests"`
	API       int `json:"api"`
	APINeeded int `json:"api_needed"` // the API requests a complete backup takes asking each page once: a run asks at most this many
	Limited   int `json:"limited"`
	// MediaServed counts original media files served.
	MediaServed int   `json:"media_served"`
	MediaBytes  int64 `json:"media_bytes"`
	// Douyin: requests without a valid a_bogus, watermarked files served.
	Unsigned    int `json:"unsigned,omitempty"`
	Watermarked int `json:"watermarked,omitempty"`
	// Faults counts the faults injected, by kind.
	Faults map[string]int `json:"faults,omitempty"`
}
