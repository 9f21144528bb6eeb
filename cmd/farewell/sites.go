package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

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
// error naming the sites, and the one meant if it is near, if there is
// none).
func lookupSite(platform string) (profiles.Site, error) {
	s, err := all.Get(platform)
	if err != nil {
		return profiles.Site{}, usageErrorf("unknown site %q%s (farewell backs up %s)", platform, didYouMean(platform, all.Names()),
			strings.Join(all.Names(), " and "))
	}
	return s, nil
}

// unknownCommand is the usage error of a command line whose first word is
// no command: it names the command meant when one is near, and for a
// site's name the backup of that site.
func unknownCommand(root *cobra.Command, word string) error {
	if _, err := all.Get(word); err == nil {
		return usageErrorf("unknown command %q; did you mean `farewell backup %s`?", word, word)
	}
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return usageErrorf("unknown command %q%s (see farewell --help)", word, didYouMean(word, names))
}

// flagSuggestion is "; did you mean `--X`?" for an unknown flag near one
// of the command's, or "".
func flagSuggestion(cmd *cobra.Command, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if s := closest(name, names); s != "" {
		return fmt.Sprintf("; did you mean `--%s`?", s)
	}
	return ""
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
			return nil, usageErrorf("--only: %s has no collection %q%s (it has %s)", p.Name(), o, didYouMean(o, valid), strings.Join(valid, ", "))
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
