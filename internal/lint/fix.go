package lint

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/diag"
)

// SafeSwaps are the entries of Words whose plain word can stand in for
// them as written, in any sentence, one for one: tenders check --fix makes
// these changes itself. Each lists the replacement's forms: the word, then
// for a verb its forms for -s, -ed and -ing ("use", "uses", "used",
// "using"). A form with no counterpart ("remunerations") is left to the
// writer, and so is every entry not listed here, since its plain word
// depends on the sentence ("purchase" is "buy" as a verb only).
var SafeSwaps = map[string][]string{
	"utilise":                  {"use", "uses", "used", "using"},
	"commence":                 {"start", "starts", "started", "starting"},
	"assist":                   {"help", "helps", "helped", "helping"},
	"terminate":                {"end", "ends", "ended", "ending"},
	"whilst":                   {"while"},
	"furthermore":              {"also"},
	"numerous":                 {"many"},
	"sufficient":               {"enough"},
	"remuneration":             {"pay"},
	"in order to":              {"to"},
	"prior to":                 {"before"},
	"subsequent to":            {"after"},
	"in accordance with":       {"under"},
	"pursuant to":              {"under"},
	"in excess of":             {"more than"},
	"in the event that":        {"if"},
	"due to the fact that":     {"because"},
	"in view of the fact that": {"because"},
	"despite the fact that":    {"although"},
	"at the present time":      {"now"},
	"at this point in time":    {"now"},
	"at this moment in time":   {"now"},
	"during the course of":     {"during"},
	"in advance of":            {"before"},
	"in lieu of":               {"instead of"},
	"with effect from":         {"from"},
	"per annum":                {"a year"},
}

// formIndex says which form of entry w is: 0 the entry itself, 1 with -s,
// 2 with -ed, 3 with -ing; -1 for any other. A phrase of several words has
// only its own form.
func formIndex(entry, w string) int {
	if w == entry {
		return 0
	}
	if strings.Contains(entry, " ") {
		return -1
	}
	stem := strings.TrimSuffix(entry, "e")
	ystem, y := strings.CutSuffix(entry, "y")
	switch {
	case w == entry+"s" || w == entry+"es" || (y && w == ystem+"ies"):
		return 1
	case w == entry+"ed" || (stem != entry && w == entry+"d") || (y && w == ystem+"ied"):
		return 2
	case w == entry+"ing" || (stem != entry && w == stem+"ing"):
		return 3
	}
	return -1
}

// swapFor is the replacement of an entry as written, in its form and with
// its capitals ("Utilised" becomes "Used"), or "" when there is none.
func swapFor(entry, written string) string {
	forms := SafeSwaps[entry]
	i := formIndex(entry, strings.ToLower(written))
	if i < 0 || i >= len(forms) {
		return ""
	}
	return matchCase(written, forms[i])
}

