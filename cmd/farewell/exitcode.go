package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/farewell-app/farewell/archive"
	"github.com/farewell-app/farewell/exporter"
	"github.com/farewell-app/farewell/exporter/i18n"
	"github.com/farewell-app/farewell/exporter/termsafe"
	"github.com/spf13/cobra"
)

// Exit codes. They are part of the CLI contract: scripts and tests rely on
// them; the root command's help and verify's list them.
const (
	ExitOK          = 0
	ExitError       = 1   // anything not listed below
	ExitUsage       = 2   // bad flags or arguments
	ExitIncomplete  = 3   // backup incomplete, or verify found gaps: not safe to delete; doctor: a collection fails
	ExitNotLoggedIn = 4   // not logged in / session expired
	ExitCorrupt     = 5   // the bundle is damaged
	ExitInterrupted = 130 // interrupted by Ctrl-C or SIGTERM, after cleaning up
)

func exitStatusHelp() string { return "\n\n" + helpText(i18n.HelpExitStatus) }

// errNotSafe marks a result that is whole but incomplete (exit 3).
var errNotSafe = errors.New("not safe to delete")

// interruptedNote is the annotation of a command whose work a rerun
// continues: its value, a message code (i18n.ResumeNote), says so after
// Ctrl-C.
const interruptedNote = "farewell/interrupted"

// interrupted is the error of a command ended by Ctrl-C or SIGTERM (exit
// 130), with what that means for the command's work.
func interrupted(cmd *cobra.Command) error {
	if cmd == nil || cmd.Annotations[interruptedNote] == "" {
		return i18n.Fail(context.Canceled, i18n.Interrupted, nil)
	}
	note := i18n.Msg{Code: i18n.Code(cmd.Annotations[interruptedNote])}
	return i18n.Fail(context.Canceled, i18n.InterruptedNote, i18n.Args{"note": note})
}

// usageError is a mistake in the command line (exit 2): what was wrong
// and the fix, said in the person's language.
type usageError struct{ err *i18n.Error }

func (e *usageError) Error() string { return e.err.Error() }

func (e *usageError) Unwrap() error { return e.err }

// usage is the usage error of a catalog message, wrapping cause (nil
// for none), as i18n.Fail.
func usage(cause error, code i18n.Code, args i18n.Args) error {
	return &usageError{err: i18n.Fail(cause, code, args)}
}

// exitCode maps an error to its exit code. This is the only place that
// does.
func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &ue):
		return ExitUsage
	case errors.Is(err, exporter.ErrNotLoggedIn), errors.Is(err, exporter.ErrCaptcha):
		return ExitNotLoggedIn
	case errors.Is(err, archive.ErrCorrupt):
		return ExitCorrupt
	case errors.Is(err, errNotSafe), errors.Is(err, errProbesFailed):
		return ExitIncomplete
	default:
		return ExitError
	}
}

// reportExit prints err (one line on stderr, plus a JSON object in --json
// mode) and returns the exit code.
func reportExit(gopts *GlobalOptions, err error) int {
	code := exitCode(err)
	if err == nil {
		return code
	}
	tr := gopts.catalog()
	msg := errorMessage(tr, err)
	// The message quotes file names, members and the site's words: one
	// line, and nothing in it a terminal would act on.
	fmt.Fprintln(gopts.stderr, tr.T(i18n.ErrorLine, i18n.Args{"message": termsafe.String(msg)}))
	if gopts.JSON {
		// message stays English, whoever runs farewell: scripts match
		// it; text is the line as the person read it.
		b, _ := json.Marshal(struct {
			Type    string `json:"message_type"`
			Code    int    `json:"code"`
			Message string `json:"message"`
			Text    string `json:"text"`
		}{"exit_error", code, errorMessage(i18n.New(i18n.EN), err), msg})
		fmt.Fprintf(gopts.stderr, "%s\n", termsafe.JSON(b))
	}
	return code
}

// errorMessage is err in tr's language, with what to check first when a
// network failure explains it (what the browser or the system said
// follows, for a bug report).
func errorMessage(tr *i18n.Catalog, err error) string {
	msg := errorText(tr, err)
	if advice := networkAdvice(tr, err); advice != "" {
		msg = tr.T(i18n.AdviceLine, i18n.Args{"advice": advice, "error": msg})
	}
	return msg
}
