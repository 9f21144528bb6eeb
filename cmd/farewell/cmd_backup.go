package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/farewell-app/farewell/profiles"
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
		Use:   "backup weibo|douyin [--only posts,...] [--out DIR]",
		Short: "Back up every collection of your account, then pack and verify a bundle",
		Long: `Backup captures every collection of the logged-in account (or those --only
names) in farewell's browser, downloads the media, derives the records, packs a
dated bundle into --out and verifies it.

It is polite to the site and patient: when the site asks it to slow down it
waits (minutes, with a countdown) and tries again. Interrupted (Ctrl-C, a
crash, a lost session), it keeps everything it has; run it again and it
continues where it stopped, without downloading finished media again.

After a complete backup, the next one looks only for what changed: each list
up to its first page with nothing new, the comments of posts whose comment
count changed, the conversations with new messages; media already kept is
never fetched again. --full walks every list whole again.

EXAMPLES
  farewell backup weibo
  farewell backup weibo --only posts,comments --out ~/backups` + onlyHelp(),
		Args:        args(cobra.ExactArgs(1)),
		Annotations: map[string]string{interruptedNote: resumeNote},
		RunE: func(cmd *cobra.Command, a []string) error {
			return runBackup(cmd.Context(), opts, gopts, a[0])
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.Only, "only", nil, "capture only these collections (comma-separated; listed below)")
	f.StringVar(&opts.Out, "out", ".", "folder to write the bundle to")
	f.StringVar(&opts.Home, "home", "", "farewell's data folder (default $FAREWELL_HOME or ~/.local/share/farewell)")
	f.StringVar(&opts.Account, "account", "", "the account id to back up (default: the last one logged in)")
	f.BoolVar(&opts.Visible, "visible", false, "show the browser window while it works")
	f.BoolVar(&opts.Full, "full", false, "walk every list whole again, even after a complete backup")
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

// printSummary writes the end-of-run table.
func printSummary(w io.Writer, res *backupResult, gopts *GlobalOptions) {
	esc := termsafe.String
	rep := res.report
	width := len("collection")
	for _, c := range rep.Collections {
		width = max(width, len(esc(c.Name)))
	}
	fmt.Fprintf(w, "\n%-*s %9s %9s  %s\n", width, "collection", "expected", "captured", "status")
	for _, c := range rep.Collections {
		exp := "?"
		if c.Expected != nil {
			exp = strconv.FormatInt(*c.Expected, 10)
		}
		status := "complete"
		switch {
		case !c.Complete:
			status = "INCOMPLETE: " + esc(c.Reason)
		case c.ServerLimit != nil:
			status = fmt.Sprintf("complete; the site withholds %d (%s)", c.ServerLimit.Unavailable, esc(c.ServerLimit.Reason))
		}
		fmt.Fprintf(w, "%-*s %9s %9d  %s\n", width, esc(c.Name), exp, c.Captured, status)
	}
	fmt.Fprintf(w, "\nmedia      %d files downloaded this run (%s)\n", res.media.Fetched, humanBytes(res.media.Bytes))
	fmt.Fprintf(w, "bundle     %s\n", esc(res.bundle))
	switch rep.Verdict {
	case archive.VerdictSafe:
		fmt.Fprintln(w, "verdict    SAFE TO DELETE: the bundle is whole and complete")
	default:
		fmt.Fprintf(w, "verdict    NOT SAFE TO DELETE: %s\n", strings.Join(termsafe.Strings(rep.Reasons), "; "))
	}
	fmt.Fprintf(w, "check it   %s\n", esc(gopts.commandLine("verify", absPath(res.bundle))))
	printReadiness(w, rep.Readiness)
}
