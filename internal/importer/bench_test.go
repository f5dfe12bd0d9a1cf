package importer

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/london-anchors/tenders/internal/ocdsread"
)

// releases10k is a release package of 10,000 releases: 5,000 processes
// of a member, each a tender and a later update.
func releases10k(tb testing.TB) []byte {
	var b bytes.Buffer
	b.WriteString(`{"version":"1.1","releases":[`)
	for i := range 10000 {
		if i > 0 {
			b.WriteByte(',')
		}
		p, upd := i/2, i%2 == 1
		if !upd {
			fmt.Fprintf(&b, `{"ocid":"ocds-h6vhtk-%06x","id":"%06d-2026","date":"2026-11-01T09:00:00Z","tag":["tender"],`+
				`"parties":[{"id":"GB-LAE-CMD","name":"Camden","roles":["buyer"],"contactPoint":{"email":"p@camden.example"}}],`+
				`"tender":{"title":"Cleaning contract number %d","description":"<p>Daily cleaning of library %d, from April 2027.</p><p>Small firms are welcome.</p>",`+
				`"value":{"amount":%d,"currency":"GBP"},"tenderPeriod":{"endDate":"2026-12-18T12:00:00Z"},"mainProcurementCategory":"services",`+
				`"items":[{"id":"1","classification":{"scheme":"CPV","id":"90911200"},"deliveryAddresses":[{"region":"UKI31","postalCode":"NW5 2AF","streetAddress":"Library %d"}]}]}}`,
				p, i, p, p, 10000+p, p)
		} else {
			fmt.Fprintf(&b, `{"ocid":"ocds-h6vhtk-%06x","id":"%06d-2026","date":"2026-11-20T09:00:00Z","tag":["tenderUpdate"],"tender":{"tenderPeriod":{"endDate":"2027-01-08T12:00:00Z"}}}`, p, i)
		}
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// BenchmarkImport10k reads, compiles, maps and renders 10,000 releases
// (5,000 new briefs), writing nothing. It reports the heap in use at the
// end, which holds every release read and every brief planned.
func BenchmarkImport10k(b *testing.B) {
	src := releases10k(b)
	cfg := siteConfig(b)
	b.SetBytes(int64(len(src)))
	var heap uint64
	for b.Loop() {
		im := &Import{Config: cfg}
		if _, err := ocdsread.Read(bytes.NewReader(src), "bench.json", ocdsread.Options{Location: cfg.Location, Emit: im.Add}); err != nil {
			b.Fatal(err)
		}
		plan := im.Plan(nil, map[string]bool{})
		if len(plan) != 5000 || plan[0].Outcome != New {
			b.Fatalf("plan of %d, first %+v", len(plan), plan[0])
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = max(heap, ms.HeapInuse)
	}
	b.ReportMetric(float64(heap)/(1<<20), "MiB-heap")
}
