package parsers

import "time"

// Meta is what a parser may know about a raw capture beyond its bytes,
// from the capture's sidecar.
type Meta struct {
	// Ref is what the response is about: the post a comments page belongs
	// to, the uid of a profile page, the folder of a favourites page.
	Ref string
	// Owner is the account being backed up: items of other users mixed
	// into the owner's lists are left out, and messages from the owner are
	// marked from_me.
	Owner string
	// Captured is when the response was captured (for relative times).
	Captured time.Time
	// Raw is the bundle path of the raw file, copied into each record.
	Raw string
}

// Kind names the format of a raw capture: the endpoint whose answer it
// holds ("weibo.mymblog"), recorded in its sidecar and given to "farewell
// parse --kind". Each parser package declares its kinds as constants of
// this type, so a misspelt kind does not compile.
type Kind string

// Parser parses one raw capture into records.
type Parser func(raw []byte, m Meta) ([]any, error)
