package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/farewell-app/farewell/archive"
)

// damageLastFrame flips a byte in the middle of a bundle's last data frame
// (the one holding MANIFEST.json), found through the seek table, leaving
// the trailer whole.
func damageLastFrame(t *testing.T, bundle string) string {
	t.Helper()
	b, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	n := int(binary.LittleEndian.Uint32(b[len(b)-9:]))
	seek := 8 + 12*n + 9
	idx := int(binary.LittleEndian.Uint32(b[len(b)-seek-8:])) + 16
	last := int(binary.LittleEndian.Uint32(b[len(b)-seek+8+12*(n-1):]))
	end := len(b) - seek - idx
	b[end-last/2] ^= 0x55
	p := filepath.Join(t.TempDir(), "damaged-frame.tar.zst")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBrowseDamaged: a bundle whose trailer is damaged cannot be shown at
// all, and browse says so plainly (exit 5) without promising to show
// anything; a bundle whose index reads but whose manifest is damaged is
// shown, with the warning, until Ctrl-C (exit 0).
func TestBrowseDamaged(t *testing.T) {
	ctx := context.Background()
	bundle := packStore(t, makeStore(t, true))
	raw, _ := os.ReadFile(bundle)
	raw[len(raw)-1] ^= 0xff
	trailer := filepath.Join(t.TempDir(), "damaged-trailer.tar.zst")
	os.WriteFile(trailer, raw, 0o600)

	code, stdout, stderr := farewell(t, ctx, "browse", "--no-open", trailer)
	if code != ExitCorrupt || !strings.Contains(stderr, "nothing can be shown") || strings.Contains(stderr, "showing what can be read") || stdout != "" {
		t.Errorf("browse of a damaged trailer: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}

	frame := damageLastFrame(t, bundle)
	if code, _, _ := farewell(t, ctx, "verify", "--quick", frame); code != ExitCorrupt {
		t.Fatalf("the damaged frame is not visible to a quick check (exit %d)", code)
	}
	bctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pr, pw := io.Pipe()
	var errb lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(bctx, []string{"browse", "--no-open", "--json", frame}, pw, &errb)
		pw.Close()
	}()
	var msg struct {
		URL string `json:"url"`
	}
	if err := json.NewDecoder(pr).Decode(&msg); err != nil || msg.URL == "" {
		t.Fatalf("browse printed no address (%v): %s", err, errb.String())
	}
	go io.Copy(io.Discard, pr)
	resp, err := http.Get(msg.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the damaged bundle's viewer answers %s", resp.Status)
	}
	if !strings.Contains(errb.String(), "showing what can be read") {
		t.Errorf("no warning: %s", errb.String())
	}
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("browse ended with exit %d: %s", code, errb.String())
	}
}

// TestLsRoles: ls --json gives MANIFEST.json and manifest-sha256.txt the
// role "manifest" with their own sizes, and every other member its role
// and sha256 from the manifest.
func TestLsRoles(t *testing.T) {
	bundle := packStore(t, makeStore(t, true))
	b, err := archive.Open(context.Background(), bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	code, stdout, stderr := farewell(t, context.Background(), "ls", "--json", bundle)
	if code != ExitOK {
		t.Fatalf("ls: exit %d: %s", code, stderr)
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var l archive.Listing
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatal(err)
		}
		mem, ok := b.Member(l.Path)
		if !ok || l.Bytes != mem.Size || l.Unlisted || l.ManifestBytes != nil {
			t.Errorf("%+v: the bundle has %+v", l, mem)
		}
		reserved := l.Path == archive.ManifestName || l.Path == archive.ManifestSumsName
		if reserved {
			seen++
		}
		if reserved != (l.Role == archive.RoleManifest) || reserved != (l.SHA256 == "") {
			t.Errorf("%s: role %q, sha256 %q", l.Path, l.Role, l.SHA256)
		}
	}
	if seen != 2 {
		t.Errorf("ls listed %d of the manifest's two files", seen)
	}
}
