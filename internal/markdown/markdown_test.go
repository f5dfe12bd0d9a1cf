package markdown

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/audit"
)

func TestRender(t *testing.T) {
	base, _ := url.Parse("https://example.org/opps/")
	md := New(base)
	tests := []struct {
		name, in string
		want     []string // substrings of the output
		not      []string // never in the output
	}{
		{"raw html dropped", "<script>alert(1)</script>\n\n<b>bold</b> text", []string{"text"}, []string{"<script", "<b>"}},
		{"javascript link removed", "[click](javascript:alert(1))", []string{"click"}, []string{"javascript", "<a"}},
		{"mixed-case scheme", "[x](JaVaScRiPt:alert(1))", []string{"x"}, []string{"<a", "alert"}},
		{"data link removed", "[x](data:text/html;base64,PHNjcmlwdD4=)", nil, []string{"data:", "<a"}},
		{"vbscript link removed", "[x](vbscript:msgbox)", nil, []string{"vbscript", "<a"}},
		{"data image removed", "![alt](data:image/png;base64,AAAA)", []string{"alt"}, []string{"<img"}},
		{"autolink with bad scheme", "<javascript:alert(1)>", nil, []string{"<a"}},
		{"relative made absolute", "[spec](docs/spec.pdf) and [home](/)", []string{`href="https://example.org/opps/docs/spec.pdf"`, `href="https://example.org/opps/"`}, nil},
		{"a root path is never a scheme", "[a](/ms-msdt:x) [b](/t0ps:h/x) [c](/javascript:alert(1))", []string{`href="https://example.org/opps/ms-msdt:x"`, `href="https://example.org/opps/t0ps:h/x"`}, []string{`href="ms-msdt`, `href="t0ps`, `href=""`}},
		{"query and fragment kept", "[q](/docs/a.html?x=1#part)", []string{`href="https://example.org/opps/docs/a.html?x=1#part"`}, nil},
		{"fragment kept", "[up](#what-we-need)", []string{`href="#what-we-need"`}, nil},
		{"mailto kept", "[mail](mailto:a@b.example)", []string{`href="mailto:a@b.example"`}, nil},
		{"bare address linked", "See https://example.net/x now", []string{`<a href="https://example.net/x">`}, nil},
		{"heading ids", "## What we need\n\n## Documents\n\n## What we need", []string{`id="what-we-need"`, `id="documents-1"`, `id="what-we-need-1"`}, []string{`id="documents"`}},
		{"tables", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<td>1</td>"}, nil},
		{"explicit heading ids", "## Papers {#documents}\n\n## Plain words {#jargon}", []string{`id="documents-section"`, `id="jargon"`}, []string{`id="documents"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := md.Render([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			s := string(out)
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("output lacks %q:\n%s", w, s)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(strings.ToLower(s), strings.ToLower(n)) {
					t.Errorf("output has %q:\n%s", n, s)
				}
			}
		})
	}
}

func TestHeadingAttributes(t *testing.T) {
	md := New(nil)
	tests := []struct{ in, want string }{
		{"## What we need {style=\"position:fixed;inset:0\"}", `<h2 id="what-we-need">What we need</h2>`},
		{"## Hidden {.visually-hidden}", `<h2 id="hidden">Hidden</h2>`},
		{"## Both {#mine .visually-hidden style=\"color:red\"}", `<h2 id="mine">Both</h2>`},
		{"## Handler {onclick=\"alert(1)\"}", `<h2 id="handler">Handler</h2>`},
		{"## Spaced {id=\"a b\"}", `<h2>Spaced</h2>`},
		{"```x&#10;visually-hidden\ncode\n```", "<pre><code>code\n</code></pre>"},
		{"~~~ x&#9;hidden\ncode\n~~~", "<pre><code>code\n</code></pre>"},
		{"```go\ncode\n```", `<pre><code class="language-go">code` + "\n</code></pre>"},
	}
	for _, tt := range tests {
		out, err := md.Render([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(out)); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestRepeatedHeadings(t *testing.T) {
	md := New(nil)
	src := strings.Repeat("## a\n", 5) + "## a-2 {#a-7}\n" + strings.Repeat("## a\n", 3)
	out, err := md.Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`id="a"`, `id="a-1"`, `id="a-2"`, `id="a-3"`, `id="a-4"`, `id="a-7"`, `id="a-5"`, `id="a-6"`, `id="a-8"`}
	got := regexp.MustCompile(`id="[^"]*"`).FindAllString(string(out), -1)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids\n got %v\nwant %v", got, want)
	}
}

// FuzzRender renders arbitrary bodies: the HTML never holds a script or
// another active element, an event handler, a style of the body's own, or
// a link to a scheme other than http, https and mailto.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"## What we need {style=\"position:fixed\"}\n\n<script>alert(1)</script>",
		"[x](javascript:alert(1)) ![y](data:image/png;base64,AA) <https://example.org>",
		"| a | b |\n|:-|-:|\n| <b onclick=x>1</b> | 2 |",
		"<a href=\"x\" onmouseover=\"y\">z</a>\n\n<!-- comment -->\n\n<style>body{}</style>",
		"- [ ] task\n- [x] done\n\n~~strike~~ www.example.org a@b.example",
		"[ref]: javascript:alert(1)\n\n[click][ref]",
		"## Heading {#id .class onclick=\"x\"}\n\n```html\n<script>\n```",
		"![a onload=x](https://example.org/i.png \"t onerror=y\")",
	} {
		f.Add(seed)
	}
	base, _ := url.Parse("https://example.org/opps/")
	md := New(base)
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return // content is refused unless it is UTF-8 (brief.CheckText)
		}
		out, err := md.Render([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if problems := audit.Fragment(out); len(problems) > 0 {
			t.Fatalf("%s in\n%s", problems[0], out)
		}
	})
}
