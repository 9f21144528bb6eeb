package main

// opener is the program that opens an address in the person's default
// browser on a system, and the arguments before the address.
func opener(goos string) (program string, args []string) {
	switch goos {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler"}
	case "darwin":
		return "open", nil
	default:
		return "xdg-open", nil
	}
}
