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
	keys := Keys{}
	count := 0
	limit := func(line, col int, format string, args ...any) (Keys, *Problem) {
		return keys, &Problem{Pos: Pos{line, col}, Msg: fmt.Sprintf(format, args...)}
	}
	arrays := map[string]int{} // array-of-tables path -> entries seen
	prefix := ""
	depth := 0    // open brackets/braces of a value spanning lines
	inMulti := "" // closing delimiter of a multi-line string we are in
	lineNo := 0
	for line := range strings.SplitSeq(src, "\n") {
		lineNo++
		line = strings.TrimSuffix(line, "\r")
		var at int // where a value breaks a limit, or -1
		if inMulti != "" {
			j := strings.Index(line, inMulti)
			if j < 0 {
				continue
			}
			inMulti = ""
			depth, inMulti, at = scanValue(line[j+3:], depth)
			if at >= 0 {
				return limitValue(keys, lineNo, line, j+3+at)
			}
			continue
		}
		if depth > 0 {
			if depth, inMulti, at = scanValue(line, depth); at >= 0 {
				return limitValue(keys, lineNo, line, at)
			}
			continue
		}
		trimmed := strings.TrimLeft(line, " \t")
		col := utf8.RuneCountInString(line[:len(line)-len(trimmed)]) + 1
		if trimmed != "" && trimmed[0] != '#' {
			if count++; count > MaxKeys {
				return limit(lineNo, col, "this document has more than %d keys; at most %d are allowed", MaxKeys, MaxKeys)
			}
		}
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			parts, _ := parseKey(trimmed[2:])
			if len(parts) > MaxKeyParts {
				return limit(lineNo, col, "this table name has more than %d parts; at most %d are allowed", MaxKeyParts, MaxKeyParts)
			}
			path := resolve(parts, arrays, true)
			n := arrays[path]
			arrays[path] = n + 1
			prefix = path + "." + strconv.Itoa(n)
			if _, ok := keys[path]; !ok {
				keys[path] = Pos{lineNo, col}
			}
			keys[prefix] = Pos{lineNo, col}
		case trimmed[0] == '[':
			parts, _ := parseKey(trimmed[1:])
			if len(parts) > MaxKeyParts {
				return limit(lineNo, col, "this table name has more than %d parts; at most %d are allowed", MaxKeyParts, MaxKeyParts)
			}
			prefix = resolve(parts, arrays, false)
			if _, ok := keys[prefix]; !ok {
				keys[prefix] = Pos{lineNo, col}
			}
		default:
			parts, rest := parseKey(trimmed)
			if len(parts) > MaxKeyParts {
				return limit(lineNo, col, "this key has more than %d parts; at most %d are allowed", MaxKeyParts, MaxKeyParts)
			}
			if len(parts) == 0 {
				continue
			}
			rest = strings.TrimLeft(rest, " \t")
			if !strings.HasPrefix(rest, "=") {
				continue
			}
			path := strings.Join(parts, ".")
			if prefix != "" {
				path = prefix + "." + path
			}
			if _, ok := keys[path]; !ok {
				keys[path] = Pos{lineNo, col}
			}
			if depth, inMulti, at = scanValue(rest[1:], 0); at >= 0 {
				return limitValue(keys, lineNo, line, len(line)-len(rest)+1+at)
			}
		}
	}
	return keys, nil
}

// limitValue reports a value that nests too deeply or holds a key with
// too many parts, at byte offset at of line.
func limitValue(keys Keys, lineNo int, line string, at int) (Keys, *Problem) {
	at = min(at, len(line)-1)
	msg := fmt.Sprintf("this value puts lists or tables more than %d deep inside one another; at most %d are allowed: write it more simply", MaxDepth, MaxDepth)
	if line[at] == '.' {
		msg = fmt.Sprintf("this key has more than %d parts; at most %d are allowed", MaxKeyParts, MaxKeyParts)
	}
	return keys, &Problem{Pos: Pos{lineNo, utf8.RuneCountInString(line[:at]) + 1}, Msg: msg}
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
