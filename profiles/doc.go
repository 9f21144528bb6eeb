// Package profiles holds what farewell knows about each site: which pages
// to drive, which responses to capture, and when a collection is
// finished. A profile produces items for the exporter; it never chooses
// file paths, hashes or progress. profiles/<site>/replica is a faithful
// local stand-in of each site, used by tests and by "farewell demo".
package profiles
