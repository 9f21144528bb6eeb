package main

import (
	"errors"
	"fmt"
	"net"
	"regexp"
	"syscall"
)

// The advice farewell adds to an error a person can act on. Each says
// what to check, in the person's terms; the error itself says what
// happened.
const (
	adviceDNS = "the name %s could not be looked up: check that this computer is online " +
		"(does the site open in a browser?) and that no VPN or proxy is half-connected, then run the same command again"
	adviceRefused = "nothing answered at %s: check the internet connection, and that a firewall, proxy or VPN " +
		"does not block it (for demo and replica: that farewell's local replica is still running), then run the same command again"
	adviceOffline = "this computer is not connected to the internet: connect, then run the same command again"
	adviceTimeout = "%s did not answer in time: check the internet connection (a slow or blocked network, " +
		"a proxy or VPN), then run the same command again; what was done is kept"
)

// networkAdvice returns what to check when err is a failure to reach a
// site (its name not found, a connection refused or timed out, no
// network), from Go's resolver and dialer or from the browser's
// net::ERR_ codes; "" for any other error.
func networkAdvice(err error) string {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		if dns.IsTimeout {
			return fmt.Sprintf(adviceTimeout, dns.Name)
		}
		return fmt.Sprintf(adviceDNS, dns.Name)
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		where := "the site"
		if op.Addr != nil {
			where = op.Addr.String()
		}
		// Any other failed dial (refused, reset; Windows's WSA codes
		// are not syscall's) gets the advice of a refused one.
		switch {
		case op.Timeout():
			return fmt.Sprintf(adviceTimeout, where)
		case errors.Is(op.Err, syscall.ENETUNREACH):
			return adviceOffline
		default:
			return fmt.Sprintf(adviceRefused, where)
		}
	}
	msg := err.Error()
	code := chromeNetError.FindString(msg)
	if code == "" {
		return ""
	}
	host := "the site"
	if m := urlHost.FindStringSubmatch(msg); m != nil {
		host = m[1]
	}
	switch code {
	case "net::ERR_NAME_NOT_RESOLVED", "net::ERR_NAME_RESOLUTION_FAILED":
		return fmt.Sprintf(adviceDNS, host)
	case "net::ERR_CONNECTION_REFUSED", "net::ERR_CONNECTION_FAILED", "net::ERR_PROXY_CONNECTION_FAILED", "net::ERR_TUNNEL_CONNECTION_FAILED":
		return fmt.Sprintf(adviceRefused, host)
	case "net::ERR_INTERNET_DISCONNECTED", "net::ERR_NETWORK_CHANGED", "net::ERR_ADDRESS_UNREACHABLE":
		return adviceOffline
	case "net::ERR_CONNECTION_TIMED_OUT", "net::ERR_TIMED_OUT":
		return fmt.Sprintf(adviceTimeout, host)
	}
	return ""
}

// chromeNetError finds the browser's code for a failed page load.
var chromeNetError = regexp.MustCompile(`net::ERR_[A-Z_]+`)

// urlHost finds the host of the first web address in an error.
var urlHost = regexp.MustCompile(`https?://([^/\s:?#]+)`)
