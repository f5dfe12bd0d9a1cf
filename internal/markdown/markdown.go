// Package markdown turns the Markdown bodies of briefs, events and pages into
// HTML. It configures goldmark in exactly one place, so every body on the
// site is read the same way and is equally safe, and it is the only
// package that imports goldmark: the tree's types, which the linter walks,
// are named here (ast.go).
package markdown

import (
	"bytes"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter is the site's Markdown converter: goldmark, configured in New.
// It is safe to use from several goroutines at once.
type Converter struct{ md goldmark.Markdown }

// New returns the site's Markdown converter. Relative links and images are
// resolved against base, the site's address, so output never holds a
// root-relative link that would break under a sub-path.
func New(base *url.URL) *Converter {
	return &Converter{goldmark.New(
		goldmark.WithExtensions(
			// Tables, ~~strikethrough~~, task lists, and bare web addresses
			// turned into links: what buyers expect from GitHub.
			extension.GFM,
		),
		goldmark.WithParserOptions(
			// Headings get id attributes, so sections can be linked to; a
			// heading may set its own with {#id}, as the writing guide
			// does for each lint rule.
			parser.WithAutoHeadingID(),
			parser.WithHeadingAttribute(),
			// Links are made safe and absolute after parsing.
			parser.WithASTTransformers(util.Prioritized(links{base: base}, 100)),
		),
		// No html.WithUnsafe(): raw HTML in a body is dropped, never passed
		// through, since briefs come from many hands.
	)}
}

// Parse parses a body and returns its tree, with links already made safe.
// Heading ids never repeat one of ReservedIDs.
func (c *Converter) Parse(src []byte) Node {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	return c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// RenderTree writes the HTML of a tree Parse made from src.
func (c *Converter) RenderTree(w io.Writer, src []byte, doc Node) error {
	return c.md.Renderer().Render(w, src, doc)
}

// ReservedIDs are the element ids the page templates use. A body heading
// that would get one of them gets a suffix instead ("documents-1"), so ids
// stay unique on the page.
var ReservedIDs = []string{"main", "key-facts", "lots", "documents", "events", "updates", "bid", "questions", "open", "coming-soon"}

// ids makes heading ids the way goldmark does (lower-case ASCII letters and
// digits, hyphens for spaces), starting from ReservedIDs. A repeated heading
// gets the next free suffix ("what-we-need-1"); next remembers where to look
// from for each base, so a body of thousands of equal headings costs no more
// than one of different headings.
type ids struct {
	used map[string]bool
	next map[string]int
}

func newIDs() *ids {
	s := &ids{used: map[string]bool{}, next: map[string]int{}}
	for _, r := range ReservedIDs {
		s.used[r] = true
	}
	return s
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	var b []byte
	for _, c := range bytes.TrimSpace(value) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c == ' ' || c == '-' || c == '_' || c == '\t':
			b = append(b, '-')
		}
	}
	if len(b) == 0 {
		b = []byte("heading")
	}
	base := string(b)
	id := base
	if s.used[id] {
		i := max(s.next[base], 1)
		for s.used[base+"-"+strconv.Itoa(i)] {
			i++
		}
		id = base + "-" + strconv.Itoa(i)
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// Render converts a body to HTML.
func (c *Converter) Render(src []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := c.RenderTree(&buf, src, c.Parse(src)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// links makes every link and image safe and absolute: it drops links with a
// scheme other than http, https and mailto (javascript:, data:, vbscript:
// and the rest), keeping their text, and resolves relative addresses against
// the site's base URL.
type links struct{ base *url.URL }

func (l links) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var nodes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.Kind() {
			case ast.KindLink, ast.KindImage, ast.KindAutoLink:
				nodes = append(nodes, n)
			case ast.KindHeading:
				headingID(n)
			case ast.KindFencedCodeBlock:
				plainLanguage(n.(*ast.FencedCodeBlock), reader.Source())
			}
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	for _, n := range nodes {
		switch n := n.(type) {
		case *ast.Link:
			if dest, ok := l.safe(string(n.Destination)); ok {
				n.Destination = []byte(dest)
			} else {
				unwrap(n)
			}
		case *ast.Image:
			if dest, ok := l.safe(string(n.Destination)); ok {
				n.Destination = []byte(dest)
			} else {
				unwrap(n)
			}
		case *ast.AutoLink:
			if _, ok := l.safe(string(n.URL(src))); !ok {
				t := ast.NewString(n.Label(src))
				n.Parent().ReplaceChild(n.Parent(), n, t)
			}
		}
	}
}

// idRE is what an id written as {#id} may be.
var idRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

// headingID keeps only the id of the attributes a heading may be given
// with {...}: a class or a style written there could hide text or paint
// over the page. An id must be a plain name, and must not repeat one of
// the page's own.
func headingID(n ast.Node) {
	id, ok := n.AttributeString("id")
	if n.Attributes() == nil {
		return
	}
	n.RemoveAttributes()
	b, isBytes := id.([]byte)
	if !ok || !isBytes || !idRE.Match(b) {
		return
	}
	if slices.Contains(ReservedIDs, string(b)) {
		b = append(slices.Clone(b), "-section"...)
	}
	n.SetAttributeString("id", b)
}

// languageRE is what the language of a fenced code block may be: it
// becomes the class language-NAME.
var languageRE = regexp.MustCompile(`^[A-Za-z0-9_+.#-]{1,32}$`)

// plainLanguage drops the language of a fenced code block unless it is a
// plain name: "x&#10;visually-hidden" would give the block a second class.
// It reads the info string as written (goldmark's Language would decode
// the entity, and remember the result), up to the first space as goldmark
// does.
func plainLanguage(n *ast.FencedCodeBlock, src []byte) {
	if n.Info == nil {
		return
	}
	info := n.Info.Segment.Value(src)
	if i := bytes.IndexByte(info, ' '); i >= 0 {
		info = info[:i]
	}
	if !languageRE.Match(info) {
		n.Info = nil
	}
}

// safe reports whether dest may be linked to, and returns it resolved.
func (l links) safe(dest string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return dest, true
	case "":
		if strings.HasPrefix(dest, "#") || l.base == nil {
			return dest, true
		}
		// A path inside the site, resolved against base. The reference is
		// built as a path, not parsed again: "/ms-msdt:x" without its
		// slash would parse as the scheme ms-msdt.
		r := &url.URL{Path: strings.TrimPrefix(u.Path, "/"), RawQuery: u.RawQuery, Fragment: u.Fragment}
		abs := l.base.ResolveReference(r)
		if abs.Scheme != l.base.Scheme || abs.Host != l.base.Host {
			return "", false
		}
		return abs.String(), true
	}
	return "", false
}

// unwrap replaces n with its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}
