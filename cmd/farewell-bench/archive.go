package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/farewell-app/farewell/archive"
)

type archiveConfig struct {
	bin    string
	dir    string
	sizeMB int
	reps   int
}

// measurement is one command's best wall time and its peak RSS.
type measurement struct {
	wall   time.Duration
	maxRSS int64 // bytes
}

func benchArchive(ctx context.Context, cfg archiveConfig) error {
	for _, tool := range []string{"tar", "zstd", "sha256sum", "bash", "find", "xargs"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("the baseline needs %s: %v", tool, err)
		}
	}
	bin, err := filepath.Abs(cfg.bin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("farewell binary: %v (run make build)", err)
	}
	work := cfg.dir
	if work == "" {
		work, err = os.MkdirTemp("", "farewell-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	corpus := filepath.Join(work, "corpus")
	fmt.Fprintf(os.Stderr, "generating a %d MB corpus in %s ...\n", cfg.sizeMB, corpus)
	stats, err := generateCorpus(corpus, int64(cfg.sizeMB)<<20)
	if err != nil {
		return err
	}
	out := filepath.Join(work, "out")

	// pack: farewell vs tar|zstd plus sha256sum of every file.
	var bundle string
	ours, err := best(cfg.reps, func() (measurement, error) {
		os.RemoveAll(out)
		m, stdout, err := timed(ctx, bin, "pack", corpus, "--out", out, "--json")
		if err == nil {
			var s struct{ Bundle string }
			err = json.Unmarshal(stdout, &s)
			bundle = s.Bundle
		}
		return m, err
	})
	if err != nil {
		return fmt.Errorf("farewell pack: %w", err)
	}
	tarZstd, err := best(cfg.reps, func() (measurement, error) {
		m, _, err := timed(ctx, "bash", "-c", fmt.Sprintf("set -o pipefail; tar -cf - -C %q . | zstd -3 -T2 -q -f -o %q", corpus, filepath.Join(work, "baseline.tar.zst")))
		return m, err
	})
	if err != nil {
		return fmt.Errorf("baseline tar|zstd: %w", err)
	}
	shaAll, err := best(cfg.reps, func() (measurement, error) {
		m, _, err := timed(ctx, "bash", "-c", fmt.Sprintf("set -o pipefail; cd %q && find . -type f -print0 | xargs -0 sha256sum > /dev/null", corpus))
		return m, err
	})
	if err != nil {
		return fmt.Errorf("baseline sha256sum: %w", err)
	}
	os.Remove(filepath.Join(work, "baseline.tar.zst"))

	// verify: farewell (full) vs zstd -dc | sha256sum, both on our bundle.
	verify, err := best(cfg.reps, func() (measurement, error) {
		m, _, err := timed(ctx, bin, "verify", bundle, "--json")
		return m, err
	})
	if err != nil {
		return fmt.Errorf("farewell verify: %w", err)
	}
	zstdSha, err := best(cfg.reps, func() (measurement, error) {
		m, _, err := timed(ctx, "bash", "-c", fmt.Sprintf("set -o pipefail; zstd -dc -q %q | sha256sum > /dev/null", bundle))
		return m, err
	})
	if err != nil {
		return fmt.Errorf("baseline zstd -dc | sha256sum: %w", err)
	}

	open, err := openTimes(ctx, bundle, 25)
	if err != nil {
		return err
	}
	st, err := os.Stat(bundle)
	if err != nil {
		return err
	}

	baselinePack := tarZstd.wall + shaAll.wall
	mb := func(n int64) float64 { return float64(n) / (1 << 20) }
	fmt.Printf("\narchive benchmark: %.0f MB corpus, %d files (%.0f%% JSON, %.0f%% media), %d CPUs, best of %d runs\n",
		mb(stats.bytes), stats.files, 100*float64(stats.jsonBytes)/float64(stats.bytes), 100*float64(stats.bytes-stats.jsonBytes)/float64(stats.bytes), cpus(), cfg.reps)
	fmt.Printf("bundle: %.0f MB (%.1f%% of the corpus)\n\n", mb(st.Size()), 100*float64(st.Size())/float64(stats.bytes))
	row := func(name, ours, base string, ratio float64, target string, ok bool) {
		verdict := "ok"
		if !ok {
			verdict = "MISSED"
		}
		r := ""
		if ratio > 0 {
			r = fmt.Sprintf("%.2f", ratio)
		}
		fmt.Printf("%-26s %14s %26s %7s %10s  %s\n", name, ours, base, r, target, verdict)
	}
	fmt.Printf("%-26s %14s %26s %7s %10s\n", "", "farewell", "baseline", "ratio", "target")
	pr := ours.wall.Seconds() / baselinePack.Seconds()
	row("pack", secs(ours.wall), fmt.Sprintf("%s (tar|zstd %s + sha %s)", secs(baselinePack), secs(tarZstd.wall), secs(shaAll.wall)), pr, "<= 1.00", pr <= 1.0)
	vr := verify.wall.Seconds() / zstdSha.wall.Seconds()
	row("verify (full)", secs(verify.wall), secs(zstdSha.wall)+" (zstd -dc | sha256sum)", vr, "<= 1.25", vr <= 1.25)
	row("pack peak RSS", fmt.Sprintf("%.1f MB", mb(ours.maxRSS)), "", 0, "<= 64 MB", ours.maxRSS <= 64<<20)
	row("verify peak RSS", fmt.Sprintf("%.1f MB", mb(verify.maxRSS)), "", 0, "<= 64 MB", verify.maxRSS <= 64<<20)
	row("open one member", fmt.Sprintf("%.2f ms", ms(open[len(open)/2])), fmt.Sprintf("max %.2f ms of %d", ms(open[len(open)-1]), len(open)), 0, "< 50 ms", open[len(open)-1] < 50*time.Millisecond)
	fmt.Printf("\nthroughput: pack %.0f MB/s, verify %.0f MB/s of payload\n", mb(stats.bytes)/ours.wall.Seconds(), mb(stats.bytes)/verify.wall.Seconds())
	return nil
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func ms(d time.Duration) float64  { return float64(d.Microseconds()) / 1000 }

// best runs f reps times and keeps the fastest wall time and the largest
// peak RSS.
func best(reps int, f func() (measurement, error)) (measurement, error) {
	var out measurement
	for i := range reps {
		m, err := f()
		if err != nil {
			return out, err
		}
		if i == 0 || m.wall < out.wall {
			out.wall = m.wall
		}
		out.maxRSS = max(out.maxRSS, m.maxRSS)
	}
	return out, nil
}

// timed runs a command and returns its wall time, its peak RSS (the
// largest of the process and its children, as wait4 reports it) and stdout.
func timed(ctx context.Context, name string, args ...string) (measurement, []byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout strings.Builder
	cmd.Stdout = &stdout
	cmd.Stderr = os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measurement{}, nil, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return measurement{wall: wall, maxRSS: childRSS(cmd.ProcessState)}, []byte(stdout.String()), nil
}

// openTimes opens the bundle afresh n times and reads one member from the
// middle of it, returning the sorted durations.
func openTimes(ctx context.Context, bundle string, n int) ([]time.Duration, error) {
	b, err := archive.Open(ctx, bundle)
	if err != nil {
		return nil, err
	}
	members := b.Members()
	b.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	var out []time.Duration
	for range n {
		name := members[rng.IntN(len(members))].Name
		start := time.Now()
		b, err := archive.Open(ctx, bundle)
		if err != nil {
			return nil, err
		}
		r, err := b.Open(name)
		if err == nil {
			_, err = io.Copy(io.Discard, io.LimitReader(r, 256<<10))
		}
		b.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, time.Since(start))
	}
	slices.Sort(out)
	return out, nil
}

type corpusStats struct {
	files            int
	bytes, jsonBytes int64
}

// generateCorpus writes a deterministic store-like corpus of about size
// bytes: 30% JSON (raw API pages with Chinese text, JSON Lines records),
// 70% incompressible media of varied sizes, about 20 files per MB. An
// existing complete corpus is reused.
func generateCorpus(dir string, size int64) (corpusStats, error) {
	marker := filepath.Join(dir, ".complete")
	var st corpusStats
	if b, err := os.ReadFile(marker); err == nil {
		if json.Unmarshal(b, &struct {
			Files     *int   `json:"files"`
			Bytes     *int64 `json:"bytes"`
			JSONBytes *int64 `json:"json_bytes"`
		}{&st.files, &st.bytes, &st.jsonBytes}) == nil && st.bytes > size*9/10 && st.bytes < size*11/10 {
			return st, nil
		}
	}
	os.RemoveAll(dir)
	rng := rand.New(rand.NewPCG(2026, 11))
	files := int(size >> 20 * 20)
	jsonTarget, mediaTarget := size*3/10, size*7/10
	jsonFiles := files * 7 / 10
	mediaFiles := files - jsonFiles
	write := func(name string, data []byte) error {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		st.files++
		st.bytes += int64(len(data))
		return os.WriteFile(p, data, 0o644)
	}
	words := []string{"今天", "天气", "很好", "我们", "一起", "去", "公园", "散步", "微博", "评论", "转发", "点赞", "抖音", "视频", "分享", "生活"}
	perJSON := jsonTarget / int64(jsonFiles)
	var sb strings.Builder
	for i := range jsonFiles {
		sb.Reset()
		if i%10 == 0 {
			for sb.Len() < int(perJSON) {
				fmt.Fprintf(&sb, `{"record":"post","platform":"weibo","id":"%d","created_at":"2024-0%d-1%dT10:00:00+08:00","text":"`, 4900000000000000+rng.Int64N(1e12), 1+rng.IntN(9), rng.IntN(10))
				for range 20 + rng.IntN(60) {
					sb.WriteString(words[rng.IntN(len(words))])
				}
				fmt.Fprintf(&sb, `","counts":{"reposts":%d,"comments":%d,"likes":%d}}`+"\n", rng.IntN(100), rng.IntN(1000), rng.IntN(10000))
			}
			if err := write(fmt.Sprintf("data/part-%05d.jsonl", i), []byte(sb.String())); err != nil {
				return st, err
			}
		} else {
			sb.WriteString(`{"ok":1,"data":{"since_id":"` + fmt.Sprint(rng.Uint64()) + `","list":[`)
			for k := 0; sb.Len() < int(perJSON); k++ {
				if k > 0 {
					sb.WriteByte(',')
				}
				fmt.Fprintf(&sb, `{"idstr":"%d","mblogid":"N%08x","text_raw":"`, 4900000000000000+rng.Int64N(1e12), rng.Uint32())
				for range 10 + rng.IntN(80) {
					sb.WriteString(words[rng.IntN(len(words))])
				}
				fmt.Fprintf(&sb, `","user":{"idstr":"1234567890","screen_name":"用户%d"},"reposts_count":%d,"pic_ids":["%016x"]}`, rng.IntN(50), rng.IntN(500), rng.Uint64())
			}
			sb.WriteString(`]}}`)
			if err := write(fmt.Sprintf("raw/page-%03d/%05d.json", i/500, i), []byte(sb.String())); err != nil {
				return st, err
			}
		}
		st.jsonBytes += int64(sb.Len())
	}
	// Media: log-uniform sizes scaled to hit the target.
	sizes := make([]float64, mediaFiles)
	var sum float64
	for i := range sizes {
		sizes[i] = float64(int64(1) << (10 + rng.IntN(12))) // 1 KiB .. 2 MiB, then scaled
		sum += sizes[i]
	}
	var key [32]byte
	buf := make([]byte, 0, 8<<20)
	for i, s := range sizes {
		n := int(s / sum * float64(mediaTarget))
		binary.LittleEndian.PutUint64(key[:], uint64(i))
		buf = buf[:n]
		rand.NewChaCha8(key).Read(buf)
		ext := []string{".jpg", ".mp4", ".gif", ".webp"}[i%4]
		if err := write(fmt.Sprintf("media/%02x/%08x%s", i%256, i, ext), buf); err != nil {
			return st, err
		}
	}
	b, _ := json.Marshal(map[string]any{"files": st.files, "bytes": st.bytes, "json_bytes": st.jsonBytes})
	return st, os.WriteFile(marker, b, 0o644)
}
