package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

type weiboConfig struct {
	bin  string
	size int
	rate float64
}

// benchWeibo runs "farewell demo weibo" on a large generated account with
// the replica's API limited to rate requests per second, and compares the
// capture's wall time with the lower bound: the fewest API requests a
// complete backup takes, divided by the rate.
func benchWeibo(ctx context.Context, cfg weiboConfig) error {
	bin, err := filepath.Abs(cfg.bin)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "farewell-bench-weibo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	fmt.Fprintf(os.Stderr, "backing up a %d-post replica account at %.0f API requests/s ...\n", cfg.size, cfg.rate)
	m, stdout, err := timed(ctx, bin, "demo", "weibo", "--size", fmt.Sprint(cfg.size), "--rate", fmt.Sprint(cfg.rate),
		"--home", filepath.Join(work, "home"), "--out", work, "--json", "-q")
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSpace(string(stdout)), "\n")
	var s struct {
		Verdict         string  `json:"verdict"`
		DownloadedBytes int64   `json:"downloaded_bytes"`
		DownloadedFiles int64   `json:"downloaded_files"`
		Seconds         float64 `json:"seconds"`
		CaptureSeconds  float64 `json:"capture_seconds"`
		PeakRSSBytes    int64   `json:"peak_rss_bytes"`
		Replica         struct {
			API       int `json:"api"`
			APINeeded int `json:"api_needed"`
			Limited   int `json:"limited"`
		} `json:"replica"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &s); err != nil {
		return fmt.Errorf("demo summary: %w", err)
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
	fmt.Printf("\nweibo capture benchmark: %d posts, the replica allows %.0f API requests/s, verdict %s\n\n", cfg.size, cfg.rate, s.Verdict)
	fmt.Printf("%-24s %12s\n", "API requests made", fmt.Sprintf("%d", s.Replica.API))
	fmt.Printf("%-24s %12s  (answered 418: %d)\n", "fewest possible", fmt.Sprintf("%d", s.Replica.APINeeded), s.Replica.Limited)
	fmt.Printf("%-24s %12.1f s\n", "lower bound", bound)
	fmt.Printf("%-24s %12.1f s   ratio %.2f   target <= 1.30  %s\n", "capture wall time", s.CaptureSeconds, ratio, ok(ratio <= 1.3))
	fmt.Printf("%-24s %12.1f MB  target <= 150 MB  %s\n", "Go process peak RSS", rss, ok(rss <= 150))
	fmt.Printf("%-24s %12.1f MB  in %d files, %.1f MB/s over the capture\n", "media downloaded",
		float64(s.DownloadedBytes)/(1<<20), s.DownloadedFiles, float64(s.DownloadedBytes)/(1<<20)/s.CaptureSeconds)
	fmt.Printf("%-24s %12.1f s   (login, capture, records, pack, verify; process wall %.1f s)\n", "whole demo", s.Seconds, m.wall.Seconds())
	return nil
}
