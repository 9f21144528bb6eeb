package archive

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

var testTool = Tool{Name: "farewell", Version: "test"}

// requireTool returns the path of an external program, skipping the test
// when it is missing on a developer's machine and failing it in CI.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI: %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// tree is a generated directory: member name -> content.
type tree map[string][]byte

func (tr tree) write(t *testing.T, dir string) { tr.writeF(t, dir) }

func (tr tree) writeF(t testing.TB, dir string) {
	t.Helper()
	for name, data := range tr {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (tr tree) names() []string {
	var out []string
	for n := range tr {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// genTree makes n files shaped like a store: nested folders, Chinese and
// emoji names, empty files, JSON documents, JSON Lines records and
// incompressible "media".
func genTree(seed uint64, n int) tree {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	words := []string{"微博", "评论", "关注", "粉丝", "收藏", "抖音", "作品", "私信", "a", "b", "photo", "视频🎬"}
	tr := tree{}
	for i := range n {
		dir := []string{"raw", "media", "screens", "data", "其他/深/层"}[rng.IntN(5)]
		name := fmt.Sprintf("%s/%s-%04d", dir, words[rng.IntN(len(words))], i)
		switch rng.IntN(6) {
		case 0:
			tr[name+".empty"] = nil
		case 1, 2:
			tr[name+".json"] = fmt.Appendf(nil, `{"ok":1,"id":"%d","text":"第%d条 %s","list":[1,2,3]}`, rng.Uint64(), i, strings.Repeat("内容", rng.IntN(200)))
		case 3:
			var b bytes.Buffer
			for j := range rng.IntN(20) + 1 {
				fmt.Fprintf(&b, `{"record":"post","id":"%d","text":"行%d"}`+"\n", i*100+j, j)
			}
			tr[name+".jsonl"] = b.Bytes()
		default:
			data := make([]byte, rng.IntN(64<<10))
			seedBytes(rng.Uint64(), data)
			tr[name+".bin"] = data
		}
	}
	return tr
}

// packTree writes tr into a temporary folder and packs it.
func packTree(t *testing.T, tr tree) (bundle, src string) {
	t.Helper()
	ctx := context.Background()
	src = filepath.Join(t.TempDir(), "src")
	if err := os.Mkdir(src, 0o755); err != nil {
		t.Fatal(err)
	}
	tr.write(t, src)
	spec, err := DirSpec(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Pack(ctx, spec, PackOptions{OutDir: t.TempDir(), Tool: testTool})
	if err != nil {
		t.Fatal(err)
	}
	return res.Path, src
}

// dirFiles lists every file under dir (relative, slash-separated).
func dirFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func verify(t *testing.T, path string, quick bool) *Report {
	t.Helper()
	rep, err := Verify(context.Background(), path, VerifyOptions{Quick: quick})
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return rep
}

// seedBytes fills b with incompressible bytes derived from seed.
func seedBytes(seed uint64, b []byte) {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], seed)
	rand.NewChaCha8(key).Read(b)
}

func int64p(v int64) *int64 { return &v }

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func newHash() hash.Hash { return sha256.New() }
