package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/farewell-app/farewell/archive/tables"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/spf13/cobra"
)

// ExportOptions holds the flags of "farewell export".
type ExportOptions struct {
	Format string
	Force  bool
}

func newExportCommand(gopts *GlobalOptions) *cobra.Command {
	var opts ExportOptions
	cmd := &cobra.Command{
		Use:   "export BUNDLE --format csv DIR [--force]",
		Short: helpText(i18n.HelpShort("export")),
		Long: `Export writes the records of a bundle as spreadsheet files into DIR (created if
missing): one <collection>.csv for posts, comments, likes, favorites, following,
followers, messages, my_comments, received_comments, mentions, articles, history,
watch_later, notifications, apps, series and sounds, as the bundle has them. They
are the same bytes as the csv/ folder inside every bundle, so this also works on
bundles made before farewell wrote that folder.

The files are UTF-8 with a byte order mark (Excel and WPS show Chinese text
correctly), one header row and one row per record; times are in China Standard
Time (+08:00); a cell a spreadsheet would run as a formula starts with '. The
columns of each file are listed in the bundle's README.txt.

The records are read straight from the compressed bundle, a line at a time, and
checked against the manifest's sha256; a damaged bundle is refused (exit 5).
Files already in DIR are not replaced unless --force is given (exit 1). On an
error or Ctrl-C, the files this run created are removed again.

EXAMPLES
  farewell export farewell-weibo-1234567890-20261123T020000Z.tar.zst --format csv ~/weibo-tables
  farewell export backup.tar.zst --format csv . --force`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if opts.Format != "csv" {
				return usageErrorf("--format %q is not known: the only format is csv (see farewell export --help)", opts.Format)
			}
			return runExport(cmd.Context(), opts, gopts, a[0], a[1])
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "csv", "file format (csv)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace files of the same names already in DIR")
	return cmd
}

func runExport(ctx context.Context, opts ExportOptions, gopts *GlobalOptions, bundle, dir string) error {
	defer limitMemory(archiveMemoryLimit)()
	files, err := tables.Export(ctx, bundle, dir, tables.ExportOptions{Force: opts.Force})
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("export %s: %w (--force replaces it)", bundle, err)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", bundle, err)
	}
	abs, _ := filepath.Abs(dir)
	if gopts.JSON {
		return printJSON(gopts.stdout, "summary", struct {
			Dir   string            `json:"dir"`
			Files []tables.Exported `json:"files"`
		}{abs, files})
	}
	var rows int64
	for _, f := range files {
		rows += f.Rows
		fmt.Fprintf(gopts.stdout, "%10d rows  %s\n", f.Rows, termsafe.String(filepath.Base(f.Path)))
	}
	fmt.Fprintf(gopts.stdout, "wrote %d files (%d rows) to %s\n", len(files), rows, termsafe.String(abs))
	return nil
}
