package exporter

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// ReadinessFile is where a profile leaves the checklist before deleting
// the account, derived from what was captured; pack copies it into the
// manifest.
const ReadinessFile = "readiness.json"

// Readiness is one item of the checklist before deleting an account: what
// the backup cannot settle and the person must, or must know.
//
// Unknown is never OK: an item is OK only when what it checks was read
// and found settled. A value that is missing, renamed or unparsable (a
// page that was not read, a balance the answer did not carry) makes the
// item "not read" ([NotRead]), which tells the person what to check by
// hand and, for a blocking item, keeps the verdict "not safe".
type Readiness struct {
	Check string `json:"check"` // what is checked, e.g. "wallet", "apps"
	// OK says there is nothing to do: what is checked was read and is
	// settled.
	OK bool `json:"ok"`
	// Blocking says the account is not safe to delete while the item is
	// not OK (money would be lost).
	Blocking bool `json:"blocking,omitempty"`
	// Info marks a rule of the site to know, not a check.
	Info bool `json:"info,omitempty"`
	// Detail is the item in English.
	Detail string `json:"detail"`
	// Code is the item's code in the message catalog (exporter/i18n)
	// and Params its values, so every reader shows it in the person's
	// language.
	Code   string            `json:"code,omitempty"`
	Params map[string]string `json:"params,omitempty"`
}

// NotRead is the item for a check whose value farewell could not read:
// never OK, blocking when the check is, and saying what was not read and
// what the person should do instead.
// code is the item's code in the message catalog.
func NotRead(check string, blocking bool, what, todo string, code i18n.Code, params map[string]string) Readiness {
	return Readiness{Check: check, Blocking: blocking, Detail: "farewell could not read " + what + ": " + todo, Code: string(code), Params: params}
}

// WriteReadiness replaces the store's checklist.
func (s *Store) WriteReadiness(items []Readiness) error {
	b, err := json.MarshalIndent(items, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(s.Path(ReadinessFile), append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("checklist: %w", err)
	}
	return nil
}

// Readiness returns the store's checklist (none if no profile wrote one).
func (s *Store) Readiness() ([]Readiness, error) {
	b, err := os.ReadFile(s.Path(ReadinessFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var items []Readiness
	if err := json.Unmarshal(b, &items); err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path(ReadinessFile), err)
	}
	return items, nil
}
