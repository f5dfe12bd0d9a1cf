// Package safetext says which characters untrusted text may hold, and
// makes text safe for the places tenders writes it that have rules of their
// own: a line of a terminal or CI log, a cell of a spreadsheet.
//
// Content files and site.toml may not hold control characters (other than
// tab and line ends) or the invisible characters that override the
// direction of text (U+202A to U+202E, U+2066 to U+2069): feeds, calendars
// and HTML forbid the first, and the second can make a title read in a
// review differently from how it is published. Such text is refused where
// it is read, with its position; the writers of each output format drop
// any that still reach them, so that no input can break a feed.
package safetext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Reason says why r may not appear in content, or "" when it may. Tab and
// line feed are allowed; carriage return is allowed only before a line feed,
// which the callers check.
func Reason(r rune) string {
	switch {
	case r == '\t' || r == '\n':
		return ""
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return fmt.Sprintf("a control character (U+%04X)", r)
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return fmt.Sprintf("an invisible character that changes the direction of text (U+%04X)", r)
	case r == 0xfffe || r == 0xffff:
		return fmt.Sprintf("a character that is not text (U+%04X)", r)
	}
	return ""
}

// Find returns the byte offset and the reason of the first character of
// src that may not appear in content, or -1. A carriage return is allowed
// only as part of CRLF. src must be valid UTF-8.
func Find(src []byte) (int, string) {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || c == '\t' || c == '\n' {
				i++
				continue
			}
			if c == '\r' && i+1 < len(src) && src[i+1] == '\n' {
				i += 2
				continue
			}
			if c == '\r' {
				return i, "a carriage return on its own (U+000D)"
			}
			return i, Reason(rune(c))
		}
		r, size := utf8.DecodeRune(src[i:])
		if why := Reason(r); why != "" {
			return i, why
		}
		i += size
	}
	return -1, ""
}

// FindString is Find for a decoded value, such as a TOML string, where a
// carriage return is never allowed.
func FindString(s string) (int, string) {
	for i, r := range s {
		if r == '\r' {
			return i, "a carriage return (U+000D)"
		}
		if why := Reason(r); why != "" {
			return i, why
		}
	}
	return -1, ""
}

// Strip drops every character Reason refuses, and carriage returns, so
// that a writer never puts one into a feed, a calendar or a page.
func Strip(s string) string {
	clean := true
	for _, r := range s {
		if r == '\r' || Reason(r) != "" || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\r' || Reason(r) != "" || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// Line makes s safe to print as part of one line of a terminal or a CI
// log. Line ends and other control characters are shown as escapes (\n,
// \r, \x1b), so no text can start a line of its own, such as a GitHub
// workflow command ("::error::..."), or move the cursor; and "##[", which
// the GitHub runner reads as an old-style command anywhere in a line,
// becomes "## [".
func Line(s string) string {
	clean := !strings.Contains(s, "##[")
	for _, r := range s {
		if !clean {
			break
		}
		clean = !(r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069))
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			fmt.Fprintf(&b, `\x%02x`, r)
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return strings.ReplaceAll(b.String(), "##[", "## [")
}

// JSON makes encoded JSON safe to print to a CI log: "##[" inside a string
// becomes "#\u0023[", which decodes to the same text. JSON has "#" only
// inside strings, so the replacement never touches its structure.
func JSON(data []byte) []byte {
	return bytes.ReplaceAll(data, []byte("##["), []byte(`#\u0023[`))
}

// Cell makes s safe as a cell of a CSV file opened in a spreadsheet: a
// cell that starts with =, +, -, @, tab or carriage return is read as a
// formula, so it gets a leading apostrophe, as OWASP advises for CSV
// injection. The apostrophe shows; the text is never run.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
