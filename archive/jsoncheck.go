package archive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

const (
	// maxAsyncJSON is the largest member checked from a buffer on the JSON
	// worker; nearly all raw responses are far smaller.
	maxAsyncJSON = 4 << 20
	// maxJSONLine bounds one line of a JSON Lines member.
	maxJSONLine = 64 << 20
	// jsonBuffers is how many members may wait for the JSON worker.
	jsonBuffers = 4
)

// jsonResult is the outcome of checking one JSON or JSON Lines member.
type jsonResult struct {
	member  int // position in the index
	records bool
	count   int64 // records seen (record files only)
	refs    []mediaRefAt
	err     error
}

// mediaRefAt is a media reference found in a record.
type mediaRefAt struct {
	at, file, sha256 string
}

// isJSONName reports whether a member is checked as JSON, and whether as
// JSON Lines.
func isJSONName(name string) (isJSON, lines bool) {
	switch {
	case strings.HasSuffix(name, ".jsonl"):
		return true, true
	case strings.HasSuffix(name, ".json"):
		return true, false
	}
	return false, false
}

// jsonChecker validates JSON members for the full verify. Small members
// are collected into pooled buffers and validated on a worker goroutine,
// so parsing runs beside hashing; large ones are validated as they stream
// past (JSON Lines line by line, documents as a token stream), in constant
// memory.
type jsonChecker struct {
	free chan []byte
	jobs chan jsonJob
	wg   sync.WaitGroup

	mu      sync.Mutex
	results []jsonResult
}

type jsonJob struct {
	res   jsonResult
	name  string
	buf   []byte
	jsonl bool
}

func newJSONChecker() *jsonChecker {
	c := &jsonChecker{free: make(chan []byte, jsonBuffers), jobs: make(chan jsonJob, jsonBuffers)}
	for range jsonBuffers {
		c.free <- nil
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for j := range c.jobs {
			if j.jsonl {
				j.res.count, j.res.refs, j.res.err = checkLines(j.buf, j.name, j.res.records)
			} else if !json.Valid(j.buf) {
				j.res.err = errors.New("not valid JSON")
			}
			c.add(j.res)
			c.free <- j.buf[:0]
		}
	}()
	return c
}

func (c *jsonChecker) add(r jsonResult) {
	c.mu.Lock()
	c.results = append(c.results, r)
	c.mu.Unlock()
}

// wait stops the worker and returns every result, in no particular order.
func (c *jsonChecker) wait() []jsonResult {
	close(c.jobs)
	c.wg.Wait()
	return c.results
}

// begin starts checking one member, or returns nil if it is not JSON.
func (c *jsonChecker) begin(member int, name string, size int64) *jsonMember {
	isJSON, lines := isJSONName(name)
	if !isJSON {
		return nil
	}
	jm := &jsonMember{c: c, name: name, jsonl: lines, res: jsonResult{member: member, records: lines && isRecordFile(name)}}
	switch {
	case size <= maxAsyncJSON:
		jm.buf = <-c.free
		jm.pooled = true
	case !lines:
		pr, pw := io.Pipe()
		jm.pw, jm.done = pw, make(chan error, 1)
		go func() {
			err := validateJSONStream(pr)
			pr.CloseWithError(err)
			jm.done <- err
		}()
	}
	return jm
}

// jsonMember follows one member through the check.
type jsonMember struct {
	c      *jsonChecker
	name   string
	jsonl  bool
	res    jsonResult
	buf    []byte
	pooled bool // buf is collecting the whole member for the worker
	lineNo int64
	pw     *io.PipeWriter
	done   chan error
}

