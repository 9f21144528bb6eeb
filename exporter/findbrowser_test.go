package exporter

import (
	"errors"
	"strings"
	"testing"
)

// fakeSystem is a computer of another kind: its environment and the
// programs installed on it.
func fakeSystem(goos string, env map[string]string, programs ...string) System {
	installed := map[string]bool{}
	for _, p := range programs {
		installed[p] = true
	}
	return System{
		GOOS:      goos,
		Getenv:    func(k string) string { return env[k] },
		IsProgram: func(p string) bool { return installed[p] },
	}
}

func TestLookupBrowser(t *testing.T) {
	winEnv := map[string]string{
		"ProgramFiles":      `C:\Program Files`,
		"ProgramFiles(x86)": `C:\Program Files (x86)`,
		"LocalAppData":      `C:\Users\ming\AppData\Local`,
		"PATH":              `C:\Windows\system32;C:\Tools\`,
	}
	macEnv := map[string]string{"HOME": "/Users/ming", "PATH": "/opt/homebrew/bin:/usr/bin"}
	linuxEnv := map[string]string{"HOME": "/home/ming", "PATH": "/home/ming/bin::/usr/local/bin:/usr/bin"}
	with := func(env map[string]string, k, v string) map[string]string {
		out := map[string]string{k: v}
		for key, val := range env {
			if key != k {
				out[key] = val
			}
		}
		return out
	}
	cases := []struct {
		name      string
		goos      string
		env       map[string]string
		installed []string
		want      string // "" wants ErrNoBrowser
	}{
		{"windows chrome per machine", "windows", winEnv,
			[]string{`C:\Program Files\Google\Chrome\Application\chrome.exe`, `C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`},
			`C:\Program Files\Google\Chrome\Application\chrome.exe`},
		{"windows chrome 32-bit", "windows", winEnv,
			[]string{`C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`},
			`C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`},
		{"windows chrome per user", "windows", winEnv,
			[]string{`C:\Users\ming\AppData\Local\Google\Chrome\Application\chrome.exe`},
			`C:\Users\ming\AppData\Local\Google\Chrome\Application\chrome.exe`},
		{"windows chromium per user", "windows", winEnv,
			[]string{`C:\Users\ming\AppData\Local\Chromium\Application\chrome.exe`},
			`C:\Users\ming\AppData\Local\Chromium\Application\chrome.exe`},
		{"windows only edge", "windows", winEnv,
			[]string{`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`},
			`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`},
		{"windows edge 64-bit", "windows", winEnv,
			[]string{`C:\Program Files\Microsoft\Edge\Application\msedge.exe`},
			`C:\Program Files\Microsoft\Edge\Application\msedge.exe`},
		{"windows chrome on PATH", "windows", winEnv, []string{`C:\Tools\chrome.exe`}, `C:\Tools\chrome.exe`},
		{"windows nothing", "windows", winEnv, []string{`/usr/lib/chromium/chromium`}, ""},
		{"windows override", "windows", with(winEnv, BrowserEnv, `D:\Portable\chrome.exe`),
			[]string{`D:\Portable\chrome.exe`, `C:\Program Files\Google\Chrome\Application\chrome.exe`}, `D:\Portable\chrome.exe`},

		{"macos chrome", "darwin", macEnv,
			[]string{"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"},
			"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"},
		{"macos chromium", "darwin", macEnv,
			[]string{"/Applications/Chromium.app/Contents/MacOS/Chromium"}, "/Applications/Chromium.app/Contents/MacOS/Chromium"},
		{"macos edge", "darwin", macEnv,
			[]string{"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"}, "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"},
		{"macos chrome in home applications", "darwin", macEnv,
			[]string{"/Users/ming/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"},
			"/Users/ming/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"},
		{"macos chromium from homebrew", "darwin", macEnv, []string{"/opt/homebrew/bin/chromium"}, "/opt/homebrew/bin/chromium"},
		{"macos nothing", "darwin", macEnv, []string{`C:\Program Files\Google\Chrome\Application\chrome.exe`}, ""},

		{"debian chromium binary first", "linux", linuxEnv,
			[]string{"/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/google-chrome"}, "/usr/lib/chromium/chromium"},
		{"linux chromium on PATH", "linux", linuxEnv, []string{"/usr/bin/chromium"}, "/usr/bin/chromium"},
		{"linux chromium-browser", "linux", linuxEnv, []string{"/usr/bin/chromium-browser"}, "/usr/bin/chromium-browser"},
		{"linux google-chrome", "linux", linuxEnv, []string{"/usr/bin/google-chrome"}, "/usr/bin/google-chrome"},
		{"linux google-chrome-stable", "linux", linuxEnv, []string{"/usr/local/bin/google-chrome-stable"}, "/usr/local/bin/google-chrome-stable"},
		{"linux edge", "linux", linuxEnv, []string{"/usr/bin/microsoft-edge"}, "/usr/bin/microsoft-edge"},
		{"linux PATH order", "linux", linuxEnv, []string{"/home/ming/bin/chromium", "/usr/bin/chromium"}, "/home/ming/bin/chromium"},
		{"linux snap", "linux", linuxEnv, []string{"/snap/bin/chromium"}, "/snap/bin/chromium"},
		{"linux empty PATH entry is not the current folder", "linux", linuxEnv, []string{"/chromium", "chromium"}, ""},
		{"linux nothing", "linux", linuxEnv, nil, ""},
		{"linux override", "linux", with(linuxEnv, BrowserEnv, "/opt/chrome/chrome"),
			[]string{"/opt/chrome/chrome", "/usr/bin/chromium"}, "/opt/chrome/chrome"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := LookupBrowser(fakeSystem(tc.goos, tc.env, tc.installed...))
			if tc.want == "" {
				if !errors.Is(err, ErrNoBrowser) || !strings.Contains(err.Error(), BrowserEnv) {
					t.Fatalf("got %q, %v; want ErrNoBrowser naming %s", got, err, BrowserEnv)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// A FAREWELL_BROWSER that names nothing is an error that names it, not a
// silent search elsewhere.
func TestLookupBrowserBadOverride(t *testing.T) {
	sys := fakeSystem("linux", map[string]string{BrowserEnv: "/opt/gone/chrome", "PATH": "/usr/bin"}, "/usr/bin/chromium")
	_, err := LookupBrowser(sys)
	if err == nil || !strings.Contains(err.Error(), "/opt/gone/chrome") {
		t.Fatalf("err %v", err)
	}
}

func TestNoBrowserSaysHowToInstall(t *testing.T) {
	for goos, want := range map[string]string{"windows": "Google Chrome", "darwin": "Google Chrome", "linux": "apt-get install chromium"} {
		_, err := LookupBrowser(fakeSystem(goos, map[string]string{}))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want it to say %q", goos, err, want)
		}
	}
}

func TestDisplayAvailable(t *testing.T) {
	cases := []struct {
		goos string
		env  map[string]string
		want bool
	}{
		{"windows", nil, true},
		{"darwin", nil, true},
		{"darwin", map[string]string{"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}, false},
		{"windows", map[string]string{"SSH_TTY": "/dev/pts/0"}, false},
		{"linux", nil, false},
		{"linux", map[string]string{"DISPLAY": ":0"}, true},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true},
		{"freebsd", map[string]string{"DISPLAY": ":0"}, true},
	}
	for _, tc := range cases {
		if got := DisplayAvailable(tc.goos, func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("%s %v: %v, want %v", tc.goos, tc.env, got, tc.want)
		}
	}
}
