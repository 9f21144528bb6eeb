package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/farewell-app/farewell/cmd/internal/chaos"
)

// chaosConfig sets up one chaos run.
type chaosConfig struct {
	bin       string
	platforms []string
	size      int
	kills     int
	seed      uint64
	faults    string
	dir       string
	// conversations sets the Douyin account's DM conversations (0:
	// demo's own number).
	conversations int
}

// benchChaos shows, for each platform, that nothing is lost (see package
// chaos): kills at random moments under every fault, a finished bundle
// with exactly an undisturbed run's items, verify exit 0, and a rerun that
// fetches no media.
func benchChaos(ctx context.Context, cfg chaosConfig) error {
	bin, err := filepath.Abs(cfg.bin)
	if err != nil {
		return err
	}
	work := cfg.dir
	if work == "" {
		if work, err = os.MkdirTemp("", "farewell-chaos-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 7))
	var failed []string
	for _, p := range cfg.platforms {
		fmt.Println()
		var extra []string
		if p == "douyin" && cfg.conversations > 0 {
			extra = []string{"--conversations", fmt.Sprint(cfg.conversations)}
		}
		_, err := chaos.Run(ctx, chaos.Config{
			Command: []string{bin}, Platform: p, Size: cfg.size, Extra: extra, Kills: cfg.kills, Faults: cfg.faults,
			Dir: filepath.Join(work, p), Rand: rng, Log: os.Stdout,
		})
		if err != nil {
			fmt.Printf("%s: FAILED: %v\n", p, err)
			failed = append(failed, p)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("chaos failed for %s", strings.Join(failed, ", "))
	}
	fmt.Println("\nchaos: every platform survived the kills and faults with nothing lost")
	return nil
}
