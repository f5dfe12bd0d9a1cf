// Package diag defines the positioned finding that every part of tenders
// reports: a validation error in a brief, a problem in site.toml or a
// template, and a lint finding. A failure to run at all (a file that
// cannot be written) is an error, not a Diagnostic.
//
// Lines and columns start at 1. Columns count characters (Unicode code
// points), not bytes, so "£" or "é" moves the column by one.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity orders how serious a finding is. Higher is worse.
type Severity int

const (
	Suggestion Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Suggestion:
		return "suggestion"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// Diagnostic is one finding at one place in one file.
type Diagnostic struct {
	File     string   // path as the user wrote it or as found under the site folder, with forward slashes
	Line     int      // 1-based line of the start
	Col      int      // 1-based column of the start, in characters
	EndLine  int      // line of the end; 0 means the same as Line
	EndCol   int      // column just past the end; 0 means unknown
	Severity Severity // how serious it is
	Rule     string   // what produced it, such as "invalid" or "jargon"
	Message  string   // what is wrong; what to write instead
	Fix      string   // a suggested replacement for the span, if there is one
	Safe     bool     // Fix replaces exactly the span, one for one, and check --fix applies it
	Term     string   // the word or phrase a finding is about, such as a jargon entry: one finding a term a file
	Also     []Place  // the same finding at more places in the file, reported with this one
}

// Place is one more place of a finding that is reported once for a file,
// with its own fix.
type Place struct {
	Line, Col, EndLine, EndCol int
	Fix                        string
	Safe                       bool
}

// String formats the finding as file:line:col: message.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Message)
}

// Error lets a Diagnostic be returned as an error.
func (d Diagnostic) Error() string { return d.String() }

// Compare orders findings by file, line, column, then message.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		strings.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		-cmp.Compare(a.Severity, b.Severity),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Message, b.Message),
	)
}

// List is a set of findings that can stand as one error.
type List []Diagnostic

// Sort orders the list by file, line and column.
func (l List) Sort() { slices.SortStableFunc(l, Compare) }

// Errors reports how many findings are at error level.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity >= Error {
			n++
		}
	}
	return n
}

// Error returns every finding, one a line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Err returns the list as an error when it holds an error-level finding,
// and nil otherwise.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return l
}

// Stopped is the one finding of work whose context ended before the work
// did: an error, so that nothing is published, at no file, with the
// context's error as its message and "stopped" as its rule. Callers that
// hold the context print their own line instead.
func Stopped(err error) Diagnostic {
	return Diagnostic{Severity: Error, Rule: "stopped", Message: err.Error()}
}
