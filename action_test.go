package tenders_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/london-anchors/tenders/internal/starter"
)

// actionFile is what the tests read of action.yml.
type actionFile struct {
	Name        string
	Description string
	Author      string
	Inputs      map[string]struct {
		Description string
		Required    bool
		Default     *string
	}
	Runs struct {
		Using string
		Steps []actionStep
	}
}

type actionStep struct {
	Name  string
	If    string
	Uses  string
	Shell string
	Run   string
	Env   map[string]string
	With  map[string]string
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

var inputRef = regexp.MustCompile(`\$\{\{\s*inputs\.([\w-]+)\s*\}\}|inputs\.([\w-]+)`)

// TestActionFile: action.yml parses as a composite action; every input is
// documented, here and in README, and used; every action it uses is
// pinned; every tenders command and flag its steps run exists.
func TestActionFile(t *testing.T) {
	a := readAction(t)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml lacks a name, a description or composite steps: %+v", a)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, s := range a.Runs.Steps {
		text := s.If + "\n" + s.Run
		for _, v := range s.Env {
			text += "\n" + v
		}
		for _, v := range s.With {
			text += "\n" + v
		}
		for _, m := range inputRef.FindAllStringSubmatch(text, -1) {
			used[m[1]+m[2]] = true
		}
		if s.Uses != "" && !pinned.MatchString(s.Uses) {
			t.Errorf("step %q uses %s, not pinned to a full version", s.Name, s.Uses)
		}
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %q runs with shell %q; the scripts are bash", s.Name, s.Shell)
		}
		checkInvocations(t, "action.yml step "+s.Name, s.Run)
	}
	for name, in := range a.Inputs {
		if strings.TrimSpace(in.Description) == "" {
			t.Errorf("input %s has no description", name)
		}
		if !in.Required && in.Default == nil {
			t.Errorf("input %s is optional with no default", name)
		}
		if !used[name] {
			t.Errorf("input %s is not used by any step", name)
		}
		if !strings.Contains(string(readme), "| `"+name+"` |") {
			t.Errorf("README's table of the action's inputs lacks %s", name)
		}
	}
	for name := range used {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("a step uses inputs.%s, which is not an input", name)
		}
	}
}

// TestStarterWorkflowsUseTheAction: the workflows tenders init writes
// parse, pin their other actions, and give the tenders action only its
// own inputs, and every required one.
func TestStarterWorkflowsUseTheAction(t *testing.T) {
	a := readAction(t)
	for _, version := range []string{"", "v1.2.0"} {
		files, err := starter.Files(starter.Options{Title: "Anchors", BaseURL: "https://example.org/", Version: version})
		if err != nil {
			t.Fatal(err)
		}
		uses := 0
		for _, f := range files {
			if !strings.HasPrefix(f.Path, ".github/workflows/") {
				continue
			}
			var wf struct {
				Name string
				On   any `yaml:"on"`
				Jobs map[string]struct{ Steps []actionStep }
			}
			if err := yaml.Unmarshal(f.Data, &wf); err != nil {
				t.Fatalf("%s (version %q) is not valid YAML: %v", f.Path, version, err)
			}
			if wf.Name == "" || wf.On == nil || len(wf.Jobs) == 0 {
				t.Errorf("%s lacks a name, a trigger or jobs", f.Path)
			}
			for _, j := range wf.Jobs {
				for _, s := range j.Steps {
					if !strings.HasPrefix(s.Uses, starter.Repository+"@") {
						if s.Uses != "" && !pinned.MatchString(s.Uses) {
							t.Errorf("%s uses %s, not pinned to a full version", f.Path, s.Uses)
						}
						continue
					}
					uses++
					checkActionInputs(t, f.Path, a, s.With)
				}
			}
		}
		if uses < 3 {
			t.Errorf("version %q: only %d steps use the tenders action", version, uses)
		}
	}
}

func checkActionInputs(t *testing.T, file string, a actionFile, with map[string]string) {
	t.Helper()
	for k := range with {
		if _, ok := a.Inputs[k]; !ok {
			t.Errorf("%s gives the tenders action %s, which is not one of its inputs", file, k)
		}
	}
	for name, in := range a.Inputs {
		if _, ok := with[name]; in.Required && !ok {
			t.Errorf("%s does not give the tenders action its required input %s", file, name)
		}
	}
	if c := with["command"]; c != "" && c != "check" && c != "build" {
		if _, ok := tendersCommands[c]; !ok {
			t.Errorf("%s runs tenders %s, which is not a command", file, c)
		}
	}
}

// runner runs the steps of action.yml as GitHub's runner does, in one
// job: each run step in bash with its env, where ${{ inputs.X }} and
// ${{ github.action_path }} are replaced; the folders a step adds to
// GITHUB_PATH are on the PATH of the later steps. Steps that use another
// action are not run: that action (setup-go) is the Go already here.
type runner struct {
	t         *testing.T
	root      string // the action's folder: this repository
	workspace string // the job's checkout: the site
	temp      string // RUNNER_TEMP, kept for the whole job
	extraEnv  []string
}

