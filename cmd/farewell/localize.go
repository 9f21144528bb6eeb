package main

import (
	"fmt"
	"strconv"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/rivo/uniseg"
)

// This file puts what a bundle records (collections, checklist items,
// the site's limits, why something is missing) into words in the
// person's language. Values taken from the bundle are escaped
// (termsafe) before they reach a terminal; the catalog's texts are
// farewell's own.

// collectionName is a collection's name on its platform (Douyin's posts
// are works, 作品), or its own name when the catalog has none.
func collectionName(tr *i18n.Catalog, platform, name string) string {
	if code := i18n.CollectionName(platform, name); tr.Has(code) {
		return tr.T(code, nil)
	}
	return termsafe.String(name)
}

// bundleText is an item the bundle names by code and values: in the
// person's language when this farewell knows the code, else the English
// text the bundle carries.
func bundleText(tr *i18n.Catalog, code string, params map[string]string, english string) string {
	if code == "" || !tr.Has(i18n.Code(code)) {
		return termsafe.String(english)
	}
	args := make(i18n.Args, len(params))
	for k, v := range params {
		args[k] = termsafe.String(v)
	}
	return tr.T(i18n.Code(code), args)
}

// checkName is a checklist item's name.
func checkName(tr *i18n.Catalog, check string) string {
	if code := i18n.CheckName(check); tr.Has(code) {
		return tr.T(code, nil)
	}
	return termsafe.String(check)
}

// readinessText is a checklist item's text.
func readinessText(tr *i18n.Catalog, item archive.Readiness) string {
	return bundleText(tr, item.Code, item.Params, item.Detail)
}

// limitText is a server limit's reason.
func limitText(tr *i18n.Catalog, l *archive.ServerLimit) string {
	return bundleText(tr, l.Code, l.Params, l.Reason)
}

// shortfallText is why a collection is incomplete.
func shortfallText(tr *i18n.Catalog, c archive.CollectionReport) string {
	sf := c.Shortfall
	if sf == nil {
		return termsafe.String(c.Reason)
	}
	see := ""
	if sf.See != "" {
		see = tr.T(i18n.ReasonSee, i18n.Args{"dir": termsafe.String(sf.See)})
	}
	switch sf.Kind {
	case archive.ShortFailed:
		if sf.Detail == "" {
			return tr.T(i18n.ReasonFailed, i18n.Args{"detail": "", "see": see})
		}
		return tr.T(i18n.ReasonFailed, i18n.Args{"detail": ": " + termsafe.String(sf.Detail), "see": ""})
	case archive.ShortGaps:
		return tr.T(i18n.ReasonGaps, i18n.Args{"n": sf.Count, "see": see})
	case archive.ShortUnfinished:
		if sf.Stop == "" && sf.Detail == "" {
			return tr.T(i18n.ReasonNeverStart, nil)
		}
		detail := ""
		if sf.Detail != "" {
			detail = ": " + termsafe.String(sf.Detail)
		}
		return tr.T(i18n.ReasonUnfinished, i18n.Args{"stop": termsafe.String(sf.Stop), "detail": detail})
	case archive.ShortLimitUnrecorded:
		return tr.T(i18n.ReasonLimitNoNote, nil)
	case archive.ShortMissing:
		return tr.T(i18n.ReasonMissing, i18n.Args{"missing": sf.Count, "expected": sf.Expected, "see": see})
	}
	return termsafe.String(c.Reason)
}

// reasons is why the verdict is not safe, in the order verify gives them
// (archive.Report.Reasons): incomplete collections, missing media, what
// screenshots do not prove, blocking checklist items.
func reasons(tr *i18n.Catalog, rep *archive.Report) []string {
	esc := termsafe.String
	var out []string
	if !rep.Integrity.OK {
		out = append(out, tr.T(i18n.ReasonIntegrity, i18n.Args{"n": len(rep.Integrity.Problems)}))
	}
	for _, c := range rep.Collections {
		if !c.Complete {
			out = append(out, collectionName(tr, rep.Platform, c.Name)+": "+shortfallText(tr, c))
		}
	}
	for _, m := range rep.MissingMedia {
		out = append(out, tr.T(i18n.ReasonMedia, i18n.Args{"file": esc(m.File), "record": esc(m.Record), "detail": esc(m.Detail)}))
	}
	for _, u := range rep.Unproven {
		out = append(out, esc(u.Where)+": "+esc(u.Detail))
	}
	for _, item := range rep.Readiness {
		if !item.OK && item.Blocking {
			out = append(out, tr.T(i18n.ReasonBeforeDel, i18n.Args{"check": checkName(tr, item.Check), "detail": readinessText(tr, item)}))
		}
	}
	if rep.Platform != archive.PlatformDir && len(rep.Collections) == 0 && rep.Integrity.OK {
		out = append(out, tr.T(i18n.ReasonNoColls, nil))
	}
	return out
}

// toSettle counts the checklist items left to settle (neither done nor a
// rule to know).
func toSettle(items []archive.Readiness) int {
	n := 0
	for _, item := range items {
		if !item.OK && !item.Info {
			n++
		}
	}
	return n
}

// padRight pads s with spaces to width terminal columns (a Chinese
// character takes two).
func padRight(s string, width int) string {
	for w := uniseg.StringWidth(s); w < width; w++ {
		s += " "
	}
	return s
}

// padLeft right-aligns s in width terminal columns.
func padLeft(s string, width int) string {
	for w := uniseg.StringWidth(s); w < width; w++ {
		s = " " + s
	}
	return s
}

// labelled is one "label      value" line of a report, the value starting
// at column 11 in every language.
func labelled(tr *i18n.Catalog, label i18n.Code, format string, a ...any) string {
	return padRight(tr.T(label, nil), 10) + " " + fmt.Sprintf(format, a...)
}

// expectedText is a collection's expected count, "?" when the site gives
// none.
func expectedText(e *int64) string {
	if e == nil {
		return "?"
	}
	return strconv.FormatInt(*e, 10)
}
