package main

import (
	"fmt"
	"strings"

	"github.com/london-anchors/tenders/internal/importer"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/ocdsread"
	"github.com/london-anchors/tenders/internal/safetext"
)

// importSummary is what tenders import --format json prints.
// Findings are in the shape of tenders check --format json's: the
// problems of releases (rule "import", at their place in the source),
// then check's findings in the briefs written.
type importSummary struct {
	Version   int                `json:"version"` // 1
	DryRun    bool               `json:"dry_run"`
	Sources   int                `json:"sources"`
	Releases  int                `json:"releases"`
	Counts    map[string]int     `json:"counts"`
	Processes []importProcess    `json:"processes"`
	Findings  []lint.JSONFinding `json:"findings"`
	Lint      *lintTotals        `json:"lint,omitempty"` // tenders check on the briefs written
	NewBuyers []newBuyer         `json:"new_buyers"`
}

type newBuyer struct {
	Key  string   `json:"key"`
	Name string   `json:"name"`
	Kind string   `json:"kind"`
	IDs  []string `json:"ids"`
}

type importProcess struct {
	OCID      string   `json:"ocid"`
	Outcome   string   `json:"outcome"`
	File      string   `json:"file,omitempty"`
	Reason    string   `json:"reason,omitempty"`
	Changed   []string `json:"changed,omitempty"`
	Conflicts []string `json:"conflicts,omitempty"`
	Notes     []string `json:"notes,omitempty"`
}

// report prints the summary, and returns the exit code: 1 when a release
// was skipped for an error of its own or an edit conflicts with the
// notice, as check does for findings; 0 otherwise.
func (r *importRun) report(plan []importer.Result) int {
	s := importSummary{Version: 1, DryRun: r.flags.dryRun, Sources: r.sources, Releases: r.im.Releases(), Counts: map[string]int{}, Processes: []importProcess{}, Findings: []lint.JSONFinding{}, Lint: r.linted, NewBuyers: []newBuyer{}}
	for _, b := range r.im.NewBuyers() {
		s.NewBuyers = append(s.NewBuyers, newBuyer{b.Key, b.Name, b.Kind, b.IDs})
	}
	code := exitOK
	for _, p := range sortedProblems(r.problems) {
		sev := "warning"
		if p.Severity == ocdsread.Error {
			sev, code = "error", exitFindings
		}
		s.Findings = append(s.Findings, lint.JSONFinding{File: p.Source, Line: p.Line, Column: p.Col, Severity: sev, Rule: "import", Message: p.Label + ": " + p.Msg})
	}
	s.Findings = append(s.Findings, lint.JSONFindings(r.found)...)
	for _, res := range plan {
		word := statusWord[res.Outcome]
		s.Counts[word]++
		if len(res.Conflicts) > 0 {
			s.Counts["conflicts"] += len(res.Conflicts)
			code = exitFindings
		}
		s.Processes = append(s.Processes, importProcess{res.OCID, word, res.File, res.Reason, res.Changed, res.Conflicts, res.Notes})
	}
	if r.flags.format == "json" {
		if err := lint.EncodeJSON(r.e.stdout, s); err != nil {
			fmt.Fprintln(r.e.stderr, "tenders import:", err)
			return exitFailure
		}
		return code
	}
	r.text(s)
	return code
}

func (r *importRun) text(s importSummary) {
	w := r.e.stdout
	line := func(format string, args ...any) { fmt.Fprintln(w, safetext.Line(fmt.Sprintf(format, args...))) }
	for _, p := range sortedProblems(r.problems) {
		sev := "warning"
		if p.Severity == ocdsread.Error {
			sev = "error"
		}
		line("%s: %s: %s", p.Release, sev, p.Msg)
	}
	for _, b := range s.NewBuyers {
		line("new buyer [buyers.%s] in site.toml: %s, kind %s (a guess: check it)", b.Key, b.Name, b.Kind)
	}
	for _, p := range s.Processes {
		switch p.Outcome {
		case "skipped":
			line("skipped %s: %s", p.OCID, p.Reason)
			continue
		case "updated":
			line("updated %s (%s): %s", p.File, p.OCID, strings.Join(p.Changed, ", "))
		case "new":
			line("new %s (%s)", p.File, p.OCID)
		}
		for _, c := range p.Conflicts {
			line("conflict %s: %s", p.File, c)
		}
		if p.Outcome != "unchanged" {
			for _, n := range p.Notes {
				line("note %s: %s", p.File, n)
			}
		}
	}
	verb := "Read"
	if s.DryRun {
		verb = "Dry run, nothing written. Read"
	}
	line("%s %s from %s: %d new, %d updated, %d unchanged, %d skipped, %d conflicts.",
		verb, plural(s.Releases, "release"), plural(s.Sources, "source"), s.Counts["new"], s.Counts["updated"], s.Counts["unchanged"], s.Counts["skipped"], s.Counts["conflicts"])
	if l := s.Lint; l != nil {
		line("tenders check on the %s written: %s, %s, %s; run tenders check to see them, and rewrite each brief for small firms before it is published.",
			plural(l.Files, "brief"), plural(l.Errors, "error"), plural(l.Warnings, "warning"), plural(l.Suggestions, "suggestion"))
	}
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}
