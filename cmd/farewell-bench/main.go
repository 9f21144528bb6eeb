// Command farewell-bench measures farewell against the baselines its
// issues name and prints the ratios. It is what "make bench" runs after the
// Go benchmarks.
//
//	farewell-bench archive -farewell bin/farewell [-dir /tmp/farewell-bench] [-size 1000]
//	farewell-bench weibo -farewell bin/farewell [-size 2000] [-rate 20]
//	farewell-bench douyin -farewell bin/farewell [-size 500] [-conversations 50] [-rate 10]
//	farewell-bench viewer [-posts 50000] [-reps 3]
//	farewell-bench chaos -farewell bin/farewell [-platforms weibo,douyin] [-kills 6] [-faults LIST]
//
// The archive benchmark generates a mixed corpus (about 30% JSON, 70%
// incompressible media, about 20 files per MB) and compares, in one run:
//   - farewell pack against tar -cf - | zstd -3 -T2 plus sha256sum of every file;
//   - farewell verify against zstd -dc BUNDLE | sha256sum;
//   - the peak RSS of farewell pack and verify;
//   - the time to open and read one member of the bundle.
//
// The weibo and douyin benchmarks back up a large replica account whose
// API allows R requests per second and compare the capture's wall time
// with the lower bound (the fewest requests a complete backup takes,
// divided by R), with the Go process's peak RSS and the media throughput.
//
// The chaos run (make chaos) kills and faults demo runs and checks that
// the finished bundle holds exactly an undisturbed run's items.
//
// The viewer benchmark measures the offline viewer of a generated
// 50,000-post bundle in Chromium: the first screen and search times.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/farewell-app/farewell/cmd/internal/chaos"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: farewell-bench archive|weibo|douyin|viewer [flags]")
		os.Exit(2)
	}
	ctx := context.Background()
	var err error
	switch os.Args[1] {
	case "archive":
		fs := flag.NewFlagSet("archive", flag.ExitOnError)
		bin := fs.String("farewell", "bin/farewell", "the farewell binary to measure")
		dir := fs.String("dir", "", "work folder (default: a temporary folder, removed afterwards)")
		size := fs.Int("size", 1000, "corpus size in MB")
		reps := fs.Int("reps", 3, "runs of each command; the fastest counts")
		fs.Parse(os.Args[2:])
		err = benchArchive(ctx, archiveConfig{bin: *bin, dir: *dir, sizeMB: *size, reps: *reps})
	case "weibo":
		fs := flag.NewFlagSet("weibo", flag.ExitOnError)
		bin := fs.String("farewell", "bin/farewell", "the farewell binary to measure")
		size := fs.Int("size", 2000, "posts in the generated account")
		rate := fs.Float64("rate", 20, "API requests per second the replica allows")
		fs.Parse(os.Args[2:])
		err = benchCapture(ctx, captureConfig{platform: "weibo", bin: *bin, size: *size, rate: *rate})
	case "douyin":
		fs := flag.NewFlagSet("douyin", flag.ExitOnError)
		bin := fs.String("farewell", "bin/farewell", "the farewell binary to measure")
		size := fs.Int("size", 500, "works in the generated account")
		convs := fs.Int("conversations", 50, "DM conversations in the generated account")
		rate := fs.Float64("rate", 10, "API requests per second the replica allows")
		fs.Parse(os.Args[2:])
		err = benchCapture(ctx, captureConfig{platform: "douyin", bin: *bin, size: *size, conversations: *convs, rate: *rate})
	case "viewer":
		fs := flag.NewFlagSet("viewer", flag.ExitOnError)
		posts := fs.Int("posts", 50000, "posts in the generated bundle")
		reps := fs.Int("reps", 3, "runs, each in a fresh browser")
		fs.Parse(os.Args[2:])
		err = benchViewer(ctx, viewerConfig{posts: *posts, reps: *reps})
	case "chaos":
		fs := flag.NewFlagSet("chaos", flag.ExitOnError)
		bin := fs.String("farewell", "bin/farewell", "the farewell binary to test")
		platforms := fs.String("platforms", "weibo,douyin", "platforms to run")
		size := fs.Int("size", 40, "posts (works) in the generated account")
		kills := fs.Int("kills", 6, "runs killed with SIGKILL at random moments")
		seed := fs.Uint64("seed", uint64(time.Now().UnixNano()), "seed of the kill moments")
		faults := fs.String("faults", chaos.DefaultFaults, "faults of every chaos run")
		dir := fs.String("dir", "", "work folder (default: a temporary folder, removed afterwards)")
		convs := fs.Int("conversations", 0, "DM conversations in the Douyin account (0: the demo's own)")
		fs.Parse(os.Args[2:])
		fmt.Printf("chaos seed %d, faults %s\n", *seed, *faults)
		err = benchChaos(ctx, chaosConfig{bin: *bin, platforms: strings.Split(*platforms, ","), size: *size, kills: *kills, seed: *seed, faults: *faults, dir: *dir, conversations: *convs})
	default:
		err = fmt.Errorf("unknown benchmark %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "farewell-bench: %v\n", err)
		os.Exit(1)
	}
}

func cpus() int { return runtime.NumCPU() }
