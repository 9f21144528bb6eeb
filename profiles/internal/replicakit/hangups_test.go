package replicakit

import (
	"bytes"
	"testing"
)

// TestHangupsDropped: a client that hung up mid-handshake (a browser the
// demo killed) leaves no line on the terminal; every other note of the
// server does.
func TestHangupsDropped(t *testing.T) {
	for _, tc := range []struct {
		line string
		kept bool
	}{
		{"replica: http: TLS handshake error from 127.0.0.1:42230: EOF\n", false},
		{"replica: http: TLS handshake error from 127.0.0.1:42230: remote error: tls: bad certificate\n", true},
		{"replica: http: panic serving 127.0.0.1:5000: boom\n", true},
		{"replica: http2: server: error reading preface from client 127.0.0.1:42954: read tcp 127.0.0.1:443->127.0.0.1:42954: read: connection reset by peer\n", false},
		{"replica: http2: server: error reading preface from client 127.0.0.1:42954: bogus greeting \"GET / HTTP/1.1\"\n", true},
	} {
		var out bytes.Buffer
		if _, err := (hangups{&out}).Write([]byte(tc.line)); err != nil {
			t.Fatal(err)
		}
		if kept := out.Len() > 0; kept != tc.kept {
			t.Errorf("%q: kept %v, want %v", tc.line, kept, tc.kept)
		}
	}
}
