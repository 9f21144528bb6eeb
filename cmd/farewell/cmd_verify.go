package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter/termsafe"
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
		Short: "Check that a bundle is whole and complete: safe to delete, or what is missing",
		Long: `Verify checks a bundle before you delete your account.

Integrity: by default every byte is decompressed and re-hashed against the
manifest, every zstd frame checksum is checked, every JSON file is parsed and
every media file a record refers to must be present. --quick checks only the
trailer, the manifest's own hash, and the names and sizes of all members.

Completeness: each collection's captured count is compared with the site's own
counter. Items the site itself would not serve (a "server limit") are shown,
not counted as missing; any other gap means "not safe to delete". Direct
messages must each appear on a screenshot of their conversation, and the
screenshots must reach the conversation's beginning.

Before you delete: the manifest's checklist (money left in a wallet, for
instance) is shown, and an unsettled item also means "not safe to delete".

EXAMPLES
  farewell verify farewell-weibo-1234567890-20261123T020000Z.tar.zst
  farewell verify --quick --json backup.tar.zst` + exitStatusHelp,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runVerify(cmd.Context(), opts, gopts, a[0])
		},
	}
	cmd.Flags().BoolVar(&opts.Quick, "quick", false, "check structure, names and sizes only; read no member data")
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
		printReport(gopts.stdout, rep)
	}
	return verdictError(rep)
}

// verdictError turns a report's verdict into the error that carries its
// exit code.
func verdictError(rep *archive.Report) error {
	switch rep.Verdict {
	case archive.VerdictCorrupt:
		return fmt.Errorf("%s: %d integrity problem(s): %w", rep.Bundle, len(rep.Integrity.Problems), archive.ErrCorrupt)
	case archive.VerdictNotSafe:
		return fmt.Errorf("%s: %w: %d reason(s) above", rep.Bundle, errNotSafe, len(rep.Reasons))
	}
	return nil
}

// printReport writes the human verify report. Every text taken from the
// bundle goes through termsafe: the report must not be rewritable by
// what it reports on.
func printReport(w io.Writer, rep *archive.Report) {
	esc := termsafe.String
	fmt.Fprintf(w, "bundle     %s\n", esc(filepath.Base(rep.Bundle)))
	if rep.Account != nil {
		name := ""
		if rep.Account.Name != "" {
			name = " (" + esc(rep.Account.Name) + ")"
		}
		fmt.Fprintf(w, "account    %s %s%s\n", esc(rep.Platform), esc(rep.Account.ID), name)
	}
	if rep.CreatedAt != nil {
		line := rep.CreatedAt.UTC().Format("2006-01-02 15:04:05 UTC")
		if c := rep.Capture; c != nil {
			line += fmt.Sprintf("; captured %s to %s", c.StartedAt.UTC().Format("2006-01-02 15:04"), c.FinishedAt.UTC().Format("2006-01-02 15:04 UTC"))
		}
		fmt.Fprintf(w, "packed     %s\n", line)
	}
	switch {
	case !rep.Integrity.OK:
		fmt.Fprintf(w, "integrity  DAMAGED: %d problem(s)\n", len(rep.Integrity.Problems))
		for _, p := range rep.Integrity.Problems {
			fmt.Fprintf(w, "  - %s: %s\n", esc(p.Where), esc(p.Detail))
		}
	case rep.Level == "quick":
		fmt.Fprintf(w, "integrity  ok (quick: structure, names and sizes of %d files; run without --quick to re-hash every byte)\n", rep.Integrity.Files)
	default:
		fmt.Fprintf(w, "integrity  ok: %d files, %s, every byte re-hashed\n", rep.Integrity.Files, humanBytes(rep.Integrity.Bytes))
	}
	if len(rep.Collections) > 0 {
		fmt.Fprintln(w)
		width := len("collection")
		for _, c := range rep.Collections {
			width = max(width, len(esc(c.Name)))
		}
		fmt.Fprintf(w, "%-*s  %10s  %10s\n", width, "collection", "expected", "captured")
		for _, c := range rep.Collections {
			exp := "?"
			if c.Expected != nil {
				exp = strconv.FormatInt(*c.Expected, 10)
			}
			fmt.Fprintf(w, "%-*s  %10s  %10d\n", width, esc(c.Name), exp, c.Captured)
		}
		for _, c := range rep.Collections {
			switch {
			case !c.Complete:
				fmt.Fprintf(w, "  ! %s: %s\n", esc(c.Name), esc(c.Reason))
			case c.ServerLimit != nil:
				fmt.Fprintf(w, "  i %s: the site would not serve %d item(s): %s\n", esc(c.Name), c.ServerLimit.Unavailable, esc(c.ServerLimit.Reason))
			}
			for _, g := range c.Gaps {
				fmt.Fprintf(w, "      gap %s %s: %s\n", esc(g.Kind), esc(g.Ref), esc(g.Detail))
			}
		}
	}
	for _, m := range rep.MissingMedia {
		fmt.Fprintf(w, "  ! media %s (from %s): %s\n", esc(m.File), esc(m.Record), esc(m.Detail))
	}
	for _, u := range rep.Unproven {
		fmt.Fprintf(w, "  ! %s: %s\n", esc(u.Where), esc(u.Detail))
	}
	printReadiness(w, rep.Readiness)
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", esc(warn))
	}
	fmt.Fprintln(w)
	switch rep.Verdict {
	case archive.VerdictSafe:
		fmt.Fprintln(w, "verdict    SAFE TO DELETE: the bundle is whole and every collection is complete")
	case archive.VerdictIntact:
		fmt.Fprintln(w, "verdict    INTACT: every byte checks out (a plain folder: no completeness to check)")
	case archive.VerdictNotSafe:
		fmt.Fprintln(w, "verdict    NOT SAFE TO DELETE: the bundle is whole but incomplete:")
		for _, r := range rep.Reasons {
			fmt.Fprintf(w, "  - %s\n", esc(r))
		}
	case archive.VerdictCorrupt:
		fmt.Fprintln(w, "verdict    CORRUPT: do not rely on this bundle; make a new backup or use another copy")
	}
	if rep.Level == "quick" && rep.Verdict != archive.VerdictCorrupt {
		fmt.Fprintln(w, "           (quick check: run \"farewell verify\" without --quick before deleting anything)")
	}
}

// printReadiness writes the checklist before deleting: "ok" done, "!!"
// blocks deletion (money would be lost), "!" to settle, "i" a rule of
// the site to know.
func printReadiness(w io.Writer, items []archive.Readiness) {
	esc := termsafe.String
	if len(items) == 0 {
		return
	}
	fmt.Fprintln(w, "\nbefore you delete (!! blocks deletion, ! to settle, i to know)")
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
		fmt.Fprintf(w, "  %s %s: %s\n", mark, esc(item.Check), esc(item.Detail))
	}
}
