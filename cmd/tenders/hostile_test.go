package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/london-anchors/tenders/internal/audit"
)

// TestHostile builds every case of testdata/hostile, each laid over
// base.txtar, as an attacker would send it in a pull request, and checks:
//
//   - what check (in every format) and build print is safe in a CI log:
//     no workflow command but the github format's own annotations;
//   - a case marked "want refused" makes build exit 1 with each "error"
//     line of the case (a regular expression) among its messages, and
//     write nothing;
//   - a case marked "want built" builds, and the output passes the audit
//     (internal/audit), a real feed and calendar parser
//     (scripts/check_feeds.py), and its "present" and "absent" lines
//     (a regular expression, in every file or "in FILE").
//
// A line "@repeat N "text"" in a case's file stands for the quoted text N
// times, so that large inputs stay small in the repository.
func TestHostile(t *testing.T) {
	base, err := txtar.ParseFile("testdata/hostile/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	cases, _ := filepath.Glob("testdata/hostile/*.txtar")
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		if name == "base" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			hostileCase(t, base, ar)
		})
	}
}

type hostileWant struct {
	built           bool
	errors          []*regexp.Regexp
	present, absent []pattern
}

// pattern is a "present" or "absent" line: a regular expression, looked
// for in one file ("present in index.html REGEXP") or in every file.
type pattern struct {
	file string
	re   *regexp.Regexp
}

func (p pattern) String() string { return strings.TrimSpace(p.file + " " + p.re.String()) }

func parsePattern(value string) pattern {
	var p pattern
	if rest, ok := strings.CutPrefix(value, "in "); ok {
		p.file, value, _ = strings.Cut(rest, " ")
	}
	p.re = regexp.MustCompile(value)
	return p
}

func parseWant(t *testing.T, comment []byte) hostileWant {
	var w hostileWant
	seen := false
	for line := range strings.SplitSeq(string(comment), "\n") {
		key, value, _ := strings.Cut(line, " ")
		switch key {
		case "want":
			seen = true
			w.built = value == "built"
		case "error":
			w.errors = append(w.errors, regexp.MustCompile("(?m)"+value))
		case "present":
			w.present = append(w.present, parsePattern(value))
		case "absent":
			w.absent = append(w.absent, parsePattern(value))
		}
	}
	if !seen {
		t.Fatal(`the case says neither "want built" nor "want refused"`)
	}
	return w
}

var repeatRE = regexp.MustCompile(`(?m)^@repeat (\d+) ("(?:[^"\\]|\\.)*")\n`)

// expand replaces each @repeat line of data with its text.
func expand(t *testing.T, data []byte) []byte {
	return repeatRE.ReplaceAllFunc(data, func(m []byte) []byte {
		sub := repeatRE.FindSubmatch(m)
		n, _ := strconv.Atoi(string(sub[1]))
		text, err := strconv.Unquote(string(sub[2]))
		if err != nil {
			t.Fatalf("bad @repeat line %q: %v", m, err)
		}
		return []byte(strings.Repeat(text, n))
	})
}

func hostileCase(t *testing.T, base, ar *txtar.Archive) {
	want := parseWant(t, ar.Comment)
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	for _, f := range append(base.Files, ar.Files...) {
		path := filepath.Join(siteDir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, expand(t, f.Data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tenders := func(args ...string) (stdout, stderr []byte, code int) {
		var o, e bytes.Buffer
		env := &env{stdout: &o, stderr: &e, getenv: func(k string) string {
			if k == "GITHUB_STEP_SUMMARY" {
				return filepath.Join(dir, "summary.md")
			}
			return ""
		}}
		code = run(context.Background(), env, args)
		return o.Bytes(), e.Bytes(), code
	}
	logs := map[string][]byte{}
	for _, format := range []string{"text", "json", "github", "sarif"} {
		stdout, stderr, code := tenders("check", "--site", siteDir, "--format", format)
		if code == exitFailure {
			t.Fatalf("check --format %s could not run:\n%s", format, stderr)
		}
		logs["check "+format+" stdout"], logs["check "+format+" stderr"] = stdout, stderr
	}
	out := filepath.Join(dir, "public")
	stdout, stderr, code := tenders("build", "--site", siteDir, "--out", out, "--now", "2026-12-01T09:00:00Z")
	logs["build stdout"], logs["build stderr"] = stdout, stderr
	for name, printed := range logs {
		for _, p := range audit.Log(printed, name == "check github stdout") {
			t.Errorf("%s: %s", name, p)
		}
	}
	if summary, err := os.ReadFile(filepath.Join(dir, "summary.md")); err == nil {
		for _, p := range audit.Log(summary, false) {
			t.Errorf("job summary: %s", p)
		}
	}
	// Messages name files as the user typed the site folder: match them
	// as if it were the current folder.
	stderr = bytes.ReplaceAll(stderr, []byte(filepath.ToSlash(siteDir)+"/"), nil)
	if !want.built {
		if code != exitFindings {
			t.Fatalf("build exited %d, want 1 (refused):\n%s%s", code, stdout, stderr)
		}
		for _, re := range want.errors {
			if !re.Match(stderr) {
				t.Errorf("build printed no error matching %s:\n%s", re, stderr)
			}
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("a refused build wrote its output folder")
		}
		return
	}
	if code != exitOK {
		t.Fatalf("build exited %d, want 0:\n%s", code, stderr)
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range audit.Site(files) {
		t.Error(p)
	}
	for _, p := range want.absent {
		for name, data := range files {
			if (p.file == "" || p.file == name) && p.re.Match(data) {
				t.Errorf("%s holds %s", name, p.re)
			}
		}
	}
	for _, p := range want.present {
		found := false
		for name, data := range files {
			found = found || (p.file == "" || p.file == name) && p.re.Match(data)
		}
		if !found {
			t.Errorf("no file holds %s", p)
		}
	}
	checker := exec.Command("/usr/bin/python3", "../../scripts/check_feeds.py", out)
	if report, err := checker.CombinedOutput(); err != nil {
		t.Errorf("the feed and calendar parsers found problems (or could not run: bash scripts/test.sh installs them): %v\n%s", err, report)
	}
}
