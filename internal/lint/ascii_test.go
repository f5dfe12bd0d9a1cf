package lint

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// slowTokens is the tokenizer without its ASCII tables: decode every rune
// and ask the unicode package, as it did before the tables.
func slowTokens(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\uFFFC' {
			out = append(out, token{start: i, end: i + size, lower: mask, masked: true})
			i += size
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		j, letters, upper, digit := i, 0, 0, false
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) || r == '\uFFFC' {
				break
			}
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
			if unicode.IsDigit(r) {
				digit = true
			}
			j += size
		}
		for j > i && strings.ContainsRune("'’-+&", rune(s[j-1])) {
			j--
		}
		w := s[i:j]
		caps := letters >= 2 && (upper == letters || (upper == letters-1 && upper >= 2 && w[len(w)-1] == 's'))
		out = append(out, token{start: i, end: j, lower: strings.ToLower(w), caps: caps, hasDigit: digit})
		i = max(j, i+size)
	}
	return out
}

// TestASCIITablesChangeNothing: the tokenizer's and the syllable count's
// fast paths for ASCII give what decoding every rune gives, on random text
// of ASCII, accents, other scripts, masks and stray bytes.
func TestASCIITablesChangeNothing(t *testing.T) {
	pieces := []string{"a", "E", "y", "Q", "z", "0", "7", " ", ".", ",", "'", "’", "-", "+", "&", "\n", "\t",
		"é", "É", "ß", "İ", "Ω", "ж", "中", "٣", "\uFFFC", "\xff", "KPIs", "Tenderers", "utilised", "table", "agreed", "needed", "free", "the"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		p := &Prose{Text: s}
		got, want := p.tokens(), slowTokens(s)
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens, want %d", s, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d is %+v, want %+v", s, i, got[i], want[i])
			}
			if w := s[got[i].start:got[i].end]; syllables(w) != runeSyllables(w) {
				t.Fatalf("syllables(%q) = %d, want %d", w, syllables(w), runeSyllables(w))
			}
		}
	}
}
