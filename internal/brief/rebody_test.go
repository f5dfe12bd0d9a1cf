package brief_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
)

// TestRebody: a new body under the same front matter gives the document a
// full parse would, without decoding again; any change to the front
// matter, or a body past a limit, gives nil.
func TestRebody(t *testing.T) {
	cfg, list := config.Parse("site.toml", "title = \"T\"\nbase_url = \"https://example.org/\"\n[buyers.camden]\nname = \"Camden\"\nkind = \"council\"\n")
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	p := &brief.Parser{Config: cfg}
	front := "+++\ntitle = \"About\"\n+++\n"
	old, list := p.Page("content/about.md", []byte(front+"We will utilise it.\n"))
	if old == nil || list.Errors() > 0 {
		t.Fatal(list)
	}
	src := []byte(front + "We will use it.\n")
	got := brief.Rebody(old, src)
	want, _ := p.Page("content/about.md", src)
	if !reflect.DeepEqual(got, brief.Doc(want)) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	for name, src := range map[string]string{
		"front matter changed": "+++\ntitle = \"About us\"\n+++\nWe will use it.\n",
		"a line more above":    "+++\ntitle = \"About\"\n\n+++\nWe will use it.\n",
		"past a limit":         front + strings.Repeat("[a](b) ", 101) + "\n",
		"not text":             front + "\x00\n",
	} {
		if d := brief.Rebody(old, []byte(src)); d != nil {
			t.Errorf("%s: got a document; want nil", name)
		}
	}
}
