package brief

import (
	"fmt"
	"strings"

	"github.com/london-anchors/tenders/internal/tomldec"

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

// topicsMissing reports a brief without topics, listing the site's to
// choose from; for an imported brief, it says why the import could not
// choose them.
func (c *checker) topicsMissing(b *Brief) {
	if c.bad["topics"] {
		return
	}
	keys := c.cfg.TopicKeys()
	why := ""
	switch {
	case b.Imported != nil && len(b.CPV) == 0:
		why = ": the notice gives no CPV code, so tenders import could not choose them"
	case b.Imported != nil:
		why = fmt.Sprintf(": no topic of site.toml has a cpv prefix of the notice's CPV codes (%s), so tenders import could not choose them", strings.Join(b.CPV, ", "))
	}
	if len(keys) == 0 {
		c.list = append(c.list, errAt(c.file, tomldec.Pos{Line: 1, Col: 1}, "topics is missing"+why+"; site.toml has no topics yet: add a [topics.KEY] table with its name and cpv prefixes, then name it here, such as topics = [\"cleaning\"]"))
		return
	}
	msg := fmt.Sprintf("topics is missing%s; choose from the site's topics (%s) the ones a supplier would look under, and add a line such as topics = [%q] in the front matter",
		why, quoteAll(keys), first(keys))
	c.list = append(c.list, errAt(c.file, tomldec.Pos{Line: 1, Col: 1}, msg))
}
