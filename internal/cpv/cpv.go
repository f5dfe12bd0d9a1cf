// Package cpv looks up codes of the Common Procurement Vocabulary (CPV 2008,
// Regulation (EC) No 213/2008), the EU's list of what public bodies buy.
//
// The list is embedded from cpv2008.tsv; see SOURCE.md for where it comes
// from. A code is eight digits, a hyphen and a check digit, such as
// "90911200-8". The check digit follows no simple formula, so a code is valid
// only if it is in the list.
package cpv

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed cpv2008.tsv
var tsv string

var codes = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 9500)
	for line := range strings.Lines(tsv) {
		code, label, ok := strings.Cut(strings.TrimRight(line, "\r\n"), "\t")
		if !ok || code == "code" {
			continue
		}
		m[code] = label
	}
	return m
})

// Lookup returns the English label of a code such as "90911200-8", and
// whether the code exists.
func Lookup(code string) (string, bool) {
	label, ok := codes()[code]
	return label, ok
}

// ByDigits finds the full code (with its check digit) for eight digits, so
// a message can suggest it when the check digit is wrong or missing.
func ByDigits(digits string) (string, bool) {
	if len(digits) != 8 {
		return "", false
	}
	for d := '0'; d <= '9'; d++ {
		c := digits + "-" + string(d)
		if _, ok := codes()[c]; ok {
			return c, true
		}
	}
	return "", false
}

// Len reports how many codes the list holds.
func Len() int { return len(codes()) }