// matchCase gives repl the capitals of written: all capitals, a capital
// first letter, or none.
func matchCase(written, repl string) string {
	letters, upper := 0, 0
	for _, r := range written {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	switch {
	case letters >= 2 && upper == letters:
		return strings.ToUpper(repl)
	case upper > 0 && unicode.IsUpper([]rune(written)[0]):
		r, size := utf8.DecodeRuneInString(repl)
		return string(unicode.ToUpper(r)) + repl[size:]
	}
	return repl
}

// safeFix is the replacement --fix may make for the bytes start:end of a
// Prose, or "" when it may not: the entry must be one of SafeSwaps, in a
// form it lists, on one line, outside headings and link text, and written
// in the file exactly as the Prose has it (no markup or escape inside it),
// so that replacing those bytes changes nothing but the words.
func (f *file) safeFix(pr *Prose, entry string, start, end int, s Span) string {
	if _, ok := SafeSwaps[entry]; !ok || s.EndLine != s.Line || pr.Kind == "heading" {
		return "" // a heading's words make its id, which links may point at
	}
	for _, l := range pr.links {
		if start < l[1] && end > l[0] {
			return ""
		}
	}
	written := pr.Text[start:end]
	if pr.offs == nil {
		if pr.fspan.Col == 0 { // a front-matter value whose columns are not known
			return ""
		}
	} else {
		if end > len(pr.offs) {
			return ""
		}
		a := int(pr.offs[start])
		for i := start + 1; i < end; i++ {
			if int(pr.offs[i]) != a+i-start {
				return ""
			}
		}
		if a+end-start > len(f.lines.src) || string(f.lines.src[a:a+end-start]) != written {
			return ""
		}
	}
	return swapFor(entry, written)
}

// ApplyFixes makes the safe fixes among list in src, the bytes of one
// file, and returns the new bytes and how many it made. It leaves every
// other byte as it was. Findings that are not safe, that span lines, or
// that overlap one before them are left out; so is a finding whose span
// is not in src (a stale one).
func ApplyFixes(src []byte, list []diag.Diagnostic) ([]byte, int) {
	type edit struct {
		from, to int
		text     string
	}
	var edits []edit
	starts := lineStarts(src)
	for _, d := range list {
		places := append([]diag.Place{{Line: d.Line, Col: d.Col, EndLine: d.EndLine, EndCol: d.EndCol, Fix: d.Fix, Safe: d.Safe}}, d.Also...)
		for _, p := range places {
			if !p.Safe || p.Line < 2 || (p.EndLine != 0 && p.EndLine != p.Line) || p.EndCol <= p.Col {
				continue
			}
			from, ok1 := byteCol(src, starts, p.Line, p.Col)
			to, ok2 := byteCol(src, starts, p.Line, p.EndCol)
			if !ok1 || !ok2 {
				continue
			}
			edits = append(edits, edit{from, to, p.Fix})
		}
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return a.from - b.from })
	var out bytes.Buffer
	out.Grow(len(src))
	last, n := 0, 0
	for _, e := range edits {
		if e.from < last {
			continue // overlaps the edit before
		}
		out.Write(src[last:e.from])
		out.WriteString(e.text)
		last = e.to
		n++
	}
	out.Write(src[last:])
	return out.Bytes(), n
}

// HasSafeFix reports whether --fix would change anything for a finding:
// whether it, or one of its other places, has a safe fix.
func HasSafeFix(d diag.Diagnostic) bool {
	return d.Safe || slices.ContainsFunc(d.Also, func(p diag.Place) bool { return p.Safe })
}

// lineStarts is the byte offset where each line of src starts.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// byteCol is the byte offset of line:col (in characters), which must not
// be past the end of its line.
func byteCol(src []byte, starts []int, line, col int) (int, bool) {
	if line < 1 || line > len(starts) || col < 1 {
		return 0, false
	}
	off := starts[line-1]
	for c := 1; c < col; c++ {
		if off >= len(src) || src[off] == '\n' || src[off] == '\r' {
			return 0, false
		}
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off, true
}

// MaxFixRounds bounds the rounds of Fix: a fix can make a new one possible
// ("in order in order to to" becomes "in order to to" after one round),
// and each round lints the file again.
const MaxFixRounds = 4

// Fixed is what Fix made of one document.
type Fixed struct {
	Src     []byte    // the new bytes
	Fixes   int       // how many replacements were made
	Done    bool      // no safe fix is left
	List    diag.List // the findings of Src, when Fixes > 0
	Summary Summary   // the summary of Src, when Fixes > 0
}

// Fix makes the safe fixes of one document whose bytes are src, and lints
// the result again, until no safe fix is left or MaxFixRounds rounds are
// done. list is the document's findings, or nil to lint it first. parse
// reads new bytes back into a document, or returns nil when they no longer
// parse cleanly, and then that round is undone.
func (e *Engine) Fix(d brief.Doc, src []byte, list diag.List, parse func([]byte) brief.Doc) Fixed {
	if list == nil {
		list, _ = e.CheckFile(d)
	}
	r := Fixed{Src: src, List: list}
	for range MaxFixRounds {
		out, n := ApplyFixes(r.Src, r.List)
		if n == 0 {
			r.Done = true
			return r
		}
		next := parse(out)
		if next == nil {
			return r
		}
		r.Src, r.Fixes = out, r.Fixes+n
		r.List, r.Summary = e.CheckFile(next)
	}
	r.Done = !slices.ContainsFunc(r.List, HasSafeFix)
	return r
}
