package lint

import (
	"sort"
	"strings"
)

// wordList finds the entries of Words (and a site's own) in prose.
type wordList struct {
	entries []Word
	first   map[string][]int // an inflected form of an entry's first word -> entries
	phrases [][][]string     // for each entry, the inflected forms of each of its words
	dotted  []Word           // entries with dots (e.g., i.e.), matched on the text itself
}

// acronymEntries match only when written in capitals, so "meat" in a
// catering brief is not taken for MEAT.
var acronymEntries = map[string]bool{"itt": true, "kpi": true, "dps": true, "ojeu": true, "pqq": true, "sq": true, "sla": true, "tupe": true, "meat": true}

func newWordList(extra map[string]string) *wordList {
	w := &wordList{first: map[string][]int{}}
	entries := append([]Word(nil), Words...)
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		entries = append(entries, Word{Phrase: strings.ToLower(strings.TrimSpace(k)), Plain: extra[k], Category: CatSite})
	}
	for _, e := range entries {
		if strings.Contains(e.Phrase, ".") {
			w.dotted = appendUnique(w.dotted, e)
			continue
		}
		parts := strings.Fields(e.Phrase)
		if len(parts) == 0 {
			continue
		}
		forms := make([][]string, len(parts))
		for i, part := range parts {
			forms[i] = inflections(part)
		}
		idx := len(w.entries)
		w.entries = append(w.entries, e)
		w.phrases = append(w.phrases, forms)
		for _, f := range forms[0] {
			w.first[f] = append(w.first[f], idx)
		}
	}
	return w
}

func appendUnique(ws []Word, e Word) []Word {
	for _, w := range ws {
		if w.Phrase == e.Phrase {
			return ws
		}
	}
	return append(ws, e)
}

// inflections lists the forms of a word: utilise, utilises, utilised,
// utilising; stakeholder, stakeholders; apply, applies, applied.
func inflections(w string) []string {
	forms := []string{w, w + "s", w + "es", w + "ed", w + "ing"}
	switch {
	case strings.HasSuffix(w, "e"):
		base := w[:len(w)-1]
		forms = append(forms, w+"d", base+"ing")
	case strings.HasSuffix(w, "y") && len(w) > 2:
		base := w[:len(w)-1]
		forms = append(forms, base+"ies", base+"ied")
	}
	if strings.Contains(w, "-") {
		forms = append(forms, strings.ReplaceAll(w, "-", ""), strings.ReplaceAll(w, "-", " "))
	}
	return forms
}

// match is an entry found at tokens [from, to).
type match struct {
	entry    Word
	from, to int
}

// find returns every entry found in the tokens, longest first where two
// start at the same word.
func (w *wordList) find(toks []token, text string) []match {
	var out []match
	for i := 0; i < len(toks); i++ {
		candidates := w.first[toks[i].lower]
		if len(candidates) == 0 || isName(toks, i, text) {
			continue // no entry starts here, or "the Endeavour Centre": a name, not jargon
		}
		best := -1
		bestLen := 0
		for _, idx := range candidates {
			forms := w.phrases[idx]
			if i+len(forms) > len(toks) || len(forms) <= bestLen {
				continue
			}
			ok := true
			for k := 1; k < len(forms) && ok; k++ {
				ok = contains(forms[k], toks[i+k].lower) && onlySpace(text[toks[i+k-1].end:toks[i+k].start])
			}
			if !ok {
				continue
			}
			e := w.entries[idx]
			if acronymEntries[e.Phrase] && !toks[i].caps {
				continue
			}
			if e.Phrase == "lot" && ((i > 0 && toks[i-1].lower == "a") || (i+1 < len(toks) && toks[i+1].lower == "of")) {
				continue // "a lot", "lots of"
			}
			best, bestLen = idx, len(forms)
		}
		if best >= 0 {
			out = append(out, match{w.entries[best], i, i + bestLen})
			i += bestLen - 1
		}
	}
	return out
}

func contains(forms []string, s string) bool {
	for _, f := range forms {
		if f == s {
			return true
		}
	}
	return false
}

// onlySpace reports whether s (the text between two words) is only spaces:
// a phrase does not run across punctuation.
func onlySpace(s string) bool {
	return strings.TrimSpace(s) == "" || s == "-"
}

// isName reports whether token i looks like part of a name of two words or
// more, such as "the Endeavour Centre" or "Leverage Ltd": a capital first
// letter, the rest lower case, next to another such word, and not merely
// the first word of a sentence. A lone capitalised word is still checked.
func isName(toks []token, i int, text string) bool {
	if !titleCase(toks[i], text) {
		return false
	}
	startsSentence := i == 0 || strings.ContainsAny(text[toks[i-1].end:toks[i].start], ".!?:;")
	prev := !startsSentence && titleCase(toks[i-1], text)
	next := i+1 < len(toks) && onlySpace(text[toks[i].end:toks[i+1].start]) && titleCase(toks[i+1], text)
	return prev || next
}

func titleCase(t token, text string) bool {
	w := text[t.start:t.end]
	return !t.caps && len(w) >= 2 && w[0] >= 'A' && w[0] <= 'Z' && strings.ToLower(w[1:]) == w[1:]
}
