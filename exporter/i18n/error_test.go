package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

// TestError: an Error's text is English; said in a catalog's language it
// is that language, the cause in {cause} said the same way, and what
// wraps it with words of its own keeps them; errors.Is sees the cause
// whether the message shows it or not.
func TestError(t *testing.T) {
	gone := errors.New("not logged in")
	noAccount := Fail(gone, FailNoAccountYet, Args{"site": "douyin"})
	logIn := Fail(noAccount, FailLogInAgain, Args{"site": "douyin"})
	zh := New(ZH)
	cases := []struct {
		name    string
		err     error
		en, zh  string
		matches error
	}{
		{"no cause shown", noAccount, "no douyin account has logged in yet", "还没有登录过 douyin 账号", gone},
		{"a cause said too", logIn,
			"no douyin account has logged in yet: run `farewell login douyin`, then `backup` again: it continues where it stopped",
			"还没有登录过 douyin 账号：请运行 `farewell login douyin` 登录，再运行 backup，会从中断处继续", gone},
		{"English words around it", fmt.Errorf("backup: %w", noAccount), "backup: no douyin account has logged in yet", "backup: 还没有登录过 douyin 账号", gone},
		{"a cause that is no Error", Fail(fs.ErrNotExist, UsageOption, Args{"option": "--faults"}),
			"--faults: file does not exist", "--faults：file does not exist", fs.ErrNotExist},
		{"nested messages", Fail(nil, UsageUnknownCommand, Args{"word": "verfy", "suggest": Msg{Code: DidYouMean, Args: Args{"word": "verify"}}}),
			"unknown command \"verfy\"; did you mean `verify`? (see farewell --help)", "没有 \"verfy\" 这个命令；你是想输入 `verify` 吗？（见 farewell --help）", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.en {
				t.Errorf("Error() = %q, want %q", got, tc.en)
			}
			if got := Say(New(EN), tc.err, nil); got != tc.en {
				t.Errorf("in English %q, want %q", got, tc.en)
			}
			if got := Say(zh, tc.err, nil); got != tc.zh {
				t.Errorf("in Chinese %q, want %q", got, tc.zh)
			}
			if tc.matches != nil && !errors.Is(tc.err, tc.matches) {
				t.Errorf("%v does not match %v", tc.err, tc.matches)
			}
		})
	}
}

// TestSayOther: an error with no Error in it, and the cause of one, are
// said by other; without other, as their own text.
func TestSayOther(t *testing.T) {
	missing := &fs.PathError{Op: "stat", Path: "/x.tar.zst", Err: fs.ErrNotExist}
	other := func(err error) string { return "[" + err.Error() + "]" }
	zh := New(ZH)
	if got := Say(zh, fmt.Errorf("verify: %w", missing), other); got != "[verify: stat /x.tar.zst: file does not exist]" {
		t.Errorf("plain error: %q", got)
	}
	wrapped := Fail(missing, UsageOption, Args{"option": "--home"})
	if got := Say(zh, wrapped, other); got != "--home：[stat /x.tar.zst: file does not exist]" {
		t.Errorf("cause: %q", got)
	}
	if got := Say(zh, missing, nil); got != missing.Error() {
		t.Errorf("no other: %q", got)
	}
}
