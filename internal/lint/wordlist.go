package lint

import (
	"slices"
	"sort"
	"strings"
)

// wordList finds the entries of Words (and a site's own) in prose.
type wordList struct {
	entries []Word
	first   map[string][]int // an inflected form of an entry's first word -> entries
	phrases [][][]string     // for each entry, the inflected forms of each of its words
	dotted  []Word           // entries with dots (e.g., i.e.), matched on the text itself
	names   [][]string       // the site's [lint] names, each as its lower-case words
}

// acronymEntries match only when written in capitals, so "meat" in a
// catering brief is not taken for MEAT.
var acronymEntries = map[string]bool{"itt": true, "kpi": true, "dps": true, "ojeu": true, "pqq": true, "sq": true, "sla": true, "tupe": true, "meat": true}

// portalNames are the names of the public portals where notices are
// published, which a brief names (and an imported one quotes) as names:
// "Find a Tender" holds "tender", a word of the list.
var portalNames = []string{"Find a Tender", "Contracts Finder", "Public Contracts Scotland", "Sell2Wales", "eTendersNI"}

func newWordList(extra map[string]string, names []string) *wordList {
	w := &wordList{first: map[string][]int{}}
	for _, n := range slices.Concat(portalNames, names) {
		if words := strings.Fields(strings.ToLower(n)); len(words) > 0 {
			w.names = append(w.names, words)
		}
	}
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
		if len(candidates) == 0 || isName(toks, i, text) || w.siteName(toks, i) {
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

// isName reports whether token i is part of a name, such as "the
// Endeavour Centre", "Utilise Road" or "Leverage Ltd": a run of words with
// capital first letters that holds a word naming a place or a body. A
// capitalised term on its own, at a sentence start or in a title-case
// phrase ("the Framework Agreement", "the Contracting Authority") is not a
// name: notices capitalise their defined terms. A site names its others in
// [lint] names.
func isName(toks []token, i int, text string) bool {
	if !titleCase(toks[i], text) {
		return false
	}
	from, to := i, i+1
	for from > 0 && joined(toks, from-1, text) && (titleCase(toks[from-1], text) || nameWords[toks[from-1].lower]) {
		from--
	}
	for to < len(toks) && joined(toks, to-1, text) && (titleCase(toks[to], text) || nameWords[toks[to].lower]) {
		to++
	}
	for k := from; k < to; k++ {
		if k != i && nameWords[toks[k].lower] {
			return true
		}
	}
	return false
}

// joined reports whether tokens k and k+1 are next to each other, with
// only spaces between.
func joined(toks []token, k int, text string) bool {
	return onlySpace(text[toks[k].end:toks[k+1].start])
}

// nameWords mark a run of capitalised words as the name of a place or a
// body.
var nameWords = map[string]bool{
	"centre": true, "center": true, "road": true, "street": true, "lane": true, "avenue": true, "square": true, "park": true,
	"hall": true, "house": true, "library": true, "school": true, "college": true, "university": true, "church": true,
	"ltd": true, "limited": true, "llp": true, "cic": true, "plc": true, "trust": true, "foundation": true,
	"charity": true, "society": true, "association": true, "club": true, "theatre": true, "museum": true, "gallery": true,
}

// siteName reports whether token i is inside one of the site's [lint]
// names, in any case.
func (w *wordList) siteName(toks []token, i int) bool {
	for _, name := range w.names {
		for k, word := range name {
			if word != toks[i].lower || i-k < 0 || i-k+len(name) > len(toks) {
				continue
			}
			ok := true
			for j, nw := range name {
				ok = ok && toks[i-k+j].lower == nw
			}
			if ok {
				return true
			}
		}
	}
	return false
}

func titleCase(t token, text string) bool {
	w := text[t.start:t.end]
	return !t.caps && len(w) >= 2 && w[0] >= 'A' && w[0] <= 'Z' && strings.ToLower(w[1:]) == w[1:]
}
