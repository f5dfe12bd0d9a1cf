package lint_test

import (
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/lint"
)

// BenchmarkPathological lints bodies built to find work that grows faster
// than the input: thousands of links, findings or acronyms on one line,
// deep nesting, long lists. Each case should take well under a second.
func BenchmarkPathological(b *testing.B) {
	cfg, _ := config.Parse("site.toml", defaultSiteTOML)
	e, _ := lint.New(cfg)
	p := &brief.Parser{Config: cfg}
	var acr strings.Builder
	for i := 0; i < 20000; i++ {
		acr.WriteString(string(rune('A'+i%26)) + string(rune('A'+i/26%26)) + string(rune('A'+i/676%26)) + " (")
	}
	cases := map[string]string{
		"ignores":  strings.Repeat("<!-- lint-ignore jargon: x -->\nWe utilise it.\n\n", 8000),
		"acronyms": acr.String(),
		"links":    strings.Repeat(strings.Repeat("[here](x) ", 100)+"\n", 300),
		"nested":   strings.Repeat(strings.Repeat("> ", 16)+"utilise\n", 2000),
		"list":     strings.Repeat("- a\n  - b\n", 20000),
		"caps":     strings.Repeat("WE MUST ", 60000),
		"dots":     strings.Repeat("e.g. i.e. viz. ", 30000),
	}
	for _, name := range []string{"ignores", "acronyms", "links", "nested", "list", "caps", "dots"} {
		b.Run(name, func(b *testing.B) {
			br, list := p.Brief("f.md", []byte(fuzzFront+cases[name]))
			if br == nil || list.Errors() > 0 {
				b.Fatalf("did not parse: %v", list)
			}
			b.SetBytes(int64(len(cases[name])))
			for b.Loop() {
				e.CheckFile(br)
			}
		})
	}
}
