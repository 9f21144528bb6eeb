package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/profiles/profiletest"
)

// smallDisk mounts a tmpfs of size bytes (a disk that fills up) and
// returns its folder and a function that gives it more room. It needs
// root with the right to mount, which the CI machine and the development
// container have; elsewhere the test is skipped, saying why.
func smallDisk(t *testing.T, size string) (string, func(size string)) {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill (needs root with CAP_SYS_ADMIN): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir, func(size string) {
		if out, err := exec.Command("mount", "-o", "remount,size="+size, dir).CombinedOutput(); err != nil {
			t.Fatalf("remount: %v %s", err, out)
		}
	}
}

// TestDiskFull runs a demo whose data folder fills up in the middle of the
// backup: it must stop with exit 1 and one line naming the file it could
// not write and what to do, leave no bundle and nothing half-written
// under a final name; once there is room, the next run continues to a
// safe bundle.
func TestDiskFull(t *testing.T) {
	t.Parallel() // mostly waiting on the replica\'s pace: it overlaps the others
	profiletest.NeedBrowser(t)
	disk, grow := smallDisk(t, "4500k")
	home, out := filepath.Join(disk, "home"), t.TempDir()
	args := []string{"demo", "weibo", "--size", "20", "--home", home, "--out", out, "--json"}
	code, _, stderr := farewell(t, context.Background(), args...)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	var last string
	for _, l := range lines {
		if strings.HasPrefix(l, "farewell: error: ") {
			last = l
		}
	}
	if code != ExitError || !strings.Contains(last, "no space left on the disk") || !strings.Contains(last, home+"/") ||
		!strings.Contains(last, "it continues where it stopped") {
		t.Fatalf("exit %d, want 1 with one line naming the file and what to do:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Fatalf("the full disk caused a panic:\n%s", stderr)
	}
	if bundles, _ := filepath.Glob(filepath.Join(out, "*")); len(bundles) > 0 {
		t.Fatalf("a run that could not finish left %v", bundles)
	}
	// Every media file under its final name is whole: its name is its
	// content's sha256.
	stores, _ := filepath.Glob(filepath.Join(home, "weibo", "[0-9]*"))
	if len(stores) != 1 {
		t.Fatalf("stores %v", stores)
	}
	media := 0
	filepath.WalkDir(filepath.Join(stores[0], "media"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if name := strings.TrimSuffix(d.Name(), filepath.Ext(d.Name())); name != hex.EncodeToString(sum[:]) {
			t.Errorf("%s holds bytes whose sha256 is %x: half-written under a final name", p, sum)
		}
		media++
		return nil
	})
	t.Logf("the full disk stopped the run with %d media file(s) kept: %s", media, last)

	grow("128m")
	code, stdout, stderr := farewell(t, context.Background(), args...)
	if code != ExitOK {
		t.Fatalf("the run after making room: exit %d\n%s", code, stderr)
	}
	s := lastSummary(t, stdout)
	if s.Verdict != "safe" || s.Collections["posts"].Captured != 20 {
		t.Fatalf("summary %+v", s)
	}
	// It continued: the files the first run kept were not fetched again.
	kept := 0
	filepath.WalkDir(filepath.Join(stores[0], "media"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			kept++
		}
		return err
	})
	if s.DownloadedFiles == 0 || s.DownloadedFiles > int64(kept-media) {
		t.Errorf("the run after making room downloaded %d file(s); the store has %d, of which the first run kept %d", s.DownloadedFiles, kept, media)
	}
}
