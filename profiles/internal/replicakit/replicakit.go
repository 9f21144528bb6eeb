// Package replicakit is what the site replicas share: an HTTPS server that
// answers for a site's real host names on 127.0.0.1, with a certificate
// made for the run, and the settings a browser and a Go client need to
// reach it as if it were the real site.
//
// The browser reaches the replica through Chromium's --host-resolver-rules
// (every host name of the site maps to the replica's address) and trusts
// it through --ignore-certificate-errors-spki-list (only the replica's own
// key is accepted, nothing else is relaxed). Go clients use [Server.Dial]
// and [Server.RootCAs]. So the URLs a test requests are exactly the URLs a
// real run requests.
package replicakit

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/farewell-app/farewell/exporter"
)

// Server is a running replica.
type Server struct {
	hosts []string
	ln    net.Listener
	srv   *http.Server
	spki  string
	pool  *x509.CertPool
	done  chan struct{}
}

// Start serves h over HTTPS on 127.0.0.1 (addr "" picks a free port) for
// the given host patterns ("weibo.com", "*.sinaimg.cn": a * matches any
// run of characters, as in Chromium's host rules). certNames are the
// certificate's names, for Go clients, which check them; a certificate
// wildcard covers one label, so a pattern that matches deeper names needs
// those listed too ("*.video.weibocdn.com").
func Start(addr string, hosts, certNames []string, h http.Handler) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	cert, pool, spki, err := makeCert(append(append([]string{}, hosts...), certNames...))
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{hosts: hosts, ln: ln, spki: spki, pool: pool, done: make(chan struct{})}
	s.srv = &http.Server{
		Handler:           h,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(hangups{os.Stderr}, "replica: ", 0),
	}
	go func() {
		defer close(s.done)
		s.srv.ServeTLS(ln, "", "")
	}()
	return s, nil
}

// hangups drops the server's notes of a client that hung up (a browser
// killed or closed mid-connection, which the demos do on purpose: the
// TLS handshake or HTTP/2's preface ends in EOF or a reset) and writes
// every other note of the server to w.
type hangups struct{ w io.Writer }

func (h hangups) Write(p []byte) (int, error) {
	note := bytes.TrimSpace(p)
	hungUp := bytes.HasSuffix(note, []byte("EOF")) || bytes.HasSuffix(note, []byte("connection reset by peer")) || bytes.HasSuffix(note, []byte("broken pipe"))
	if hungUp && (bytes.Contains(note, []byte("TLS handshake error")) || bytes.Contains(note, []byte("error reading preface from client"))) {
		return len(p), nil
	}
	return h.w.Write(p)
}

// Addr is the replica's listening address.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Hosts returns the host patterns the replica answers for.
func (s *Server) Hosts() []string { return s.hosts }

// HostRules is the value for Chromium's --host-resolver-rules.
func (s *Server) HostRules() string {
	var rules []string
	for _, h := range s.hosts {
		rules = append(rules, "MAP "+h+" "+s.Addr())
	}
	return strings.Join(rules, ",")
}

// SPKI is the base64 sha256 of the replica's public key, the value for
// Chromium's --ignore-certificate-errors-spki-list.
func (s *Server) SPKI() string { return s.spki }

// RootCAs returns a pool holding the replica's CA, for Go clients.
func (s *Server) RootCAs() *x509.CertPool { return s.pool }

// Matches reports whether host is one of the replica's host names.
func (s *Server) Matches(host string) bool {
	for _, p := range s.hosts {
		if ok, _ := path.Match(p, host); ok {
			return true
		}
		if strings.HasPrefix(p, "*.") && strings.HasSuffix(host, p[1:]) {
			return true
		}
	}
	return false
}

// Dial connects to the replica for any of its host names, and refuses
// every other host: a Go client through it cannot reach the internet.
func (s *Server) Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if !s.Matches(host) {
		return nil, fmt.Errorf("replica: %s is not one of the replica's hosts", host)
	}
	var d net.Dialer
	return d.DialContext(ctx, "tcp", s.Addr())
}

// Client returns an HTTP client that reaches the replica by its host names.
func (s *Server) Client() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			DialContext:     s.Dial,
			TLSClientConfig: &tls.Config{RootCAs: s.pool},
		},
		Timeout: 30 * time.Second,
	}
}

// Network lets a browser and Go clients reach the replica under the real
// host names.
func (s *Server) Network() exporter.Network {
	return exporter.Network{HostRules: s.HostRules(), TrustSPKI: []string{s.SPKI()}, Dial: s.Dial, RootCAs: s.RootCAs()}
}

// Post sends each form in turn to a replica-only endpoint (the person's
// phone scanning and confirming a QR login) and wants 200 for each.
func (s *Server) Post(ctx context.Context, endpoint string, forms ...url.Values) error {
	client := s.Client()
	for _, form := range forms {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s %s: HTTP %d", endpoint, form.Get("action"), resp.StatusCode)
		}
	}
	return nil
}

