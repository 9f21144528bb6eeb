package archive

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if p, err := exec.LookPath("true"); err == nil {
		cmd = exec.Command(p)
	}
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestStalePartialsAreCleared leaves what killed packs leave, including a
// partial of the same bundle name (a rerun in the same second), next to a
// partial whose writer still runs and files that are not partial bundles.
// Pack must succeed, remove the dead writers' partials and touch nothing
// else.
func TestStalePartialsAreCleared(t *testing.T) {
	if !processAlive(os.Getppid()) {
		t.Skip("this platform cannot tell whether a process runs")
	}
	src := t.TempDir()
	tree{"a.txt": []byte("a")}.write(t, src)
	spec, err := DirSpec(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	spec.CreatedAt = time.Unix(1700000000, 0)
	out := t.TempDir()
	final := BundleName(spec.Platform, spec.Account.ID, spec.CreatedAt)
	dead := deadPID(t)
	other := BundleName(spec.Platform, spec.Account.ID, spec.CreatedAt.Add(-time.Hour))
	host := "." + hostTag() + "."
	files := map[string]bool{ // name -> removed by Pack
		final + host + strconv.Itoa(dead) + ".partial":                 true,
		other + host + strconv.Itoa(dead) + ".partial":                 true,
		other + host + strconv.Itoa(os.Getppid()) + ".partial":         false, // its writer runs
		other + ".another-computer." + strconv.Itoa(dead) + ".partial": false, // its process ids are not ours
		final + ".partial": false, // no writer named
		final + "." + strconv.Itoa(dead) + ".partial":                   false,
		"notes.txt" + host + strconv.Itoa(dead) + ".partial":            false,
		"farewell-x.tar.zst" + host + "abc.partial":                     false,
		"farewell-x.tar.zst" + host + strconv.Itoa(dead) + ".partial.1": false,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(out, name), []byte("half a bundle"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Pack(context.Background(), spec, PackOptions{OutDir: out, Tool: testTool})
	if err != nil {
		t.Fatalf("pack beside stale partials: %v", err)
	}
	if filepath.Base(res.Path) != final {
		t.Fatalf("wrote %s, want %s", res.Path, final)
	}
	want := []string{final}
	for name, removed := range files {
		if !removed {
			want = append(want, name)
		}
	}
	if got := dirFiles(t, out); !slices.Equal(got, sorted(want)) {
		t.Fatalf("the folder holds\n%v\nwant\n%v", got, sorted(want))
	}
}

func TestPartialWriter(t *testing.T) {
	cases := []struct {
		name string
		host string
		pid  int
		ok   bool
	}{
		{"farewell-weibo-1-20261123T021112Z.tar.zst.laptop-7.4242.partial", "laptop-7", 4242, true},
		{"farewell-weibo-1-20261123T021112Z.tar.zst.4242.partial", "", 0, false},
		{"farewell-weibo-1-20261123T021112Z.tar.zst.partial", "", 0, false},
		{"farewell-weibo-1-20261123T021112Z.tar.zst.pc.-1.partial", "", 0, false},
		{"farewell-weibo-1-20261123T021112Z.tar.zst.PC.4242.partial", "", 0, false},
		{"farewell-weibo-1-20261123T021112Z.tar.zst..4242.partial", "", 0, false},
		{"farewell-weibo-1-20261123T021112Z.tar.pc.4242.partial", "", 0, false},
		{"other.tar.zst.pc.4242.partial", "", 0, false},
		{"farewell-weibo-1-20261123T021112Z.tar.zst.pc.4242", "", 0, false},
	}
	for _, tc := range cases {
		host, pid, ok := partialWriter(tc.name)
		if host != tc.host || pid != tc.pid || ok != tc.ok {
			t.Errorf("partialWriter(%q) = %q, %d, %v; want %q, %d, %v", tc.name, host, pid, ok, tc.host, tc.pid, tc.ok)
		}
	}
	if host, pid, ok := partialWriter(partialName("farewell-x.tar.zst")); !ok || host != hostTag() || pid != os.Getpid() {
		t.Errorf("this process's partial name reads as %q, %d, %v", host, pid, ok)
	}
}

// FuzzPartialWriter checks that a name is read as a partial bundle only
// when it is exactly <farewell-...tar.zst>.<host>.<pid>.partial.
func FuzzPartialWriter(f *testing.F) {
	f.Add("farewell-weibo-1-20261123T021112Z.tar.zst.pc.4242.partial")
	f.Add("farewell-x.tar.zst.a.0.partial")
	f.Fuzz(func(t *testing.T, name string) {
		host, pid, ok := partialWriter(name)
		if !ok {
			return
		}
		rest := strings.TrimSuffix(name, "."+host+"."+strconv.Itoa(pid)+".partial")
		if pid <= 0 || host == "" || strings.ContainsRune(host, '.') || rest == name || !strings.HasPrefix(rest, "farewell-") || !strings.HasSuffix(rest, ".tar.zst") {
			t.Fatalf("partialWriter(%q) = %q, %d, true", name, host, pid)
		}
	})
}
