// Package audit checks the files of a built site, and what a command
// printed, for what hostile content could have put there: markup that runs
// or restyles a page, feeds and calendars that no longer parse, spreadsheet
// formulas, host-file rules of its own, and workflow commands in a CI log.
//
// The security tests and fuzz targets share it; the build never calls it.
// Each function returns what it found wrong, one finding a string, or
// nothing.
package audit

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Site audits every file of a built site: name to bytes. Scripts are
// allowed only as <script src> of the site's own js/ folder.
func Site(files map[string][]byte) []string {
	var out []string
	add := func(name string, problems []string) {
		for _, p := range problems {
			out = append(out, name+": "+p)
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		data := files[name]
		switch base := path.Base(name); {
		case name == "admin/index.html":
			add(name, markup(data, true, "editor.js")) // the web editor's page: its one script starts the editor
		case name == "check/index.html":
			add(name, markup(data, true, checkerScript(names))) // the checker's page also loads wasm_exec.js beside it
		case strings.HasSuffix(name, ".html"):
			add(name, Page(data))
		case base == "feed.xml" || base == "atom.xml":
			add(name, XMLFeed(data))
		case base == "feed.json":
			add(name, JSONFeed(data))
		case strings.HasSuffix(name, ".ics"):
			add(name, Calendar(data))
		case strings.HasSuffix(name, ".csv"):
			add(name, CSV(data))
		case name == "_headers" || name == "_redirects":
			add(name, HostFile(name, data))
		}
	}
	return out
}

// checkerScript is the address of wasm_exec.js from the page /check/, by
// the name the build gave it beside the page.
func checkerScript(names []string) string {
	for _, n := range names {
		if dir, file := path.Split(n); dir == "check/" && strings.HasPrefix(file, "wasm_exec.") && strings.HasSuffix(file, ".js") {
			return file
		}
	}
	return ""
}

// Page audits a whole page: its only scripts are the site's own, by src.
func Page(data []byte) []string { return markup(data, true, "") }

// Fragment audits HTML from content, such as a rendered body or a feed
// entry: it may hold no script at all.
func Fragment(data []byte) []string { return markup(data, false, "") }

// Elements that may run code, load another document or restyle a page.
// A page may hold its templates' own forms and head elements; HTML from
// content may hold none.
var (
	pageForbidden     = []string{"script", "style", "iframe", "object", "embed", "base", "frame", "frameset", "applet"}
	fragmentForbidden = append(slices.Clone(pageForbidden), "form", "button", "link", "meta", "input", "select", "textarea")
)

// markup audits HTML; a page may also load the script at the address
// script, when it is not "".
func markup(data []byte, page bool, script string) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				out = append(out, "the HTML does not tokenize: "+z.Err().Error())
			}
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		forbidden := fragmentForbidden
		if page {
			forbidden = pageForbidden
		}
		if slices.Contains(forbidden, tok.Data) && !(page && ownScript(tok, script)) && !taskBox(tok) {
			out = append(out, fmt.Sprintf("a <%s> element", tok.Data))
		}
		for _, a := range tok.Attr {
			if p := attribute(tok, a, page); p != "" {
				out = append(out, p)
			}
		}
	}
}

// ownScript reports whether a script element is one the templates write:
// a file of the site's js/ folder, by a relative address, or the one
// script named.
func ownScript(tok html.Token, script string) bool {
	for _, a := range tok.Attr {
		if a.Key == "src" {
			if script != "" && a.Val == script {
				return true
			}
			return strings.Contains(a.Val, "js/") && strings.HasSuffix(a.Val, ".js") && !strings.Contains(a.Val, ":")
		}
	}
	return false
}

// taskBox reports whether tok is the disabled checkbox of a task list,
// which Markdown bodies may have.
func taskBox(tok html.Token) bool {
	if tok.Data != "input" {
		return false
	}
	typ, disabled := "", false
	for _, a := range tok.Attr {
		switch a.Key {
		case "type":
			typ = a.Val
		case "disabled":
			disabled = true
		}
	}
	return typ == "checkbox" && disabled
}

var styleOK = regexp.MustCompile(`^text-align:(left|center|right)$`)

func attribute(tok html.Token, a html.Attribute, page bool) string {
	switch {
	case strings.HasPrefix(a.Key, "on"):
		return fmt.Sprintf("an event handler %s=%q on <%s>", a.Key, a.Val, tok.Data)
	case a.Key == "style" && !styleOK.MatchString(a.Val):
		return fmt.Sprintf("a style %q on <%s>", a.Val, tok.Data)
	case a.Key == "class" && !page && !(tok.Data == "code" && strings.HasPrefix(a.Val, "language-") && !strings.ContainsAny(a.Val, " \t\n")):
		return fmt.Sprintf("a class %q on <%s> from content", a.Val, tok.Data)
	case a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction" || a.Key == "srcset":
		switch scheme(a.Val) {
		case "http", "https", "mailto", "":
		case "webcal":
			if !page {
				return fmt.Sprintf("%s=%q in content", a.Key, a.Val)
			}
		case "tel":
			if !page || !telRE.MatchString(a.Val) {
				return fmt.Sprintf("%s=%q is not a tel: address the templates write (a + and digits)", a.Key, a.Val)
			}
		default:
			return fmt.Sprintf("%s=%q links to a scheme that is not allowed", a.Key, a.Val)
		}
	case a.Key == "http-equiv" && strings.EqualFold(a.Val, "refresh") && !page:
		return "a refresh in content"
	}
	return ""
}

