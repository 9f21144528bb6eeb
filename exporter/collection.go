package exporter

// Collection names one collection of an account (posts, followers, ...):
// the journal, the store's raw/ and records/ folders and a bundle's
// data/ files are keyed by it. Each profile declares its collections as
// constants of this type, so a misspelt name does not compile.
type Collection string

// Other is where the answers of the site's API that no collection asked
// for are kept (raw/other/): what the page fetched beside the lists
// farewell reads, so that a later version can parse them offline.
const Other Collection = "other"
