package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

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

// interruptedError is Ctrl-C or SIGTERM (exit 130), with what that means
// for the command's work: note is a message code ("" for none).
type interruptedError struct{ note i18n.Code }

// Error is the English text; reportExit says it in the person's
// language (text).
func (e *interruptedError) Error() string { return e.text(i18n.New(i18n.EN)) }

func (e *interruptedError) text(tr *i18n.Catalog) string {
	if e.note == "" {
		return tr.T(i18n.Interrupted, nil)
	}
	return tr.T(i18n.InterruptedNote, i18n.Args{"note": tr.T(e.note, nil)})
}

func (e *interruptedError) Unwrap() error { return context.Canceled }

// interrupted is the error of a command ended by Ctrl-C.
func interrupted(cmd *cobra.Command) error {
	if cmd == nil {
		return &interruptedError{}
	}
	return &interruptedError{note: i18n.Code(cmd.Annotations[interruptedNote])}
}

// usageError is a mistake in the command line (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...)}
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
	msg := err.Error()
	var ie *interruptedError
	if errors.As(err, &ie) {
		msg = strings.Replace(msg, ie.Error(), ie.text(tr), 1)
	}
	if advice := networkAdvice(tr, err); advice != "" {
		msg += ": " + advice
	}
	// The message quotes file names, members and the site's words: one
	// line, and nothing in it a terminal would act on.
	fmt.Fprintln(gopts.stderr, tr.T(i18n.ErrorLine, i18n.Args{"message": termsafe.String(msg)}))
	if gopts.JSON {
		b, _ := json.Marshal(struct {
			Type    string `json:"message_type"`
			Code    int    `json:"code"`
			Message string `json:"message"`
		}{"exit_error", code, msg})
		fmt.Fprintf(gopts.stderr, "%s\n", termsafe.JSON(b))
	}
	return code
}
