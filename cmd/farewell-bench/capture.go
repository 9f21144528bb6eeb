package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

type captureConfig struct {
	platform      string
	bin           string
	size          int
	conversations int // douyin
	rate          float64
}

// captureSummary is the part of demo's --json summary the benchmark reads.
type captureSummary struct {
	Verdict         string  `json:"verdict"`
	DownloadedBytes int64   `json:"downloaded_bytes"`
	DownloadedFiles int64   `json:"downloaded_files"`
	Seconds         float64 `json:"seconds"`
	CaptureSeconds  float64 `json:"capture_seconds"`
	PeakRSSBytes    int64   `json:"peak_rss_bytes"`
	Replica         struct {
		Requests    int `json:"requests"`
		API         int `json:"api"`
		APINeeded   int `json:"api_needed"`
		Limited     int `json:"limited"`
		Unsigned    int `json:"unsigned"`
		Watermarked int `json:"watermarked"`
	} `json:"replica"`
	Collections map[string]struct {
		Expected *int64 `json:"expected"`
		Captured int64  `json:"captured"`
	} `json:"collections"`
}

// benchCapture runs "farewell demo <platform>" on a large generated
// account with the replica's API limited to rate requests per second, and
// compares the capture's wall time with the lower bound: the fewest API
// requests a complete backup takes, divided by the rate. It then runs the
// backup again on the unchanged account and compares that rerun's time
// with the first run's: a rerun looks only for what changed.
func benchCapture(ctx context.Context, cfg captureConfig) error {
	bin, err := filepath.Abs(cfg.bin)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "farewell-bench-"+cfg.platform+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	fmt.Fprintf(os.Stderr, "backing up a %d-post %s replica account at %.0f API requests/s ...\n", cfg.size, cfg.platform, cfg.rate)
	args := []string{"demo", cfg.platform, "--size", fmt.Sprint(cfg.size), "--rate", fmt.Sprint(cfg.rate),
		"--home", filepath.Join(work, "home"), "--out", work, "--json", "-q"}
	if cfg.conversations > 0 {
		args = append(args, "--conversations", fmt.Sprint(cfg.conversations))
	}
	s, wall, err := demoRun(ctx, bin, args)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "backing up the unchanged account again ...\n")
	again, _, err := demoRun(ctx, bin, args)
	if err != nil {
		return err
	}
	bound := float64(s.Replica.APINeeded) / cfg.rate
	ratio := s.CaptureSeconds / bound
	rss := float64(s.PeakRSSBytes) / (1 << 20)
	ok := func(b bool) string {
		if b {
			return "ok"
		}
		return "MISSED"
	}
	fmt.Printf("\n%s capture benchmark: %d posts", cfg.platform, cfg.size)
	if cfg.conversations > 0 {
		fmt.Printf(", %d DM conversations (%d messages)", cfg.conversations, s.Collections["messages"].Captured)
	}
	fmt.Printf(", the replica allows %.0f API requests/s, verdict %s\n\n", cfg.rate, s.Verdict)
	fmt.Printf("%-24s %12s\n", "API requests made", fmt.Sprintf("%d", s.Replica.API))
	fmt.Printf("%-24s %12s  (refused for speed: %d)\n", "fewest possible", fmt.Sprintf("%d", s.Replica.APINeeded), s.Replica.Limited)
	if cfg.platform == "douyin" {
		fmt.Printf("%-24s %12d  (unsigned: %d)\n", "watermarked files", s.Replica.Watermarked, s.Replica.Unsigned)
	}
	fmt.Printf("%-24s %12.1f s\n", "lower bound", bound)
	fmt.Printf("%-24s %12.1f s   ratio %.2f   target <= 1.30  %s\n", "capture wall time", s.CaptureSeconds, ratio, ok(ratio <= 1.3))
	fmt.Printf("%-24s %12.1f MB  target <= 150 MB  %s\n", "Go process peak RSS", rss, ok(rss <= 150))
	fmt.Printf("%-24s %12.1f MB  in %d files, %.1f MB/s over the capture\n", "media downloaded",
		float64(s.DownloadedBytes)/(1<<20), s.DownloadedFiles, float64(s.DownloadedBytes)/(1<<20)/s.CaptureSeconds)
	fmt.Printf("%-24s %12.1f s   (login, capture, records, pack, verify; process wall %.1f s)\n", "whole demo", s.Seconds, wall)
	rerun := again.Seconds / s.Seconds
	fmt.Printf("\nrerun on the unchanged account (verdict %s)\n", again.Verdict)
	fmt.Printf("%-24s %12d  of the first run's %d  target 0  %s\n", "media files fetched", again.DownloadedFiles, s.DownloadedFiles, ok(again.DownloadedFiles == 0))
	fmt.Printf("%-24s %12d  of the first run's %d (%.2f)\n", "API requests made", again.Replica.API, s.Replica.API, float64(again.Replica.API)/float64(s.Replica.API))
	fmt.Printf("%-24s %12.1f s   of the first run's %.1f s\n", "capture wall time", again.CaptureSeconds, s.CaptureSeconds)
	fmt.Printf("%-24s %12.1f s   ratio %.2f of the first run's %.1f s   target <= 0.25  %s\n", "whole demo", again.Seconds, rerun, s.Seconds, ok(rerun <= 0.25))
	return nil
}

// demoRun runs one demo with --json and decodes the summary on the last
// line of its output.
func demoRun(ctx context.Context, bin string, args []string) (*captureSummary, float64, error) {
	m, stdout, err := timed(ctx, bin, args...)
	if err != nil {
		return nil, 0, err
	}
	lines := strings.Split(strings.TrimSpace(string(stdout)), "\n")
	var s captureSummary
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &s); err != nil {
		return nil, 0, fmt.Errorf("demo summary: %w", err)
	}
	return &s, m.wall.Seconds(), nil
}
