// Package all is the list of the sites farewell backs up: one line each.
package all

import (
	"fmt"
	"strings"

	"github.com/farewell-app/farewell/profiles"
	douyin "github.com/farewell-app/farewell/profiles/douyin/reg"
	weibo "github.com/farewell-app/farewell/profiles/weibo/reg"
)

// Sites returns every site, in the order help texts list them.
func Sites() []profiles.Site {
	return []profiles.Site{
		weibo.Site(),
		douyin.Site(),
	}
}

// Names returns the sites' names ("weibo", "douyin").
func Names() []string {
	var names []string
	for _, s := range Sites() {
		names = append(names, s.Name)
	}
	return names
}

// Get returns the site of a platform name.
func Get(name string) (profiles.Site, error) {
	for _, s := range Sites() {
		if s.Name == name {
			return s, nil
		}
	}
	return profiles.Site{}, fmt.Errorf("unknown site %q (known: %s)", name, strings.Join(Names(), ", "))
}
