package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
)

// TestLoginAdvice: the one-line error of a lost session says "not logged
// in" once, keeps what showed it, and ends with the command to run.
func TestLoginAdvice(t *testing.T) {
	siteSays := fmt.Errorf("douyin: not logged in (status_code 8 用户未登录): %w", exporter.ErrNotLoggedIn)
	for _, tc := range []struct {
		name  string
		cause error
		want  string
		zh    string // the start of the Chinese line
	}{
		{"no cause", nil, "not logged in: run `farewell login douyin`, then `backup` again: it continues where it stopped", "没有登录：请运行 `farewell login douyin` 登录"},
		{"site's words", fmt.Errorf("douyin wallet: %w", siteSays),
			"douyin wallet: douyin: not logged in (status_code 8 用户未登录): run `farewell login douyin`, then `backup` again: it continues where it stopped",
			"登录已失效（douyin wallet: douyin: not logged in (status_code 8 用户未登录)）：请运行"},
		{"sentinel only", fmt.Errorf("the page asks to log in: %w", exporter.ErrNotLoggedIn),
			"the page asks to log in: not logged in: run `farewell login douyin`, then `backup` again: it continues where it stopped",
			"登录已失效（the page asks to log in: not logged in）：请运行"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := notLoggedIn("douyin", tc.cause)
			if err.Error() != tc.want {
				t.Fatalf("got  %s\nwant %s", err, tc.want)
			}
			if zh := errorText(i18n.New(i18n.ZH), err); !strings.HasPrefix(zh, tc.zh) {
				t.Errorf("in Chinese %s\nwant it to start %s", zh, tc.zh)
			}
			if !errors.Is(err, exporter.ErrNotLoggedIn) || exitCode(err) != ExitNotLoggedIn {
				t.Fatalf("%v does not map to exit 4", err)
			}
		})
	}
}

// TestNoLoginYet: a backup before any login says to log in first, then
// back up: nothing was interrupted.
func TestNoLoginYet(t *testing.T) {
	_, err := currentStore(t.TempDir(), "douyin", "")
	want := "no douyin account has logged in yet: run `farewell login douyin` first, then `farewell backup douyin`"
	if err == nil || err.Error() != want || exitCode(err) != ExitNotLoggedIn {
		t.Fatalf("got %v (exit %d), want %s", err, exitCode(err), want)
	}
	if zh := errorText(i18n.New(i18n.ZH), err); zh != "还没有登录过 douyin 账号：请先运行 `farewell login douyin` 登录，再运行 `farewell backup douyin`" {
		t.Errorf("in Chinese: %s", zh)
	}
}
