package synth

import (
	"bufio"
	"fmt"
	"io"
)

// ReleasesSiteTOML is a site.toml whose one buyer is the buyer of every
// release Releases writes.
const ReleasesSiteTOML = `title = "Import benchmark"
base_url = "https://example.org/"
timezone = "Europe/London"

[buyers.camden]
name = "London Borough of Camden"
kind = "council"
ids = ["GB-LAE-CMD"]

[topics.cleaning]
name = "Cleaning"
cpv = ["9091"]
`

// Releases writes n OCDS releases for benchmarks of tenders import: n/2
// contracting processes of one buyer, each a tender notice and, later, an
// update that moves its deadline. The tenders come first and the updates
// after them, as a walk of a portal by date finds them, so the releases
// of one process are far apart. With lines, it writes JSON Lines (a
// release a line); otherwise one release package on one line, as the
// portals' APIs send it.
func Releases(w io.Writer, n int, lines bool) error {
	bw := bufio.NewWriter(w)
	sep := "\n"
	if !lines {
		bw.WriteString(`{"version":"1.1","releases":[`)
		sep = ","
	}
	half := (n + 1) / 2
	for i := range n {
		if i > 0 && !lines {
			bw.WriteString(sep)
		}
		if i < half {
			fmt.Fprintf(bw, `{"ocid":"ocds-h6vhtk-%06x","id":"%06d-2026","date":"2026-11-01T09:00:00Z","tag":["tender"],`+
				`"parties":[{"id":"GB-LAE-CMD","name":"Camden","roles":["buyer"],"contactPoint":{"email":"p@camden.example"}}],`+
				`"tender":{"title":"Cleaning contract number %d","description":"<p>Daily cleaning of library %d, from April 2027.</p><p>Small firms are welcome.</p>",`+
				`"value":{"amount":%d,"currency":"GBP"},"tenderPeriod":{"endDate":"2026-12-18T12:00:00Z"},"mainProcurementCategory":"services",`+
				`"items":[{"id":"1","classification":{"scheme":"CPV","id":"90911200"},"deliveryAddresses":[{"region":"UKI31","postalCode":"NW5 2AF","streetAddress":"Library %d"}]}]}}`,
				i, i, i, i, 10000+i, i)
		} else {
			p := i - half
			fmt.Fprintf(bw, `{"ocid":"ocds-h6vhtk-%06x","id":"%06d-2026","date":"2026-11-20T09:00:00Z","tag":["tenderUpdate"],"tender":{"tenderPeriod":{"endDate":"2027-01-08T12:00:00Z"}}}`, p, i)
		}
		if lines {
			bw.WriteString(sep)
		}
	}
	if !lines {
		bw.WriteString("]}")
	}
	return bw.Flush()
}
