package brief

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/safetext"
	"github.com/london-anchors/tenders/internal/tomldec"
)

// MaxFileSize is the largest content file accepted: 1 MiB.
const MaxFileSize = 1 << 20

// Fence is the line that opens and closes front matter.
const Fence = "+++"

// Split separates a file into its front matter and body. The front matter is
// the lines between a first line that is exactly "+++" and the next line that
// is exactly "+++". The body comes back padded with newlines so that its line
// N is line N of the file, and bodyLine is the file line where it starts.
//
// A UTF-8 byte order mark is skipped and CRLF line ends are read as LF; both
// are accepted. Split reports a missing fence as a diagnostic at its line.
func Split(file string, src []byte) (front string, body []byte, bodyLine int, d *diag.Diagnostic) {
	return split(file, src, false)
}

// split is Split. With inPlace, src is the caller's to give: the body is
// padded in src itself, over the front matter (which front holds a copy
// of) and the fences, rather than copied.
func split(file string, src []byte, inPlace bool) (front string, body []byte, bodyLine int, d *diag.Diagnostic) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(first) != Fence {
		return "", nil, 0, &diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid",
			Message: "the file must start with front matter: make the first line exactly +++, then the keys, then another line +++"}
	}
	line := 2
	for cur := rest; len(cur) > 0; line++ {
		l, after, found := bytes.Cut(cur, []byte("\n"))
		if string(l) == Fence {
			front = string(rest[:len(rest)-len(cur)])
			bodyLine = line + 1
			if inPlace {
				// The first line lines of src take a byte each at
				// least: the padding fits before after. The body keeps
				// the whole of src alive, front matter too.
				at := len(src) - len(after) - line
				for i := at; i < len(src)-len(after); i++ {
					src[i] = '\n'
				}
				return front, src[at:], bodyLine, nil
			}
			padded := make([]byte, 0, line+len(after))
			padded = append(padded, bytes.Repeat([]byte("\n"), line)...)
			padded = append(padded, after...)
			return front, padded, bodyLine, nil
		}
		if !found {
			break
		}
		cur = after
	}
	return "", nil, 0, &diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid",
		Message: "the front matter that starts here is never closed; add a line that is exactly +++ after the last key"}
}

// CheckText reports what makes a file unreadable: empty, over MaxFileSize,
// or not UTF-8 (at the first bad byte). It returns nil for a good file.
func CheckText(file string, src []byte) *diag.Diagnostic {
	bad := func(line, col int, msg string) *diag.Diagnostic {
		return &diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Error, Rule: "invalid", Message: msg}
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\ufeff")))) == 0 {
		return bad(1, 1, "the file is empty; write front matter between +++ lines and a body, or delete the file")
	}
	if len(src) > MaxFileSize {
		return bad(1, 1, fmt.Sprintf("the file is %d bytes, over the 1 MiB limit; move long material into a document and link to it", len(src)))
	}
	if !utf8.Valid(src) {
		for i := 0; i < len(src); {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				line, col := position(src, i)
				return bad(line, col, "the file is not UTF-8 text; save it again as UTF-8 (in most editors: Save As, Encoding, UTF-8)")
			}
			i += size
		}
	}
	if off, why := safetext.Find(src); off >= 0 {
		line, col := position(src, off)
		return bad(line, col, "the file holds "+why+" here, which cannot be published; delete it (it may be invisible in your editor)")
	}
	return nil
}

// position is the line and column of byte offset off in src, for the
// rare file that is refused as a whole.
func position(src []byte, off int) (line, col int) {
	before := src[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

// decodeFront decodes front matter into v. Positions in the returned
// diagnostics are file positions: the front matter starts on line 2.
// fatal reports that the front matter could not be decoded at all (it is
// not valid TOML, or breaks a limit), so nothing else about it is known.
func decodeFront(file, front string, v any) (keys tomldec.Keys, list diag.List, bad map[string]bool, fatal bool) {
	keys, problems := tomldec.Decode(front, v)
	for k, p := range keys {
		p.Line++
		keys[k] = p
	}
	bad = map[string]bool{}
	fatal = len(problems) > 0 && problems[0].Path == ""
	for _, p := range problems {
		bad[p.Path] = true
		if _, written := keys[p.Suggest]; p.Suggest != "" && !written {
			bad[p.Suggest] = true // a misspelt key is one problem, not also "is missing"
		}
		pos := p.Pos
		if p.Path == "" || pos.Line > 0 {
			pos.Line++ // positions in the problems count front-matter lines
		} else {
			pos = keys.Pos(p.Path)
		}
		list = append(list, errAt(file, pos, p.Msg))
	}
	return keys, list, bad, fatal
}

func errAt(file string, p tomldec.Pos, msg string) diag.Diagnostic {
	return diag.Diagnostic{File: file, Line: max(p.Line, 1), Col: max(p.Col, 1), Severity: diag.Error, Rule: "invalid", Message: msg}
}
