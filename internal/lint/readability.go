package lint

import (
	"strings"
	"unicode/utf8"
)

// readStats counts what the Flesch scores need.
type readStats struct {
	words, sentences, syllables int
}

func (s *readStats) add(o readStats) {
	s.words += o.words
	s.sentences += o.sentences
	s.syllables += o.syllables
}

// scores returns the Flesch reading ease and the Flesch-Kincaid grade.
func (s readStats) scores() (ease, grade float64) {
	if s.words == 0 || s.sentences == 0 {
		return 0, 0
	}
	wps := float64(s.words) / float64(s.sentences)
	spw := float64(s.syllables) / float64(s.words)
	return 206.835 - 1.015*wps - 84.6*spw, 0.39*wps + 11.8*spw - 15.59
}

// syllables estimates the syllables of an English word: groups of vowels,
// less a silent final e.
func syllables(w string) int {
	if n, ok := asciiSyllables(w); ok {
		return n
	}
	return runeSyllables(w)
}

// runeSyllables is syllables read a character at a time, for any word.
func runeSyllables(w string) int {
	w = strings.ToLower(w)
	n := 0
	prevVowel := false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	if n > 1 && strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") && !strings.HasSuffix(w, "ee") {
		n--
	}
	if n > 1 && (strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded")) {
		n--
	}
	return max(n, 1)
}

// asciiSyllables is syllables for a word of ASCII letters alone, as most
// are, without making its lower case; ok is false for any other word.
func asciiSyllables(w string) (n int, ok bool) {
	prevVowel := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return 0, false
		}
		c |= 0x20 * uint8(asciiClass[c]&asciiUpper/asciiUpper) // to lower case
		v := c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	end := func(suffix string) bool {
		return len(w) >= len(suffix) && strings.EqualFold(w[len(w)-len(suffix):], suffix)
	}
	if n > 1 && end("e") && !end("le") && !end("ee") {
		n--
	}
	if n > 1 && end("ed") && !end("ted") && !end("ded") {
		n--
	}
	return max(n, 1), true
}

// sentence is a span of tokens [from, to) of a Prose.
type sentence struct{ from, to int }

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{"e.g": true, "i.e": true, "etc": true, "dr": true, "mr": true, "mrs": true, "ms": true, "no": true, "st": true, "vs": true, "approx": true, "inc": true, "ltd": true, "co": true}

// sentences splits a Prose into sentences: at ".", "!" or "?" followed by a
// space or the end, unless the word before is an abbreviation.
func (p *Prose) sentences() []sentence {
	if p.sents != nil {
		return p.sents
	}
	toks := p.tokens()
	var out []sentence
	start := 0
	for i, t := range toks {
		next := len(p.Text)
		if i+1 < len(toks) {
			next = toks[i+1].start
		}
		gap := p.Text[t.end:next]
		if strings.ContainsAny(gap, ".!?") && !abbreviations[t.lower] {
			out = append(out, sentence{start, i + 1})
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, sentence{start, len(toks)})
	}
	if out == nil {
		out = []sentence{}
	}
	p.sents = out
	return out
}

// stats counts words, sentences and syllables in a Prose, once: the
// readability rule and the file's summary both read them.
func (p *Prose) stats() readStats {
	if p.counted {
		return p.st
	}
	var s readStats
	for _, t := range p.tokens() {
		if t.masked || t.hasDigit {
			s.words++
			s.syllables++
			continue
		}
		s.words++
		s.syllables += syllables(t.lower)
	}
	s.sentences = len(p.sentences())
	p.st, p.counted = s, true
	return s
}
