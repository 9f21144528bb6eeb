package main

import (
	"strings"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// didYouMean is "; did you mean `X`?" for the option closest to a
// mistyped word, or nothing when none is close: at most a third of the
// word's letters off (at least one, at most three), or the word being the
// start of exactly one option. prefix is put before the option ("--").
func didYouMean(word string, options []string, prefix string) i18n.Msg {
	if s := closest(word, options); s != "" {
		return i18n.Msg{Code: i18n.DidYouMean, Args: i18n.Args{"word": prefix + s}}
	}
	return i18n.PlainText("")
}

// closest returns the option nearest to word in edit distance, or "" when
// none is near enough (see didYouMean).
func closest(word string, options []string) string {
	w := strings.ToLower(word)
	if w == "" {
		return ""
	}
	limit := min(max(len([]rune(w))/3, 1), 3)
	best, bestD := "", limit+1
	var prefixed []string
	for _, o := range options {
		if d := editDistance(w, strings.ToLower(o)); d < bestD {
			best, bestD = o, d
		}
		if strings.HasPrefix(strings.ToLower(o), w) {
			prefixed = append(prefixed, o)
		}
	}
	if best == "" && len(prefixed) == 1 {
		return prefixed[0]
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, counted in runes,
// with a swap of two neighbours counting one (so "verfiy" is one from
// "verify").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] is the distance of ra[:i] and rb[:j].
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
