// Package exporter is the platform-independent half of a backup: the store
// every run works in, and (as the exporter grows) the browser session,
// response capture, media downloads and politeness that profiles use.
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
package exporter
