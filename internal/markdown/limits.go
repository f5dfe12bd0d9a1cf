package markdown

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Limits on what one body may ask of the Markdown parser. Each guards
// against input whose cost grows faster than its length inside goldmark:
// many list or quote markers on one line make its thematic-break scan
// quadratic; each link that opens with "](" scans the rest of its line for
// where the address ends, so many on one line are quadratic too; and a
// table header with many columns makes it add an empty cell to every short
// row after it. Deep indentation is capped too, since each open list
// measures the indentation of every line again.
const (
	MaxIndent       = 100 // columns of indentation, a tab counting as four
	MaxNesting      = 16  // list and quote markers that open on one line
	MaxLinksPerLine = 100 // "](" on one line
	MaxTableColumns = 64  // columns of a table
)

// Problem is a place in a body that breaks a limit.
type Problem struct {
	Line, Col int // 1-based; Col counts characters
	Msg       string
}

// CheckLimits scans a body line by line, in one pass, for what breaks a
// limit. It reads Markdown only as far as it must: fenced code is skipped,
// since the parser takes it as it is.
func CheckLimits(src []byte) []Problem {
	var out []Problem
	fence := []byte(nil) // the fence of the code block we are in
	for n, rest := 1, src; len(rest) > 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		trimmed := bytes.TrimLeft(line, " \t")
		if fence != nil {
			if bytes.HasPrefix(trimmed, fence) && len(bytes.TrimSpace(trimmed[len(fence):])) == 0 {
				fence = nil
			}
			continue
		}
		if f := fenceOf(trimmed); f != nil {
			fence = f
			continue
		}
		if indent := indentWidth(line); indent > MaxIndent {
			out = append(out, Problem{Line: n, Col: 1,
				Msg: fmt.Sprintf("this line is indented by %d spaces; at most %d are allowed: nest lists less deeply", indent, MaxIndent)})
			continue
		}
		if at := nesting(line); at >= 0 {
			out = append(out, Problem{Line: n, Col: utf8.RuneCount(line[:at]) + 1,
				Msg: fmt.Sprintf("more than %d lists or quotes open on this one line; nest them less deeply", MaxNesting)})
			continue
		}
		if links := bytes.Count(line, []byte("](")); links > MaxLinksPerLine {
			out = append(out, Problem{Line: n, Col: 1,
				Msg: fmt.Sprintf("this line has %d links (\"](\"); at most %d are allowed on one line: break it into several lines or paragraphs", links, MaxLinksPerLine)})
			continue
		}
		if cols := delimiterColumns(trimmed); cols > MaxTableColumns {
			out = append(out, Problem{Line: n, Col: 1,
				Msg: fmt.Sprintf("this table has %d columns; at most %d are allowed: split it, or put the data in a spreadsheet and link to it", cols, MaxTableColumns)})
		}
	}
	return out
}

// indentWidth is the width of the indentation of line, a tab counting as
// four columns.
func indentWidth(line []byte) int {
	w := 0
	for _, c := range line {
		switch c {
		case ' ':
			w++
		case '\t':
			w += 4
		default:
			return w
		}
	}
	return 0 // a blank line
}

// fenceOf returns the fence that opens a code block on this line, or nil.
func fenceOf(trimmed []byte) []byte {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(trimmed) && trimmed[n] == c {
			n++
		}
		if n >= 3 {
			return trimmed[:n]
		}
	}
	return nil
}

// nesting returns the byte offset of the first list or quote marker past
// MaxNesting at the start of line, or -1.
func nesting(line []byte) int {
	depth := 0
	for i := 0; i < len(line); {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			return -1
		}
		start := i
		switch c := line[i]; {
		case c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return -1
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || (line[j] != '.' && line[j] != ')') || (j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t') {
				return -1
			}
			i = j + 1
		default:
			return -1
		}
		if depth++; depth > MaxNesting {
			return start
		}
	}
	return -1
}

// delimiterColumns returns the number of columns of a table's delimiter
// row, such as "| --- | :-: |", or 0 when the line is not one.
func delimiterColumns(trimmed []byte) int {
	if bytes.IndexByte(trimmed, '|') < 0 || bytes.IndexByte(trimmed, '-') < 0 {
		return 0
	}
	cols, inCol := 0, false
	for _, c := range trimmed {
		switch c {
		case '-', ':':
			if !inCol {
				cols++
				inCol = true
			}
		case '|':
			inCol = false
		case ' ', '\t':
		default:
			return 0
		}
	}
	return cols
}
