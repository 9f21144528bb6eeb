// Package all lists every profile farewell has, in one place.
package all

import (
	"fmt"
	"sort"

	"github.com/farewell-app/farewell/profiles"
	"github.com/farewell-app/farewell/profiles/douyin"
	"github.com/farewell-app/farewell/profiles/weibo"
)

// Profiles returns every profile by its name.
func Profiles() map[string]profiles.Profile {
	return map[string]profiles.Profile{
		"weibo":  weibo.New(),
		"douyin": douyin.New(),
	}
}

// Get returns the profile of a platform.
func Get(name string) (profiles.Profile, error) {
	p, ok := Profiles()[name]
	if !ok {
		var names []string
		for n := range Profiles() {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("unknown platform %q (known: %v)", name, names)
	}
	return p, nil
}
