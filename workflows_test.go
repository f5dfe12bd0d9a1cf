package tenders_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestWorkflows parses every GitHub Actions workflow, checks that every
// action is pinned to a full version, and that every tenders command and
// flag a step runs exists.
func TestWorkflows(t *testing.T) {
	files, _ := filepath.Glob(".github/workflows/*.yml")
	if len(files) < 2 {
		t.Fatalf("found %d workflows", len(files))
	}
	commands := map[string][]string{
		"build":  {"--site", "--out", "--now", "--base-url"},
		"check":  {"--site", "--format", "--strict", "--rules", "--now", "--base-url"},
		"serve":  {"--site", "--port", "--bind", "--now", "--base-url"},
		"new":    {"--site", "--buyer", "--topic", "--now"},
		"import": {"--site", "--from", "--since", "--until", "--endpoint", "--format", "--dry-run", "--now", "--base-url"},
	}
	pinned := regexp.MustCompile(`^[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+$`)
	invocation := regexp.MustCompile(`(?:tenders"?|\./cmd/tenders)\s+(\w+)((?:\s+--[\w-]+)*)`)
	ran := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var wf struct {
			Name string
			On   any `yaml:"on"`
			Jobs map[string]struct {
				Steps []struct {
					Uses string
					Run  string
				}
			}
		}
		if err := yaml.Unmarshal(data, &wf); err != nil {
			t.Fatalf("%s is not valid YAML: %v", file, err)
		}
		if wf.Name == "" || wf.On == nil || len(wf.Jobs) == 0 {
			t.Errorf("%s lacks a name, a trigger or jobs", file)
		}
		for job, j := range wf.Jobs {
			for _, s := range j.Steps {
				if s.Uses != "" && !pinned.MatchString(s.Uses) {
					t.Errorf("%s: job %s uses %s, not pinned to a full version", file, job, s.Uses)
				}
				for _, m := range invocation.FindAllStringSubmatch(s.Run, -1) {
					flags, ok := commands[m[1]]
					if !ok {
						t.Errorf("%s: runs tenders %s, which is not a command", file, m[1])
						continue
					}
					ran++
					for _, f := range strings.Fields(m[2]) {
						if !slices.Contains(flags, f) {
							t.Errorf("%s: tenders %s has no flag %s", file, m[1], f)
						}
					}
				}
			}
		}
	}
	if ran < 3 {
		t.Errorf("only %d tenders commands found in the workflows", ran)
	}
}
