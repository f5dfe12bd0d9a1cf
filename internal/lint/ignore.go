package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/london-anchors/tenders/internal/markdown"

	"github.com/london-anchors/tenders/internal/diag"
)

// directive is a lint comment in a body:
//
//	<!-- lint-ignore RULE: reason -->   the next block
//	<!-- lint-disable RULE -->          from here ...
//	<!-- lint-enable RULE -->           ... to here
//
// RULE may be several rules separated by commas.
type directive struct {
	kind     string // "ignore", "disable", "enable"
	rules    []string
	reason   string
	span     Span
	from, to int // the lines it covers
	used     bool
}

var directiveRE = regexp.MustCompile(`^<!--\s*lint-(ignore|disable|enable)\s+([a-z0-9, -]+?)\s*(?::\s*(.*?))?\s*-->\s*$`)

// directives finds the lint comments of the body, in order.
func (f *file) directives() []*directive {
	var ds []*directive
	src := f.Source.Body
	for n := f.Doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != markdown.KindHTMLBlock || n.Lines().Len() == 0 {
			continue
		}
		seg := n.Lines().At(0)
		text := strings.TrimSpace(string(seg.Value(src)))
		m := directiveRE.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		d := &directive{kind: m[1], reason: strings.TrimSpace(m[3]), span: f.lines.span(seg.Start, seg.Start+len(strings.TrimRight(string(seg.Value(src)), "\n")))}
		for _, r := range strings.Split(m[2], ",") {
			if r = strings.TrimSpace(r); r != "" {
				d.rules = append(d.rules, r)
			}
		}
		if d.kind == "ignore" {
			d.from, d.to = -1, -1
			if next := n.NextSibling(); next != nil {
				s := f.blockSpan(next)
				d.from, d.to = s.Line, s.EndLine
			}
		}
		ds = append(ds, d)
	}
	return ds
}

// blockSpan is the lines a block covers.
func (f *file) blockSpan(n markdown.Node) Span {
	first, last := -1, -1
	_ = markdown.Walk(n, func(c markdown.Node, entering bool) (markdown.WalkStatus, error) {
		if !entering || c.Type() != markdown.TypeBlock {
			return markdown.WalkContinue, nil
		}
		lines := c.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if first < 0 || seg.Start < first {
				first = seg.Start
			}
			if seg.Stop > last {
				last = seg.Stop
			}
		}
		return markdown.WalkContinue, nil
	})
	if first < 0 {
		return f.nodeSpan(n)
	}
	return f.lines.span(first, max(first, last-1))
}

// applyIgnores drops findings the body's lint comments silence, and adds
// findings about the comments themselves: an ignore without a reason, an
// ignore that silenced nothing, an unknown rule.
func (f *file) applyIgnores(list diag.List, e *Engine) diag.List {
	ds := f.directives()
	if len(ds) == 0 {
		return list
	}
	known := map[string]bool{}
	for _, r := range e.Rules {
		known[r.Name] = true
	}
	// disable ... enable stretches
	type stretch struct {
		rule     string
		from, to int
		d        *directive
	}
	var stretches []stretch
	open := map[string]*directive{}
	for _, d := range ds {
		for _, r := range d.rules {
			switch d.kind {
			case "disable":
				open[r] = d
			case "enable":
				if o, ok := open[r]; ok {
					stretches = append(stretches, stretch{r, o.span.Line, d.span.Line, o})
					delete(open, r)
				}
			}
		}
	}
	for r, o := range open {
		stretches = append(stretches, stretch{r, o.span.Line, 1 << 30, o})
	}
	kept := list[:0:0]
	for _, dg := range list {
		silenced := false
		for _, d := range ds {
			if d.kind == "ignore" && dg.Line >= d.from && dg.Line <= d.to && hasRule(d.rules, dg.Rule) {
				d.used, silenced = true, true
			}
		}
		for _, s := range stretches {
			if (s.rule == dg.Rule || s.rule == "all") && dg.Line > s.from && dg.Line < s.to {
				s.d.used, silenced = true, true
			}
		}
		if !silenced {
			kept = append(kept, dg)
		}
	}
	add := func(d *directive, sev diag.Severity, format string, args ...any) {
		kept = append(kept, diag.Diagnostic{File: f.Source.File, Line: d.span.Line, Col: d.span.Col, EndLine: d.span.EndLine, EndCol: d.span.EndCol,
			Severity: sev, Rule: "lint-ignore", Message: fmt.Sprintf(format, args...)})
	}
	for _, d := range ds {
		for _, r := range d.rules {
			if !known[r] && r != "all" {
				add(d, diag.Warning, "there is no lint rule %q; run tenders check --rules for the list", r)
			}
		}
		if d.kind == "ignore" && d.reason == "" {
			add(d, diag.Warning, "say why the rule does not apply: <!-- lint-ignore %s: reason -->", strings.Join(d.rules, ", "))
		}
		if d.kind != "enable" && !d.used {
			add(d, diag.Suggestion, "this lint comment silences nothing; remove it")
		}
	}
	return kept
}

func hasRule(rules []string, r string) bool {
	for _, x := range rules {
		if x == r || x == "all" {
			return true
		}
	}
	return false
}
