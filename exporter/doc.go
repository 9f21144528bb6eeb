// Package exporter is the platform-independent half of a backup: the store
// every run works in, the browser with the person's session, the engine
// that drives a site's pages, the media downloader and the politeness
// rules. Profiles say what to capture on each site; they use this
// package's own types only (no chromedp or DevTools protocol type reaches
// them).
//
// # Store and journal
//
// A [Store] is the mutable, resumable working copy of one account under
// $FAREWELL_HOME/<platform>/<account-id>/ (mode 0700). Secrets (the
// browser profile and the cookie jar) live there and never leave it;
// [Store.BundleFiles] lists only what may go into a bundle. A [Journal] is
// the store's append-only, fsynced log of what each collection did (its
// expected count, pages, cursor, gaps, server limits and how it stopped);
// [Fold] replays it, so a run killed at any instant can continue where it
// stopped and a bundle can say how complete it is.
//
// # The page-driving engine
//
// A [Site] says which hosts are a site's, which paths its API, how to
// judge an answer and how to tell the pages where the site stops the
// person (a verification, a login wall). A [Tab] drives one browser tab
// on it: [Tab.Open] loads a page as a [View] that keeps the answers of its
// [Route]s, matched by path on any of the site's hosts, and every other
// data answer of the site's API in raw/other/. In a view, [View.Act] does
// what a person does: [Click] with real pointer events at an element's
// box, [ScrollDown] with the mouse wheel over the nearest scrollable
// ancestor of a list's items (the End key where the wheel moves nothing),
// elements found by a [Find] of ordered alternatives (hooks, text, role,
// class substring). [View.Drive] reads a [List] to its end; [View.Answer]
// waits for one answer. A page that has not rendered what a step needs is
// loaded again after a pause ([ErrAgain]).
//
// # Steps
//
// [Session.RunStep] runs one collection's step, again while it asks to
// be. A step that still fails is recorded as failed, with diagnostics
// ([Tab.Diagnose]: screenshot, page outline, request log, error chain),
// and the run goes on; only what [Fatal] names ends a run. Under
// SessionConfig.Probe a step stops at its first page ([ErrProbed]), which
// is how "farewell doctor" probes every collection in minutes.
package exporter
