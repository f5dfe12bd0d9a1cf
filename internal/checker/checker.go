// Package checker checks one pasted text with the linter of tenders check
// (internal/lint): a notice's prose, or a whole brief with +++ front
// matter. It is the Go side of the page /check/, where cmd/checkwasm runs
// it compiled to WebAssembly, and it is tested natively. Positions come
// back as the linter's lines and columns and as offsets in UTF-16 code
// units, which is how JavaScript counts a string, so the page can mark
// each finding at its words.
package checker

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/markdown"
)

// File is the name findings are reported under.
const File = "pasted text"

// Result is what a check of one text gives the page.
type Result struct {
	Kind        string    `json:"kind"` // "text", or "brief" when the text starts with +++ front matter
	Findings    []Finding `json:"findings"`
	Words       int       `json:"words"`
	ReadingEase float64   `json:"readingEase"`
	Grade       float64   `json:"grade"`
}

// Finding is one finding of the linter, with where it is in the text.
type Finding struct {
	Place
	Severity string  `json:"severity"`
	Rule     string  `json:"rule"`
	Message  string  `json:"message"`
	Doc      string  `json:"doc"` // the rule's explanation, one line
	Also     []Place `json:"also,omitempty"`
}

// Place is one span of the text: lines and columns from 1 (columns in
// characters), and Start and End in UTF-16 code units from the start of
// the text, End just past the span.
type Place struct {
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	EndLine int    `json:"endLine"`
	EndCol  int    `json:"endCol"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Fix     string `json:"fix,omitempty"`
	Safe    bool   `json:"safe,omitempty"`
}

// Checker checks texts against one site's settings.
type Checker struct {
	cfg    *config.Config
	engine *lint.Engine
	docs   map[string]string
}

// New makes a checker for the site whose settings these are. The list
// holds problems of the settings' [lint] rules, which leave them out.
func New(cfg *config.Config) (*Checker, diag.List) {
	e, list := lint.New(cfg)
	docs := map[string]string{}
	for _, r := range e.Rules {
		docs[r.Name] = r.Doc
	}
	return &Checker{cfg: cfg, engine: e, docs: docs}, list
}

// Normalize is the text as the checker reads it: without a byte order
// mark, and with every line ending a line feed, as a browser's text box
// gives it.
func Normalize(text string) string {
	text = strings.TrimPrefix(text, "\ufeff")
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text
}

// Check checks a text. Text that starts with a line "+++" is a brief:
// its front matter is checked as tenders check checks a brief's, and its
// prose is linted when the brief has no errors. Any other text is prose,
// linted as the body of a page. Positions are in Normalize(text).
func (c *Checker) Check(text string) Result {
	text = Normalize(text)
	res := Result{Kind: "text", Findings: []Finding{}}
	if strings.TrimSpace(text) == "" {
		return res
	}
	src := []byte(text)
	var list diag.List
	var sum lint.Summary
	if strings.HasPrefix(text, brief.Fence+"\n") {
		res.Kind = "brief"
		list, sum = c.checkBrief(src)
	} else {
		list, sum = c.checkProse(src)
	}
	idx := newIndex(text)
	for _, d := range list {
		f := Finding{Place: idx.place(d.Line, d.Col, d.EndLine, d.EndCol, d.Fix, d.Safe),
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message, Doc: c.docs[d.Rule]}
		for _, p := range d.Also {
			f.Also = append(f.Also, idx.place(p.Line, p.Col, p.EndLine, p.EndCol, p.Fix, p.Safe))
		}
		res.Findings = append(res.Findings, f)
	}
	res.Words, res.ReadingEase, res.Grade = sum.Words, sum.ReadingEase, sum.Grade
	return res
}

// checkBrief parses a brief as tenders check does, and lints it when it
// parsed without errors.
func (c *Checker) checkBrief(src []byte) (diag.List, lint.Summary) {
	p := &brief.Parser{Config: c.cfg}
	b, list := p.Brief(File, src)
	if b == nil || list.Errors() > 0 {
		return list, lint.Summary{}
	}
	found, sum := c.engine.CheckFile(b)
	list = append(list, found...)
	list.Sort()
	return list, sum
}

// checkProse lints text with no front matter as a page's body, after the
// checks that keep its cost bounded (brief.CheckText, markdown's limits).
func (c *Checker) checkProse(src []byte) (diag.List, lint.Summary) {
	if d := brief.CheckText(File, src); d != nil {
		return diag.List{*d}, lint.Summary{}
	}
	var list diag.List
	for _, p := range markdown.CheckLimits(src) {
		list = append(list, diag.Diagnostic{File: File, Line: p.Line, Col: p.Col, Severity: diag.Error, Rule: "invalid", Message: p.Msg})
	}
	if len(list) > 0 {
		return list, lint.Summary{}
	}
	pg := &brief.Page{Source: brief.Source{File: File, Slug: "pasted-text", Body: src, BodyLine: 1}}
	return c.engine.CheckFile(pg)
}

// index maps lines and columns of a text to UTF-16 offsets.
type index struct {
	text  string
	lines []int // byte offset of each line's start
}

func newIndex(text string) *index {
	idx := &index{text: text, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			idx.lines = append(idx.lines, i+1)
		}
	}
	return idx
}

// offset is the byte offset of a line and column, clamped to the text.
func (x *index) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(x.lines) {
		return len(x.text)
	}
	i := x.lines[line-1]
	for n := 1; n < col && i < len(x.text) && x.text[i] != '\n'; n++ {
		_, size := utf8.DecodeRuneInString(x.text[i:])
		i += size
	}
	return i
}

// utf16Len is how many UTF-16 code units s takes.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// place is a span with its offsets. A span without an end (EndCol 0)
// runs to the end of the word it starts at.
func (x *index) place(line, col, endLine, endCol int, fix string, safe bool) Place {
	if endLine == 0 {
		endLine = line
	}
	start := x.offset(line, col)
	end := start
	if endCol > 0 {
		end = max(x.offset(endLine, endCol), start)
	} else {
		rest := x.text[start:]
		if i := strings.IndexFunc(rest, unicode.IsSpace); i >= 0 {
			rest = rest[:i]
		}
		end = start + len(rest)
		endLine, endCol = line, col+utf8.RuneCountInString(rest)
	}
	s16 := utf16Len(x.text[:start])
	return Place{Line: line, Col: col, EndLine: endLine, EndCol: endCol,
		Start: s16, End: s16 + utf16Len(x.text[start:end]), Fix: fix, Safe: safe}
}