func (jm *jsonMember) write(p []byte) {
	switch {
	case jm.res.err != nil:
	case jm.pooled:
		jm.buf = append(jm.buf, p...)
	case jm.pw != nil:
		if _, err := jm.pw.Write(p); err != nil {
			jm.res.err = err
		}
	default: // large JSON Lines: check complete lines as they arrive
		for len(p) > 0 && jm.res.err == nil {
			i := bytes.IndexByte(p, '\n')
			if i < 0 {
				jm.buf = append(jm.buf, p...)
				if len(jm.buf) > maxJSONLine {
					jm.res.err = fmt.Errorf("line %d is longer than %d bytes", jm.lineNo+1, maxJSONLine)
				}
				return
			}
			line := p[:i]
			if len(jm.buf) > 0 {
				jm.buf = append(jm.buf, line...)
				line = jm.buf
			}
			jm.lineNo++
			jm.res.err = checkLine(line, jm.lineNo, jm.name, jm.res.records, &jm.res.count, &jm.res.refs)
			jm.buf = jm.buf[:0]
			p = p[i+1:]
		}
	}
}

// abort stops checking a member that turned out damaged.
func (jm *jsonMember) abort() {
	if jm.pooled {
		jm.c.free <- jm.buf[:0]
	}
	if jm.pw != nil {
		jm.pw.CloseWithError(errors.New("aborted"))
		<-jm.done
	}
}

// finish hands the member to the worker, or records the result of the
// streaming check.
func (jm *jsonMember) finish() {
	switch {
	case jm.pooled:
		jm.c.jobs <- jsonJob{res: jm.res, name: jm.name, buf: jm.buf, jsonl: jm.jsonl}
		return
	case jm.pw != nil:
		jm.pw.Close()
		if err := <-jm.done; err != nil && jm.res.err == nil {
			jm.res.err = err
		}
	case jm.res.err == nil && len(jm.buf) > 0:
		jm.lineNo++
		jm.res.err = checkLine(jm.buf, jm.lineNo, jm.name, jm.res.records, &jm.res.count, &jm.res.refs)
	}
	jm.c.add(jm.res)
}

// checkLines checks a whole JSON Lines member.
func checkLines(b []byte, name string, records bool) (count int64, refs []mediaRefAt, err error) {
	var n int64
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		n++
		if err := checkLine(line, n, name, records, &count, &refs); err != nil {
			return count, refs, err
		}
	}
	return count, refs, nil
}

// checkLine checks one line; for record files it counts the record and
// collects its media references. Blank lines are allowed and not counted.
func checkLine(line []byte, n int64, name string, records bool, count *int64, refs *[]mediaRefAt) error {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil
	}
	if !json.Valid(line) {
		return fmt.Errorf("line %d is not valid JSON", n)
	}
	if !records {
		return nil
	}
	*count++
	if !bytes.Contains(line, []byte(`"file"`)) {
		return nil
	}
	var rec any
	if err := json.Unmarshal(line, &rec); err != nil {
		return fmt.Errorf("line %d: %v", n, err)
	}
	collectRefs(rec, fmt.Sprintf("%s:%d", name, n), refs)
	return nil
}

// validateJSONStream checks that r holds exactly one JSON value, using
// constant memory apart from the longest string.
func validateJSONStream(r io.Reader) error {
	dec := json.NewDecoder(r)
	depth, values := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("not valid JSON: %v", err)
		}
		if values > 0 {
			return errors.New("not valid JSON: more than one value")
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
		if depth == 0 {
			values++
		}
	}
	if values != 1 {
		return errors.New("not valid JSON: empty")
	}
	return nil
}

// collectRefs finds the media references of a decoded record: every
// object, at any depth, with a "file" string (media entries of posts,
// reposts, liked posts, comments, messages, series, music, live-photo
// motions). Only media entries have "file".
func collectRefs(v any, at string, out *[]mediaRefAt) {
	switch v := v.(type) {
	case map[string]any:
		if file, ok := v["file"].(string); ok && file != "" {
			sum, _ := v["sha256"].(string)
			*out = append(*out, mediaRefAt{at: at, file: file, sha256: sum})
		}
		for _, c := range v {
			collectRefs(c, at, out)
		}
	case []any:
		for _, c := range v {
			collectRefs(c, at, out)
		}
	}
}
