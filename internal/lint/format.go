package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/safetext"
)

// Source reads a file's lines for the text format's excerpt; it may be nil.
type Source func(file string) []string

// Text writes findings as file:line:col: severity: message [rule], each
// followed by the line it is on with a caret under the span, and the
// suggested fix. With color, severities are coloured for a terminal. Then
// a summary line a file.
//
// Every line is safe to print in a CI log: text from the files is escaped
// (safetext.Line), and the quoted source line sits behind a gutter
// ("  17 | ..."), so it can never start a line of its own.
func Text(w io.Writer, list diag.List, sums []Summary, src Source, color bool) {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	cache := map[string][]string{}
	var long longLine // the long line last quoted, kept for its next finding
	for _, d := range list {
		sev := d.Severity.String()
		switch d.Severity {
		case diag.Error:
			sev = paint("1;31", sev)
		case diag.Warning:
			sev = paint("1;33", sev)
		default:
			sev = paint("1;36", sev)
		}
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", safetext.Line(d.File), d.Line, d.Col, sev, safetext.Line(d.Message), safetext.Line(d.Rule))
		if src == nil {
			continue
		}
		lines, ok := cache[d.File]
		if !ok {
			lines = src(d.File)
			cache[d.File] = lines
		}
		if d.Line < 1 || d.Line > len(lines) {
			continue
		}
		width := 1
		if (d.EndLine == 0 || d.EndLine == d.Line) && d.EndCol > d.Col {
			width = d.EndCol - d.Col
		} else if d.EndLine > d.Line {
			width = max(utf8.RuneCountInString(lines[d.Line-1])-d.Col+1, 1)
		}
		raw, col, width := long.excerpt(d.File, d.Line, lines[d.Line-1], d.Col, width)
		raw = strings.ReplaceAll(raw, "\t", " ")
		line := safetext.Line(raw)
		num := strconv.Itoa(d.Line)
		gutter := strings.Repeat(" ", len(num))
		fmt.Fprintf(w, "  %s | %s\n", num, line)
		if line == raw { // a caret under escaped text would point elsewhere
			fmt.Fprintf(w, "  %s | %s%s\n", gutter, strings.Repeat(" ", max(col-1, 0)), paint("32", "^"+strings.Repeat("~", max(width-1, 0))))
		}
		if d.Fix != "" {
			fmt.Fprintf(w, "  %s = suggestion: %s\n", gutter, safetext.Line(d.Fix))
		}
	}
	for _, s := range sums {
		fmt.Fprintln(w, SummaryLine(s))
	}
}

// A long line is quoted as a window around its finding: excerptSide
// characters each side of it, and no more than excerptSpan of the finding
// itself. A line no longer than the widest window is quoted whole.
const (
	excerptSide = 40
	excerptSpan = 40
)

// longLine remembers where each character of one long line starts, so
// that many findings on it each cost only their own excerpt.
type longLine struct {
	file  string
	line  int
	text  string
	start []int // byte offset of each character
}

// excerpt cuts a long line down to a window around the span at column
// col, width characters wide, marking what is left out with "…", so that
// many findings on a very long line do not print it whole each time. It
// returns the text, where the span starts in it, and its width, cut to
// fit. Columns count characters, so multi-byte text is cut between
// characters and the caret stays under the span.
func (l *longLine) excerpt(file string, n int, line string, col, width int) (string, int, int) {
	most := 2*excerptSide + excerptSpan
	if len(line) <= most {
		return line, col, width
	}
	if l.file != file || l.line != n || l.text != line {
		l.file, l.line, l.text, l.start = file, n, line, l.start[:0]
		for i := range line {
			l.start = append(l.start, i)
		}
	}
	chars := len(l.start)
	if chars <= most {
		return line, col, width
	}
	at := min(max(col-1, 0), chars)
	from := max(0, at-excerptSide)
	to := min(chars, at+min(max(width, 1), excerptSpan)+excerptSide)
	end := len(line)
	if to < chars {
		end = l.start[to]
	}
	text := line[l.start[from]:end]
	col = at - from + 1
	if from > 0 {
		text = "…" + text
		col++
	}
	if to < chars {
		text += "…"
	}
	return text, col, max(1, min(width, to-at))
}

