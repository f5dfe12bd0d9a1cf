package site

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
)

func TestGithubRepo(t *testing.T) {
	for in, want := range map[string]string{
		"https://github.com/london-anchors/tenders":      "london-anchors/tenders",
		"https://github.com/london-anchors/tenders.git/": "london-anchors/tenders",
		"https://gitlab.com/london-anchors/tenders":      "",
		"https://github.com/london-anchors":              "",
		"https://github.com/a/b/tree/main":               "",
		"":                                               "",
	} {
		got, ok := githubRepo(in)
		if got != want || ok != (want != "") {
			t.Errorf("githubRepo(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// field finds the field at a dotted path among fields.
func field(t *testing.T, fields []obj, path string) obj {
	t.Helper()
	name, rest, nested := strings.Cut(path, ".")
	for _, f := range fields {
		if f["name"] == name {
			if nested {
				return field(t, f["fields"].([]obj), rest)
			}
			return f
		}
	}
	t.Fatalf("no field %s", path)
	return nil
}

// TestEditorConfig: the form is made from the schema and site.toml.
func TestEditorConfig(t *testing.T) {
	c := &config.Config{
		Buyers: map[string]config.Buyer{"camden": {Name: "London Borough of Camden"}, "hackney": {Name: "Hackney Council"}},
		Topics: map[string]config.Topic{"cleaning": {Name: "Cleaning"}},
	}
	c.Base, _ = c.Base.Parse("https://example.org/opps/")
	cfg := EditorConfig(c, "o/r")
	if _, err := json.Marshal(cfg); err != nil {
		t.Fatal(err)
	}
	col := cfg["collections"].([]obj)[0]
	if col["folder"] != brief.OpportunitiesDir || col["format"] != EditorFormat || cfg["publish_mode"] != "editorial_workflow" {
		t.Errorf("collection %v", col)
	}
	fields := col["fields"].([]obj)
	tests := []struct {
		path, key string
		want      any
	}{
		{"title", "required", true},
		{"buyer", "widget", "select"},
		{"topics", "multiple", true},
		{"category", "widget", "select"},
		{"deadline", "widget", "datetime"},
		{"deadline", "format", "YYYY-MM-DDTHH:mm:ss"},
		{"deadline", "required", false}, // unless the stage is pipeline or engagement
		{"contract_start", "format", "YYYY-MM-DD"},
		{"contract_start", "time_format", false},
		{"value_max", "value_type", "int"},
		{"contact.email", "required", true},
		{"social_value.weighting", "required", false},
		{"insurance.kind", "required", true}, // in each entry added
		{"insurance", "widget", "list"},
		{"award.supplier", "required", false}, // only when awarded
		{"body", "default", brief.SkeletonBody},
		{"body", "widget", "text"},
	}
	for _, tt := range tests {
		if got := field(t, fields, tt.path)[tt.key]; got != tt.want {
			t.Errorf("%s: %s = %#v, want %#v", tt.path, tt.key, got, tt.want)
		}
	}
	buyers := field(t, fields, "buyer")["options"].([]obj)
	if len(buyers) != 2 || buyers[0]["value"] != "camden" || buyers[0]["label"] != "London Borough of Camden" {
		t.Errorf("buyer options %v", buyers)
	}
	if p := field(t, fields, "reference")["pattern"].([]string); p[0] != brief.ReferencePattern {
		t.Errorf("reference pattern %v", p)
	}
	if p := field(t, fields, "cpv")["field"].(obj)["pattern"].([]string); !strings.Contains(p[0], "[0-9]{8}-[0-9]") {
		t.Errorf("cpv pattern %v", p)
	}
	if !strings.Contains(field(t, fields, "deadline")["hint"].(string), "When bids close") {
		t.Errorf("deadline hint %q: the schema's note", field(t, fields, "deadline")["hint"])
	}
	if d := field(t, fields, "documents")["default"].([]obj); len(d) != 0 {
		t.Errorf("documents start with %v, want none", d)
	}
	// [imported] is written by tenders import: an empty one from the form
	// fails check.
	for _, f := range fields {
		if f["name"] == "imported" {
			t.Error("the form has the [imported] table")
		}
	}
}

// TestEditorBackend: the editor saves to site.toml's branch and signs in
// through the network's own server when site.toml names one.
func TestEditorBackend(t *testing.T) {
	tests := []struct {
		editor config.Editor
		want   obj
	}{
		{config.Editor{}, obj{"name": "github", "repo": "o/r", "branch": "main", "squash_merges": true}},
		{config.Editor{Branch: "trunk", SignIn: "https://auth.example.org/oauth/authorize/"},
			obj{"name": "github", "repo": "o/r", "branch": "trunk", "squash_merges": true, "base_url": "https://auth.example.org", "auth_endpoint": "oauth/authorize"}},
		{config.Editor{SignIn: "https://auth.example.org:8443"},
			obj{"name": "github", "repo": "o/r", "branch": "main", "squash_merges": true, "base_url": "https://auth.example.org:8443"}},
	}
	for _, tt := range tests {
		got, _ := json.Marshal(editorBackend(&config.Config{Editor: tt.editor}, "o/r"))
		want, _ := json.Marshal(tt.want)
		if string(got) != string(want) {
			t.Errorf("%+v: backend %s, want %s", tt.editor, got, want)
		}
	}
}
