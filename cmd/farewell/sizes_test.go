package main

import (
	"context"
	"strings"
	"testing"
)

// TestDemoSizes: the size flags of demo and replica are checked before
// anything starts: a value out of range is a usage error (exit 2) whose
// one line names the range; a cancelled run stops while the account is
// generated (exit 130).
func TestDemoSizes(t *testing.T) {
	home := t.TempDir()
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"demo", "weibo", "--size", "0"}, "--size 0: use 1 to 2000 (the generated account's posts, or works on Douyin)"},
		{[]string{"demo", "weibo", "--size", "-1"}, "--size -1: use 1 to 2000"},
		{[]string{"demo", "douyin", "--size", "1000000000"}, "--size 1000000000: use 1 to 2000"},
		{[]string{"demo", "douyin", "--conversations", "0"}, "--conversations 0: use 1 to 100 (the generated account's conversations)"},
		{[]string{"demo", "douyin", "--conversations", "100000"}, "use 1 to 100"},
		{[]string{"demo", "weibo", "--rate", "0"}, "--rate 0: the replica allows more than 0 to 1000 API requests a second"},
		{[]string{"demo", "weibo", "--rate", "-5"}, "--rate -5"},
		{[]string{"demo", "weibo", "--rate", "NaN"}, "--rate NaN"},
		{[]string{"replica", "weibo", "--size", "5000"}, "--size 5000: use 1 to 2000"},
		{[]string{"replica", "douyin", "--rate", "1e9"}, "the replica allows 0 (no limit) to 1000"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, stdout, stderr := farewell(t, context.Background(), append(c.args, "--home", home)...)
			if c.args[0] == "replica" {
				code, stdout, stderr = farewell(t, context.Background(), c.args...)
			}
			if code != ExitUsage || !strings.Contains(stderr, c.msg) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, stdout, stderr, c.msg)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{{"replica", "weibo", "--size", "2000"}, {"replica", "douyin", "--size", "2000"}, {"demo", "douyin", "--size", "2000", "--conversations", "100", "--home", home}} {
		if code, _, stderr := farewell(t, ctx, args...); code != ExitInterrupted {
			t.Errorf("%v, interrupted: exit %d: %s", args, code, stderr)
		}
	}
}