// SummaryLine tells one file's counts and readability.
func SummaryLine(s Summary) string {
	read := ""
	if s.Words > 0 {
		read = fmt.Sprintf("; %d words, reading ease %.0f, grade %.1f", s.Words, s.ReadingEase, s.Grade)
	}
	return fmt.Sprintf("%s: %s, %s, %s%s", safetext.Line(s.File), plural(s.Errors, "error", "errors"), plural(s.Warnings, "warning", "warnings"), plural(s.Suggestions, "suggestion", "suggestions"), read)
}

// JSONReport is the --format json document. Its fields are stable: new
// fields may be added, none will be renamed or removed in version 1.
type JSONReport struct {
	Version  int           `json:"version"` // 1
	Findings []JSONFinding `json:"findings"`
	Files    []JSONFile    `json:"files"`
}

// JSONFinding is one finding. Lines and columns start at 1; columns count
// characters. EndLine and EndColumn are 0 when not known.
type JSONFinding struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Severity  string `json:"severity"` // "error", "warning" or "suggestion"
	Rule      string `json:"rule"`
	Message   string `json:"message"`
	Fix       string `json:"fix,omitempty"`
	// Safe says Fix replaces exactly the span from line:column to
	// end_line:end_column, and tenders check --fix makes it.
	Safe bool `json:"safe,omitempty"`
	// Term is the word or phrase of the list the finding is about.
	Term string `json:"term,omitempty"`
	// Also are the term's other uses in the file, when it is reported
	// once ([lint] every_occurrence is false).
	Also []JSONPlace `json:"also,omitempty"`
}

// JSONPlace is one more use of a finding's term, with its own fix.
type JSONPlace struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Fix       string `json:"fix,omitempty"`
	Safe      bool   `json:"safe,omitempty"`
}

// JSONFile is one file's summary.
type JSONFile struct {
	File        string  `json:"file"`
	Errors      int     `json:"errors"`
	Warnings    int     `json:"warnings"`
	Suggestions int     `json:"suggestions"`
	Words       int     `json:"words"`
	ReadingEase float64 `json:"reading_ease"`
	Grade       float64 `json:"grade"`
}

// JSON writes the findings as a JSONReport.
func JSON(w io.Writer, list diag.List, sums []Summary) error {
	r := JSONReport{Version: 1, Findings: JSONFindings(list), Files: []JSONFile{}}
	for _, s := range sums {
		r.Files = append(r.Files, JSONFile{s.File, s.Errors, s.Warnings, s.Suggestions, s.Words, round1(s.ReadingEase), round1(s.Grade)})
	}
	return EncodeJSON(w, r)
}

// JSONFindings are the findings as a report holds them; an empty list,
// not nil, when there are none.
func JSONFindings(list diag.List) []JSONFinding {
	out := []JSONFinding{}
	for _, d := range list {
		f := JSONFinding{d.File, d.Line, d.Col, d.EndLine, d.EndCol, d.Severity.String(), d.Rule, d.Message, d.Fix, d.Safe, d.Term, nil}
		for _, p := range d.Also {
			f.Also = append(f.Also, JSONPlace{p.Line, p.Col, p.EndLine, p.EndCol, p.Fix, p.Safe})
		}
		out = append(out, f)
	}
	return out
}

// EncodeJSON writes v as indented JSON that is safe to print in a CI log
// (safetext.JSON).
func EncodeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(safetext.JSON(buf.Bytes()))
	return err
}

func round1(f float64) float64 {
	return float64(int64(f*10+copysign(0.5, f))) / 10
}

func copysign(a, b float64) float64 {
	if b < 0 {
		return -a
	}
	return a
}

