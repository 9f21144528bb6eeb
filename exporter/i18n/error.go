package i18n

import (
	"errors"
	"strings"
)

// Error is a failure a person acts on: what went wrong and what to do,
// as a message of the catalog, said in the reader's language when it is
// printed, and the cause it wraps (the system's or the site's own words:
// a path, an address, a status), which errors.Is and errors.As see
// through. Its Error text is English, as logs and diagnostics are.
type Error struct {
	Msg   Msg
	Cause error
}

// Fail is the error of code with args, wrapping cause (nil for none).
// The message names the cause with the parameter {cause}; a message
// without it says everything itself and the cause is only matched, not
// shown.
func Fail(cause error, code Code, args Args) *Error {
	return &Error{Msg: Msg{Code: code, Args: args}, Cause: cause}
}

func (e *Error) Error() string { return e.Text(New(EN), nil) }

func (e *Error) Unwrap() error { return e.Cause }

// Text is e in c's language, its {cause} in the words say gives for the
// cause (say nil: the cause's own Error text).
func (e *Error) Text(c *Catalog, say func(error) string) string {
	if e.Cause == nil {
		return c.Say(e.Msg)
	}
	if say == nil {
		say = func(err error) string { return err.Error() }
	}
	args := make(Args, len(e.Msg.Args)+1)
	for k, v := range e.Msg.Args {
		args[k] = v
	}
	args["cause"] = say(e.Cause)
	return c.T(e.Msg.Code, args)
}

// Say is err in c's language: the outermost Error in its chain said in
// c's language, its cause said the same way, in place of its English
// text within err's; what wraps it with English words of its own keeps
// them. other says an error that is no Error (nil: its own text), and
// can put the system's commonest failures into words.
func Say(c *Catalog, err error, other func(error) string) string {
	var e *Error
	if !errors.As(err, &e) {
		if other != nil {
			return other(err)
		}
		return err.Error()
	}
	text := e.Text(c, func(cause error) string { return Say(c, cause, other) })
	return strings.Replace(err.Error(), e.Error(), text, 1)
}
