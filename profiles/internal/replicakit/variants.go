package replicakit

import (
	"fmt"
	"slices"
	"strings"
)

// Variant is a behaviour the real site shows to some visitors (an A/B
// test) or that public sources disagree on. A replica's default is the
// behaviour the 2026 record describes; a variant shows an alternative
// when asked, so that the profile is tried on each.
type Variant struct {
	Name   string
	About  string
	Source string
}

// Variants is a replica's list of variants.
type Variants []Variant

// Names are the variants' names.
func (vs Variants) Names() []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Name
	}
	return out
}

// Check refuses a name that is not one of the variants.
func (vs Variants) Check(names []string) error {
	known := vs.Names()
	for _, n := range names {
		if !slices.Contains(known, n) {
			return fmt.Errorf("no variant %q (the variants: %s)", n, strings.Join(known, ", "))
		}
	}
	return nil
}
