package exporter

import (
	"errors"
	"os"
	"runtime"
	"strings"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// ErrNoBrowser means no Chrome, Edge or Chromium was found.
var ErrNoBrowser = errors.New("no Chrome, Edge or Chromium found")

// BrowserEnv is the variable that names the browser to use, overriding
// the search.
const BrowserEnv = "FAREWELL_BROWSER"

// System is what the browser search sees of the computer: its operating
// system (runtime.GOOS), its environment, and whether a file is a
// program. Tests give each system's paths without that system.
type System struct {
	GOOS   string
	Getenv func(string) string
	// IsProgram reports whether path is an executable file.
	IsProgram func(path string) bool
}

// ThisSystem is the computer farewell runs on.
func ThisSystem() System {
	return System{GOOS: runtime.GOOS, Getenv: os.Getenv, IsProgram: isProgram}
}

// isProgram reports whether path is a regular file that can be run (on
// Windows every file can).
func isProgram(path string) bool {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	return runtime.GOOS == "windows" || st.Mode()&0o111 != 0
}

// FindBrowser returns the browser to use on this computer (see
// [LookupBrowser]).
func FindBrowser() (string, error) {
	return LookupBrowser(ThisSystem())
}

// LookupBrowser returns the browser to use: $FAREWELL_BROWSER when set,
// else the first Chrome, Chromium or Edge installed in the system's usual
// places (see browserCandidates). Without one, the error wraps
// ErrNoBrowser and says how to install one.
func LookupBrowser(sys System) (string, error) {
	if p := sys.Getenv(BrowserEnv); p != "" {
		if !sys.IsProgram(p) {
			return "", i18n.Fail(nil, i18n.FailBrowserEnv, i18n.Args{"env": BrowserEnv, "path": p})
		}
		return p, nil
	}
	for _, p := range browserCandidates(sys) {
		if sys.IsProgram(p) {
			return p, nil
		}
	}
	return "", i18n.Fail(ErrNoBrowser, i18n.FailNoBrowser, i18n.Args{"install": installHint(sys.GOOS), "env": BrowserEnv})
}

// installHint says how a person gets a browser farewell can drive.
func installHint(goos string) i18n.Msg {
	switch goos {
	case "windows", "darwin":
		return i18n.Msg{Code: i18n.FailInstallDesktop}
	default:
		return i18n.Msg{Code: i18n.FailInstallLinux}
	}
}

// browserCandidates lists, best first, where a system keeps an installed
// Chrome, Chromium or Edge.
func browserCandidates(sys System) []string {
	switch sys.GOOS {
	case "windows":
		// Per-machine installs go to Program Files (or its x86 twin),
		// per-user ones to %LOCALAPPDATA%.
		var out []string
		for _, rel := range []string{
			`Google\Chrome\Application\chrome.exe`,
			`Chromium\Application\chrome.exe`,
			`Microsoft\Edge\Application\msedge.exe`,
		} {
			for _, base := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
				if dir := sys.Getenv(base); dir != "" {
					out = append(out, strings.TrimRight(dir, `\/`)+`\`+rel)
				}
			}
		}
		return append(out, onPath(sys, "chrome.exe", "msedge.exe")...)
	case "darwin":
		apps := []string{
			"Google Chrome.app/Contents/MacOS/Google Chrome",
			"Chromium.app/Contents/MacOS/Chromium",
			"Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
		}
		var out []string
		for _, app := range apps {
			out = append(out, "/Applications/"+app)
		}
		if home := sys.Getenv("HOME"); home != "" {
			for _, app := range apps {
				out = append(out, strings.TrimRight(home, "/")+"/Applications/"+app)
			}
		}
		return append(out, onPath(sys, "chromium", "google-chrome")...)
	default:
		// Debian's /usr/bin/chromium is a script that starts this binary;
		// the binary itself is what farewell can find and end later.
		out := []string{"/usr/lib/chromium/chromium"}
		out = append(out, onPath(sys, "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
			"microsoft-edge", "microsoft-edge-stable")...)
		return append(out, "/snap/bin/chromium")
	}
}

// onPath returns each name joined to each folder of $PATH, names first.
func onPath(sys System, names ...string) []string {
	sep, slash := ":", "/"
	if sys.GOOS == "windows" {
		sep, slash = ";", `\`
	}
	var out []string
	for _, name := range names {
		for _, dir := range strings.Split(sys.Getenv("PATH"), sep) {
			if dir == "" {
				continue // an empty entry means the current folder: never a browser
			}
			out = append(out, strings.TrimRight(dir, `\/`)+slash+name)
		}
	}
	return out
}

// HasDisplay reports whether a visible browser window can be opened on
// this computer (see [DisplayAvailable]).
func HasDisplay() bool {
	return DisplayAvailable(runtime.GOOS, os.Getenv)
}

// DisplayAvailable reports whether a system can show a window to the
// person at it: Windows and macOS always have a desktop unless farewell
// runs in an SSH session; elsewhere an X11 or Wayland display must be
// named.
func DisplayAvailable(goos string, getenv func(string) string) bool {
	switch goos {
	case "windows", "darwin":
		return getenv("SSH_CONNECTION") == "" && getenv("SSH_TTY") == ""
	default:
		return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
	}
}
