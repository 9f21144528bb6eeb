package exporter

import (
	"context"
	"net/url"
	"strings"
)

// Site is what the page-driving engine knows of a site: which hosts are
// its own, which of their paths are its API, how to judge an answer, and
// how to recognise a page where the site stopped the person. A profile
// fills one in; the engine (Tab, View, Drive) does the rest the same way
// for every site.
type Site struct {
	// Name is the platform's name ("douyin"), for messages.
	Name string
	// Domains are the site's registrable domains: a host is the site's
	// when it is one of them or below one ("douyin.com" covers
	// www-hj.douyin.com). Answers are matched by path on any such host,
	// never by one exact host, because the site moves its calls between
	// hosts.
	Domains []string
	// API lists the path prefixes of the site's API ("/aweme/v1/"): every
	// data answer (JSON, protobuf) the page receives from one of them is
	// kept, in raw/other/ when no collection asked for it.
	API []string
	// Kind names the parser of an API path farewell knows ("" when none),
	// recorded with the answers kept in raw/other/.
	Kind func(path string) string
	// Judge reads an answer (its address, status and body): nil for a
	// good one, else an error wrapping ErrThrottled, ErrNotLoggedIn or
	// ErrCaptcha (acted on), or another error.
	Judge func(r *Response) error
	// Blocked looks at a tab's page when it did not show what a step
	// needs: an error wrapping ErrCaptcha (the site's verification page
	// or overlay) or ErrNotLoggedIn (a login wall), or nil.
	Blocked func(ctx context.Context, t *Tab) error
	// Challenge handles a verification the site asks for, in tab t:
	// ErrAgain once a person solved it in a visible window, else an
	// error wrapping ErrCaptcha that says what to do.
	Challenge func(ctx context.Context, t *Tab) error
	// Landed checks where a page load ended (nil: anywhere on the site).
	Landed func(ctx context.Context, t *Tab, loc string) error
}

// Owns reports whether host is one of the site's.
func (s *Site) Owns(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, d := range s.Domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// IsAPI reports whether a URL is one of the site's API calls.
func (s *Site) IsAPI(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || !s.Owns(u.Hostname()) {
		return false
	}
	for _, p := range s.API {
		if strings.HasPrefix(u.Path, p) {
			return true
		}
	}
	return false
}

// kindOf is Kind, or "" without one.
func (s *Site) kindOf(path string) string {
	if s.Kind == nil {
		return ""
	}
	return s.Kind(path)
}

// Route says which collection and parser an answer of one API path
// belongs to. It matches that path on any of the site's hosts.
type Route struct {
	Path       string // the URL path, without a trailing slash
	Collection Collection
	Kind       string
}

// Is reports whether a capture is an answer of the route.
func (r Route) Is(rf RawFile) bool { return PathOf(rf.Meta.URL) == r.Path }

// PathOf returns a URL's path without a trailing slash ("" when it does
// not parse): what routes are matched by.
func PathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}

// routeFor returns the route of routes a URL of the site answers, if
// any.
func (s *Site) routeFor(raw string, routes []Route) (Route, bool) {
	u, err := url.Parse(raw)
	if err != nil || !s.Owns(u.Hostname()) {
		return Route{}, false
	}
	p := strings.TrimSuffix(u.Path, "/")
	for _, r := range routes {
		if p == r.Path {
			return r, true
		}
	}
	return Route{}, false
}
