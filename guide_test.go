package tenders_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/london-anchors/tenders/internal/lint"
)

// TestGuideListsFixes: the writing guide's table of automatic fixes is
// the list tenders check --fix makes, no more and no less.
func TestGuideListsFixes(t *testing.T) {
	data, err := os.ReadFile("content/writing-guide.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?m)^\| ([a-z ]+) \| ([a-z ]+) \|$`).FindAllStringSubmatch(string(data), -1)
	seen := map[string]bool{}
	for _, r := range rows {
		forms, ok := lint.SafeSwaps[r[1]]
		switch {
		case !ok:
			t.Errorf("the guide lists %q as an automatic fix; --fix does not make it", r[1])
		case forms[0] != r[2]:
			t.Errorf("the guide says %q becomes %q; --fix writes %q", r[1], r[2], forms[0])
		}
		seen[r[1]] = true
	}
	for phrase := range lint.SafeSwaps {
		if !seen[phrase] {
			t.Errorf("the writing guide's table of automatic fixes lacks %q", phrase)
		}
	}
}

// TestGuideExplainsEveryRule: every rule has a section of the writing
// guide with its name as its id, which the job summary and SARIF link to,
// and a row of README's table of rules.
func TestGuideExplainsEveryRule(t *testing.T) {
	guide, err := os.ReadFile("content/writing-guide.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range lint.Rules() {
		if !regexp.MustCompile(`(?m)^## .+ \{#` + regexp.QuoteMeta(r.Name) + `\}$`).Match(guide) {
			t.Errorf("the writing guide has no section {#%s}", r.Name)
		}
		if !regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(r.Name) + "` \\| " + r.Severity.String() + " \\|").Match(readme) {
			t.Errorf("README's table of rules has no row for %s at %s", r.Name, r.Severity)
		}
	}
}
