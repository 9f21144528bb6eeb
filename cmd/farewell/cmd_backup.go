package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/farewell-app/farewell/profiles"
	"github.com/rivo/uniseg"
	"github.com/spf13/cobra"
)

// BackupOptions holds the flags of "farewell backup".
type BackupOptions struct {
	Only    []string
	Out     string
	Home    string
	Account string
	Visible bool
	Full    bool
}

func newBackupCommand(gopts *GlobalOptions) *cobra.Command {
	var opts BackupOptions
	cmd := &cobra.Command{
		Use:         "backup weibo|douyin [--only posts,...] [--out DIR]",
		Short:       helpText(i18n.HelpShort("backup")),
		Long:        helpText(i18n.HelpLong("backup")) + onlyHelp(),
		Args:        exactArgs(1),
		Annotations: map[string]string{interruptedNote: string(i18n.ResumeNote)},
		RunE: func(cmd *cobra.Command, a []string) error {
			return runBackup(cmd.Context(), opts, gopts, a[0])
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.Only, "only", nil, helpText(i18n.HelpFlag("backup", "only")))
	f.StringVar(&opts.Out, "out", ".", helpText(i18n.HelpFlag("", "out")))
	f.StringVar(&opts.Home, "home", "", helpText(i18n.HelpFlag("", "home")))
	f.StringVar(&opts.Account, "account", "", helpText(i18n.HelpFlag("backup", "account")))
	f.BoolVar(&opts.Visible, "visible", false, helpText(i18n.HelpFlag("", "visible")))
	f.BoolVar(&opts.Full, "full", false, helpText(i18n.HelpFlag("", "full")))
	return cmd
}

func runBackup(ctx context.Context, opts BackupOptions, gopts *GlobalOptions, platform string) error {
	p, home, err := profileAndHome(platform, opts.Home)
	if err != nil {
		return err
	}
	only, err := checkOnly(p, opts.Only)
	if err != nil {
		return err
	}
	st, err := currentStore(home, platform, opts.Account)
	if err != nil {
		return err
	}
	if err := outFolder(opts.Out); err != nil {
		return err
	}
	res, err := backupStore(ctx, runConfig{home: home, visible: opts.Visible, full: opts.Full}, gopts, p, st, only, opts.Out)
	if err != nil {
		return err
	}
	if gopts.JSON {
		if err := printJSON(gopts.stdout, "summary", summaryOf(res, nil)); err != nil {
			return err
		}
	} else {
		printSummary(gopts.stdout, res, gopts)
	}
	return verdictError(res.report)
}

// summary is the final JSON object of backup and demo.
type summary struct {
	Bundle          string                     `json:"bundle"`
	Verdict         string                     `json:"verdict"`
	Collections     map[string]collectionCount `json:"collections"`
	DownloadedBytes int64                      `json:"downloaded_bytes"`
	DownloadedFiles int64                      `json:"downloaded_files"`
	Reasons         []string                   `json:"reasons,omitempty"`
	Replica         *profiles.ReplicaStats     `json:"replica,omitempty"`
	// Timings and the process's own peak memory (the browser's processes
	// are not counted).
	Seconds        float64 `json:"seconds,omitempty"`
	CaptureSeconds float64 `json:"capture_seconds,omitempty"`
	PeakRSSBytes   int64   `json:"peak_rss_bytes,omitempty"`
}

type collectionCount struct {
	Expected    *int64 `json:"expected"`
	Captured    int64  `json:"captured"`
	ServerLimit *int64 `json:"server_limit,omitempty"`
}

func summaryOf(res *backupResult, rep *profiles.ReplicaStats) summary {
	s := summary{Bundle: res.bundle, Verdict: res.report.Verdict, Collections: map[string]collectionCount{},
		DownloadedBytes: res.media.Bytes, DownloadedFiles: res.media.Fetched, Reasons: res.report.Reasons, Replica: rep}
	if s.Verdict != archive.VerdictSafe {
		s.Verdict = archive.VerdictNotSafe
		if res.report.Verdict == archive.VerdictCorrupt {
			s.Verdict = archive.VerdictCorrupt
		}
	}
	for _, c := range res.report.Collections {
		cc := collectionCount{Expected: c.Expected, Captured: c.Captured}
		if c.ServerLimit != nil {
			u := c.ServerLimit.Unavailable
			cc.ServerLimit = &u
		}
		s.Collections[c.Name] = cc
	}
	return s
}

// printSummary writes the end-of-run table in the person's language.
func printSummary(w io.Writer, res *backupResult, gopts *GlobalOptions) {
	esc := termsafe.String
	tr := gopts.catalog()
	rep := res.report
	names := make([]string, len(rep.Collections))
	width := uniseg.StringWidth(tr.T(i18n.ColumnCollection, nil))
	for i, c := range rep.Collections {
		names[i] = collectionName(tr, rep.Platform, c.Name)
		width = max(width, uniseg.StringWidth(names[i]))
	}
	fmt.Fprintf(w, "\n%s %s %s  %s\n", padRight(tr.T(i18n.ColumnCollection, nil), width),
		padLeft(tr.T(i18n.ColumnExpected, nil), 9), padLeft(tr.T(i18n.ColumnCaptured, nil), 9), tr.T(i18n.ColumnStatus, nil))
	for i, c := range rep.Collections {
		status := tr.T(i18n.StatusComplete, nil)
		switch {
		case !c.Complete:
			status = tr.T(i18n.StatusIncomplete, i18n.Args{"reason": shortfallText(tr, c)})
		case c.ServerLimit != nil:
			status = tr.T(i18n.StatusWithheld, i18n.Args{"n": c.ServerLimit.Unavailable, "reason": limitText(tr, c.ServerLimit)})
		}
		fmt.Fprintf(w, "%s %9s %9d  %s\n", padRight(names[i], width), expectedText(c.Expected), c.Captured, status)
	}
	fmt.Fprintf(w, "\n%s\n", labelled(tr, i18n.LabelMedia, "%s", tr.T(i18n.MediaDownloaded, i18n.Args{"n": res.media.Fetched, "size": exporter.FormatBytes(res.media.Bytes)})))
	fmt.Fprintln(w, labelled(tr, i18n.LabelBundle, "%s", esc(res.bundle)))
	switch {
	case rep.Verdict == archive.VerdictSafe && toSettle(rep.Readiness) > 0:
		fmt.Fprintln(w, labelled(tr, i18n.LabelVerdict, "%s", tr.T(i18n.VerdictSafeToDo, i18n.Args{"n": toSettle(rep.Readiness)})))
	case rep.Verdict == archive.VerdictSafe:
		fmt.Fprintln(w, labelled(tr, i18n.LabelVerdict, "%s", tr.T(i18n.VerdictSafe, nil)))
	default:
		fmt.Fprintln(w, labelled(tr, i18n.LabelVerdict, "%s %s", tr.T(i18n.VerdictNotSafe, nil), strings.Join(reasons(tr, rep), "; ")))
	}
	fmt.Fprintln(w, labelled(tr, i18n.LabelCheckIt, "%s", esc(gopts.commandLine("verify", absPath(res.bundle)))))
	printReadiness(w, tr, rep.Readiness)
}
