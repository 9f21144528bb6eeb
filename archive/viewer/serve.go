package viewer

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/farewell-app/farewell/archive"
)

// Policy is the viewer's Content-Security-Policy: scripts, styles and
// media from the bundle only, nothing else.
const Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'none'; frame-ancestors 'none'"

// types are the content types the server sends, by extension. Anything
// else is sent as a download, never rendered.
var types = map[string]string{
	".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
	".json": "application/json", ".jsonl": "text/plain; charset=utf-8", ".txt": "text/plain; charset=utf-8",
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
	".heic": "image/heic", ".mp4": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm",
	".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac",
}

// Server serves one bundle's members to a browser on the loopback
// interface. Every request must carry the server's random token as the
// first path segment and name the server itself in its Host header
// (against DNS rebinding); only GET and HEAD of bundle members are
// answered, straight from the compressed bundle.
type Server struct {
	b     *archive.Bundle
	token string
	ln    net.Listener
	srv   *http.Server
	hosts map[string]bool
	done  chan error

	mu     sync.Mutex
	verify []byte // the live verify script, nil until SetVerify
}

// LiveReport is the verify report browse shows on the overview: the
// report, and whether a fuller check is still running.
type LiveReport struct {
	*archive.Report
	Running bool `json:"running"`
}

// SetVerify makes the server answer VerifyMember with rep, so the
// overview shows the bundle's state as checked now rather than as
// recorded when it was packed. running says a full check is under way
// (the page asks again until it is not).
func (s *Server) SetVerify(rep *archive.Report, running bool) error {
	r := *rep
	r.Bundle = filepath.Base(r.Bundle)
	b, err := json.Marshal(LiveReport{Report: &r, Running: running})
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.verify = script("FW_VERIFY", b)
	s.mu.Unlock()
	return nil
}

// ErrNotLoopback is returned for a listen address that is not on the
// loopback interface.
var ErrNotLoopback = errors.New("browse listens on the loopback interface only (127.0.0.1 or ::1)")

// Listen starts serving b on addr ("127.0.0.1:0" picks a free port).
func Listen(b *archive.Bundle, addr string) (*Server, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("browse: listen address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("browse: %q: %w", addr, ErrNotLoopback)
	}
	tok := make([]byte, 16)
	if _, err := rand.Read(tok); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("browse: %w", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	s := &Server{
		b: b, token: hex.EncodeToString(tok), ln: ln, done: make(chan error, 1),
		hosts: map[string]bool{
			fmt.Sprintf("127.0.0.1:%d", port): true, fmt.Sprintf("localhost:%d", port): true, fmt.Sprintf("[::1]:%d", port): true,
			// The address it listens on, which URL names: any loopback
			// address, 127.0.0.2 as well.
			ln.Addr().String(): true,
		},
	}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// URL is the address to open: the bundle's index page behind the token.
func (s *Server) URL() string {
	return fmt.Sprintf("http://%s/%s/", s.ln.Addr().String(), s.token)
}

// Wait blocks until ctx ends, then shuts the server down.
func (s *Server) Wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
	case err := <-s.done:
		return err
	}
	return s.Close()
}

// Close stops the server.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", Policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if !s.hosts[r.Host] {
		http.Error(w, "wrong Host header", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "read-only", http.StatusMethodNotAllowed)
		return
	}
	prefix := "/" + s.token
	p := r.URL.Path
	switch {
	case p == prefix:
		http.Redirect(w, r, prefix+"/", http.StatusFound)
		return
	case !strings.HasPrefix(p, prefix+"/"):
		http.NotFound(w, r)
		return
	}
	name := strings.TrimPrefix(p, prefix+"/")
	if name == "" {
		name = "index.html"
	}
	if archive.CheckName(name) != nil {
		http.NotFound(w, r)
		return
	}
	if name == VerifyMember {
		s.mu.Lock()
		live := s.verify
		s.mu.Unlock()
		if live != nil {
			h.Set("Content-Type", types[".js"])
			h.Set("Cache-Control", "no-store")
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(live))
			return
		}
	}
	m, ok := s.b.Member(name)
	if !ok {
		http.NotFound(w, r)
		return
	}
	rd, err := s.b.Open(m.Name)
	if err != nil {
		http.Error(w, "cannot read "+m.Name, http.StatusInternalServerError)
		return
	}
	ext := strings.ToLower(path.Ext(name))
	switch {
	case name == "index.html":
		h.Set("Content-Type", "text/html; charset=utf-8")
	case ext == ".html" || ext == ".htm":
		// A page the site served: shown as text, in a sandbox.
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	case types[ext] != "":
		h.Set("Content-Type", types[ext])
	default:
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Disposition", "attachment")
	}
	h.Set("Cache-Control", "private, max-age=300")
	http.ServeContent(w, r, "", time.Time{}, rd)
}
