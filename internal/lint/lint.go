// Package lint is tenders' plain-English and fair-procurement checker: the
// buyer's writing coach, and the gate on every pull request.
//
// A rule is a value (Name, Doc, Severity, Run) that reports through a Pass.
// Prose rules read the body and the prose fields of front matter (summary,
// social-value asks, lot summaries, event and update text) as Prose values
// built from the goldmark tree, so code, web addresses and e-mail addresses
// are never read, and every position comes from the parse. Procurement rules
// read the front matter.
//
// Positions are file positions: lines and columns from 1, columns in
// characters. A finding in a front-matter field points at that field's line.
package lint

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/markdown"
	"github.com/london-anchors/tenders/internal/parallel"
	"github.com/london-anchors/tenders/internal/tomldec"
)

// Rule is one check.
type Rule struct {
	Name     string        // the id printed with each finding, such as "jargon"
	Title    string        // the finding in a few words, for a GitHub annotation's title
	Doc      string        // one line: what it checks and why
	Severity diag.Severity // the default; site.toml [lint.rules] may change it
	Briefs   bool          // runs on briefs only (procurement rules)
	Run      func(*Pass)
}

// Pass is one rule's view of one file.
type Pass struct {
	*file
	rule     *Rule
	severity diag.Severity
	out      *[]diag.Diagnostic
}

// file is what every rule sees of one content file.
type file struct {
	Source *brief.Source
	Brief  *brief.Brief     // nil unless the file is a brief
	Event  *brief.EventPage // nil unless the file is an event
	Config *config.Config
	Doc    markdown.Node // the body's tree
	Prose  []*Prose      // in reading order
	lines  *lineIndex
	front  []string // the front-matter lines; front[0] is file line 2
	words  *wordList
	found  *[]demand // the demands of the prose, once worked out
}

// Report records a finding over a span.
func (p *Pass) Report(s Span, format string, args ...any) {
	p.ReportFix(s, "", format, args...)
}

// ReportFix records a finding over a span with a suggested replacement.
func (p *Pass) ReportFix(s Span, fix, format string, args ...any) {
	*p.out = append(*p.out, diag.Diagnostic{
		File: p.Source.File, Line: s.Line, Col: s.Col, EndLine: s.EndLine, EndCol: s.EndCol,
		Severity: p.severity, Rule: p.rule.Name, Message: fmt.Sprintf(format, args...), Fix: fix,
	})
}

// ReportSafe records a finding with a replacement that fits the span
// exactly, one for one: tenders check --fix makes it.
func (p *Pass) ReportSafe(s Span, fix, format string, args ...any) {
	p.ReportFix(s, fix, format, args...)
	(*p.out)[len(*p.out)-1].Safe = true
}

// term says which word or phrase the last finding is about: findings of
// one term in a file are reported once, unless [lint] every_occurrence.
func (p *Pass) term(t string) {
	(*p.out)[len(*p.out)-1].Term = t
}

// ReportKey records a finding about a front-matter key, at its line.
func (p *Pass) ReportKey(path string, format string, args ...any) {
	p.Report(p.keySpan(path), format, args...)
}

// keySpan is where a key was written: its name, on its line. A key that
// was not written points at the opening +++.
func (f *file) keySpan(path string) Span {
	pos := f.Source.Keys.Pos(path)
	if pos.Line == 0 {
		return Span{Line: 1, Col: 1, EndLine: 1, EndCol: 4}
	}
	end := pos.Col
	if i := pos.Line - 2; i >= 0 && i < len(f.front) {
		line := []rune(f.front[i])
		j := pos.Col - 1
		for j < len(line) && line[j] != '=' && line[j] != ']' {
			j++
		}
		end = j + 1
		for end > pos.Col && line[end-2] == ' ' {
			end--
		}
	}
	return Span{Line: pos.Line, Col: pos.Col, EndLine: pos.Line, EndCol: end}
}

// Engine runs the rules over a site's content.
type Engine struct {
	Config *config.Config
	Rules  []*Rule
	md     *markdown.Converter
	sev    map[string]diag.Severity // configured severities; absent means the default
	words  *wordList
}

// New makes an engine for a site, with site.toml's [lint] settings applied
// to the built-in rules. Problems in those settings come back positioned.
func New(cfg *config.Config) (*Engine, diag.List) {
	e := &Engine{Config: cfg, Rules: Rules(), md: markdown.New(cfg.Base), sev: map[string]diag.Severity{}}
	var list diag.List
	names := make([]string, len(e.Rules))
	for i, r := range e.Rules {
		names[i] = r.Name
	}
	for _, name := range config.SortedKeys(cfg.Lint.Rules) {
		level := cfg.Lint.Rules[name]
		pos := cfg.Keys.Pos("lint.rules." + name)
		bad := func(msg string) {
			list = append(list, diag.Diagnostic{File: config.FileName, Line: max(pos.Line, 1), Col: max(pos.Col, 1), Severity: diag.Error, Rule: "invalid", Message: msg})
		}
		if !slices.Contains(names, name) {
			hint := "run tenders check --rules for the list"
			if best := tomldec.Closest(name, names); best != "" {
				hint = fmt.Sprintf("did you mean %q?", best)
			}
			bad(fmt.Sprintf("there is no lint rule %q; %s", name, hint))
			continue
		}
		switch level {
		case "error":
			e.sev[name] = diag.Error
		case "warning":
			e.sev[name] = diag.Warning
		case "suggestion":
			e.sev[name] = diag.Suggestion
		case "off":
			e.sev[name] = 0
		default:
			bad(fmt.Sprintf("rule %s is set to %q; use \"error\", \"warning\", \"suggestion\" or \"off\"", name, level))
		}
	}
	e.words = newWordList(cfg.Lint.Words, cfg.Lint.Names)
	list.Sort()
	return e, list
}

