package weibo

import (
	"strings"

	xhtml "golang.org/x/net/html"
)

// inlineText writes the text of an HTML text node tree as Weibo's pages
// show it: text as it is, an emoji image as its alt text ([心]), a line
// break as a newline. link decides what a link stands for: its
// replacement and true, or false to take its text.
func inlineText(b *strings.Builder, n *xhtml.Node, link func(*xhtml.Node) (string, bool)) {
	switch {
	case n.Type == xhtml.TextNode:
		b.WriteString(n.Data)
		return
	case n.Type != xhtml.ElementNode:
	case n.Data == "br":
		b.WriteString("\n")
		return
	case n.Data == "img":
		b.WriteString(attr(n, "alt"))
		return
	case n.Data == "a" && link != nil:
		if s, ok := link(n); ok {
			b.WriteString(s)
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		inlineText(b, c, link)
	}
}

// attr is an element's attribute, or "".
func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