// PageLoad reports whether a request is a page's own load of a picture
// or video it shows (Chromium marks those with Sec-Fetch-Dest), as
// opposed to a download: Served counts only downloads.
func PageLoad(req *http.Request) bool {
	switch req.Header.Get("Sec-Fetch-Dest") {
	case "image", "video", "audio", "document", "style", "script", "font":
		return true
	}
	return false
}

// HostOf is a request's host without its port.
func HostOf(req *http.Request) string {
	host := req.Host
	if i := strings.LastIndexByte(host, ':'); i > 0 && !strings.Contains(host[i:], "]") {
		host = host[:i]
	}
	return host
}

// Close stops the replica.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	<-s.done
	return err
}

// makeCert makes a CA and a leaf certificate for the hosts.
func makeCert(hosts []string) (tls.Certificate, *x509.CertPool, string, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, "", err
	}
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "farewell replica CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(30 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, nil, "", err
	}
	caCert, _ := x509.ParseCertificate(caDER)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, "", err
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "farewell replica"},
		DNSNames:     hosts,
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(30 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, nil, "", err
	}
	parsed, _ := x509.ParseCertificate(der)
	sum := sha256.Sum256(parsed.RawSubjectPublicKeyInfo)
	pool := x509.NewCertPool()
	pool.AddCert(caCert)
	return tls.Certificate{Certificate: [][]byte{der, caDER}, PrivateKey: key}, pool, base64.StdEncoding.EncodeToString(sum[:]), nil
}

// Limiter is a token bucket: rate requests per second with a burst. A zero
// rate allows everything.
type Limiter struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

// Interval is the pace a limit of rate requests a second allows (0: no
// limit).
func Interval(rate float64) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(float64(time.Second) / rate)
}

// NewLimiter returns a limiter that starts full.
func NewLimiter(rate float64, burst int) *Limiter {
	return &Limiter{rate: rate, burst: float64(max(burst, 1)), tokens: float64(max(burst, 1))}
}

// Set changes the limit to rate requests a second, burst at once, and
// fills the bucket: the site tightening or relaxing its risk control.
func (l *Limiter) Set(rate float64, burst int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rate, l.burst = rate, float64(max(burst, 1))
	l.tokens, l.last = l.burst, time.Time{}
}

// Rate is the limit in requests a second (0: none).
func (l *Limiter) Rate() float64 {
	if l == nil {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rate
}

// Allow takes a token if one is there.
func (l *Limiter) Allow(now time.Time) bool {
	if l == nil || l.rate <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.last.IsZero() {
		l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	}
	l.last = now
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}

// Counter counts events by key, safely for concurrent handlers.
type Counter struct {
	mu sync.Mutex
	m  map[string]int
}

// Add counts one event of key.
func (c *Counter) Add(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]int{}
	}
	c.m[key]++
}

// Get returns the count of key.
func (c *Counter) Get(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

// Snapshot returns a copy of every count.
func (c *Counter) Snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.m))
	for k, v := range c.m {
		out[k] = v
	}
	return out
}

// Total returns the sum of all counts.
func (c *Counter) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.m {
		n += v
	}
	return n
}

// Phone is how far the person's phone has taken one QR login: the app
// scanned the code, then the person confirmed.
type Phone struct {
	Scanned, Confirmed bool
}

// Act applies one action of the replica-only phone endpoint (scan,
// confirm, or approve for both) and answers the request: 409 for a
// confirm before a scan, 400 for an unknown action.
func (p *Phone) Act(w http.ResponseWriter, action string) {
	switch action {
	case "scan":
		p.Scanned = true
	case "confirm":
		if !p.Scanned {
			http.Error(w, "scan first", http.StatusConflict)
			return
		}
		p.Confirmed = true
	case "approve":
		p.Scanned, p.Confirmed = true, true
	default:
		http.Error(w, "action must be scan, confirm or approve", http.StatusBadRequest)
		return
	}
	fmt.Fprintln(w, "ok")
}

// Requested is how many bytes of a size-byte file a GET asks for (from
// its Range, if any); 0 for other methods. Replicas count it before they
// answer, so a client that has read the answer sees the count.
func Requested(req *http.Request, size int) int64 {
	if req.Method != http.MethodGet {
		return 0
	}
	n := int64(size)
	if rg := req.Header.Get("Range"); rg != "" {
		if from, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"), 10, 64); err == nil && from < n {
			n -= from
		}
	}
	return n
}

// ServeBytes answers a media request with b as the sites' CDNs do: ranges,
// conditional requests, a month's cache lifetime.
func ServeBytes(w http.ResponseWriter, req *http.Request, ctype string, b []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "max-age=2592000")
	http.ServeContent(w, req, "", time.Time{}, bytes.NewReader(b))
}
