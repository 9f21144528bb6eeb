package weibo

import (
	"fmt"
	"strconv"
	"strings"
)

const base62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// MidFromBid converts a post's base62 bid/mblogid (as in
// weibo.com/<uid>/<bid>) to its numeric mid. The bid is read from the right
// in groups of four characters; each group is a base62 number written as
// seven decimal digits (the leftmost group without padding).
func MidFromBid(bid string) (string, error) {
	if bid == "" || len(bid) > 16 {
		return "", fmt.Errorf("bid %q has a bad length", bid)
	}
	var groups []string
	for end := len(bid); end > 0; end -= 4 {
		start := max(0, end-4)
		var v int64
		for _, c := range bid[start:end] {
			d := strings.IndexRune(base62, c)
			if d < 0 {
				return "", fmt.Errorf("bid %q: %q is not base62", bid, c)
			}
			v = v*62 + int64(d)
		}
		if start > 0 {
			groups = append(groups, fmt.Sprintf("%07d", v))
		} else {
			groups = append(groups, strconv.FormatInt(v, 10))
		}
	}
	var b strings.Builder
	for i := len(groups) - 1; i >= 0; i-- {
		b.WriteString(groups[i])
	}
	mid := strings.TrimLeft(b.String(), "0")
	if mid == "" {
		mid = "0"
	}
	return mid, nil
}

// BidFromMid converts a numeric mid to its base62 bid: the inverse of
// [MidFromBid].
func BidFromMid(mid string) (string, error) {
	if mid == "" || len(mid) > 28 {
		return "", fmt.Errorf("mid %q has a bad length", mid)
	}
	if mid == "0" {
		return "0", nil
	}
	if mid[0] == '0' {
		return "", fmt.Errorf("mid %q has leading zeros", mid)
	}
	var groups []string
	for end := len(mid); end > 0; end -= 7 {
		start := max(0, end-7)
		v, err := strconv.ParseInt(mid[start:end], 10, 64)
		if err != nil || strings.ContainsAny(mid[start:end], "+-") {
			return "", fmt.Errorf("mid %q is not a number", mid)
		}
		var g []byte
		for v > 0 {
			g = append([]byte{base62[v%62]}, g...)
			v /= 62
		}
		if start > 0 {
			for len(g) < 4 {
				g = append([]byte{'0'}, g...)
			}
		}
		groups = append(groups, string(g))
	}
	var b strings.Builder
	for i := len(groups) - 1; i >= 0; i-- {
		b.WriteString(groups[i])
	}
	return b.String(), nil
}
