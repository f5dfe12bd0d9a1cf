package brief

import (
	"strings"

	"github.com/london-anchors/tenders/internal/config"
)

// imported checks [imported], which tenders import writes.
func (c *checker) imported(im *Imported) {
	if im == nil {
		return
	}
	if c.required("imported.publisher", im.Publisher) {
		if why := plainText(im.Publisher); why != "" {
			c.report("imported.publisher", "publisher %s", why)
		}
	}
	if c.required("imported.ocid", im.OCID) && strings.ContainsAny(im.OCID, " \t\n<>") {
		c.report("imported.ocid", "ocid %q may not hold spaces or < >; it is the notice's id, as the portal gives it", im.OCID)
	}
	if im.URL != "" {
		if msg := config.CheckWebURL(im.URL); msg != "" {
			c.report("imported.url", "url %s", msg)
		}
	}
	c.items("imported.releases", len(im.Releases))
	c.items("imported.sums", len(im.Sums))
}
