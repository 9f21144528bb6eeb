package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/spf13/cobra"

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
		return usage(nil, i18n.UsageSize, i18n.Args{"value": o.Size, "max": maxSize})
	}
	if changed("conversations") && (o.Conversations < 1 || o.Conversations > maxConversations) {
		return usage(nil, i18n.UsageConversations, i18n.Args{"value": o.Conversations, "max": maxConversations})
	}
	if changed("rate") && (math.IsNaN(o.Rate) || o.Rate < 0 || (o.Rate == 0 && !zeroRate) || o.Rate > maxRate) {
		code := i18n.UsageRate
		if zeroRate {
			code = i18n.UsageRateOrZero
		}
		return usage(nil, code, i18n.Args{"value": strconv.FormatFloat(o.Rate, 'g', -1, 64), "max": maxRate})
	}
	return nil
}

// siteNames is "weibo|douyin", for usage lines.
func siteNames() string { return strings.Join(all.Names(), "|") }

// lookupSite returns the registered site of a platform name (a usage
// error naming the sites, and the one meant if it is near, if there is
// none).
func lookupSite(platform string) (profiles.Site, error) {
	s, err := all.Get(platform)
	if err != nil {
		return profiles.Site{}, usage(nil, i18n.UsageUnknownSite, i18n.Args{"site": platform, "suggest": didYouMean(platform, all.Names(), ""),
			"sites": sitesAnd(all.Names())})
	}
	return s, nil
}

// unknownCommand is the usage error of a command line whose first word is
// no command: it names the command meant when one is near, and for a
// site's name the backup of that site.
func unknownCommand(root *cobra.Command, word string) error {
	if _, err := all.Get(word); err == nil {
		return usage(nil, i18n.UsageSiteAsCommand, i18n.Args{"word": word})
	}
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return usage(nil, i18n.UsageUnknownCommand, i18n.Args{"word": word, "suggest": didYouMean(word, names, "")})
}

// sitesAnd is "weibo and douyin" in the reader's language.
func sitesAnd(names []string) i18n.Msg {
	if len(names) < 2 {
		return i18n.PlainText(strings.Join(names, ""))
	}
	last := len(names) - 1
	return i18n.Msg{Code: i18n.SitesAnd, Args: i18n.Args{"first": strings.Join(names[:last], ", "), "last": names[last]}}
}

// checkOnly checks the collections --only names against a site's before
// anything starts: a usage error names the first unknown one, the one
// meant if it is near, and every collection of the site.
func checkOnly(p profiles.Profile, only []string) ([]exporter.Collection, error) {
	valid := collectionNames(p)
	var out []exporter.Collection
	for _, o := range only {
		o = strings.TrimSpace(o)
		if !slices.Contains(valid, o) {
			return nil, usage(nil, i18n.UsageNoCollection, i18n.Args{"site": p.Name(), "name": o, "suggest": didYouMean(o, valid, ""),
				"valid": strings.Join(valid, ", ")})
		}
		out = append(out, exporter.Collection(o))
	}
	return out, nil
}

// collectionNames lists a site's collections in its order.
func collectionNames(p profiles.Profile) []string {
	var names []string
	for _, c := range p.Collections() {
		names = append(names, string(c))
	}
	return names
}

// onlyHelp is the part of a command's help that lists what --only takes
// for each site.
func onlyHelp() string {
	var b strings.Builder
	b.WriteString("\n\n" + helpText(i18n.HelpCollectionsFor))
	for _, s := range all.Sites() {
		fmt.Fprintf(&b, "\n  %-7s %s", s.Name, strings.Join(collectionNames(s.New()), ", "))
	}
	return b.String()
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
		return nil, usage(err, i18n.UsageOption, i18n.Args{"option": "--faults"})
	}
	vs, err := s.ParseVariants(o.Variants)
	if err != nil {
		return nil, usage(err, i18n.UsageOption, i18n.Args{"option": "--variant"})
	}
	r, err := s.Replica(ctx, profiles.ReplicaConfig{Seed: o.Seed, Size: o.Size, Conversations: o.Conversations, Rate: o.Rate, Addr: o.Addr, Faults: fl,
		Drift: o.Drift, Variants: vs})
	if err != nil && strings.Contains(err.Error(), "fault ") {
		return nil, usage(err, i18n.UsageOption, i18n.Args{"option": "--faults"})
	}
	return r, err
}
