package exporter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/farewell-app/farewell/exporter/i18n"
)

// Diagnostics are what a failed or short step leaves in
// diagnostics/<collection>/ of the store and the bundle, so that the
// person (or the next version of farewell) can see what the site did:
//
//	screenshot.png  the tab as it was
//	page.json       why, when, the page's address and title, the error chain
//	dom.txt         an outline of the page: tags, ids, classes, hook
//	                attributes (data-e2e, role, ...), the first 80
//	                characters of each element's own text; never a form
//	                field's value, a script or a style
//	requests.json   the tab's last 100 requests to the site's hosts:
//	                method, host, path, status, content type, size, with
//	                token-like query values redacted
//
// Nothing in them comes from a cookie or a request's headers.
const (
	diagScreenshot = "screenshot.png"
	diagPage       = "page.json"
	diagDOM        = "dom.txt"
	diagRequests   = "requests.json"
)

// diagRequestCount is how many requests the log keeps.
const diagRequestCount = 100

// DiagnosticPage is page.json.
type DiagnosticPage struct {
	Collection Collection `json:"collection"`
	Time       time.Time  `json:"time"`
	Why        string     `json:"why"`
	URL        string     `json:"url,omitempty"`
	Title      string     `json:"title,omitempty"`
	// Errors is the error chain, outermost first.
	Errors []string `json:"errors,omitempty"`
	// Missing says which parts could not be taken, and why.
	Missing []string `json:"missing,omitempty"`
}

// outlineJS writes the page's outline, one element a line, indented by
// depth: no script, style or form value ever goes into it.
const outlineJS = `(() => {
  const out = []; let n = 0; const cap = 4000;
  const skip = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|LINK|META|HEAD)$/;
  const hooks = ['data-e2e', 'data-testid', 'data-type', 'node-type', 'action-type', 'role', 'aria-label', 'type'];
  const walk = (e, depth) => {
    if (n >= cap || skip.test(e.tagName)) return;
    n++;
    let line = ' '.repeat(Math.min(depth, 40) * 2) + e.tagName.toLowerCase();
    if (e.id) line += '#' + e.id.slice(0, 60);
    const cls = (e.getAttribute('class') || '').trim();
    if (cls) line += '.' + cls.split(/\s+/).slice(0, 8).join('.').slice(0, 160);
    for (const h of hooks) { const v = e.getAttribute(h); if (v !== null) line += ' [' + h + '=' + JSON.stringify(v.slice(0, 60)) + ']'; }
    if (!/^(INPUT|TEXTAREA|SELECT|OPTION)$/.test(e.tagName)) {
      let own = '';
      for (const c of e.childNodes) if (c.nodeType === 3) own += c.nodeValue;
      own = own.replace(/\s+/g, ' ').trim();
      if (own) line += ' ' + JSON.stringify(Array.from(own).slice(0, 80).join(''));
    }
    if (e.getClientRects().length === 0) line += ' (hidden)';
    out.push(line);
    if (e.tagName === 'svg' || e.tagName === 'IFRAME') return;
    for (const c of e.children) walk(c, depth + 1);
    if (e.shadowRoot) for (const c of e.shadowRoot.children) walk(c, depth + 1);
  };
  walk(document.documentElement, 0);
  if (n >= cap) out.push('... (cut at ' + cap + ' elements)');
  return out.join('\n') + '\n';
})()`

// Diagnose keeps the diagnostics of a step of collection in this tab
// (see the const block above) and returns their bundle folder ("" when
// none could be written). why says what happened; cause is the error, if
// any. A part that cannot be taken (a browser that died) is named in
// page.json, not fatal.
func (t *Tab) Diagnose(ctx context.Context, collection Collection, why string, cause error) string {
	// Diagnostics are taken after the step's own context may have
	// given up waiting: give them a short budget of their own.
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 45*time.Second)
	defer cancel()
	page := DiagnosticPage{Collection: collection, Time: time.Now().UTC(), Why: why}
	for e := cause; e != nil; e = errors.Unwrap(e) {
		page.Errors = append(page.Errors, e.Error())
		if len(page.Errors) == 12 {
			break
		}
	}
	missing := func(part string, err error) { page.Missing = append(page.Missing, part+": "+err.Error()) }
	st := t.S.Store
	if err := st.ClearDiagnostics(collection); err != nil {
		t.S.Progress.Note(i18n.Msg{Code: i18n.NoteDiagnostics, Args: i18n.Args{"collection": collection, "error": err}})
		return ""
	}
	if loc, err := t.B.Location(dctx); err == nil {
		page.URL = RedactURL(loc)
	} else {
		missing("url", err)
	}
	if title, err := t.Title(dctx); err == nil {
		page.Title = title
	} else {
		missing("title", err)
	}
	if png, err := t.B.ViewportPNG(dctx); err == nil {
		if err := st.SaveDiagnostic(collection, diagScreenshot, png); err != nil {
			missing("screenshot", err)
		}
	} else {
		missing("screenshot", err)
	}
	if dom, err := Eval[string](dctx, t.B, outlineJS, 20*time.Second); err == nil {
		if err := st.SaveDiagnostic(collection, diagDOM, []byte(dom)); err != nil {
			missing("dom", err)
		}
	} else {
		missing("dom", err)
	}
	var reqs bytes.Buffer
	enc := json.NewEncoder(&reqs)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(t.B.Requests(diagRequestCount, t.Site.Owns)); err == nil {
		if err := st.SaveDiagnostic(collection, diagRequests, reqs.Bytes()); err != nil {
			missing("requests", err)
		}
	}
	b, err := json.MarshalIndent(page, "", "  ")
	if err == nil {
		err = st.SaveDiagnostic(collection, diagPage, append(b, '\n'))
	}
	if err != nil {
		t.S.Progress.Note(i18n.Msg{Code: i18n.NoteDiagnostics, Args: i18n.Args{"collection": collection, "error": err}})
		return ""
	}
	return DiagnosticsDir + "/" + string(collection) + "/"
}

// DiagnosticsPath is a collection's diagnostics folder in the store.
func (s *Store) DiagnosticsPath(collection Collection) string {
	return s.Path(DiagnosticsDir, string(collection))
}

// ClearDiagnostics removes a collection's diagnostics: a step that runs
// again leaves its own, or none.
func (s *Store) ClearDiagnostics(collection Collection) error {
	if !validName(string(collection)) {
		return fmt.Errorf("diagnostics: bad collection %q", collection)
	}
	if err := os.RemoveAll(s.DiagnosticsPath(collection)); err != nil {
		return StorageError(err)
	}
	return nil
}

// SaveDiagnostic writes one file of a collection's diagnostics.
func (s *Store) SaveDiagnostic(collection Collection, name string, data []byte) error {
	if !validName(string(collection)) || !validName(name) {
		return fmt.Errorf("diagnostics: bad name %q/%q", collection, name)
	}
	dir := s.DiagnosticsPath(collection)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return StorageError(err)
	}
	return writeFileAtomic(filepath.Join(dir, name), data, 0o600)
}

// validName reports whether a name is one path element farewell made.
func validName(n string) bool {
	return n != "" && n != "." && n != ".." && filepath.Base(n) == n && n[0] != '.'
}
