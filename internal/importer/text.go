package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/safetext"
)

// paragraphs turns a notice's description into plain paragraphs. HTML
// (which some notices hold) is read with a real tokenizer: block elements
// end a paragraph, list items become their own, scripts, styles and
// everything else that is not text are dropped, entities are decoded.
// Text without tags is split at its line breaks.
func paragraphs(desc string) []string {
	desc = safetext.Strip(desc) // so no description holds itemMark
	text := desc
	if looksLikeHTML.MatchString(desc) {
		text = htmlText(desc)
	}
	var out []string
	for _, line := range strings.Split(text, "\n") {
		item := strings.HasPrefix(line, itemMark)
		line = safetext.Strip(strings.ReplaceAll(line, itemMark, "")) // entities may have made any character
		if p := strings.Join(strings.FieldsFunc(line, isSpace), " "); p != "" {
			if item {
				p = itemMark + p
			}
			out = append(out, p)
		}
	}
	return out
}

// itemMark starts a paragraph that was an HTML list item. It is a
// character content may not hold, so no description can forge it.
const itemMark = "\x01"

// isSpace is white space and the control characters content may not hold.
func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u00a0' }

var looksLikeHTML = regexp.MustCompile(`<(?i:/?[a-z][a-z0-9]*[\s/>]|!--)|&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);`)

func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // inside <script> or <style>
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.ReplaceAll(string(z.Text()), "\n", " "))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Iframe, atom.Object:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Li:
				b.WriteByte('\n')
				if tt == html.StartTagToken {
					b.WriteString(itemMark)
				}
			case atom.P, atom.Div, atom.Br, atom.Ul, atom.Ol, atom.Tr, atom.Table,
				atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Section, atom.Hr:
				b.WriteByte('\n')
			}
		}
	}
}

// markdown escapes a plain paragraph so that the body shows it as
// written: no character of it is read as Markdown or HTML.
func markdown(p string) string {
	var b strings.Builder
	for i, r := range p {
		switch {
		case strings.ContainsRune("\\`*_[]<>&|~", r):
			b.WriteByte('\\')
		case i == 0 && strings.ContainsRune("#-+=", r):
			b.WriteByte('\\')
		case r == '.' || r == ')':
			if i > 0 && allDigits(p[:i]) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// bodyOf is a brief's Markdown body from a notice's description.
func bodyOf(ps []string) string {
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("## What we need\n\n")
	for i, p := range ps {
		item, ok := strings.CutPrefix(p, itemMark)
		switch {
		case ok:
			b.WriteString("- " + markdown(item) + "\n")
			if i+1 == len(ps) || !strings.HasPrefix(ps[i+1], itemMark) {
				b.WriteString("\n")
			}
		default:
			b.WriteString(markdown(p) + "\n\n")
		}
	}
	return b.String()
}

// summaryOf is the first sentence of the description, plain, at most
// brief.MaxSummary characters (cut at a word, with an ellipsis, if need be).
func summaryOf(ps []string, title string) string {
	s := title
	if len(ps) > 0 {
		s = ps[0]
	}
	s = plain(strings.ReplaceAll(s, itemMark, ""))
	if i := sentenceEnd(s); i > 0 {
		s = s[:i]
	}
	if utf8.RuneCountInString(s) <= brief.MaxSummary {
		return s
	}
	cut := []rune(s)[:brief.MaxSummary-1]
	if i := strings.LastIndexByte(string(cut), ' '); i > brief.MaxSummary/2 {
		return strings.TrimRight(string(cut)[:i], " ,;:") + "…"
	}
	return string(cut) + "…"
}

// sentenceEnd is the end of the first sentence, after at least a few
// words, or 0.
func sentenceEnd(s string) int {
	for i := 1; i < len(s)-1; i++ {
		if strings.IndexByte(".!?", s[i]) >= 0 && s[i+1] == ' ' && i >= 20 {
			return i + 1
		}
	}
	return 0
}

// plain makes a line plain text, as a summary or title must be: no tags,
// nothing read as Markdown.
func plain(s string) string {
	s = strings.Join(strings.FieldsFunc(s, isSpace), " ")
	s = strings.NewReplacer("<", "‹", ">", "›", "`", "'", "**", "*", "__", "_", "](", "] (").Replace(s)
	return strings.TrimLeft(s, "# ")
}
