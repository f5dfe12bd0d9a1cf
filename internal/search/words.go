// Package search writes the index the site's search script reads: static
// files that any host can serve, fetched a few at a time, so that a query
// across every brief, open or closed, loads only what it needs.
//
// The index is three kinds of file under search/:
//
//   - index.json, the manifest: how the documents fall into status groups,
//     the first term of every term shard, the words not indexed, and when
//     the timed group's briefs close, so the script can tell open from
//     closed at the moment of reading.
//   - t/N.bin, term shards: the terms in byte order, each with the sorted
//     numbers of the documents that hold it (see Shard for the format).
//     A facet is a term too, such as "topic:cleaning": a word never holds
//     a colon.
//   - d/N.json, document chunks: ChunkSize cards in document order, what a
//     result shows.
//
// Documents are numbered in the order results are shown, status group by
// status group, so that the first results of a query are the lowest
// numbers and need the fewest chunks.
package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stop lists the words not indexed: too common to narrow a search. The
// manifest carries the list, so the script drops the same words from a
// query.
var Stop = []string{
	"a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be",
	"been", "but", "by", "can", "com", "do", "for", "from", "has", "have",
	"http", "https", "if", "in", "into", "is", "it", "its", "may", "more",
	"must", "no", "not", "of", "on", "or", "org", "our", "out", "over", "so",
	"such", "than", "that", "the", "their", "them", "then", "there", "these",
	"they", "this", "to", "up", "us", "was", "we", "were", "what", "when",
	"which", "who", "will", "with", "www", "you", "your",
}

var stop = func() map[string]bool {
	m := make(map[string]bool, len(Stop))
	for _, w := range Stop {
		m[w] = true
	}
	return m
}()

// Longest word indexed, in characters; a longer run of letters is cut.
const maxWord = 32

// Words returns the distinct words of texts, sorted and joined by spaces:
// the compact form in which a brief keeps its words until the index is
// made. A word is a run of letters and digits, in lower case; a word of one
// character, or in Stop, is left out. The script splits a query the same
// way.
func Words(texts ...[]byte) string {
	size := 0
	for _, text := range texts {
		size += len(text)
	}
	seen := make(map[string]struct{}, size/16) // a brief has a new word about every 16 bytes
	var buf []byte
	flush := func() {
		if n := utf8.RuneCount(buf); n >= 2 {
			if _, ok := seen[string(buf)]; !ok && !stop[string(buf)] {
				seen[string(buf)] = struct{}{}
			}
		}
		buf = buf[:0]
	}
	for _, text := range texts {
		n := 0
		for len(text) > 0 {
			if c := text[0]; c < utf8.RuneSelf {
				// ASCII, as most text is: the same as below, by bytes.
				text = text[1:]
				switch {
				case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				case 'A' <= c && c <= 'Z':
					c += 'a' - 'A'
				case c == '\'':
					continue
				default:
					flush()
					n = 0
					continue
				}
				if n < maxWord {
					buf = append(buf, c)
				}
				n++
				continue
			}
			r, size := utf8.DecodeRune(text)
			text = text[size:]
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if n < maxWord {
					buf = utf8.AppendRune(buf, unicode.ToLower(r))
				}
				n++
				continue
			}
			if r == '\'' || r == '’' {
				continue // "buyer's" is one word, "buyers"
			}
			flush()
			n = 0
		}
		flush()
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}
