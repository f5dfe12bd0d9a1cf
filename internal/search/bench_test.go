package search

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/london-anchors/tenders/internal/synth"
)

// synthDocs makes n documents of about 150 distinct words each, drawn
// from a vocabulary of 5,000 with a few words far commoner than the rest,
// as in real text.
func synthDocs(n int) []Doc {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = "w" + strconv.Itoa(i)
	}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	docs := make([]Doc, n)
	for i := range docs {
		var text strings.Builder
		for range 200 {
			text.WriteString(vocab[int(float64(len(vocab))*rng.Float64()*rng.Float64())])
			text.WriteByte(' ')
		}
		docs[i] = Doc{
			Words:    Words([]byte(text.String())),
			Facets:   []string{"topic:t" + strconv.Itoa(i%20), "borough:b" + strconv.Itoa(i%33), "buyer:x" + strconv.Itoa(i%60)},
			Deadline: now.Add(time.Duration(i-n/2) * time.Hour),
			Card:     Card{URL: "opportunities/brief-" + strconv.Itoa(i) + "/", Title: "Brief " + strconv.Itoa(i), Summary: strings.Repeat("Some words. ", 12)},
		}
	}
	return docs
}

// BenchmarkBuild makes the index of 10,000 and of 50,000 briefs, and
// reports its size.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		docs := synthDocs(n)
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var files map[string][]byte
			for b.Loop() {
				files = Build([]Group{{Name: "open", Timed: true, Docs: docs}}, now)
			}
			var terms, chunks int
			for name, data := range files {
				if strings.HasPrefix(name, "search/t/") {
					terms += len(data)
				} else {
					chunks += len(data)
				}
			}
			b.ReportMetric(float64(len(files)), "files")
			b.ReportMetric(float64(terms)/1e6, "terms-MB")
			b.ReportMetric(float64(chunks)/1e6, "cards-MB")
			b.ReportMetric(float64(len(files["search/index.json"]))/1e3, "manifest-KB")
		})
	}
}

// BenchmarkWords splits a brief of about 600 words.
func BenchmarkWords(b *testing.B) {
	text := []byte(strings.Repeat("The cleaning of two libraries in Kentish Town, NW5 1XN, every weekday morning. ", 50))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Words(text)
	}
}

// BenchmarkWordsBriefs splits 20 synthetic briefs, front matter and body,
// of many distinct words, as a build splits each brief for the index.
func BenchmarkWordsBriefs(b *testing.B) {
	var texts [][]byte
	for i := range 20 {
		_, data := synth.Brief(i)
		texts = append(texts, data)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Words(t)
		}
	}
}
