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

// tendersCommands are the commands of tenders, with their flags.
var tendersCommands = map[string][]string{
	"init":    {"--title", "--base-url", "--repo", "--now"},
	"build":   {"--site", "--out", "--now", "--base-url"},
	"check":   {"--site", "--format", "--strict", "--rules", "--now", "--base-url"},
	"serve":   {"--site", "--port", "--bind", "--now", "--base-url"},
	"new":     {"--site", "--buyer", "--topic", "--now"},
	"import":  {"--site", "--from", "--since", "--until", "--endpoint", "--format", "--dry-run", "--all-buyers", "--now", "--base-url"},
	"schema":  {"--site"},
	"version": {},
}

// pinned matches an action pinned to a full version.
var pinned = regexp.MustCompile(`^[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+$`)

// invocation matches tenders run in a script: the command, and the rest
// of its line, whose --flags must be the command's.
var invocation = regexp.MustCompile(`(?m)(?:tenders"?|\./cmd/tenders|\$exe"?)\s+(\w+)(.*)$`)

var flagRE = regexp.MustCompile(`(?:^|\s)(--[\w-]+)`)

// checkInvocations checks every tenders command that script runs, and
// its flags, and returns how many it found. Lines that echo are
// messages, not commands.
func checkInvocations(t *testing.T, where, script string) int {
	t.Helper()
	n := 0
	lines := strings.Split(script, "\n")
	lines = slices.DeleteFunc(lines, func(l string) bool { return strings.Contains(l, "echo ") })
	for _, m := range invocation.FindAllStringSubmatch(strings.Join(lines, "\n"), -1) {
		flags, ok := tendersCommands[m[1]]
		if !ok {
			t.Errorf("%s: runs tenders %s, which is not a command", where, m[1])
			continue
		}
		n++
		for _, f := range flagRE.FindAllStringSubmatch(m[2], -1) {
			if !slices.Contains(flags, f[1]) {
				t.Errorf("%s: tenders %s has no flag %s", where, m[1], f[1])
			}
		}
	}
	return n
}

// TestWorkflows parses every GitHub Actions workflow, checks that every
// action is pinned to a full version, and that every tenders command and
// flag a step runs exists.
func TestWorkflows(t *testing.T) {
	files, _ := filepath.Glob(".github/workflows/*.yml")
	if len(files) < 2 {
		t.Fatalf("found %d workflows", len(files))
	}
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
				ran += checkInvocations(t, file+": job "+job, s.Run)
			}
		}
	}
	if ran < 3 {
		t.Errorf("only %d tenders commands found in the workflows", ran)
	}
}
