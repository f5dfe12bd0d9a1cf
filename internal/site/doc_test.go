package site

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/config"
)

// TestDocumented: the package documentation (doc.go), the manual of a
// site's templates, names every template function registered and every
// template, and names no function that is not registered.
func TestDocumented(t *testing.T) {
	data, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	section := doc[strings.Index(doc, "# Template functions"):]
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^//\t([a-zA-Z]+)\b`).FindAllStringSubmatch(section, -1) {
		listed[m[1]] = true
	}
	r := &renderer{Site: &Site{Config: &config.Config{}}}
	for name := range r.funcs() {
		if !listed[name] {
			t.Errorf("the template function %s is not in doc.go's list", name)
		}
		delete(listed, name)
	}
	for name := range listed {
		t.Errorf("doc.go lists %s, which is not a template function", name)
	}
	for _, name := range append([]string{"base.html", "partials.html"}, pageTemplates()...) {
		if !regexp.MustCompile(`(?m)^//\t` + regexp.QuoteMeta(name) + `\s`).MatchString(doc) {
			t.Errorf("the template %s is not in doc.go's table", name)
		}
	}
	entries, _ := os.ReadDir("../theme/templates")
	for _, e := range entries {
		if name := e.Name(); !slices.Contains(pageTemplates(), name) && name != "base.html" && name != "partials.html" {
			t.Errorf("the built-in template %s renders no page kind", name)
		}
	}
}
