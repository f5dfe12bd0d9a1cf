package lint_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/lint"
)

const fuzzFront = `+++
title = "Fuzz"
reference = "F-1"
buyer = "camden"
published = 2026-11-02T09:00:00Z
deadline = 2026-12-18T12:00:00Z
summary = "We will utilise the café."
category = "services"
topics = ["cleaning"]
apply_url = "https://example.org/bid"
[contact]
email = "a@camden.example"
+++
`

// FuzzLint feeds arbitrary Markdown bodies to the linter: it must not
// panic, and every finding must lie inside the file.
func FuzzLint(f *testing.F) {
	for _, seed := range []string{
		"## What we need\n\nWe will utilise the ITT. Click [here](x).\n",
		"<!-- lint-ignore jargon: x -->\nleverage\n\n<!-- lint-disable all -->\n",
		"| a | b |\n|---|---|\n| Whilst | https://x.org |\n",
		"- In order\n  to bid\n\n```\ncode\n```\n# h1\n#### h4\n![](x.png)\n",
		"Naïve café ISO 9001 TODO [write here] BEFORE THE DEADLINE the the\n",
		"<https://example.org> a@b.example `x` **bold** _e.g._ i.e.",
		"## What you need to apply\n\n- £10m public liability insurance\n\nBidders must hold £2.5 million employer's liability insurance at the time of bidding. A turnover of £999999999999999bn, £, £1,,0 and three years of accounts.\n",
		"We pay within 90 working days. 60-day payment terms. Public sector experience. Experience of the public-sector. Payment is due -5 days after",
	} {
		f.Add(seed)
	}
	cfg, _ := config.Parse("site.toml", defaultSiteTOML)
	e, _ := lint.New(cfg)
	p := &brief.Parser{Config: cfg}
	f.Fuzz(func(t *testing.T, body string) {
		src := fuzzFront + body
		b, list := p.Brief("f.md", []byte(src))
		if b == nil || list.Errors() > 0 {
			return
		}
		found, _ := e.CheckFile(b)
		lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
		for _, d := range found {
			if d.Line < 1 || d.Line > len(lines) {
				t.Fatalf("%v: line outside the file (%d lines)", d, len(lines))
			}
			if n := utf8.RuneCountInString(lines[d.Line-1]); d.Col < 1 || d.Col > n+1 {
				t.Fatalf("%v: column outside line %q", d, lines[d.Line-1])
			}
			if d.EndLine != 0 && (d.EndLine < d.Line || d.EndLine > len(lines)) {
				t.Fatalf("%v: end line %d outside the file", d, d.EndLine)
			}
		}
	})
}