// telRE is the only tel: address a page may hold: the one site.TelURL
// writes for a contact's phone number.
var telRE = regexp.MustCompile(`^tel:\+?[0-9]+$`)

var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)

// scheme is the scheme a browser reads in an address, in lower case, or ""
// for a relative one. Like a browser, it drops control characters and
// spaces around the address and tabs and line breaks inside it first, so
// "java\tscript:" is javascript.
func scheme(addr string) string {
	addr = strings.TrimFunc(addr, func(r rune) bool { return r <= ' ' })
	addr = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(addr)
	if m := schemeRE.FindStringSubmatch(addr); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// XMLFeed audits an RSS or Atom feed: it must be well-formed XML, and
// every field a reader shows as HTML must be safe HTML.
func XMLFeed(data []byte) []string {
	var out []string
	if !utf8.Valid(data) {
		return []string{"the feed is not UTF-8"}
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []string
	htmlField := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(out, "the feed is not well-formed XML: "+err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			htmlField = t.Name.Local == "description" || t.Name.Local == "encoded"
			for _, a := range t.Attr {
				if a.Name.Local == "type" && a.Value == "html" {
					htmlField = true
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			htmlField = false
		case xml.CharData:
			if htmlField {
				for _, p := range Fragment(t) {
					out = append(out, strings.Join(stack, "/")+": "+p)
				}
			}
		}
	}
	return out
}

// JSONFeed audits a JSON Feed: valid JSON, with safe content_html.
func JSONFeed(data []byte) []string {
	var feed struct {
		Items []struct {
			ContentHTML string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &feed); err != nil {
		return []string{"the feed is not JSON: " + err.Error()}
	}
	var out []string
	for i, it := range feed.Items {
		for _, p := range Fragment([]byte(it.ContentHTML)) {
			out = append(out, fmt.Sprintf("item %d: %s", i+1, p))
		}
	}
	return out
}

// Calendar audits an iCalendar file against RFC 5545's rules for content
// lines: CRLF ends, at most 75 octets a line, UTF-8, no control characters,
// every unfolded line NAME[;PARAM]:VALUE, BEGIN and END nested.
func Calendar(data []byte) []string {
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		return []string{"the file does not end in CRLF"}
	}
	var unfolded []string
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		switch {
		case len(line) > 75:
			return []string{fmt.Sprintf("line %d is %d octets", i+1, len(line))}
		case !utf8.ValidString(line):
			return []string{fmt.Sprintf("line %d is not UTF-8", i+1)}
		case strings.ContainsFunc(line, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }):
			return []string{fmt.Sprintf("line %d holds a control character: %q", i+1, line)}
		case strings.HasPrefix(line, " "):
			if len(unfolded) == 0 {
				return []string{"the file starts with a continuation line"}
			}
			unfolded[len(unfolded)-1] += line[1:]
		default:
			unfolded = append(unfolded, line)
		}
	}
	var stack []string
	for _, line := range unfolded {
		name, value, ok := strings.Cut(line, ":")
		name, _, _ = strings.Cut(name, ";")
		if !ok || name == "" || strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			return []string{fmt.Sprintf("not a content line: %q", line)}
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				return []string{fmt.Sprintf("END:%s closes nothing open", value)}
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return []string{fmt.Sprintf("%v left open", stack)}
	}
	return nil
}

// CSV audits a CSV file: it parses, and no cell starts a formula.
func CSV(data []byte) []string {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return []string{"the CSV does not parse: " + err.Error()}
	}
	var out []string
	for i, row := range rows {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				out = append(out, fmt.Sprintf("row %d, column %d: %q starts a formula", i+1, j+1, cell))
			}
		}
	}
	return out
}

var (
	redirectRE = regexp.MustCompile(`^/[^\s]* /[^\s]* 301$`)
	headerPath = regexp.MustCompile(`^/[^\s]*$`)
	headerLine = regexp.MustCompile(`^  [A-Za-z-]+: [^\r\n]+$`)
)

// HostFile audits _headers or _redirects: every line is a comment or a
// rule of the form tenders writes, so none can add a rule of its own.
func HostFile(name string, data []byte) []string {
	var out []string
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		ok := redirectRE.MatchString(line)
		if name == "_headers" {
			ok = headerPath.MatchString(line) || headerLine.MatchString(line)
		}
		if !ok {
			out = append(out, fmt.Sprintf("line %d is not a rule tenders writes: %q", i+1, line))
		}
	}
	return out
}

// Log audits what a command printed, for a CI log: no line may start a
// GitHub workflow command ("::" after spaces) unless annotations says it is
// one the command means to print, and none may hold "##[", an old-style
// command the runner finds anywhere in a line, or a control character.
func Log(printed []byte, annotations bool) []string {
	var out []string
	for i, line := range strings.Split(string(printed), "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		switch {
		case strings.HasPrefix(trimmed, "::") && !(annotations && regexp.MustCompile(`^::(error|warning|notice) file=[^:]*::`).MatchString(line)):
			out = append(out, fmt.Sprintf("line %d starts a workflow command: %q", i+1, line))
		case strings.Contains(line, "##["):
			out = append(out, fmt.Sprintf("line %d holds ##[: %q", i+1, line))
		case strings.ContainsFunc(line, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }):
			out = append(out, fmt.Sprintf("line %d holds a control character: %q", i+1, line))
		}
	}
	return out
}
