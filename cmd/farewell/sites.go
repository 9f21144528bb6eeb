package main

import (
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

// startSite starts the replica of a platform.
func startSite(platform string, o siteOptions) (profiles.Replica, error) {
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
	r, err := s.Replica(profiles.ReplicaConfig{Seed: o.Seed, Size: o.Size, Conversations: o.Conversations, Rate: o.Rate, Addr: o.Addr, Faults: fl,
		Drift: o.Drift, Variants: vs})
	if err != nil && strings.Contains(err.Error(), "fault ") {
		return nil, usageErrorf("--faults: %v", err)
	}
	return r, err
}