// GitHub writes findings as GitHub Actions workflow commands, errors
// first (GitHub shows only ten annotations of each kind a step). When
// summary is not nil, it also writes a Markdown table of every finding to
// it: the job summary.
func GitHub(w io.Writer, summary io.Writer, list diag.List, docs string) {
	for _, sev := range []diag.Severity{diag.Error, diag.Warning, diag.Suggestion} {
		for _, d := range list {
			if d.Severity != sev {
				continue
			}
			level := "error"
			switch sev {
			case diag.Warning:
				level = "warning"
			case diag.Suggestion:
				level = "notice"
			}
			props := []string{"file=" + ghProp(d.File), fmt.Sprintf("line=%d", d.Line), fmt.Sprintf("col=%d", d.Col)}
			if d.EndLine > 0 {
				props = append(props, fmt.Sprintf("endLine=%d", d.EndLine))
			}
			if d.EndCol > 0 && (d.EndLine == 0 || d.EndLine == d.Line) {
				props = append(props, fmt.Sprintf("endColumn=%d", d.EndCol))
			}
			props = append(props, "title="+ghProp(Title(d.Rule)))
			msg := d.Message
			if d.Fix != "" {
				msg += "\nSuggestion: " + d.Fix
			}
			fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), ghData(msg))
		}
	}
	if summary == nil {
		return
	}
	fmt.Fprintf(summary, "### tenders check\n\n")
	if len(list) == 0 {
		fmt.Fprintf(summary, "No problems found.\n")
		return
	}
	fmt.Fprintf(summary, "| File | Line | Severity | Rule | Message |\n| --- | --- | --- | --- | --- |\n")
	for _, d := range list {
		rule := d.Rule
		if docs != "" {
			rule = fmt.Sprintf("[%s](%s#%s)", d.Rule, docs, d.Rule)
		}
		fmt.Fprintf(summary, "| %s | %d:%d | %s | %s | %s |\n", mdCell(d.File), d.Line, d.Col, d.Severity, rule, mdCell(d.Message))
	}
}

// ghData escapes the message of a workflow command as the runner asks
// (%, CR and LF), drops other control characters, and breaks up "##[",
// an old-style command the runner finds anywhere in a line.
func ghData(s string) string {
	return ghDataReplacer.Replace(ghClean(s))
}

// ghProp escapes a property of a workflow command, such as file=.
func ghProp(s string) string {
	return ghPropReplacer.Replace(ghClean(s))
}

var (
	ghDataReplacer = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", "##[", "## [")
	ghPropReplacer = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C", "##[", "## [")
)

func ghClean(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\r' && (r < 0x20 || r == 0x7f || safetext.Reason(r) != "") {
			return -1
		}
		return r
	}, s)
}

// mdCell makes text one cell of a Markdown table in the job summary: no
// line break or pipe can end the cell, and no HTML, link or image written
// in the text is rendered.
func mdCell(s string) string {
	return mdCellReplacer.Replace(safetext.Strip(s))
}

var mdCellReplacer = strings.NewReplacer("|", `\|`, "\n", " ", "\\", `\\`, "<", "&lt;", ">", "&gt;", "&", "&amp;", "[", `\[`, "]", `\]`, "`", "\\`", "*", `\*`, "_", `\_`)

