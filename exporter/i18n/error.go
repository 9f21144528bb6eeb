package i18n

import "strings"

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
// cause (say nil: the cause's own Error text; no cause: nothing).
func (e *Error) Text(c *Catalog, say func(error) string) string {
	if say == nil {
		say = func(err error) string { return err.Error() }
	}
	args := make(Args, len(e.Msg.Args)+1)
	for k, v := range e.Msg.Args {
		args[k] = v
	}
	args["cause"] = ""
	if e.Cause != nil {
		args["cause"] = say(e.Cause)
	}
	return c.T(e.Msg.Code, args)
}

// Say is err in c's language. Each Error in its chain is said from the
// catalog, its cause said the same way; an error that wraps others with
// words of its own ("save raw: %w", errors.Join) keeps its words, with
// each wrapped error's English text, where it quotes it, said in c's
// language. other says an error that is no Error when it knows better
// words for it (the system's commonest failures); its own text is used
// otherwise, and for what it wraps.
func Say(c *Catalog, err error, other func(error) (string, bool)) string {
	if err == nil {
		return ""
	}
	if e, ok := err.(*Error); ok {
		return e.Text(c, func(cause error) string { return Say(c, cause, other) })
	}
	if other != nil {
		if text, ok := other(err); ok {
			return text
		}
	}
	var inner []error
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if w := u.Unwrap(); w != nil {
			inner = []error{w}
		}
	case interface{ Unwrap() []error }:
		inner = u.Unwrap()
	}
	whole := err.Error()
	if len(inner) == 1 {
		// "context: %w" quotes its cause last: the last match is the
		// cause, whatever the context's own words hold.
		en := inner[0].Error()
		if at := strings.LastIndex(whole, en); at >= 0 {
			return whole[:at] + Say(c, inner[0], other) + whole[at+len(en):]
		}
		return whole
	}
	// Several: each quoted in order (errors.Join, or several %w).
	var b strings.Builder
	for _, w := range inner {
		if w == nil {
			continue
		}
		en := w.Error()
		at := strings.Index(whole, en)
		if at < 0 {
			continue
		}
		b.WriteString(whole[:at])
		b.WriteString(Say(c, w, other))
		whole = whole[at+len(en):]
	}
	b.WriteString(whole)
	return b.String()
}
