package lint_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/lint"
)

// badGrammar are patterns no message may hold: an article before an
// uncountable or a vowel, doubled words or spaces, "write" before an
// aside in brackets, an empty clause.
var badGrammar = regexp.MustCompile(`\bis a legalese\b|\ba [aeiou]|\ban [^aeiou"]|  |write \(|; ;|;$|\bwrite explain\b`)

// TestMessages renders the message of every entry of the word list, each
// written in a sentence of its own, and checks that each reads as a
// sentence: every entry is found, and no message has a grammar slip.
func TestMessages(t *testing.T) {
	var body strings.Builder
	body.WriteString("\n## What we need\n\n")
	front := strings.Replace(fuzzFront, "We will utilise the café.", "Cleaning.", 1)
	first := strings.Count(front, "\n") + 4 // the file line of the first entry
	for _, w := range lint.Words {
		phrase := w.Phrase
		if len(phrase) <= 4 && !strings.Contains(phrase, " ") && !strings.Contains(phrase, ".") && phrase != "lot" && phrase != "key" {
			phrase = strings.ToUpper(phrase) // acronyms match only in capitals
		}
		fmt.Fprintf(&body, "Here we wrote %s today.\n\n", phrase)
	}
	e, parse := fixEnv(t)
	d := parse([]byte(front + body.String()))
	if d == nil {
		t.Fatal("the test brief does not parse")
	}
	list, _ := e.CheckFile(d)
	got := map[int]string{}
	for _, f := range list {
		if f.Rule == "jargon" && f.Line >= first {
			got[f.Line] = f.Message
		}
	}
	for i, w := range lint.Words {
		msg, ok := got[first+2*i]
		if !ok {
			t.Errorf("%q: no finding", w.Phrase)
			continue
		}
		if m := badGrammar.FindString(msg); m != "" {
			t.Errorf("%q: the message %q has %q", w.Phrase, msg, m)
		}
		words := strings.Fields(strings.ToLower(msg))
		for j := 1; j < len(words); j++ {
			if words[j] == words[j-1] {
				t.Errorf("%q: the message %q has %q twice", w.Phrase, msg, words[j])
			}
		}
	}
}
