// Package tomldec decodes TOML into Go structs the way tenders needs for
// files written by people who are not developers: every problem in a file is
// reported at once, each at the line and column of the key it concerns, with
// a message that says what to write instead.
//
// BurntSushi/toml does the parsing. It does not export where each key was
// written, so this package scans the source lines itself to find them.
package tomldec

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a place in the TOML source. Line and Col start at 1; Col counts
// characters.
type Pos struct {
	Line, Col int
}

// Keys maps a key path to where it was written. A path joins table names,
// keys and array-of-tables indexes with dots: "contact.email",
// "insurance.1.amount".
type Keys map[string]Pos

// Pos returns where path was written, or, when it was not written on a line
// of its own (a key inside an inline table, say), where its nearest written
// parent was. The zero Pos means nothing was found.
func (k Keys) Pos(path string) Pos {
	for {
		if p, ok := k[path]; ok {
			return p
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Pos{}
		}
		path = path[:i]
	}
}

// Limits on the shape of a document, checked before the TOML parser sees
// it: its cost, and that of decoding, grows faster than the input for
// very long dotted keys and deeply nested values.
const (
	MaxKeyParts = 8    // parts of one dotted key or table name: a.b.c is 3
	MaxDepth    = 8    // arrays and inline tables inside one another in a value
	MaxKeys     = 5000 // keys and table headers in one document
)

// ScanKeys finds the line and column of every key, table header and
// array-of-tables entry in src. Lines it cannot read are skipped, since the
// TOML parser reports those. It stops at the first place that breaks one
// of the limits above, and returns that as a Problem.
func ScanKeys(src string) (Keys, *Problem) {
	sc := &scanner{keys: Keys{}, arrays: map[string]int{}}
	lineNo := 0
	for line := range strings.SplitSeq(src, "\n") {
		lineNo++
		if p := sc.line(lineNo, strings.TrimSuffix(line, "\r")); p != nil {
			return sc.keys, p
		}
	}
	return sc.keys, nil
}

// scanner is ScanKeys' state from one line to the next.
type scanner struct {
	keys    Keys
	arrays  map[string]int // array-of-tables path -> entries seen
	prefix  string         // the table the lines are in
	depth   int            // open brackets and braces of a value spanning lines
	inMulti string         // the closing delimiter of a multi-line string we are in
	count   int            // keys and table headers so far
}

// line reads one line, and returns the problem if it breaks a limit.
func (sc *scanner) line(n int, line string) *Problem {
	var at int // where a value breaks a limit, or -1
	if sc.inMulti != "" {
		j := strings.Index(line, sc.inMulti)
		if j < 0 {
			return nil
		}
		sc.inMulti = ""
		if sc.depth, sc.inMulti, at = scanValue(line[j+3:], sc.depth); at >= 0 {
			return limitValue(n, line, j+3+at)
		}
		return nil
	}
	if sc.depth > 0 {
		if sc.depth, sc.inMulti, at = scanValue(line, sc.depth); at >= 0 {
			return limitValue(n, line, at)
		}
		return nil
	}
	trimmed := strings.TrimLeft(line, " \t")
	if trimmed == "" || trimmed[0] == '#' {
		return nil
	}
	pos := Pos{n, utf8.RuneCountInString(line[:len(line)-len(trimmed)]) + 1}
	if sc.count++; sc.count > MaxKeys {
		return &Problem{Pos: pos, Msg: fmt.Sprintf("this document has more than %d keys; at most %d are allowed", MaxKeys, MaxKeys)}
	}
	if trimmed[0] == '[' {
		return sc.header(pos, trimmed)
	}
	parts, rest := parseKey(trimmed)
	if len(parts) > MaxKeyParts {
		return &Problem{Pos: pos, Msg: fmt.Sprintf("this key has more than %d parts; at most %d are allowed", MaxKeyParts, MaxKeyParts)}
	}
	rest = strings.TrimLeft(rest, " \t")
	if len(parts) == 0 || !strings.HasPrefix(rest, "=") {
		return nil
	}
	path := strings.Join(parts, ".")
	if sc.prefix != "" {
		path = sc.prefix + "." + path
	}
	if _, ok := sc.keys[path]; !ok {
		sc.keys[path] = pos
	}
	if sc.depth, sc.inMulti, at = scanValue(rest[1:], 0); at >= 0 {
		return limitValue(n, line, len(line)-len(rest)+1+at)
	}
	return nil
}

