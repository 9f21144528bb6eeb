//go:build !linux

package exporter

import "errors"

// KillBrowser is only available on Linux, where fault injection runs.
func KillBrowser(profileDir string) (int, error) {
	return 0, errors.New("killing the browser is only supported on Linux")
}

// endBrowsers does nothing where processes cannot be listed: a browser
// left running there keeps its profile until it exits.
func endBrowsers(string) {}
