package main

import (
	"context"
	"math"
	"strings"

	"github.com/farewell-app/farewell/profiles"
	"github.com/farewell-app/farewell/profiles/all"
	"github.com/farewell-app/farewell/profiles/faults"
)

// siteOptions size and shape a replica (demo, replica).
type siteOptions struct {
	Size          int
	Conversations int // douyin
	Seed          uint64
	Rate          float64
	Addr          string
	Faults        string // the --faults list
	Drift         uint64 // the --drift seed
	Variants      string // the --variant list
}

// The bounds of a generated account (demo, replica). make bench backs up
// a 2,000-post Weibo account, in about a quarter of an hour at the
// replica's pace; a bigger one only makes the demo longer, and the
// account is generated in memory before the first request is served.
// Douyin's accounts have up to 100 DM conversations (make bench: 50).
const (
	maxSize          = 2000
	maxConversations = 100
	maxRate          = 1000 // API requests a second
)

// checkSiteFlags checks the numeric flags of demo and replica that the
// command line set (changed says which did): a value out of range is a
// usage error naming the range. zeroRate says whether --rate 0 (no
// limit) is allowed.
func checkSiteFlags(changed func(flag string) bool, o siteOptions, zeroRate bool) error {
	if changed("size") && (o.Size < 1 || o.Size > maxSize) {
		return usageErrorf("--size %d: the generated account has 1 to %d posts (works)", o.Size, maxSize)
	}
	if changed("conversations") && (o.Conversations < 1 || o.Conversations > maxConversations) {
		return usageErrorf("--conversations %d: the generated account has 1 to %d conversations", o.Conversations, maxConversations)
	}
	low := "more than 0"
	if zeroRate {
		low = "0 (no limit)"
	}
	if changed("rate") && (math.IsNaN(o.Rate) || o.Rate < 0 || (o.Rate == 0 && !zeroRate) || o.Rate > maxRate) {
		return usageErrorf("--rate %g: the replica allows %s to %d API requests a second", o.Rate, low, maxRate)
	}
	return nil
}

// siteNames is "weibo|douyin", for usage lines.
func siteNames() string { return strings.Join(all.Names(), "|") }

// lookupSite returns the registered site of a platform name (a usage
// error if there is none).
func lookupSite(platform string) (profiles.Site, error) {
	s, err := all.Get(platform)
	if err != nil {
		return profiles.Site{}, usageErrorf("%v", err)
	}
	return s, nil
}

// startSite starts the replica of a platform; generating its account
// stops when ctx ends.
func startSite(ctx context.Context, platform string, o siteOptions) (profiles.Replica, error) {
	s, err := lookupSite(platform)
	if err != nil {
		return nil, err
	}
	fl, err := faults.Parse(o.Faults)
	if err != nil {
		return nil, usageErrorf("--faults: %v", err)
	}
	vs, err := s.ParseVariants(o.Variants)
	if err != nil {
		return nil, usageErrorf("--variant: %v", err)
	}
	r, err := s.Replica(ctx, profiles.ReplicaConfig{Seed: o.Seed, Size: o.Size, Conversations: o.Conversations, Rate: o.Rate, Addr: o.Addr, Faults: fl,
		Drift: o.Drift, Variants: vs})
	if err != nil && strings.Contains(err.Error(), "fault ") {
		return nil, usageErrorf("--faults: %v", err)
	}
	return r, err
}
