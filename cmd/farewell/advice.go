package main

import (
	"errors"
	"net"
	"regexp"
	"syscall"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// networkAdvice returns what to check when err is a failure to reach a
// site (its name not found, a connection refused or timed out, no
// network), from Go's resolver and dialer or from the browser's
// net::ERR_ codes, in tr's language; "" for any other error. Each says
// what to check, in the person's terms; the error itself says what
// happened.
func networkAdvice(tr *i18n.Catalog, err error) string {
	host := func(code i18n.Code, name string) string { return tr.T(code, i18n.Args{"host": name}) }
	var dns *net.DNSError
	if errors.As(err, &dns) {
		if dns.IsTimeout {
			return host(i18n.AdviceTimeout, dns.Name)
		}
		return host(i18n.AdviceDNS, dns.Name)
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		where := tr.T(i18n.AdviceTheSite, nil)
		if op.Addr != nil {
			where = op.Addr.String()
		}
		// Any other failed dial (refused, reset; Windows's WSA codes
		// are not syscall's) gets the advice of a refused one.
		switch {
		case op.Timeout():
			return host(i18n.AdviceTimeout, where)
		case errors.Is(op.Err, syscall.ENETUNREACH):
			return tr.T(i18n.AdviceOffline, nil)
		default:
			return host(i18n.AdviceRefused, where)
		}
	}
	msg := err.Error()
	code := chromeNetError.FindString(msg)
	if code == "" {
		return ""
	}
	where := tr.T(i18n.AdviceTheSite, nil)
	if m := urlHost.FindStringSubmatch(msg); m != nil {
		where = m[1]
	}
	switch code {
	case "net::ERR_NAME_NOT_RESOLVED", "net::ERR_NAME_RESOLUTION_FAILED":
		return host(i18n.AdviceDNS, where)
	case "net::ERR_CONNECTION_REFUSED", "net::ERR_CONNECTION_FAILED", "net::ERR_PROXY_CONNECTION_FAILED", "net::ERR_TUNNEL_CONNECTION_FAILED":
		return host(i18n.AdviceRefused, where)
	case "net::ERR_INTERNET_DISCONNECTED", "net::ERR_NETWORK_CHANGED", "net::ERR_ADDRESS_UNREACHABLE":
		return tr.T(i18n.AdviceOffline, nil)
	case "net::ERR_CONNECTION_TIMED_OUT", "net::ERR_TIMED_OUT":
		return host(i18n.AdviceTimeout, where)
	}
	return ""
}

// chromeNetError finds the browser's code for a failed page load.
var chromeNetError = regexp.MustCompile(`net::ERR_[A-Z_]+`)

// urlHost finds the host of the first web address in an error.
var urlHost = regexp.MustCompile(`https?://([^/\s:?#]+)`)
