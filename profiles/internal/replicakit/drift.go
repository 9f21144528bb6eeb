package replicakit

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"sort"
	"strings"
)

// Drift is what a deploy of a site changes without telling anyone, the
// same for every request of a run and every run with one seed (seed 0:
// nothing): JSON keys in another order, fields nobody knows, pages
// shorter than asked that are not the end, API calls moved to another
// of the site's hosts, hashed class names renamed, extra wrapper
// elements, menus in another order, extra calls the page makes. A
// replica asks it each question by a key (an endpoint, a class, a menu);
// the answer depends only on the seed and the key.
type Drift struct {
	seed uint64
}

// NewDrift returns the drift of seed (0: none).
func NewDrift(seed uint64) Drift { return Drift{seed: seed} }

// On reports whether there is any drift.
func (d Drift) On() bool { return d.seed != 0 }

// Seed is the drift's seed.
func (d Drift) Seed() uint64 { return d.seed }

// hash is the drift's number for a key.
func (d Drift) hash(key ...string) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], d.seed)
	h.Write(b[:])
	for _, k := range key {
		io.WriteString(h, k)
		h.Write([]byte{0})
	}
	x := h.Sum64()
	// A final mix, so that nearby keys do not give nearby numbers.
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x
}

// Chance reports, for a key, whether an event of probability p happens.
func (d Drift) Chance(p float64, key ...string) bool {
	if !d.On() {
		return false
	}
	return float64(d.hash(key...)%10000) < p*10000
}

// Pick returns a number in [0, n) for a key (0 without drift).
func (d Drift) Pick(n int, key ...string) int {
	if !d.On() || n <= 1 {
		return 0
	}
	return int(d.hash(key...) % uint64(n))
}

// Order returns the order of n things (a menu's items) for a key: the
// identity without drift.
func (d Drift) Order(n int, key ...string) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	if !d.On() {
		return out
	}
	sort.SliceStable(out, func(i, j int) bool {
		return d.hash(append(key, fmt.Sprint(out[i]))...) < d.hash(append(key, fmt.Sprint(out[j]))...)
	})
	return out
}

// PageSize returns how many items a page of a list holds when size were
// asked: about one page in three is short by up to a third (never empty)
// under drift. key names the list and the page (its cursor).
func (d Drift) PageSize(size int, key ...string) int {
	if size <= 1 || !d.Chance(0.35, append(key, "short")...) {
		return size
	}
	return size - 1 - d.Pick(max(1, size/3), append(key, "by")...)
}

// Bounds returns where page (from 1) of a page-numbered list of n items
// begins and ends when its pages hold size items, short ones included:
// each page starts where the one before it ended.
func (d Drift) Bounds(list string, page, size, n int) (start, end int) {
	for p := 1; p < page && start < n; p++ {
		start += d.PageSize(size, list, fmt.Sprint(p))
	}
	start = min(start, n)
	return start, min(n, start+d.PageSize(size, list, fmt.Sprint(page)))
}

// Name returns the drifted name of a hashed class: a CSS-module name
// ("conversationConversationItemwrapper--Jm0s") keeps its readable part
// and gets a new hash, any other becomes a hash of its own.
func (d Drift) Name(class string) string {
	if !d.On() {
		return class
	}
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	h := d.hash("class", class)
	if i := strings.LastIndex(class, "--"); i > 0 {
		var b [4]byte
		for j := range b {
			b[j] = letters[h%uint64(len(letters))]
			h /= uint64(len(letters))
		}
		return class[:i+2] + string(b[:])
	}
	var b [8]byte
	for j := range b {
		b[j] = letters[h%uint64(len(letters))]
		h /= uint64(len(letters))
	}
	return string(b[:])
}

// JSON rewrites a JSON answer as a deploy would: the keys of every object
// in another order, and fields nobody knows added to about one object in
// three. The values of the known fields, numbers included (digit for
// digit), stay as they were. Without drift, or for a body that is not
// JSON, it returns b.
func (d Drift) JSON(b []byte) []byte {
	if !d.On() {
		return b
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return b
	}
	var out bytes.Buffer
	d.write(&out, v)
	if bytes.HasSuffix(b, []byte("\n")) {
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// plainKeys reports whether an object's keys are field names, not ids
// (pictures by pid, months by year): a deploy adds fields to the first
// kind only.
func plainKeys(keys []string) bool {
	for _, k := range keys {
		if k == "" || k[0] >= '0' && k[0] <= '9' {
			return false
		}
		for _, r := range k {
			if !wordRune(r) {
				return false
			}
		}
	}
	return true
}

// wordRune reports whether r may stand in a field name: an ASCII letter,
// digit or underscore.
func wordRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// Wrap applies the drift to the JSON answers of h for which applies says
// yes (the site's API): see JSON.
func (d Drift) Wrap(h http.Handler, applies func(*http.Request) bool) http.Handler {
	if !d.On() {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if !applies(req) {
			h.ServeHTTP(w, req)
			return
		}
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		h.ServeHTTP(rec, req)
		body := rec.body.Bytes()
		if strings.Contains(rec.header.Get("Content-Type"), "json") {
			body = d.JSON(body)
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.status)
		w.Write(body)
	})
}

// recorder keeps an answer so that Wrap can rewrite it.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}

// unknownValues are the shapes of the fields a deploy adds.
var unknownValues = []any{nil, "", "v2", json.Number("0"), json.Number("1"), false, true, map[string]any{}, []any{}, map[string]any{"enable": true, "exp": json.Number("3")}}

func (d Drift) write(w *bytes.Buffer, v any) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		sig := strings.Join(keys, ",")
		if d.On() {
			sort.Slice(keys, func(i, j int) bool { return d.hash("key", keys[i]) < d.hash("key", keys[j]) })
		}
		extra := map[string]any{}
		if d.On() && plainKeys(keys) && d.Chance(0.35, "extra", sig) {
			for n := 0; n <= d.Pick(3, "extra-n", sig); n++ {
				name := fmt.Sprintf("%s_%x", []string{"ab", "exp", "ext", "biz", "ui"}[d.Pick(5, "extra-name", sig, fmt.Sprint(n))], d.hash("extra-key", sig, fmt.Sprint(n))%0xfff)
				if _, known := v[name]; !known {
					extra[name] = unknownValues[d.Pick(len(unknownValues), "extra-value", sig, fmt.Sprint(n))]
					keys = append(keys, name)
				}
			}
			sort.SliceStable(keys, func(i, j int) bool { return d.hash("key", keys[i]) < d.hash("key", keys[j]) })
		}
		w.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				w.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			w.Write(kb)
			w.WriteByte(':')
			if x, ok := v[k]; ok {
				d.write(w, x)
			} else {
				NewDrift(0).write(w, extra[k]) // as it is
			}
		}
		w.WriteByte('}')
	case []any:
		w.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				w.WriteByte(',')
			}
			d.write(w, x)
		}
		w.WriteByte(']')
	default:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.Encode(v)
		w.Truncate(w.Len() - 1) // Encode's newline
	}
}
