package exporter

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Find names an element of a page by ordered alternatives, because a
// site renames its hashed classes with every deploy and some elements
// have no stable hook at all: first the hooks (data-e2e and other stable
// attributes, as CSS selectors), then the text the element shows, then
// its ARIA role, then a substring of its class names (hashed class names
// keep a readable part). The first alternative that finds a visible
// element wins; the others are not tried.
type Find struct {
	// Name says what the element is, for messages ("the 关注 count").
	Name string
	// Scope, when set, limits the search to the elements it finds.
	Scope *Find
	// CSS are selectors of stable hooks, tried in order.
	CSS []string
	// Text are texts the element shows, tried in order: its whole
	// visible text, or a label beside a count ("12关注", "作品 30" show
	// 关注 and 作品). The innermost element showing it is the one found.
	Text []string
	// Role is an ARIA role.
	Role string
	// Class are class-name substrings, tried last.
	Class []string
	// Not are texts of elements that are not it, whichever alternative
	// found them: an element whose visible text starts with one is left
	// out (a 收起 button that shares the class of the 展开 button).
	Not []string
}

// String names the element for messages.
func (f Find) String() string {
	if f.Name != "" {
		return f.Name
	}
	var alts []string
	alts = append(alts, f.CSS...)
	for _, t := range f.Text {
		alts = append(alts, fmt.Sprintf("%q", t))
	}
	if f.Role != "" {
		alts = append(alts, "role="+f.Role)
	}
	for _, c := range f.Class {
		alts = append(alts, "class*="+c)
	}
	out := strings.Join(alts, " or ")
	for _, t := range f.Not {
		out += fmt.Sprintf(" not %q", t)
	}
	return out
}

// spec is Find as the page's finder reads it.
type spec struct {
	Scope *spec    `json:"scope,omitempty"`
	CSS   []string `json:"css,omitempty"`
	Text  []string `json:"text,omitempty"`
	Role  string   `json:"role,omitempty"`
	Class []string `json:"cls,omitempty"`
	Not   []string `json:"not,omitempty"`
}

func (f Find) spec() *spec {
	s := &spec{CSS: f.CSS, Text: f.Text, Role: f.Role, Class: f.Class, Not: f.Not}
	if f.Scope != nil {
		s.Scope = f.Scope.spec()
	}
	return s
}

func (f Find) js() string {
	b, _ := json.Marshal(f.spec())
	return string(b)
}

// finderJS is a JavaScript function of a spec that returns the visible
// elements it finds, in document order: the alternatives are tried in
// order (hooks, text, role, class) and the first that finds any wins.
const finderJS = `function find(s) {
  const found = findAny(s), not = s.not || [];
  return not.length ? found.filter(e => !not.some(t => (e.innerText || '').trim().startsWith(t))) : found;
}
function findAny(s) {
  const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const roots = s.scope ? find(s.scope) : [document];
  const all = sel => {
    const out = [];
    for (const r of roots) { try { for (const e of r.querySelectorAll(sel)) if (visible(e) && !out.includes(e)) out.push(e); } catch (x) {} }
    return out;
  };
  for (const sel of s.css || []) { const f = all(sel); if (f.length) return f; }
  const norm = t => (t || '').replace(/\s+/g, ' ').trim();
  // A count beside its label ("12关注", "1.2万 粉丝", "作品 30") shows the label.
  const sep = c => c !== undefined && /[\s\d.,+万千wk]/i.test(c);
  const shows = (e, t) => {
    const v = norm(e.innerText);
    return v === t || (v.length <= t.length + 24 && ((v.startsWith(t) && sep(v[t.length])) || (v.endsWith(t) && sep(v[v.length - t.length - 1]))));
  };
  for (const t of s.text || []) {
    const f = all('*').filter(e => !/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|HTML|BODY)$/.test(e.tagName) && shows(e, t));
    const inner = f.filter(e => !f.some(o => o !== e && e.contains(o)));
    if (inner.length) return inner;
  }
  if (s.role) { const f = all('[role="' + s.role + '"]'); if (f.length) return f; }
  for (const c of s.cls || []) { const f = all('[class*="' + c + '"]'); if (f.length) return f; }
  return [];
}`

// Count returns how many visible elements f finds in the tab's page.
func (t *Tab) Count(ctx context.Context, f Find) (int, error) {
	return Eval[int](ctx, t.B, fmt.Sprintf(`(() => { %s; return find(%s).length; })()`, finderJS, f.js()), 10*time.Second)
}

// Text returns the visible text of each element f finds.
func (t *Tab) Text(ctx context.Context, f Find) ([]string, error) {
	return Eval[[]string](ctx, t.B, fmt.Sprintf(`(() => { %s; return find(%s).map(e => e.innerText.trim()); })()`, finderJS, f.js()), 10*time.Second)
}

