package main

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// This file turns what the command-line parser refuses (a flag, a
// value, the number of arguments) into usage errors in the person's
// language, each naming the fix: the flag meant, the help to read.

// flagError is the usage error of a flag the parser refused: an unknown
// one (with the one meant, if near), one without its value, a value of
// the wrong kind; anything else keeps the parser's words.
func flagError(cmd *cobra.Command, err error) error {
	var (
		unknown *pflag.NotExistError
		noValue *pflag.ValueRequiredError
		invalid *pflag.InvalidValueError
	)
	command := cmd.CommandPath()
	switch {
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() != "":
		flag := shorthand(unknown.GetSpecifiedName(), unknown.GetSpecifiedShortnames())
		return usage(nil, i18n.UsageUnknownFlag, i18n.Args{"flag": flag, "suggest": i18n.PlainText(""), "command": command})
	case errors.As(err, &unknown):
		name := unknown.GetSpecifiedName()
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		return usage(nil, i18n.UsageUnknownFlag, i18n.Args{"flag": "--" + name, "suggest": didYouMean(name, names, "--"), "command": command})
	case errors.As(err, &noValue):
		flag := "--" + noValue.GetFlag().Name
		if noValue.GetSpecifiedShortnames() != "" {
			flag = "-" + noValue.GetFlag().Shorthand
		}
		return usage(nil, i18n.UsageFlagNeedsValue, i18n.Args{"flag": flag, "command": command})
	case errors.As(err, &invalid):
		return usage(nil, i18n.UsageFlagBadValue, i18n.Args{"flag": "--" + invalid.GetFlag().Name, "value": invalid.GetValue(), "command": command})
	}
	return usage(err, i18n.UsageSeeHelp, i18n.Args{"command": command})
}

// shorthand is "-x" for the shorthand the parser refused in a group
// ("-qx"). The parser names it by its first byte, as a character of its
// own: a letter outside ASCII is found again in the group, whole.
func shorthand(name, group string) string {
	r, _ := utf8.DecodeRuneInString(name)
	if r < utf8.RuneSelf || r > 0xff {
		return "-" + name
	}
	if at := strings.IndexByte(group, byte(r)); at >= 0 {
		whole, _ := utf8.DecodeRuneInString(group[at:])
		return "-" + string(whole)
	}
	return "-" + name
}

// exactArgs, atMostArgs and atLeastArgs check the number of a command's
// arguments, as cobra's validators do, with a usage error that says the
// command's own numbers.
func exactArgs(n int) cobra.PositionalArgs {
	return countArgs(func(got int) bool { return got == n }, i18n.UsageArgsExact, n)
}

func atMostArgs(n int) cobra.PositionalArgs {
	return countArgs(func(got int) bool { return got <= n }, i18n.UsageArgsAtMost, n)
}

func atLeastArgs(n int) cobra.PositionalArgs {
	return countArgs(func(got int) bool { return got >= n }, i18n.UsageArgsAtLeast, n)
}

func countArgs(ok func(got int) bool, code i18n.Code, want int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if ok(len(a)) {
			return nil
		}
		return usage(nil, code, i18n.Args{"command": cmd.CommandPath(), "want": want, "got": len(a)})
	}
}