// Severity is the severity a rule reports at on this site; 0 means off.
func (e *Engine) Severity(r *Rule) diag.Severity {
	if s, ok := e.sev[r.Name]; ok {
		return s
	}
	return r.Severity
}

// Summary is the tally of one file.
type Summary struct {
	File        string
	Errors      int
	Warnings    int
	Suggestions int
	Words       int
	ReadingEase float64 // Flesch reading ease: higher is easier; 60 to 70 is plain English
	Grade       float64 // Flesch-Kincaid grade: the years of school a reader needs
}

// Check runs every rule on every document, in parallel, and returns the
// findings sorted by file and line, and a summary a document in file order.
// When ctx ends first, it stops after the documents being checked and
// returns only diag.Stopped(ctx.Err()).
func (e *Engine) Check(ctx context.Context, docs []brief.Doc) (diag.List, []Summary) {
	if err := ctx.Err(); err != nil {
		return diag.List{diag.Stopped(err)}, nil
	}
	results := make([]diag.List, len(docs))
	sums := make([]Summary, len(docs))
	parallel.Each(ctx, len(docs), func(i int) {
		results[i], sums[i] = e.CheckFile(docs[i])
	})
	if err := ctx.Err(); err != nil {
		return diag.List{diag.Stopped(err)}, nil
	}
	var all diag.List
	for _, r := range results {
		all = append(all, r...)
	}
	all.Sort()
	slices.SortFunc(sums, func(a, b Summary) int { return strings.Compare(a.File, b.File) })
	return all, sums
}

// CheckFile runs every rule on one document: a brief, an event or a page.
func (e *Engine) CheckFile(d brief.Doc) (diag.List, Summary) {
	return e.CheckParsed(d, e.md.Parse(d.Src().Body))
}

// CheckParsed is CheckFile for a body already parsed into tree, with the
// same Markdown converter (markdown.New).
func (e *Engine) CheckParsed(d brief.Doc, tree markdown.Node) (diag.List, Summary) {
	src := d.Src()
	b, _ := d.(*brief.Brief)
	ev, _ := d.(*brief.EventPage)
	f := &file{Source: src, Brief: b, Event: ev, Config: e.Config, words: e.words}
	f.Doc = tree
	f.lines = newLineIndex(src.Body)
	f.front = strings.Split(src.Front, "\n")
	offs := offsArenas.Get().(*[]int32)
	defer offsArenas.Put(offs) // once nothing reads a Prose
	f.collectProse(offs)
	defer f.tokenizeAll()()
	var out []diag.Diagnostic
	for _, r := range e.Rules {
		sev := e.Severity(r)
		if sev == 0 || (r.Briefs && b == nil) {
			continue
		}
		r.Run(&Pass{file: f, rule: r, severity: sev, out: &out})
	}
	list := f.applyIgnores(diag.List(out), e)
	list.Sort()
	if !e.Config.Lint.EveryOccurrence {
		list = collapse(list)
	}
	// The scores are in every summary, whether or not the readability
	// rule is on.
	var stats readStats
	for _, pr := range f.Prose {
		stats.add(pr.stats())
	}
	s := Summary{File: src.File, Words: stats.words}
	s.ReadingEase, s.Grade = stats.scores()
	for _, d := range list {
		switch d.Severity {
		case diag.Error:
			s.Errors++
		case diag.Warning:
			s.Warnings++
		case diag.Suggestion:
			s.Suggestions++
		}
	}
	return list, s
}

// collapse reports each term of a rule once, at its first use: the other
// uses become its Also, and its message says how many and where.
func collapse(list diag.List) diag.List {
	first := map[[2]string]int{} // rule and term -> index in out
	out := list[:0:0]
	for _, d := range list {
		if d.Term == "" {
			out = append(out, d)
			continue
		}
		key := [2]string{d.Rule, d.Term}
		i, ok := first[key]
		if !ok {
			first[key] = len(out)
			out = append(out, d)
			continue
		}
		out[i].Also = append(out[i].Also, diag.Place{Line: d.Line, Col: d.Col, EndLine: d.EndLine, EndCol: d.EndCol, Fix: d.Fix, Safe: d.Safe})
	}
	for i := range out {
		if also := out[i].Also; len(also) > 0 {
			from, to := also[0].Line, also[len(also)-1].Line
			where := fmt.Sprintf("line %d", from)
			if to != from {
				where = fmt.Sprintf("lines %d–%d", from, to)
			}
			out[i].Message += fmt.Sprintf(" (and %d more, %s)", len(also), where)
		}
	}
	return out
}
