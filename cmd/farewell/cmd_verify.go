package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/rivo/uniseg"
	"github.com/spf13/cobra"
)

// VerifyOptions holds the flags of "farewell verify".
type VerifyOptions struct {
	Quick bool
}

func newVerifyCommand(gopts *GlobalOptions) *cobra.Command {
	var opts VerifyOptions
	cmd := &cobra.Command{
		Use:   "verify BUNDLE [--quick] [--json]",
		Short: helpText(i18n.HelpShort("verify")),
		Long:  helpText(i18n.HelpLong("verify")) + exitStatusHelp(),
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runVerify(cmd.Context(), opts, gopts, a[0])
		},
	}
	cmd.Flags().BoolVar(&opts.Quick, "quick", false, helpText(i18n.HelpFlag("verify", "quick")))
	return cmd
}

func runVerify(ctx context.Context, opts VerifyOptions, gopts *GlobalOptions, bundle string) error {
	defer limitMemory(archiveMemoryLimit)()
	progress, finish := gopts.byteProgress("verifying")
	rep, err := archive.Verify(ctx, bundle, archive.VerifyOptions{Quick: opts.Quick, Progress: progress})
	finish()
	if err != nil {
		return fmt.Errorf("verify %s: %w", bundle, err)
	}
	if gopts.JSON {
		if err := printJSON(gopts.stdout, "verify", rep); err != nil {
			return err
		}
	} else {
		printReport(gopts.stdout, gopts.catalog(), gopts.commandLine("verify"), rep)
	}
	return verdictError(rep)
}

// verdictError turns a report's verdict into the error that carries its
// exit code.
func verdictError(rep *archive.Report) error {
	switch rep.Verdict {
	case archive.VerdictCorrupt:
		return i18n.Fail(archive.ErrCorrupt, i18n.FailDamaged, i18n.Args{"bundle": rep.Bundle, "n": len(rep.Integrity.Problems)})
	case archive.VerdictNotSafe:
		return i18n.Fail(errNotSafe, i18n.FailNotSafe, i18n.Args{"bundle": rep.Bundle, "n": len(rep.Reasons)})
	}
	return nil
}

