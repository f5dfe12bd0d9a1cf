package lint

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/london-anchors/tenders/internal/safetext"
)

// diffContext is how many unchanged lines a hunk shows on each side.
const diffContext = 3

// Diff writes the change from before to after to w as a unified diff of
// file, the form git diff and patch read. The fixes of tenders check --fix
// never add or remove a line, so lines are compared one for one; each
// line printed goes through safetext.Line, like every excerpt.
func Diff(w io.Writer, file string, before, after []byte) {
	a, b := diffLines(before), diffLines(after)
	if bytes.Equal(before, after) {
		return
	}
	if len(a) != len(b) { // never made by --fix: show the whole file
		fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n@@ -1,%d +1,%d @@\n", safetext.Line(file), safetext.Line(file), len(a), len(b))
		writeLines(w, "-", a)
		writeLines(w, "+", b)
		return
	}
	fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", safetext.Line(file), safetext.Line(file))
	for i := 0; i < len(a); {
		if a[i] == b[i] {
			i++
			continue
		}
		// A hunk: from diffContext lines before this change to
		// diffContext lines after the last change that is no more than
		// 2*diffContext unchanged lines after the one before.
		from, end := max(i-diffContext, 0), i+1
		for j := i + 1; j < len(a) && j <= end+2*diffContext; j++ {
			if a[j] != b[j] {
				end = j + 1
			}
		}
		to := min(end+diffContext, len(a))
		fmt.Fprintf(w, "@@ -%d,%d +%d,%d @@\n", from+1, to-from, from+1, to-from)
		for k := from; k < to; {
			if a[k] == b[k] {
				writeLines(w, " ", a[k:k+1])
				k++
				continue
			}
			run := k // a run of changed lines: the old ones, then the new
			for k < to && a[k] != b[k] {
				k++
			}
			writeLines(w, "-", a[run:k])
			writeLines(w, "+", b[run:k])
		}
		i = to
	}
}

// diffLines splits a file into lines without their line ends.
func diffLines(src []byte) []string {
	s := strings.TrimSuffix(string(src), "\n")
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

func writeLines(w io.Writer, prefix string, lines []string) {
	for _, l := range lines {
		fmt.Fprintf(w, "%s%s\n", prefix, safetext.Line(l))
	}
}