// header reads a table header, [table] or [[array.of.tables]].
func (sc *scanner) header(pos Pos, trimmed string) *Problem {
	array := strings.HasPrefix(trimmed, "[[")
	parts, _ := parseKey(strings.TrimLeft(trimmed, "["))
	if len(parts) > MaxKeyParts {
		return &Problem{Pos: pos, Msg: fmt.Sprintf("this table name has more than %d parts; at most %d are allowed", MaxKeyParts, MaxKeyParts)}
	}
	if !array {
		sc.prefix = resolve(parts, sc.arrays, false)
		if _, ok := sc.keys[sc.prefix]; !ok {
			sc.keys[sc.prefix] = pos
		}
		return nil
	}
	path := resolve(parts, sc.arrays, true)
	n := sc.arrays[path]
	sc.arrays[path] = n + 1
	sc.prefix = path + "." + strconv.Itoa(n)
	if _, ok := sc.keys[path]; !ok {
		sc.keys[path] = pos
	}
	sc.keys[sc.prefix] = pos
	return nil
}

// limitValue reports a value that nests too deeply or holds a key with
// too many parts, at byte offset at of line.
func limitValue(lineNo int, line string, at int) *Problem {
	at = min(at, len(line)-1)
	msg := fmt.Sprintf("this value puts lists or tables more than %d deep inside one another; at most %d are allowed: write it more simply", MaxDepth, MaxDepth)
	if line[at] == '.' {
		msg = fmt.Sprintf("this key has more than %d parts; at most %d are allowed", MaxKeyParts, MaxKeyParts)
	}
	return &Problem{Pos: Pos{lineNo, utf8.RuneCountInString(line[:at]) + 1}, Msg: msg}
}

// resolve turns the dotted parts of a table header into a path, putting in
// the current index of every array of tables it passes through.
func resolve(parts []string, arrays map[string]int, last bool) string {
	path := ""
	for i, p := range parts {
		if path != "" {
			path += "."
		}
		path += p
		if i == len(parts)-1 && last {
			break
		}
		if n := arrays[path]; n > 0 {
			path += "." + strconv.Itoa(n-1)
		}
	}
	return path
}

// parseKey reads a dotted key (bare or quoted parts) from the start of s and
// returns its parts and what follows it. It reads at most MaxKeyParts+1
// parts: a key with more breaks a limit anyway.
func parseKey(s string) (parts []string, rest string) {
	for len(parts) <= MaxKeyParts {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return parts, s
		}
		var part string
		switch s[0] {
		case '"':
			j := 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return parts, ""
			}
			if u, err := strconv.Unquote(s[:j+1]); err == nil {
				part = u
			} else {
				part = s[1:j]
			}
			s = s[j+1:]
		case '\'':
			j := strings.IndexByte(s[1:], '\'')
			if j < 0 {
				return parts, ""
			}
			part, s = s[1:j+1], s[j+2:]
		default:
			j := 0
			for j < len(s) && isBare(s[j]) {
				j++
			}
			if j == 0 {
				return parts, s
			}
			part, s = s[:j], s[j:]
		}
		parts = append(parts, part)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return parts, s
		}
		s = s[1:]
	}
	return parts, s
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// scanValue follows a value to see whether it goes on past this line: it
// returns the bracket depth left open and, if a multi-line string was opened
// and not closed, its closing delimiter. It also returns the offset in s
// where the value breaks a limit (it nests deeper than MaxDepth, or a bare
// dotted key inside an inline table has more than MaxKeyParts parts), or -1.
func scanValue(s string, depth int) (int, string, int) {
	dots := 0 // dots in the run of bare-key characters we are in
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if dots++; dots >= MaxKeyParts {
				return depth, "", i
			}
			continue
		case isBare(c) || c == ' ' || c == '\t':
			// "a . b" is a dotted key too: spaces do not end the run.
			continue
		case c != '"' && c != '\'':
			dots = 0 // a quoted part, as in "a"."b", goes on with the run
		}
		switch c {
		case '#':
			return depth, "", -1
		case '[', '{':
			if depth++; depth > MaxDepth {
				return depth, "", i
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		case '"', '\'':
			delim := s[i : i+1]
			if strings.HasPrefix(s[i:], `"""`) || strings.HasPrefix(s[i:], `'''`) {
				delim = s[i : i+3]
			}
			end := strings.Index(s[i+len(delim):], delim)
			if c == '"' && len(delim) == 1 {
				end = closingQuote(s[i+1:])
			}
			if end < 0 {
				if len(delim) == 3 {
					return depth, delim, -1
				}
				return depth, "", -1
			}
			i += len(delim) + end + len(delim) - 1
		}
	}
	return depth, "", -1
}

// closingQuote finds the unescaped '"' that ends a basic string.
func closingQuote(s string) int {
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}
