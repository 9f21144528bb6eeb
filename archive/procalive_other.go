//go:build !unix

package archive

// processAlive cannot tell on this platform: every writer counts as alive,
// so no partial bundle is ever removed by mistake.
func processAlive(int) bool { return true }