// SARIF writes the findings as a SARIF 2.1.0 log, for code scanning.
func SARIF(w io.Writer, list diag.List, rules []*Rule, e *Engine, version, docs string) error {
	type msg struct {
		Text string `json:"text"`
	}
	type rule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     msg            `json:"shortDescription"`
		DefaultConfiguration map[string]any `json:"defaultConfiguration"`
		HelpURI              string         `json:"helpUri,omitempty"`
	}
	type region = sarifRegion
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region region `json:"region"`
		} `json:"physicalLocation"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		Level     string     `json:"level"`
		Message   msg        `json:"message"`
		Locations []location `json:"locations"`
		Related   []any      `json:"relatedLocations,omitempty"`
		Fixes     []any      `json:"fixes,omitempty"`
	}
	level := func(s diag.Severity) string {
		switch s {
		case diag.Error:
			return "error"
		case diag.Warning:
			return "warning"
		case diag.Suggestion:
			return "note"
		}
		return "none"
	}
	var rs []rule
	for _, r := range rules {
		sev := r.Severity
		if e != nil {
			sev = e.Severity(r)
		}
		help := ""
		if docs != "" {
			help = docs + "#" + r.Name
		}
		rs = append(rs, rule{ID: r.Name, Name: r.Name, ShortDescription: msg{r.Doc}, DefaultConfiguration: map[string]any{"level": level(sev)}, HelpURI: help})
	}
	for _, extra := range []string{"invalid", "lint-ignore", "template"} {
		rs = append(rs, rule{ID: extra, Name: extra, ShortDescription: msg{extraRuleDoc[extra]}, DefaultConfiguration: map[string]any{"level": "error"}})
	}
	results := []result{}
	for _, d := range list {
		var loc location
		loc.PhysicalLocation.ArtifactLocation.URI = (&url.URL{Path: d.File}).EscapedPath()
		loc.PhysicalLocation.Region = region{StartLine: d.Line, StartColumn: d.Col, EndLine: d.EndLine, EndColumn: d.EndCol}
		m := d.Message
		if d.Fix != "" {
			m += " Suggestion: " + d.Fix
		}
		res := result{RuleID: d.Rule, Level: level(d.Severity), Message: msg{m}, Locations: []location{loc}}
		res.Related, res.Fixes = sarifAlso(loc.PhysicalLocation.ArtifactLocation.URI, d)
		results = append(results, res)
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":           "tenders",
				"version":        version,
				"informationUri": "https://github.com/london-anchors/tenders",
				"rules":          rs,
			}},
			"columnKind": "unicodeCodePoints",
			"results":    results,
		}},
	}
	return EncodeJSON(w, doc)
}

// extraRuleTitle are the titles of the findings that are no rule's.
var extraRuleTitle = map[string]string{
	"invalid":     "Cannot be published",
	"lint-ignore": "Lint comment to correct",
	"template":    "Template that does not work",
	"failure":     "Could not run",
	"stopped":     "Stopped",
}

var ruleTitles = func() map[string]string {
	m := map[string]string{}
	for _, r := range Rules() {
		m[r.Name] = r.Title
	}
	return m
}()

// Title is what a finding of a rule is about, in words, for a GitHub
// annotation's title; a name no rule has is its own title.
func Title(rule string) string {
	if t := ruleTitles[rule]; t != "" {
		return t
	}
	if t := extraRuleTitle[rule]; t != "" {
		return t
	}
	return rule
}

var extraRuleDoc = map[string]string{
	"invalid":     "A brief, event, page or site.toml that cannot be published: a missing or wrong field.",
	"lint-ignore": "A lint comment without a reason, naming no known rule, or silencing nothing.",
	"template":    "A template that does not parse or run.",
}

// sarifRegion is a stretch of a file in SARIF.
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// sarifAlso is a result's related locations, the other uses of its term,
// and its fixes: one that replaces every use with a safe fix.
func sarifAlso(uri string, d diag.Diagnostic) (related, fixes []any) {
	var edits []any
	if d.Safe {
		edits = append(edits, sarifReplacement(sarifRegion{d.Line, d.Col, d.EndLine, d.EndCol}, d.Fix))
	}
	for i, p := range d.Also {
		r := sarifRegion{p.Line, p.Col, p.EndLine, p.EndCol}
		related = append(related, map[string]any{
			"id":               i + 1,
			"physicalLocation": map[string]any{"artifactLocation": map[string]string{"uri": uri}, "region": r},
			"message":          map[string]string{"text": "Another use"},
		})
		if p.Safe {
			edits = append(edits, sarifReplacement(r, p.Fix))
		}
	}
	if len(edits) > 0 {
		fixes = []any{sarifFix(uri, edits, d.Fix)}
	}
	return related, fixes
}

// sarifFix is a SARIF fix: the replacements in the file at uri, each made
// by sarifReplacement.
func sarifFix(uri string, replacements []any, text string) map[string]any {
	desc := "Replace with " + strconv.Quote(text)
	if len(replacements) > 1 {
		desc = fmt.Sprintf("Replace all %d uses", len(replacements))
	}
	return map[string]any{
		"description": map[string]string{"text": desc},
		"artifactChanges": []any{map[string]any{
			"artifactLocation": map[string]string{"uri": uri},
			"replacements":     replacements,
		}},
	}
}

// sarifReplacement replaces a region with text.
func sarifReplacement(region any, text string) map[string]any {
	return map[string]any{
		"deletedRegion":   region,
		"insertedContent": map[string]string{"text": text},
	}
}
