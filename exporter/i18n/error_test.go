package i18n

import (
	"context"
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
	stopped := Fail(context.Canceled, Interrupted, nil)
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
		{"its words in the context's too", fmt.Errorf("pack /home/me/interrupted/x: %w", stopped),
			"pack /home/me/interrupted/x: interrupted", "pack /home/me/interrupted/x: 已中断", context.Canceled},
		{"several joined", errors.Join(noAccount, stopped), "no douyin account has logged in yet\ninterrupted", "还没有登录过 douyin 账号\n已中断", gone},
		{"joined, then wrapped", fmt.Errorf("close: %w", errors.Join(errors.New("a"), stopped)), "close: a\ninterrupted", "close: a\n已中断", context.Canceled},
		{"Errors at two depths", fmt.Errorf("douyin: %w", Fail(fmt.Errorf("wallet: %w", noAccount), FailLogInAgain, Args{"site": "douyin"})),
			"douyin: wallet: no douyin account has logged in yet: run `farewell login douyin`, then `backup` again: it continues where it stopped",
			"douyin: wallet: 还没有登录过 douyin 账号：请运行 `farewell login douyin` 登录，再运行 backup，会从中断处继续", gone},
		{"a message naming a cause it lacks", Fail(nil, UsageOption, Args{"option": "--faults"}), "--faults: ", "--faults：", nil},
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

// TestSayOther: other says the errors it knows, wherever they are in
// the chain, and only those; the others keep their own text.
func TestSayOther(t *testing.T) {
	missing := &fs.PathError{Op: "stat", Path: "/x.tar.zst", Err: fs.ErrNotExist}
	other := func(err error) (string, bool) {
		if pe, ok := err.(*fs.PathError); ok {
			return "找不到 " + pe.Path, true
		}
		return "", false
	}
	zh := New(ZH)
	cases := []struct {
		err  error
		want string
	}{
		{missing, "找不到 /x.tar.zst"},
		{fmt.Errorf("verify /x.tar.zst: %w", missing), "verify /x.tar.zst: 找不到 /x.tar.zst"},
		{Fail(missing, UsageOption, Args{"option": "--home"}), "--home：找不到 /x.tar.zst"},
		{Fail(fmt.Errorf("save raw: %w", missing), UsageOption, Args{"option": "--home"}), "--home：save raw: 找不到 /x.tar.zst"},
		{errors.New("page load error net::ERR_ABORTED"), "page load error net::ERR_ABORTED"},
	}
	for _, tc := range cases {
		if got := Say(zh, tc.err, other); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.err, got, tc.want)
		}
	}
	if got := Say(zh, fmt.Errorf("verify: %w", missing), nil); got != "verify: "+missing.Error() {
		t.Errorf("no other: %q", got)
	}
	if got := Say(zh, nil, other); got != "" {
		t.Errorf("no error: %q", got)
	}
}

// TestErrorArgument: an error given as a message's parameter is said as
// Say says it, in the message's language.
func TestErrorArgument(t *testing.T) {
	gone := fmt.Errorf("douyin posts: %w", Fail(nil, FailBrowserGone, nil))
	args := Args{"error": gone}
	if got, want := New(ZH).T(NoteBrowserRestart, args), "douyin posts: 浏览器意外退出了：重新启动浏览器并继续"; got != want {
		t.Errorf("in Chinese %q, want %q", got, want)
	}
	if got, want := English(Msg{Code: NoteBrowserRestart, Args: args}), "douyin posts: the browser went away: starting it again and continuing"; got != want {
		t.Errorf("in English %q, want %q", got, want)
	}
}
