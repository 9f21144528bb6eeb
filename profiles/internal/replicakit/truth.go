package replicakit

import (
	"net/url"
	"strings"
)

// Truth is what a complete backup of a replica's account must hold, as
// the replica generated it. The conformance suite compares a bundle with
// it.
type Truth struct {
	Account     string
	Collections map[string]CollectionTruth
	// Media maps each original media file a backup must hold (by the
	// site's media key) to the sha256 of its bytes.
	Media map[string]string
	// Forbidden maps the sha256 of files no backup may hold (watermarked
	// copies of originals) to what they are.
	Forbidden map[string]string
	// Screens maps each conversation whose messages must be proven by
	// screenshots to its message ids.
	Screens map[string][]string
}

// CollectionTruth is what one collection must hold.
type CollectionTruth struct {
	// Key is the record field that identifies an item: "id", "post.id",
	// "name" (a dotted path into the record's JSON), or alternatives
	// separated by "|", the first present one counting.
	Key string
	// Items maps each item's identity to the record fields that must
	// match, by dotted path; a nil value means the field must be absent.
	// A path that starts with "#" is the number of entries of the list
	// at the rest of the path ("#media", "#post.media").
	Items map[string]map[string]any
	// Expected is what the site's own counter says (nil: no counter).
	Expected *int64
	// Withheld is how many items the site will not serve.
	Withheld int64
	// Unreadable says the site shows the collection in a layout nobody
	// documented: a complete backup keeps its pages with a gap and
	// diagnostics, and verify names it as what keeps the verdict from
	// safe (Items are then empty).
	Unreadable bool
}

// MediaURLKey identifies a media file by its URL's host and path: the
// query of a signed link changes each time the link is issued.
func MediaURLKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Host) + u.Path
}
