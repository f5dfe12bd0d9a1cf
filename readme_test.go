package tenders_test

import (
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/schema"
)

var update = flag.Bool("update", false, "rewrite README.md's key references from the schemas")

// readmeSchemas are the schemas README.md's references are made from, by
// the name a marker gives.
var readmeSchemas = map[string]*schema.File{
	"brief": brief.BriefSchema, "event": brief.EventSchema, "page": brief.PageSchema, "site": config.Schema,
}

// A reference in README.md sits between a line
//
//	<!-- begin schema KIND [only|except TABLE...]; ... -->
//
// and a line <!-- end schema -->. "only" and "except" pick the keys at the
// top of the file, and the tables, to write; the text after ";" is for
// whoever reads the Markdown.
var (
	beginRE = regexp.MustCompile(`(?m)^<!-- begin schema ([a-z]+)(?: (only|except) ([a-z_ ]+))?;[^\n]*-->\n`)
	endRE   = regexp.MustCompile(`(?m)^<!-- end schema -->\n`)
)

// TestREADME checks that README.md's key references are what the schemas
// make, and that together they name every key. Run with -update to
// rewrite them after changing a schema.
func TestREADME(t *testing.T) {
	src, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	var out strings.Builder
	written := map[string]map[string]bool{}
	for {
		m := beginRE.FindStringSubmatchIndex(text)
		if m == nil {
			out.WriteString(text)
			break
		}
		kind, how, tables := text[m[2]:m[3]], "", ""
		if m[4] >= 0 {
			how, tables = text[m[4]:m[5]], text[m[6]:m[7]]
		}
		file := readmeSchemas[kind]
		if file == nil {
			t.Fatalf("README.md has a reference to the schema %q, which does not exist", kind)
		}
		rest := text[m[1]:]
		end := endRE.FindStringIndex(rest)
		if end == nil {
			t.Fatalf("README.md's reference to %s has no <!-- end schema --> line", kind)
		}
		only := pick(how, strings.Fields(tables))
		want := reference(file, only)
		if got := rest[:end[0]]; got != want && !*update {
			t.Errorf("README.md's reference to %s %s %s is not what the schema makes; run go test . -run TestREADME -update\n--- README.md\n%s--- the schema\n%s", kind, how, tables, got, want)
		}
		if written[kind] == nil {
			written[kind] = map[string]bool{}
		}
		for _, f := range file.Fields {
			if only(f) {
				written[kind][f.Key] = true
			}
		}
		out.WriteString(text[:m[1]] + want + rest[end[0]:end[1]])
		text = rest[end[1]:]
	}
	for kind, file := range readmeSchemas {
		for _, k := range file.Keys() {
			if !written[kind][k] {
				t.Errorf("no reference in README.md names %s's key %s; add it to one", kind, k)
			}
		}
	}
	if *update && out.String() != string(src) {
		if err := os.WriteFile("README.md", []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// pick says which fields a marker's "only" or "except" takes, by the
// first part of their keys.
func pick(how string, tables []string) func(schema.Field) bool {
	return func(f schema.Field) bool {
		top, _, _ := strings.Cut(f.Key, ".")
		switch how {
		case "only":
			return slices.Contains(tables, top)
		case "except":
			return !slices.Contains(tables, top)
		}
		return true
	}
}

// reference is a fenced block of TOML that sets every key picked to its
// example, each with its note; front matter comes between +++ lines.
func reference(f *schema.File, only func(schema.Field) bool) string {
	body := schema.TOML(f, schema.TOMLOptions{Only: only})
	if f != config.Schema {
		body = brief.Fence + "\n" + body + brief.Fence + "\n"
	}
	return "```toml\n" + body + "```\n"
}