// Action is something a person does in a page: a click, a scroll. do
// reports false when the page has no element for it (yet).
type Action struct {
	Name string
	do   func(ctx context.Context, v *View) (bool, error)
}

// Click clicks the i-th element f finds, as a person does: the pointer
// moves to the element's box and presses there (pointer, mouse and click
// events, all trusted), after it is brought into view.
func Click(f Find, i int) Action {
	return Action{Name: "click " + f.String(), do: func(ctx context.Context, v *View) (bool, error) {
		return v.t.click(ctx, f, i)
	}}
}

// ScrollDown scrolls a list towards its end as a person does, with the
// mouse wheel over the list: over the nearest scrollable ancestor of the
// last element f finds (give the list's items, then the list itself),
// which works when the list is virtualised and its first items have left
// the page. When the wheel moves nothing, the End key is pressed.
func ScrollDown(f Find) Action {
	return Action{Name: "scroll " + f.String(), do: func(ctx context.Context, v *View) (bool, error) {
		found, _, err := v.t.wheel(ctx, f, 0)
		return found, err
	}}
}

// ScrollBy turns the wheel by dy CSS pixels (negative: up) over the
// nearest scrollable ancestor of the last element f finds.
func ScrollBy(f Find, dy float64) Action {
	return Action{Name: "scroll " + f.String(), do: func(ctx context.Context, v *View) (bool, error) {
		found, _, err := v.t.wheel(ctx, f, dy)
		return found, err
	}}
}

// box is where an element is in the viewport.
type box struct {
	X, Y float64
}

// click brings the i-th element f finds into view and clicks its
// center.
func (t *Tab) click(ctx context.Context, f Find, i int) (bool, error) {
	js := fmt.Sprintf(`(() => { %s;
  const e = find(%s)[%d];
  if (!e) return null;
  let r = e.getBoundingClientRect();
  if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) { e.scrollIntoView({block: 'center', inline: 'center'}); r = e.getBoundingClientRect(); }
  return {X: r.left + r.width / 2, Y: r.top + r.height / 2};
})()`, finderJS, f.js(), i)
	b, err := Eval[*box](ctx, t.B, js, 10*time.Second)
	if err != nil || b == nil {
		return false, err
	}
	return true, t.B.ClickAt(ctx, b.X, b.Y)
}

// scroller is the scrollable ancestor of a list, as the wheel finds it.
type scroller struct {
	X, Y   float64 // a point over it, in the viewport
	Top    float64 // how far it is scrolled
	Max    float64 // how far it can be scrolled
	Height float64 // how much of it shows
}

// scrollerJS locates the nearest scrollable ancestor of the last element
// a spec finds (the window's scroller when none), and a point over it.
const scrollerJS = `(() => { %s;
  const els = find(%s);
  if (!els.length) return null;
  let s = els[els.length - 1];
  while (s && s !== document.body && s !== document.documentElement) {
    const o = getComputedStyle(s).overflowY;
    if ((o === 'auto' || o === 'scroll' || o === 'overlay') && s.scrollHeight > s.clientHeight + 1) break;
    s = s.parentElement;
  }
  if (!s || s === document.body || s === document.documentElement) {
    const d = document.scrollingElement || document.documentElement;
    return {X: innerWidth / 2, Y: innerHeight / 2, Top: d.scrollTop, Max: d.scrollHeight - d.clientHeight, Height: innerHeight};
  }
  const r = s.getBoundingClientRect();
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight), left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
  return {X: (left + right) / 2, Y: (top + bottom) / 2, Top: s.scrollTop, Max: s.scrollHeight - s.clientHeight, Height: s.clientHeight};
})()`

func (t *Tab) scroller(ctx context.Context, f Find) (*scroller, error) {
	return Eval[*scroller](ctx, t.B, fmt.Sprintf(scrollerJS, finderJS, f.js()), 10*time.Second)
}

