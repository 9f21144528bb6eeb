package exporter

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCreateAndOpenStore(t *testing.T) {
	home := t.TempDir()
	s, err := CreateStore(home, "weibo", Account{ID: "123", Name: "名字"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(s.Dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("store folder mode %v (%v), want 0700", st.Mode().Perm(), err)
	}
	if st, _ := os.Stat(s.Path(StoreFile)); st.Mode().Perm() != 0o600 {
		t.Fatalf("store.json mode %v, want 0600", st.Mode().Perm())
	}
	again, err := CreateStore(home, "weibo", Account{ID: "123"})
	if err != nil || again.Info.Account.Name != "名字" {
		t.Fatalf("reopen: %+v %v", again, err)
	}
	if _, err := OpenStore(t.TempDir()); !errors.Is(err, ErrNotStore) {
		t.Fatalf("OpenStore on a plain folder: %v", err)
	}
	for _, bad := range []string{"", "..", "a/b"} {
		if _, err := CreateStore(home, "weibo", Account{ID: bad}); err == nil {
			t.Errorf("CreateStore accepted account id %q", bad)
		}
	}
}

func TestBundleFilesLeaveSecretsOut(t *testing.T) {
	s, err := CreateStore(t.TempDir(), "weibo", Account{ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		CookiesFile:                `[{"name":"SUB","value":"secret"}]`,
		"chrome/Default/Cookies":   "sqlite",
		JournalFile:                "{}\n",
		"records/posts.jsonl":      "{}\n",
		"raw/posts/0001.json":      "{}",
		"raw/posts/0001.meta.json": "{}",
		"media/ab/abcd.jpg":        "jpg",
		"media/cd/cdef.mp4.part":   "half",
		"screens/profile/0001.png": "png",
	} {
		p := s.Path(filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte(data), 0o600)
	}
	files, warnings, err := s.BundleFiles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	want := []string{"data/posts.jsonl", "screens/profile/0001.png", "raw/posts/0001.json", "raw/posts/0001.meta.json", "media/ab/abcd.jpg"}
	if !slices.Equal(names, want) {
		t.Fatalf("bundle files %q, want %q", names, want)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "unfinished download") {
		t.Fatalf("warnings %q", warnings)
	}
}

// TestLockExcludesOtherProcesses takes the lock here and tries it from a
// child process, which must fail at once.
func TestLockExcludesOtherProcesses(t *testing.T) {
	if os.Getenv("FAREWELL_LOCK_CHILD") != "" {
		s, err := OpenStore(os.Getenv("FAREWELL_LOCK_CHILD"))
		if err != nil {
			os.Exit(3)
		}
		if err := s.Lock(); errors.Is(err, ErrStoreBusy) && strings.Contains(err.Error(), "pid") {
			os.Exit(0)
		}
		os.Exit(4)
	}
	s, err := CreateStore(t.TempDir(), "douyin", Account{ID: "9"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Lock(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockExcludesOtherProcesses$")
	cmd.Env = append(os.Environ(), "FAREWELL_LOCK_CHILD="+s.Dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child could take the lock or failed oddly: %v\n%s", err, out)
	}
	s.Unlock()
	cmd = exec.Command(os.Args[0], "-test.run=^TestLockExcludesOtherProcesses$")
	cmd.Env = append(os.Environ(), "FAREWELL_LOCK_CHILD="+s.Dir)
	if err := cmd.Run(); err == nil {
		t.Fatal("child reported the lock busy after it was released")
	}
}

func TestCountRecords(t *testing.T) {
	s, _ := CreateStore(t.TempDir(), "weibo", Account{ID: "1"})
	if n, err := s.CountRecords("posts"); n != 0 || err != nil {
		t.Fatalf("missing file: %d %v", n, err)
	}
	os.MkdirAll(s.Path(RecordsDir), 0o700)
	os.WriteFile(s.RecordsPath("posts"), []byte("{}\n{}\n\n{}\n"), 0o600)
	if n, _ := s.CountRecords("posts"); n != 3 {
		t.Fatalf("counted %d, want 3", n)
	}
}

// TestProfileReplacedClearsBrowserTemp checks that a login, which
// replaces a store's browser profile, also removes the temporary folder
// that profile's last browser left when it was killed: nothing else
// would ever remove it.
func TestProfileReplacedClearsBrowserTemp(t *testing.T) {
	home := t.TempDir()
	killed := func(profile string) string {
		t.Helper()
		tmp, err := os.MkdirTemp("", browserTempPrefix)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(tmp) })
		if err := os.MkdirAll(profile, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(profile, BrowserTempNote), []byte(tmp+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return tmp
	}
	gone := func(what, dir string) {
		t.Helper()
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s: %s is still there (%v)", what, dir, err)
		}
	}

	// A login that was killed, then started again.
	login, err := LoginStore(home, "weibo")
	if err != nil {
		t.Fatal(err)
	}
	tmp := killed(login.Path(ProfileDir))
	login.Unlock() // the process died: its lock went with it
	if login, err = LoginStore(home, "weibo"); err != nil {
		t.Fatal(err)
	}
	gone("a new login", tmp)

	// A backup that was killed, then a login adopted into its store.
	acc := Account{ID: "42"}
	st, err := CreateStore(home, "weibo", acc)
	if err != nil {
		t.Fatal(err)
	}
	tmp = killed(st.Path(ProfileDir))
	loginTmp := killed(login.Path(ProfileDir))
	if _, err := AdoptLogin(home, "weibo", login, acc); err != nil {
		t.Fatal(err)
	}
	gone("an adopted login", tmp)
	// The login's own note moved with its profile: its folder is the
	// next start's to remove.
	note, err := os.ReadFile(filepath.Join(st.Path(ProfileDir), BrowserTempNote))
	if err != nil || strings.TrimSpace(string(note)) != loginTmp {
		t.Errorf("the adopted profile's note: %q %v, want %s", note, err, loginTmp)
	}
}

// A finished login is adopted without becoming the platform's current
// account; only MakeCurrent (farewell login, never the demo) makes it so.
func TestAdoptLoginLeavesCurrentAlone(t *testing.T) {
	home := t.TempDir()
	if _, err := CreateStore(home, "weibo", Account{ID: "111"}); err != nil {
		t.Fatal(err)
	}
	if err := MakeCurrent(home, "weibo", "111"); err != nil {
		t.Fatal(err)
	}
	login, err := LoginStore(home, "weibo")
	if err != nil {
		t.Fatal(err)
	}
	defer login.Unlock()
	if _, err := AdoptLogin(home, "weibo", login, Account{ID: "222"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		step string
		make string // the account made current before looking; "" for none
		want string
	}{
		{"after adopting 222", "", "111"},
		{"after MakeCurrent 222", "222", "222"},
	}
	for _, tc := range cases {
		if tc.make != "" {
			if err := MakeCurrent(home, "weibo", tc.make); err != nil {
				t.Fatal(err)
			}
		}
		st, err := CurrentStore(home, "weibo", "")
		if err != nil || st.Info.Account.ID != tc.want {
			t.Fatalf("%s: current store %+v, %v; want account %s", tc.step, st, err, tc.want)
		}
	}
}

// TestLoginStoreLocksFirst: a second login on the same home, while the
// first still runs, is refused with the first's process named, and the
// first's browser profile and cookies are left as they are; once the
// first is over, the next login starts clean.
func TestLoginStoreLocksFirst(t *testing.T) {
	home := t.TempDir()
	first, err := LoginStore(home, "douyin")
	if err != nil {
		t.Fatal(err)
	}
	live := map[string]string{
		CookiesFile: `[{"name":"sessionid","value":"s"}]`,
		filepath.Join(ProfileDir, "Default", "Cookies"): "cookies",
		filepath.Join(ProfileDir, "SingletonLock"):      "lock",
	}
	for name, data := range live {
		p := first.Path(name)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// flock locks are per open file description: a second LoginStore in
	// this process conflicts as another process's would.
	second, err := LoginStore(home, "douyin")
	if !errors.Is(err, ErrStoreBusy) || second != nil {
		t.Fatalf("a second login: %v", err)
	}
	if want := fmt.Sprintf("pid %d", os.Getpid()); !strings.Contains(err.Error(), want) {
		t.Errorf("the refusal %q does not name %s", err, want)
	}
	for name, data := range live {
		if b, err := os.ReadFile(first.Path(name)); err != nil || string(b) != data {
			t.Errorf("the first login's %s: %q %v", name, b, err)
		}
	}
	if err := first.Unlock(); err != nil {
		t.Fatal(err)
	}
	third, err := LoginStore(home, "douyin")
	if err != nil {
		t.Fatal(err)
	}
	defer third.Unlock()
	for name := range live {
		if _, err := os.Stat(third.Path(name)); !os.IsNotExist(err) {
			t.Errorf("a new login kept %s (%v)", name, err)
		}
	}
}
