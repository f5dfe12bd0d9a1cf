package lint

import "strings"

// spelledOut finds the acronyms a file spells out somewhere, in capitals:
// "Selection Questionnaire (SQ)", "SQ (Selection Questionnaire)", or a
// list of definitions, a block that starts "SQ: Selection Questionnaire"
// (or with a dash). One spelling out explains every use in the file.
func spelledOut(prose []*Prose) map[string]bool {
	out := map[string]bool{}
	for _, pr := range prose {
		toks := pr.tokens()
		for i, t := range toks {
			if !t.caps || t.hasDigit {
				continue
			}
			if spelledAt(pr.Text, toks, i) {
				out[strings.TrimSuffix(pr.Text[t.start:t.end], "s")] = true
			}
		}
	}
	return out
}

// spelledAt reports whether the acronym at token i is spelt out beside it.
func spelledAt(text string, toks []token, i int) bool {
	t := toks[i]
	before := strings.TrimSpace(text[:t.start])
	after := strings.TrimLeft(text[t.end:], " ")
	// "Selection Questionnaire (SQ)": two words or more, then the letters
	// in brackets.
	if strings.HasSuffix(before, "(") && strings.HasPrefix(after, ")") && i >= 2 {
		return true
	}
	// "SQ (Selection Questionnaire)"
	if inner, ok := strings.CutPrefix(after, "("); ok {
		if inner, _, ok = strings.Cut(inner, ")"); ok && len(strings.Fields(inner)) >= 2 {
			return true
		}
	}
	// A definition: "SQ: Selection Questionnaire", "SQ - ...", "SQ – ...".
	if i == 0 {
		for _, sep := range []string{":", "-", "–", "—", "="} {
			if rest, ok := strings.CutPrefix(after, sep); ok && len(strings.Fields(rest)) >= 2 {
				return true
			}
		}
	}
	return false
}