// wheel turns the mouse wheel over the list f finds: by dy CSS pixels, or
// (dy 0) down to its end. It reports whether the list was found and
// whether it moved; a list the wheel does not move down gets the End key.
func (t *Tab) wheel(ctx context.Context, f Find, dy float64) (found, moved bool, err error) {
	s, err := t.scroller(ctx, f)
	if err != nil || s == nil {
		return false, false, err
	}
	if err := t.B.MoveTo(ctx, s.X, s.Y); err != nil {
		return true, false, err
	}
	if dy == 0 {
		if s.Max > 0 && s.Top >= s.Max-1 {
			// At the end already, where a wheel down moves nothing and
			// the page hears nothing: back up a little first, as a
			// person does to make a list load again.
			if err := t.B.WheelAt(ctx, s.X, s.Y, -min(300, s.Max)); err != nil {
				return true, false, err
			}
			if err := Sleep(ctx, 120*time.Millisecond); err != nil {
				return true, false, err
			}
			if s, err = t.scroller(ctx, f); err != nil || s == nil {
				return s != nil, false, err
			}
		}
		dy = max(s.Max-s.Top, s.Height) + 200
	}
	// A person's flick: notches of at most 400 pixels, a moment apart.
	for left, n := dy, 0; left != 0 && n < 16; n++ {
		step := max(-400, min(400, left))
		if err := t.B.WheelAt(ctx, s.X, s.Y, step); err != nil {
			return true, false, err
		}
		left -= step
		if err := Sleep(ctx, 20*time.Millisecond); err != nil {
			return true, false, err
		}
	}
	after, err := t.scroller(ctx, f)
	if err != nil || after == nil {
		return true, true, err // the list changed under the wheel
	}
	if after.Top != s.Top {
		return true, true, nil
	}
	if dy > 0 && s.Top < s.Max-1 {
		// The wheel did not reach it: the End key scrolls what the
		// page scrolls by keyboard.
		if err := t.B.PressEnd(ctx); err != nil {
			return true, false, err
		}
		after, err = t.scroller(ctx, f)
		return true, err == nil && after != nil && after.Top != s.Top, err
	}
	return true, false, nil
}

// rect is an element's box in the page (CSS pixels from the document's
// top left).
type rect struct {
	X, Y, Width, Height float64
}

// ElementPNG returns a screenshot of the first element f finds.
func (t *Tab) ElementPNG(ctx context.Context, f Find) ([]byte, error) {
	js := fmt.Sprintf(`(() => { %s;
  const e = find(%s)[0];
  if (!e) return null;
  const r = e.getBoundingClientRect();
  if (r.top < 0 || r.bottom > innerHeight) e.scrollIntoView({block: 'nearest'});
  const q = e.getBoundingClientRect();
  return {X: q.left + scrollX, Y: q.top + scrollY, Width: q.width, Height: q.height};
})()`, finderJS, f.js())
	r, err := Eval[*rect](ctx, t.B, js, 10*time.Second)
	if err != nil {
		return nil, err
	}
	if r == nil || r.Width < 1 || r.Height < 1 {
		return nil, fmt.Errorf("screenshot: the page has no %s", f)
	}
	return t.B.ClipPNG(ctx, r.X, r.Y, r.Width, r.Height)
}

// ScreenshotElement saves the first element f finds as a PNG at
// screens/<file> and returns its bundle path.
func (t *Tab) ScreenshotElement(ctx context.Context, file string, f Find) (string, error) {
	data, err := t.ElementPNG(ctx, f)
	if err != nil {
		return "", err
	}
	return t.S.Store.SaveScreen(file, data)
}

// ListItem is one item of a list on screen: its place in the list (its
// offset from the list's top, scrolled), its centre in the viewport, and
// whether it shows whole.
type ListItem struct {
	At    float64 `json:"at"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Whole bool    `json:"whole"`
}

// ListView is what a list shows now: how far it is scrolled, how far it
// can be, how much of it shows, and its items on screen.
type ListView struct {
	Top    float64    `json:"top"`
	Max    float64    `json:"max"`
	Height float64    `json:"height"`
	Items  []ListItem `json:"items"`
}

const listViewJS = `(() => { %s;
  const items = find(%s);
  if (!items.length) return null;
  let s = items[0].parentElement;
  while (s && s !== document.body) {
    const o = getComputedStyle(s).overflowY;
    if (o === 'auto' || o === 'scroll' || o === 'overlay') break;
    s = s.parentElement;
  }
  if (!s || s === document.body) s = document.scrollingElement || document.documentElement;
  const r = s === document.scrollingElement ? {top: 0, bottom: innerHeight} : s.getBoundingClientRect();
  return {top: s.scrollTop, max: s.scrollHeight - s.clientHeight, height: s.clientHeight, items: items.map(e => {
    const q = e.getBoundingClientRect();
    return {at: q.top - r.top + s.scrollTop, x: q.left + q.width / 2, y: q.top + q.height / 2,
      whole: q.height > 0 && q.top >= r.top - 0.5 && q.bottom <= r.bottom + 0.5};
  })};
})()`

// ListView reads the items f finds and their scroll container (the
// nearest scrollable ancestor of the first). A virtualised list's items
// leave the page as it scrolls, so an item is known by its place in the
// list, not by its element. nil when f finds nothing.
func (t *Tab) ListView(ctx context.Context, f Find) (*ListView, error) {
	return Eval[*ListView](ctx, t.B, fmt.Sprintf(listViewJS, finderJS, f.js()), 10*time.Second)
}
