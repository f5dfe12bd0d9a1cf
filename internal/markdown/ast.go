package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// The parts of goldmark's tree that the rest of tenders reads, named here
// so that only this package imports goldmark. They are goldmark's own
// types: its documentation (github.com/yuin/goldmark/ast) describes them.
type (
	Node            = ast.Node
	NodeKind        = ast.NodeKind
	WalkStatus      = ast.WalkStatus
	Text            = ast.Text
	String          = ast.String
	Link            = ast.Link
	AutoLink        = ast.AutoLink
	Image           = ast.Image
	Heading         = ast.Heading
	CodeSpan        = ast.CodeSpan
	RawHTML         = ast.RawHTML
	CodeBlock       = ast.CodeBlock
	FencedCodeBlock = ast.FencedCodeBlock
)

// How a walk goes on.
const (
	WalkContinue     = ast.WalkContinue
	WalkSkipChildren = ast.WalkSkipChildren
	WalkStop         = ast.WalkStop
)

// Kinds of node and of autolink.
var (
	KindParagraph       = ast.KindParagraph
	KindTextBlock       = ast.KindTextBlock
	KindHeading         = ast.KindHeading
	KindHTMLBlock       = ast.KindHTMLBlock
	KindCodeBlock       = ast.KindCodeBlock
	KindFencedCodeBlock = ast.KindFencedCodeBlock
	KindTableCell       = extast.KindTableCell
)

// A bare web address, as opposed to an e-mail address.
const AutoLinkURL = ast.AutoLinkURL

// TypeBlock is the type of a block node.
const TypeBlock = ast.TypeBlock

// Walk calls f on n and on every node under it, entering and leaving each,
// as goldmark's ast.Walk does.
func Walk(n Node, f func(n Node, entering bool) (WalkStatus, error)) error {
	return ast.Walk(n, f)
}