// printReport writes the human verify report in the catalog's language.
// Every text taken from the bundle goes through termsafe: the report
// must not be rewritable by what it reports on.
func printReport(w io.Writer, tr *i18n.Catalog, command string, rep *archive.Report) {
	esc := termsafe.String
	fmt.Fprintln(w, labelled(tr, i18n.LabelBundle, "%s", esc(filepath.Base(rep.Bundle))))
	if rep.Account != nil {
		name := ""
		if rep.Account.Name != "" {
			name = " (" + esc(rep.Account.Name) + ")"
		}
		fmt.Fprintln(w, labelled(tr, i18n.LabelAccount, "%s %s%s", esc(rep.Platform), esc(rep.Account.ID), name))
	}
	if rep.CreatedAt != nil {
		line := rep.CreatedAt.UTC().Format("2006-01-02 15:04:05 UTC")
		if c := rep.Capture; c != nil {
			line += tr.T(i18n.CapturedWindow, i18n.Args{"from": c.StartedAt.UTC().Format("2006-01-02 15:04"), "to": c.FinishedAt.UTC().Format("2006-01-02 15:04 UTC")})
		}
		fmt.Fprintln(w, labelled(tr, i18n.LabelPacked, "%s", line))
	}
	switch {
	case !rep.Integrity.OK:
		fmt.Fprintln(w, labelled(tr, i18n.LabelIntegrity, "%s", tr.T(i18n.IntegrityDamaged, i18n.Args{"n": len(rep.Integrity.Problems)})))
		for _, p := range rep.Integrity.Problems {
			fmt.Fprintf(w, "  - %s: %s\n", esc(p.Where), esc(p.Detail))
		}
	case rep.Level == "quick":
		fmt.Fprintln(w, labelled(tr, i18n.LabelIntegrity, "%s", tr.T(i18n.IntegrityQuick, i18n.Args{"files": rep.Integrity.Files})))
	default:
		fmt.Fprintln(w, labelled(tr, i18n.LabelIntegrity, "%s", tr.T(i18n.IntegrityFull, i18n.Args{"files": rep.Integrity.Files, "size": exporter.FormatBytes(rep.Integrity.Bytes)})))
	}
	if len(rep.Collections) > 0 {
		fmt.Fprintln(w)
		names := make([]string, len(rep.Collections))
		width := uniseg.StringWidth(tr.T(i18n.ColumnCollection, nil))
		for i, c := range rep.Collections {
			names[i] = collectionName(tr, rep.Platform, c.Name)
			width = max(width, uniseg.StringWidth(names[i]))
		}
		fmt.Fprintf(w, "%s  %s  %s\n", padRight(tr.T(i18n.ColumnCollection, nil), width), padLeft(tr.T(i18n.ColumnExpected, nil), 10), padLeft(tr.T(i18n.ColumnCaptured, nil), 10))
		for i, c := range rep.Collections {
			fmt.Fprintf(w, "%s  %10s  %10d\n", padRight(names[i], width), expectedText(c.Expected), c.Captured)
		}
		for i, c := range rep.Collections {
			switch {
			case !c.Complete:
				fmt.Fprintf(w, "  ! %s: %s\n", names[i], shortfallText(tr, c))
			case c.ServerLimit != nil:
				fmt.Fprintf(w, "  i %s: %s\n", names[i], tr.T(i18n.LimitNote, i18n.Args{"n": c.ServerLimit.Unavailable, "reason": limitText(tr, c.ServerLimit)}))
			}
			for _, g := range c.Gaps {
				fmt.Fprintf(w, "      %s\n", tr.T(i18n.GapLine, i18n.Args{"kind": esc(g.Kind), "ref": esc(g.Ref), "detail": esc(g.Detail)}))
			}
		}
	}
	for _, m := range rep.MissingMedia {
		fmt.Fprintf(w, "  ! %s\n", tr.T(i18n.MediaMissing, i18n.Args{"file": esc(m.File), "record": esc(m.Record), "detail": esc(m.Detail)}))
	}
	for _, u := range rep.Unproven {
		fmt.Fprintf(w, "  ! %s: %s\n", esc(u.Where), esc(u.Detail))
	}
	printReadiness(w, tr, rep.Readiness)
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "  %s\n", tr.T(i18n.Warning, i18n.Args{"text": esc(warn)}))
	}
	fmt.Fprintln(w)
	verdict := func(code i18n.Code, args i18n.Args) {
		fmt.Fprintln(w, labelled(tr, i18n.LabelVerdict, "%s", tr.T(code, args)))
	}
	switch rep.Verdict {
	case archive.VerdictSafe:
		if n := toSettle(rep.Readiness); n > 0 {
			verdict(i18n.VerdictSafeToDo, i18n.Args{"n": n})
		} else {
			verdict(i18n.VerdictSafe, nil)
		}
	case archive.VerdictIntact:
		verdict(i18n.VerdictIntact, nil)
	case archive.VerdictNotSafe:
		verdict(i18n.VerdictNotSafe, nil)
		for _, r := range reasons(tr, rep) {
			fmt.Fprintf(w, "  - %s\n", r)
		}
	case archive.VerdictCorrupt:
		verdict(i18n.VerdictCorrupt, nil)
	}
	if rep.Level == "quick" && rep.Verdict != archive.VerdictCorrupt {
		fmt.Fprintf(w, "%s %s\n", padRight("", 10), tr.T(i18n.VerdictQuickNote, i18n.Args{"command": esc(command)}))
	}
}

// printReadiness writes the checklist before deleting: "ok" done, "!!"
// blocks deletion (money would be lost), "!" to settle, "i" a rule of
// the site to know.
func printReadiness(w io.Writer, tr *i18n.Catalog, items []archive.Readiness) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", tr.T(i18n.ChecklistHeader, nil))
	for _, item := range items {
		mark := "ok"
		switch {
		case item.Info:
			mark = " i"
		case item.OK:
		case item.Blocking:
			mark = "!!"
		default:
			mark = " !"
		}
		fmt.Fprintf(w, "  %s %s: %s\n", mark, checkName(tr, item.Check), readinessText(tr, item))
	}
}
