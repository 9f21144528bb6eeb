package main

import (
	"bytes"
	"cmp"
	"io"
	"regexp"
	"strings"

	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// This file gives the help in the person's language. The commands are
// built with their English texts from the catalog; when the help is shown
// to a person whose language is another, each text the catalog has
// (a command's summary and description, a flag's line, the headings) is
// said in that language instead. A text the catalog lacks stays English.

// helpText is a help text of the catalog in English, as the commands are
// built.
func helpText(code i18n.Code) string { return i18n.English(i18n.Msg{Code: code}) }

// flagArgs are the values a flag's help text names: the limits the
// command checks.
func flagArgs(command, flag string) i18n.Args {
	switch command + " " + flag {
	case "demo size":
		return i18n.Args{"max": maxSize}
	case "demo conversations":
		return i18n.Args{"max": maxConversations}
	case "demo rate":
		return i18n.Args{"max": maxRate}
	}
	return nil
}

// flagHelp is a flag's help text of the catalog in English, with the
// values it names.
func flagHelp(command, flag string) string {
	return i18n.English(i18n.Msg{Code: i18n.HelpFlag(command, flag), Args: flagArgs(command, flag)})
}

// setLocalHelp makes root's help, and every command's, speak the
// language gopts resolves when it is shown.
func setLocalHelp(root *cobra.Command, gopts *GlobalOptions) {
	english := root.HelpFunc()
	root.SetHelpFunc(func(cmd *cobra.Command, args []string) {
		if tr := gopts.catalog(); tr.Lang() != i18n.EN {
			localizeHelp(cmd, tr)
		}
		english(cmd, args)
	})
}

// localizeHelp puts cmd's help texts, its flags' and its parents', and
// the template's headings in tr's language.
func localizeHelp(cmd *cobra.Command, tr *i18n.Catalog) {
	say := func(code i18n.Code, keep string) string {
		if tr.Has(code) {
			return tr.T(code, nil)
		}
		return keep
	}
	name := func(c *cobra.Command) string {
		if !c.HasParent() {
			return ""
		}
		return c.Name()
	}
	for _, c := range append([]*cobra.Command{cmd}, cmd.Commands()...) {
		c.Short = say(i18n.HelpShort(name(c)), c.Short)
	}
	// The description, with what follows it (the exit status, the
	// collections --only takes) in the same language.
	if code := i18n.HelpLong(name(cmd)); tr.Has(code) && strings.HasPrefix(cmd.Long, helpText(code)) {
		rest := cmd.Long[len(helpText(code)):]
		if rest == exitStatusHelp() {
			rest = "\n\n" + tr.T(i18n.HelpExitStatus, nil)
		}
		rest = strings.Replace(rest, helpText(i18n.HelpCollectionsFor), tr.T(i18n.HelpCollectionsFor, nil), 1)
		cmd.Long = tr.T(code, nil) + rest
	}
	if name(cmd) == "parse" { // its description names the kinds it knows
		cmd.Long = tr.Say(i18n.HelpParse(strings.Join(kindNames(), ", "))) + tr.Say(i18n.HelpParseExamples())
	}
	// A flag's line: the command's own text, or the one several commands
	// share (or demo's, which replica shares), when the flag says that
	// text in English.
	flags := func(c *cobra.Command, set *pflag.FlagSet) {
		set.VisitAll(func(f *pflag.Flag) {
			if f.Name == "help" {
				f.Usage = say(i18n.HelpFlag("", "help"), f.Usage)
				return
			}
			for _, cmdName := range []string{name(c), "", "demo"} {
				code, args := i18n.HelpFlag(cmdName, f.Name), flagArgs(cmdName, f.Name)
				if tr.Has(code) && i18n.English(i18n.Msg{Code: code, Args: args}) == f.Usage {
					f.Usage = tr.T(code, args)
					return
				}
			}
		})
	}
	flags(cmd, cmd.LocalFlags())
	for c := cmd; c != nil; c = c.Parent() {
		flags(c, c.PersistentFlags())
	}
	t := cmd.UsageTemplate()
	for _, h := range []struct {
		code i18n.Code
		en   string
	}{{i18n.HelpUsage, "Usage:"}, {i18n.HelpCommands, "Available Commands:"}, {i18n.HelpGlobalFlags, "Global Flags:"},
		{i18n.HelpFlags, "Flags:"}, {i18n.HelpExamples, "Examples:"}} {
		t = strings.ReplaceAll(t, h.en, tr.T(h.code, nil))
	}
	t = strings.ReplaceAll(t, `Use "{{.CommandPath}} [command] --help" for more information about a command.`,
		tr.T(i18n.HelpMore, i18n.Args{"command": "{{.CommandPath}}"}))
	// The usage lines' placeholders: cobra writes "[flags]" after the
	// command line itself, so the template says it instead.
	if tr.Lang() != i18n.EN {
		for c := cmd; c != nil; c = c.Parent() {
			c.DisableFlagsInUseLine = true
		}
		t = strings.ReplaceAll(t, "{{.UseLine}}", "{{.UseLine}}{{if .HasAvailableFlags}} "+tr.T(i18n.HelpFlagsWord, nil)+"{{end}}")
		t = strings.ReplaceAll(t, "{{.CommandPath}} [command]", "{{.CommandPath}} "+tr.T(i18n.HelpCommandWord, nil))
	}
	cmd.SetUsageTemplate(t)
	// A flag's default, which the flag library writes in English.
	english := cmd.UsageFunc()
	cmd.SetUsageFunc(func(c *cobra.Command) error {
		var b bytes.Buffer
		out := c.OutOrStderr()
		c.SetOut(&b)
		err := english(c)
		c.SetOut(out)
		_, werr := io.WriteString(out, flagDefault.ReplaceAllStringFunc(b.String(), func(d string) string {
			return tr.T(i18n.HelpDefault, i18n.Args{"value": flagDefault.FindStringSubmatch(d)[1]})
		}))
		return cmp.Or(err, werr)
	})
}

// flagDefault is the flag library's note of a flag's default, at the end
// of its line.
var flagDefault = regexp.MustCompile(`(?m) \(default (.*)\)$`)
