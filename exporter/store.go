package exporter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// Store layout, relative to the store folder.
const (
	StoreFile   = "store.json"   // identity of the store
	JournalFile = "journal"      // append-only JSON Lines of what each collection did
	LockFile    = "lock"         // held (flock) while a run uses the store
	CookiesFile = "cookies.json" // the session's cookie jar, mode 0600
	ProfileDir  = "chrome"       // the browser profile
	RawDir      = "raw"          // every captured response verbatim, each with a sidecar
	MediaDir    = "media"        // downloaded media, content-addressed by sha256
	ScreensDir  = "screens"      // screenshots
	RecordsDir  = "records"      // parsed JSON Lines, one file per collection
	// WarningsFile lists what the last records step could not read
	// (see Store.WriteWarnings); the manifest carries it.
	WarningsFile = "warnings.json"
	// DiagnosticsDir holds what failed or short steps left (see Tab.Diagnose).
	DiagnosticsDir = "diagnostics"

	storeFormat  = "farewell-store"
	storeVersion = 1
	// PartSuffix marks a download in progress; such files never enter a bundle.
	PartSuffix = ".part"
)

// ErrNotStore is returned by [OpenStore] for a folder that is not a store.
var ErrNotStore = errors.New("not a farewell store")

// ErrStoreBusy is returned by [Store.Lock] when another run holds the store.
var ErrStoreBusy = errors.New("store is in use by another farewell run")

// Account identifies the person whose data a store holds.
type Account struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// StoreInfo is the content of store.json.
type StoreInfo struct {
	Format    string    `json:"format"`
	Version   int       `json:"version"`
	Platform  string    `json:"platform"`
	Account   Account   `json:"account"`
	CreatedAt time.Time `json:"created_at"`
}

// Store is the mutable, resumable working copy of one account:
// $FAREWELL_HOME/<platform>/<account-id>/. It holds the browser profile and
// cookie jar (secrets that never leave it), the raw captures, media,
// screenshots, parsed records and the journal.
type Store struct {
	Dir  string
	Info StoreInfo
	lock *os.File
	raw  rawWriter
	// secrets, for a scratch store (see Store.Scratch), is the store
	// whose browser profile and cookie jar it uses.
	secrets *Store
}

// DefaultHome returns $FAREWELL_HOME, else $XDG_DATA_HOME/farewell, else
// ~/.local/share/farewell.
func DefaultHome() (string, error) {
	if h := os.Getenv("FAREWELL_HOME"); h != "" {
		return h, nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "farewell"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", i18n.Fail(err, i18n.FailNoHome, nil)
	}
	return filepath.Join(home, ".local", "share", "farewell"), nil
}

// StorePath returns where the store of an account lives under home.
func StorePath(home, platform, accountID string) string {
	return filepath.Join(home, platform, accountID)
}

