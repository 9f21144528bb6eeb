package main

import (
	"errors"

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
	command := cmd.Name()
	switch {
	case errors.As(err, &unknown):
		name := unknown.GetSpecifiedName()
		if unknown.GetSpecifiedShortnames() != "" {
			return usage(i18n.UsageUnknownFlag, i18n.Args{"flag": shorthand(name), "suggest": i18n.PlainText(""), "command": command})
		}
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		return usage(i18n.UsageUnknownFlag, i18n.Args{"flag": "--" + name, "suggest": didYouMean(name, names, "--"), "command": command})
	case errors.As(err, &noValue):
		flag := "--" + noValue.GetSpecifiedName()
		if noValue.GetSpecifiedShortnames() != "" {
			flag = shorthand(noValue.GetSpecifiedName())
		}
		return usage(i18n.UsageFlagNeedsValue, i18n.Args{"flag": flag, "command": command})
	case errors.As(err, &invalid):
		return usage(i18n.UsageFlagBadValue, i18n.Args{"flag": "--" + invalid.GetFlag().Name, "value": invalid.GetValue(), "command": command})
	}
	return usageBecause(err, i18n.UsageSeeHelp, i18n.Args{"command": command})
}

// shorthand is "-x" for the letter that starts name, as the parser
// names a shorthand it refused.
func shorthand(name string) string {
	for _, r := range name {
		return "-" + string(r)
	}
	return "-"
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
		return usage(code, i18n.Args{"command": cmd.Name(), "want": want, "got": len(a)})
	}
}
