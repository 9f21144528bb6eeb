package parsers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ErrNotKind is wrapped by the error of a parser given a capture that is
// not the answer its kind names: garbage, an empty object, or another
// endpoint's answer. Such a file gives an error, never an empty result.
var ErrNotKind = errors.New("not the answer this kind names")

// Expect returns p with a check that what p accepted is a JSON object of
// the shape its kind's answers have (see [HasShape]): a capture of something
// else is an error wrapping [ErrNotKind]. p's own errors come first, so
// an answer in which the site refuses (logged out, an error code) says
// so. The check is the parse command's: the decoders the profiles use
// keep their own, more lenient rules.
func Expect(p Parser, paths ...string) Parser {
	return func(raw []byte, m Meta) ([]any, error) {
		recs, err := p(raw, m)
		if err != nil {
			return nil, err
		}
		if err := HasShape(raw, paths...); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrNotKind, err)
		}
		return recs, nil
	}
}

// HasShape reports (as nil) whether raw is a JSON object holding at least
// one of paths and none of the paths marked "!"; otherwise its error says
// what is wrong. A path is a dot-separated list of keys ("data.list"),
// whose value may be null or empty: an empty page is still the kind's
// answer. A "[]" segment asks for an array and goes on in its first
// element ("data.[].rootid": a list of comments); an empty array holds
// the path. A final "{}" asks for an empty object.
func HasShape(raw []byte, paths ...string) error {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '{' || !json.Valid(t) {
		return errors.New("not a JSON object")
	}
	var want []string
	found := false
	for _, p := range paths {
		if not, ok := strings.CutPrefix(p, "!"); ok {
			if hasPath(t, not) {
				return fmt.Errorf("it has %s", not)
			}
			continue
		}
		want = append(want, p)
		found = found || hasPath(t, p)
	}
	if !found {
		return fmt.Errorf("it has no %s", strings.Join(want, " or "))
	}
	return nil
}

// hasPath reports whether the JSON value v holds path.
func hasPath(v json.RawMessage, path string) bool {
	for _, seg := range strings.Split(path, ".") {
		if seg == "{}" {
			var m map[string]json.RawMessage
			return json.Unmarshal(v, &m) == nil && m != nil && len(m) == 0
		}
		if seg == "[]" {
			var list []json.RawMessage
			if json.Unmarshal(v, &list) != nil || list == nil {
				return false
			}
			if len(list) == 0 {
				return true
			}
			v = list[0]
			continue
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(v, &m) != nil {
			return false
		}
		next, ok := m[seg]
		if !ok {
			return false
		}
		v = next
	}
	return true
}