// CreateStore opens the store of an account under home, creating it (mode
// 0700) if it does not exist yet.
func CreateStore(home, platform string, account Account) (*Store, error) {
	if platform == "" || account.ID == "" || strings.ContainsAny(account.ID, `/\`) || account.ID == "." || account.ID == ".." {
		return nil, fmt.Errorf("create store: bad platform %q or account id %q", platform, account.ID)
	}
	dir := StorePath(home, platform, account.ID)
	if s, err := OpenStore(dir); err == nil {
		if s.Info.Platform != platform || s.Info.Account.ID != account.ID {
			return nil, fmt.Errorf("%s holds the store of %s/%s", dir, s.Info.Platform, s.Info.Account.ID)
		}
		return s, nil
	} else if !errors.Is(err, ErrNotStore) {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create store: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create store: %w", err)
	}
	info := StoreInfo{Format: storeFormat, Version: storeVersion, Platform: platform, Account: account, CreatedAt: time.Now().UTC().Truncate(time.Second)}
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := writeFileAtomic(filepath.Join(dir, StoreFile), append(b, '\n'), 0o600); err != nil {
		return nil, fmt.Errorf("create store: %w", err)
	}
	return &Store{Dir: dir, Info: info}, nil
}

// OpenStore opens an existing store. A folder without store.json gives an
// error wrapping [ErrNotStore].
func OpenStore(dir string) (*Store, error) {
	b, err := os.ReadFile(filepath.Join(dir, StoreFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotStore)
	}
	if err != nil {
		return nil, err
	}
	var info StoreInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, fmt.Errorf("%s: %s is damaged: %v", dir, StoreFile, err)
	}
	if info.Format != storeFormat {
		return nil, fmt.Errorf("%s: %w (format %q)", dir, ErrNotStore, info.Format)
	}
	if info.Version > storeVersion {
		return nil, i18n.Fail(nil, i18n.FailStoreNewer, i18n.Args{"dir": dir, "version": info.Version})
	}
	return &Store{Dir: dir, Info: info}, nil
}

// Path joins elements onto the store folder.
func (s *Store) Path(elem ...string) string {
	return filepath.Join(append([]string{s.Dir}, elem...)...)
}

// Lock takes the store's lock, so that two runs cannot use one store (or
// one browser profile) at once. It fails at once with [ErrStoreBusy] if
// another process holds it. The lock is released by [Store.Unlock] or when
// the process exits, even by kill -9.
func (s *Store) Lock() error {
	if s.secrets != nil {
		if err := s.secrets.Lock(); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(s.Path(LockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("lock store: %w", err)
	}
	if busy, err := lockFile(f); err != nil {
		owner, _ := os.ReadFile(s.Path(LockFile))
		f.Close()
		if busy {
			return i18n.Fail(ErrStoreBusy, i18n.FailStoreBusy, i18n.Args{"dir": s.Dir, "owner": strings.TrimSpace(string(owner))})
		}
		return fmt.Errorf("lock store: %w", err)
	}
	f.Truncate(0)
	fmt.Fprintf(f, "pid %d since %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))
	s.lock = f
	return nil
}

// Unlock releases the lock taken by [Store.Lock].
func (s *Store) Unlock() error {
	var err error
	if s.lock != nil {
		err = s.lock.Close()
		s.lock = nil
	}
	if s.secrets != nil {
		err = errors.Join(err, s.secrets.Unlock())
	}
	return err
}

// BundleFile maps a bundle member to the store file that holds it.
type BundleFile struct {
	Name string // path inside the bundle
	Path string // path on disk
}

// BundleFiles lists what of the store goes into a bundle, in bundle order:
// records/<c>.jsonl as data/<c>.jsonl, then screens/, raw/, media/ and
// diagnostics/.
// Secrets (browser profile, cookie jar, lock) and the journal never go in;
// unfinished downloads (*.part) and anything else unexpected are left out
// with a warning.
func (s *Store) BundleFiles(ctx context.Context) ([]BundleFile, []string, error) {
	var files []BundleFile
	var warnings []string
	add := func(dir, prefix string) error {
		root := s.Path(dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipDir
			}
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			switch {
			case !d.Type().IsRegular():
				warnings = append(warnings, fmt.Sprintf("left out %s/%s: not a regular file", dir, rel))
			case strings.HasSuffix(rel, PartSuffix):
				warnings = append(warnings, fmt.Sprintf("left out %s/%s: unfinished download", dir, rel))
			default:
				files = append(files, BundleFile{Name: prefix + "/" + rel, Path: p})
			}
			return nil
		})
		if errors.Is(err, fs.SkipDir) {
			return nil
		}
		return err
	}
	for _, d := range [][2]string{{RecordsDir, "data"}, {ScreensDir, "screens"}, {RawDir, "raw"}, {MediaDir, "media"}, {DiagnosticsDir, "diagnostics"}} {
		if err := add(d[0], d[1]); err != nil {
			return nil, nil, fmt.Errorf("list store %s: %w", s.Dir, err)
		}
	}
	return files, warnings, nil
}

// RecordsPath returns the records file of a collection.
func (s *Store) RecordsPath(collection Collection) string {
	return s.Path(RecordsDir, string(collection)+".jsonl")
}

// CountRecords returns the number of records in a collection's records
// file (non-empty lines); a missing file counts as zero.
func (s *Store) CountRecords(collection Collection) (int64, error) {
	b, err := os.ReadFile(s.RecordsPath(collection))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var n int64
	for _, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) != "" {
			n++
		}
	}
	return n, nil
}

// Collections returns the collections the journal knows, in the order
// they first appear.
func (s *Store) Collections() ([]*CollectionState, *RunWindow, error) {
	events, err := ReadJournal(s.Path(JournalFile))
	if err != nil {
		return nil, nil, err
	}
	states, window := Fold(events)
	names := make([]Collection, 0, len(states))
	for n := range states {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return states[names[i]].order < states[names[j]].order })
	out := make([]*CollectionState, 0, len(names))
	for _, n := range names {
		out = append(out, states[n])
	}
	return out, window, nil
}

// writeFileAtomic writes data to a temporary file next to name, syncs it
// and renames it into place, so name is always either old or new.
func writeFileAtomic(name string, data []byte, perm fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return StorageError(err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return StorageError(err)
	}
	return nil
}

// WriteWarnings replaces the store's warnings: what deriving the records
// could not read (a raw capture that does not decode). The manifest
// carries them and verify shows them, so nothing is dropped unseen.
func (s *Store) WriteWarnings(warnings []string) error {
	b, err := json.MarshalIndent(append([]string{}, warnings...), "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(s.Path(WarningsFile), append(b, '\n'), 0o600)
}

// Warnings returns the warnings the last records step wrote (none when
// it wrote none).
func (s *Store) Warnings() ([]string, error) {
	b, err := os.ReadFile(s.Path(WarningsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var w []string
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path(WarningsFile), err)
	}
	return w, nil
}