func newRunner(t *testing.T, workspace string) *runner {
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	temp := t.TempDir()
	if err := os.WriteFile(filepath.Join(temp, "github_path"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return &runner{t: t, root: root, workspace: workspace, temp: temp}
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// run runs the action with inputs, and returns its output and whether it
// succeeded.
func (r *runner) run(inputs map[string]string) (string, bool) {
	t := r.t
	a := readAction(t)
	value := func(name string) string {
		if v, ok := inputs[name]; ok {
			return v
		}
		if in, ok := a.Inputs[name]; ok && in.Default != nil {
			return *in.Default
		}
		return ""
	}
	subst := func(s string) string {
		return expr.ReplaceAllStringFunc(s, func(m string) string {
			e := expr.FindStringSubmatch(m)[1]
			if name, ok := strings.CutPrefix(e, "inputs."); ok {
				return value(name)
			}
			if e == "github.action_path" {
				return r.root
			}
			t.Fatalf("action.yml: the local runner cannot evaluate ${{ %s }}", e)
			return ""
		})
	}
	var out strings.Builder
	for _, s := range a.Runs.Steps {
		if s.Run == "" {
			continue
		}
		script := filepath.Join(r.temp, "step.sh")
		if err := os.WriteFile(script, []byte(subst(s.Run)), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = r.workspace
		cmd.Env = append(r.env(), r.extraEnv...)
		for k, v := range s.Env {
			cmd.Env = append(cmd.Env, k+"="+subst(v))
		}
		b, err := cmd.CombinedOutput()
		out.Write(b)
		if err != nil {
			return out.String(), false
		}
	}
	return out.String(), true
}

// env is the runner's environment for a step: this process's, with
// GitHub's variables, and the folders of GITHUB_PATH first on PATH.
func (r *runner) env() []string {
	data, err := os.ReadFile(filepath.Join(r.temp, "github_path"))
	if err != nil {
		r.t.Fatal(err)
	}
	path := os.Getenv("PATH")
	for _, dir := range strings.Fields(string(data)) {
		path = dir + string(os.PathListSeparator) + path
	}
	arch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
	osName := map[string]string{"linux": "Linux", "darwin": "macOS", "windows": "Windows"}[runtime.GOOS]
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "PATH=") || strings.HasPrefix(kv, "GITHUB_") || strings.HasPrefix(kv, "RUNNER_") || strings.HasPrefix(kv, "TENDERS_")
	})
	return append(env, "PATH="+path,
		"GITHUB_ACTION_PATH="+r.root,
		"GITHUB_WORKSPACE="+r.workspace,
		"GITHUB_PATH="+filepath.Join(r.temp, "github_path"),
		"GITHUB_STEP_SUMMARY="+filepath.Join(r.temp, "summary.md"),
		"RUNNER_TEMP="+r.temp,
		"RUNNER_OS="+osName,
		"RUNNER_ARCH="+arch,
	)
}

// writeStarter writes the site tenders init would into a new folder.
func writeStarter(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := starter.Files(starter.Options{Title: "Anchors", BaseURL: "https://example.org/", Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestActionRunsFromSource runs the action's steps here as the workflows
// of a new site do with no version: tenders is built from this source,
// then check and build run on the site in the checkout.
func TestActionRunsFromSource(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("the action's steps need bash")
	}
	site := writeStarter(t)
	r := newRunner(t, site)

	out, ok := r.run(map[string]string{"command": "check"})
	if !ok || !strings.Contains(out, "Building tenders from "+r.root) || !regexp.MustCompile(`(?m)^tenders \S+$`).MatchString(out) {
		t.Fatalf("check of a new site failed, or did not build tenders:\n%s", out)
	}
	summary, err := os.ReadFile(filepath.Join(r.temp, "summary.md"))
	if err != nil || !strings.Contains(string(summary), "No problems found.") {
		t.Errorf("check wrote no job summary saying it found nothing (%v):\n%s", err, summary)
	}

	// The second use in the job reuses what the first built.
	out, ok = r.run(map[string]string{"command": "build", "out": "public", "base-url": "https://example.org/north/"})
	if !ok || !strings.Contains(out, "tenders is already installed") || !strings.Contains(out, "Built ") {
		t.Fatalf("build failed:\n%s", out)
	}
	home, err := os.ReadFile(filepath.Join(site, "public", "index.html"))
	if err != nil || !strings.Contains(string(home), "https://example.org/north/") {
		t.Errorf("build did not write public/index.html for the base-url given (%v)", err)
	}

	// A mistake is marked on its line, and fails the step.
	brief := filepath.Join(site, "content", "opportunities", "office-cleaning.md")
	data, err := os.ReadFile(brief)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(brief, []byte(strings.Replace(string(data), `buyer = "example-council"`, `buyer = "nobody"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, ok = r.run(map[string]string{"command": "check"})
	if ok || !strings.Contains(out, "::error file=content/opportunities/office-cleaning.md,line=") {
		t.Errorf("check of a brief with an unknown buyer: ok=%v, want failure with an ::error line:\n%s", ok, out)
	}

	// Any other command runs with args alone; an empty one is refused.
	out, ok = r.run(map[string]string{"command": "schema", "args": "page"})
	if !ok || !strings.Contains(out, `"title": "The front matter of a plain page"`) {
		t.Errorf("tenders schema page through the action:\n%s", out)
	}
	out, ok = r.run(map[string]string{"command": ""})
	if ok || !strings.Contains(out, "::error title=tenders::the input command is empty") {
		t.Errorf("an empty command: ok=%v\n%s", ok, out)
	}
}
