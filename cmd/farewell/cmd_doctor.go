package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/farewell-app/farewell/profiles"
	"github.com/rivo/uniseg"
	"github.com/spf13/cobra"
)

// DoctorOptions holds the flags of "farewell doctor".
type DoctorOptions struct {
	Out     string
	Home    string
	Account string
	Visible bool
}

// errProbesFailed: a probe found collections that do not work (exit 3).
var errProbesFailed = errors.New("some collections do not work")

func newDoctorCommand(gopts *GlobalOptions) *cobra.Command {
	var opts DoctorOptions
	cmd := &cobra.Command{
		Use:   "doctor " + siteNames() + " [--out DIR]",
		Short: helpText(i18n.HelpShort("doctor")),
		Long:  helpText(i18n.HelpLong("doctor")),
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runDoctor(cmd.Context(), opts, gopts, a[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", ".", helpText(i18n.HelpFlag("doctor", "out")))
	f.StringVar(&opts.Home, "home", "", helpText(i18n.HelpFlag("", "home")))
	f.StringVar(&opts.Account, "account", "", helpText(i18n.HelpFlag("doctor", "account")))
	f.BoolVar(&opts.Visible, "visible", false, helpText(i18n.HelpFlag("", "visible")))
	return cmd
}

func runDoctor(ctx context.Context, opts DoctorOptions, gopts *GlobalOptions, platform string) error {
	p, home, err := profileAndHome(platform, opts.Home)
	if err != nil {
		return err
	}
	st, err := currentStore(home, platform, opts.Account)
	if err != nil {
		return err
	}
	return doctorStore(ctx, runConfig{home: home, visible: opts.Visible}, gopts, p, st, opts.Out)
}

// doctorStore probes a store's account, prints the table (or a JSON line
// per collection) and writes the report.
func doctorStore(ctx context.Context, rc runConfig, gopts *GlobalOptions, p profiles.Profile, st *exporter.Store, out string) error {
	start := time.Now()
	probes, dir, err := profiles.Doctor(ctx, p, st, rc.session(st, gopts, p))
	if errors.Is(err, exporter.ErrNotLoggedIn) {
		return notLoggedIn(p.Name(), err)
	}
	if err != nil {
		return err
	}
	report, err := writeDoctorReport(out, p.Name(), st.Info.Account, probes, dir, time.Since(start))
	if err != nil {
		return err
	}
	ok := len(probes) == len(p.Collections())
	for _, pr := range probes {
		ok = ok && pr.OK
	}
	if gopts.JSON {
		for _, pr := range probes {
			if err := printJSON(gopts.stdout, "probe", probeLine(pr, dir)); err != nil {
				return err
			}
		}
		if err := printJSON(gopts.stdout, "doctor", struct {
			OK      bool    `json:"ok"`
			Report  string  `json:"report"`
			Seconds float64 `json:"seconds"`
		}{ok, report, time.Since(start).Seconds()}); err != nil {
			return err
		}
	} else {
		tr := gopts.catalog()
		printProbes(gopts.stdout, tr, p.Name(), probes, dir)
		fmt.Fprintf(gopts.stdout, "\n%s\n", labelled(tr, i18n.DoctorReport, "%s", tr.T(i18n.DoctorReportFile, i18n.Args{"file": termsafe.String(report)})))
	}
	if !ok {
		return i18n.Fail(errProbesFailed, i18n.FailDoctor, i18n.Args{"site": p.Name()})
	}
	return nil
}

// probeJSON is one collection's line of doctor --json.
type probeJSON struct {
	exporter.Probe
	// Diagnostics is the folder on disk of a failing probe's diagnostics.
	Diagnostics string `json:"diagnostics,omitempty"`
}

func probeLine(pr exporter.Probe, dir string) probeJSON {
	out := probeJSON{Probe: pr}
	if pr.Diagnostics != "" {
		out.Diagnostics = filepath.Join(dir, filepath.FromSlash(pr.Diagnostics))
	}
	return out
}

// printProbes writes the doctor's table in the person's language, each
// collection by its name on the platform; why a probe failed is the
// error as it came.
func printProbes(w io.Writer, tr *i18n.Catalog, platform string, probes []exporter.Probe, dir string) {
	head := []string{tr.T(i18n.DoctorCollection, nil), tr.T(i18n.DoctorWorks, nil), tr.T(i18n.DoctorItems, nil), tr.T(i18n.DoctorExpected, nil), tr.T(i18n.DoctorWhy, nil)}
	yes, no := tr.T(i18n.DoctorYes, nil), tr.T(i18n.DoctorNo, nil)
	width, wide := uniseg.StringWidth(head[0]), max(uniseg.StringWidth(head[1]), uniseg.StringWidth(yes), uniseg.StringWidth(no))
	for _, pr := range probes {
		width = max(width, uniseg.StringWidth(collectionName(tr, platform, string(pr.Collection))))
	}
	fmt.Fprintf(w, "%s %s %s %s  %s\n", padRight(head[0], width), padRight(head[1], wide), padLeft(head[2], 6), padLeft(head[3], 9), head[4])
	for _, pr := range probes {
		works, exp := yes, "?"
		if !pr.OK {
			works = no
		}
		if pr.Expected != nil {
			exp = strconv.FormatInt(*pr.Expected, 10)
		}
		why := termsafe.String(pr.Why)
		if pr.Diagnostics != "" {
			why += tr.T(i18n.DoctorDiagnostics, i18n.Args{"dir": termsafe.String(filepath.Join(dir, filepath.FromSlash(pr.Diagnostics)))})
		}
		fmt.Fprintf(w, "%s %s %s %s  %s\n", padRight(collectionName(tr, platform, string(pr.Collection)), width), padRight(works, wide),
			padLeft(strconv.Itoa(pr.Items), 6), padLeft(exp, 9), why)
	}
}

// doctorReport is the file doctor writes: what a bug report needs, and
// nothing that identifies the person or opens their session.
type doctorReport struct {
	Tool    string        `json:"tool"`
	Site    string        `json:"site"`
	Time    time.Time     `json:"time"`
	System  string        `json:"system"`
	Seconds float64       `json:"seconds"`
	Probes  []reportProbe `json:"probes"`
}

type reportProbe struct {
	Collection  exporter.Collection      `json:"collection"`
	OK          bool                     `json:"ok"`
	Items       int                      `json:"items"`
	Expected    *int64                   `json:"expected,omitempty"`
	Why         string                   `json:"why,omitempty"`
	Seconds     float64                  `json:"seconds"`
	Page        *exporter.DiagnosticPage `json:"page,omitempty"`
	Requests    []exporter.NetEntry      `json:"requests,omitempty"`
	PageOutline []string                 `json:"page_outline,omitempty"`
}

// ownText is the text an outline line ends with (the element's own
// text), which the report leaves out: it is the person's content.
var ownText = regexp.MustCompile(` "(?:[^"\\]|\\.)*"( \(hidden\))?$`)

// writeDoctorReport writes farewell-doctor-<site>-<time>.json into out
// and returns its path. The account's id and name are replaced by
// <account> wherever they appear, element texts are left out of the page
// outlines, and the diagnostics' addresses were redacted when they were
// taken.
func writeDoctorReport(out, site string, acc exporter.Account, probes []exporter.Probe, dir string, took time.Duration) (string, error) {
	rep := doctorReport{Tool: "farewell " + version, Site: site, Time: time.Now().UTC(), System: runtime.GOOS + "/" + runtime.GOARCH, Seconds: took.Seconds()}
	for _, pr := range probes {
		rp := reportProbe{Collection: pr.Collection, OK: pr.OK, Items: pr.Items, Expected: pr.Expected, Why: pr.Why, Seconds: pr.Seconds}
		if pr.Diagnostics != "" {
			diag := filepath.Join(dir, filepath.FromSlash(pr.Diagnostics))
			if b, err := os.ReadFile(filepath.Join(diag, "page.json")); err == nil {
				var page exporter.DiagnosticPage
				if json.Unmarshal(b, &page) == nil {
					rp.Page = &page
				}
			}
			if b, err := os.ReadFile(filepath.Join(diag, "requests.json")); err == nil {
				json.Unmarshal(b, &rp.Requests)
			}
			if b, err := os.ReadFile(filepath.Join(diag, "dom.txt")); err == nil {
				for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
					rp.PageOutline = append(rp.PageOutline, ownText.ReplaceAllString(line, "$1"))
				}
			}
		}
		rep.Probes = append(rep.Probes, rp)
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return "", err
	}
	text := string(b)
	for _, who := range []string{acc.ID, acc.Name} {
		if len(who) >= 2 {
			text = strings.ReplaceAll(text, who, "<account>")
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(out, fmt.Sprintf("farewell-doctor-%s-%s.json", site, rep.Time.Format("20060102T150405Z")))
	if err := os.WriteFile(path, []byte(text+"\n"), 0o644); err != nil {
		return "", fmt.Errorf("write the report: %w", err)
	}
	return path, nil
}
