package exporter

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
)

// Cookie is one cookie of the saved jar. Session cookies (no expiry) are
// dropped by the browser when it restarts, so the jar keeps them and the
// next run puts them back.
type Cookie struct {
	Name     string  `json:"name"`
	Value    string  `json:"value"`
	Domain   string  `json:"domain"`
	Path     string  `json:"path"`
	Expires  float64 `json:"expires,omitempty"` // seconds since the epoch; 0 for session cookies
	HTTPOnly bool    `json:"http_only,omitempty"`
	Secure   bool    `json:"secure,omitempty"`
	SameSite string  `json:"same_site,omitempty"`
}

func cookieFrom(c *network.Cookie) Cookie {
	out := Cookie{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path,
		HTTPOnly: c.HTTPOnly, Secure: c.Secure, SameSite: string(c.SameSite)}
	if !c.Session && c.Expires > 0 {
		out.Expires = float64(c.Expires)
	}
	return out
}

// Param converts the cookie for Storage.setCookies.
func (c Cookie) Param() *network.CookieParam {
	p := &network.CookieParam{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path,
		HTTPOnly: c.HTTPOnly, Secure: c.Secure, SameSite: network.CookieSameSite(c.SameSite)}
	if c.Expires > 0 {
		p.Expires = cdp.TimeSinceEpoch(c.Expires)
	}
	return p
}

// Expired reports whether the cookie's expiry has passed.
func (c Cookie) Expired(now time.Time) bool {
	return c.Expires > 0 && float64(now.Unix()) > c.Expires
}

// SaveCookies writes the jar (mode 0600, atomically).
func SaveCookies(path string, cookies []Cookie) error {
	b, err := json.MarshalIndent(cookies, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(path, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("save cookies: %w", err)
	}
	return nil
}

// LoadCookies reads a jar written by [SaveCookies]; a missing file is an
// empty jar.
func LoadCookies(path string) ([]Cookie, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load cookies: %w", err)
	}
	var out []Cookie
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("load cookies: %s is damaged: %v", path, err)
	}
	return out, nil
}

// HTTPJar puts the cookies into a jar for Go's HTTP client, so media
// downloads carry the session like the browser does.
func HTTPJar(cookies []Cookie) http.CookieJar {
	jar, _ := cookiejar.New(nil)
	for _, c := range cookies {
		host := strings.TrimPrefix(c.Domain, ".")
		if host == "" {
			continue
		}
		hc := &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path, Secure: c.Secure, HttpOnly: c.HTTPOnly}
		if strings.HasPrefix(c.Domain, ".") {
			hc.Domain = c.Domain
		}
		jar.SetCookies(&url.URL{Scheme: "https", Host: host, Path: "/"}, []*http.Cookie{hc})
	}
	return jar
}
