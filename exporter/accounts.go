package exporter

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// A login runs before farewell knows whose account it is, so it runs in a
// store of its own, which AdoptLogin then turns into the account's.
const (
	loginStoreID = ".login"
	currentFile  = "current"
)

// LoginStore returns an empty, locked store for a login to run in; the
// caller unlocks it when the login is over (adopted or not). The lock
// comes first: while another run (a login, or a demo logging in) holds
// it, LoginStore fails with [ErrStoreBusy], naming that run's process,
// and touches nothing. Holding it, it removes the browser profile and
// cookie jar of an earlier, unfinished login.
func LoginStore(home, platform string) (*Store, error) {
	st, err := CreateStore(home, platform, Account{ID: loginStoreID})
	if err != nil {
		return nil, err
	}
	if err := st.Lock(); err != nil {
		return nil, fmt.Errorf("log in to %s: %w", platform, err)
	}
	if err := removeProfile(st.Path(ProfileDir)); err != nil {
		st.Unlock()
		return nil, err
	}
	if err := os.Remove(st.Path(CookiesFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		st.Unlock()
		return nil, err
	}
	return st, nil
}

// AdoptLogin moves the cookie jar and browser profile of a finished login
// into the account's own store (created if new) and removes the login
// store. It does not make the account the platform's current one (see
// MakeCurrent): the demo's accounts never become it.
func AdoptLogin(home, platform string, login *Store, acc Account) (*Store, error) {
	st, err := CreateStore(home, platform, acc)
	if err != nil {
		return nil, err
	}
	if err := st.Lock(); err != nil {
		return nil, err
	}
	defer st.Unlock()
	// The login's profile replaces the account's: whatever a killed run
	// left running on it ends first.
	endBrowsers(st.Path(ProfileDir))
	clearBrowserTemp(st.Path(ProfileDir))
	for _, name := range []string{CookiesFile, ProfileDir} {
		if err := os.RemoveAll(st.Path(name)); err != nil {
			return nil, err
		}
		if err := os.Rename(login.Path(name), st.Path(name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("keep the login: %w", err)
		}
	}
	if err := os.RemoveAll(login.Dir); err != nil {
		return nil, err
	}
	return st, nil
}

// MakeCurrent makes an account the one CurrentStore opens for its
// platform when no account is named: "farewell login" does, after the
// person logged in.
func MakeCurrent(home, platform, accountID string) error {
	return writeFileAtomic(filepath.Join(home, platform, currentFile), []byte(accountID+"\n"), 0o600)
}

// CurrentStore opens the store of the account to back up: the one named,
// or the platform's last login. Without one, the error wraps
// ErrNotLoggedIn.
func CurrentStore(home, platform, account string) (*Store, error) {
	if account == "" {
		b, err := os.ReadFile(filepath.Join(home, platform, currentFile))
		if errors.Is(err, os.ErrNotExist) {
			return nil, i18n.Fail(ErrNotLoggedIn, i18n.FailNoAccountYet, i18n.Args{"site": platform})
		}
		if err != nil {
			return nil, err
		}
		account = strings.TrimSpace(string(b))
	}
	st, err := OpenStore(StorePath(home, platform, account))
	if errors.Is(err, ErrNotStore) {
		return nil, i18n.Fail(ErrNotLoggedIn, i18n.FailNoStore, i18n.Args{"site": platform, "account": account})
	}
	return st, err
}
