package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/farewell-app/farewell/parsers"
	"github.com/farewell-app/farewell/parsers/record"
	"github.com/farewell-app/farewell/profiles/all"
	"github.com/spf13/cobra"
)

// ParseOptions holds the flags of "farewell parse".
type ParseOptions struct {
	Kind  string
	Ref   string
	Owner string
}

// parseKinds lists every parser by its kind name.
func parseKinds() map[parsers.Kind]parsers.Parser {
	kinds := map[parsers.Kind]parsers.Parser{}
	for _, s := range all.Sites() {
		for k, v := range s.Kinds() {
			kinds[k] = v
		}
	}
	return kinds
}

func newParseCommand(gopts *GlobalOptions) *cobra.Command {
	var opts ParseOptions
	cmd := &cobra.Command{
		Use:   "parse --kind <platform>.<endpoint> FILE...",
		Short: helpText(i18n.HelpShort("parse")),
		Long:  i18n.English(i18n.HelpParse(strings.Join(kindNames(), ", "))) + i18n.English(i18n.HelpParseExamples()),
		Args:  atLeastArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runParse(cmd.Context(), opts, gopts, a)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Kind, "kind", "", helpText(i18n.HelpFlag("parse", "kind")))
	f.StringVar(&opts.Ref, "ref", "", helpText(i18n.HelpFlag("parse", "ref")))
	f.StringVar(&opts.Owner, "owner", "", helpText(i18n.HelpFlag("parse", "owner")))
	return cmd
}

func kindNames() []string {
	var names []string
	for k := range parseKinds() {
		names = append(names, string(k))
	}
	sort.Strings(names)
	return names
}

func runParse(ctx context.Context, opts ParseOptions, gopts *GlobalOptions, files []string) error {
	if opts.Kind == "" {
		return usage(nil, i18n.UsageNoKind, i18n.Args{"kinds": strings.Join(kindNames(), ", ")})
	}
	parse, ok := parseKinds()[parsers.Kind(opts.Kind)]
	if !ok {
		return usage(nil, i18n.UsageKind, i18n.Args{"value": opts.Kind, "kinds": strings.Join(kindNames(), ", ")})
	}
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("parse: %w", err)
		}
		meta := parsers.Meta{Ref: opts.Ref, Owner: opts.Owner}
		if side, err := os.ReadFile(sidecarOf(file)); err == nil {
			var m exporter.RawMeta
			if json.Unmarshal(side, &m) == nil {
				if meta.Ref == "" {
					meta.Ref = m.Ref
				}
				meta.Captured = m.Time
			}
		}
		recs, err := parse(raw, meta)
		if err != nil {
			return fmt.Errorf("parse %s as %s: %w", file, opts.Kind, err)
		}
		for _, r := range recs {
			line, err := record.MarshalLine(r)
			if err != nil {
				return err
			}
			gopts.stdout.Write(termsafe.JSON(line))
		}
	}
	return nil
}

// sidecarOf returns where a raw file's sidecar is: <n>.meta.json beside <n>.<ext>.
func sidecarOf(file string) string {
	dir, base := file[:strings.LastIndexByte(file, os.PathSeparator)+1], file[strings.LastIndexByte(file, os.PathSeparator)+1:]
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	return dir + base + ".meta.json"
}
