package site

import (
	"fmt"
	"html"
	"net/url"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/mediatype"
)

// writeAliases writes a small page at every alias of a brief that sends
// the reader to its address now. It forwards by a relative address, as
// every link of the site is written, so it works wherever the site is
// served; only the canonical link is absolute.
func (r *renderer) writeAliases() *diag.Diagnostic {
	for _, o := range r.opps {
		for _, a := range o.Aliases {
			p := brief.AliasPath(a)
			name := p + "index.html"
			if r.written[name] {
				pos := o.Pos("aliases")
				return &diag.Diagnostic{File: o.File, Line: max(pos.Line, 1), Col: max(pos.Col, 1), Severity: diag.Error, Rule: "invalid",
					Message: fmt.Sprintf("alias %q is the address of another page of the site; remove it from aliases", a)}
			}
			canonical, to := html.EscapeString(r.Config.URL(o.URL)), html.EscapeString(rootFor(p)+o.URL)
			t := html.EscapeString(o.Title)
			r.put(name, []byte(fmt.Sprintf(`<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moved: %s</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="%s">
%s<meta http-equiv="refresh" content="0; url=%s">
</head>
<body>
<main>
<h1>This opportunity has moved</h1>
<p>It is now at <a href="%s">%s</a>.</p>
</main>
</body>
</html>
`, html.EscapeString(r.Config.Language), t, canonical, r.iconLinks(rootFor(p)), to, to, t)))
		}
	}
	return nil
}

// writeHostFiles writes _headers and _redirects, the files Netlify,
// Cloudflare Pages and others read, when site.toml's [hosting] asks.
func (r *renderer) writeHostFiles() {
	base := r.Config.Base.Path // "/" or "/opps/"
	if r.Config.Hosting.Headers {
		var b strings.Builder
		fmt.Fprintf(&b, "# Written by tenders build: Content-Types of feeds and calendars, and\n# long caching for files whose names carry their content's hash.\n")
		fmt.Fprintf(&b, "%s*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n", base)
		for _, t := range mediatype.Types {
			if t.Header {
				fmt.Fprintf(&b, "%s*%s\n  Content-Type: %s\n", base, t.Suffix, t.Name)
			}
		}
		var fps []string
		for _, fp := range r.assets {
			fps = append(fps, fp)
		}
		slices.Sort(fps)
		for _, fp := range fps {
			fmt.Fprintf(&b, "%s%s\n  Cache-Control: public, max-age=31536000, immutable\n", base, fp)
		}
		r.put("_headers", []byte(b.String()))
	}
	if r.Config.Hosting.Redirects {
		var b strings.Builder
		fmt.Fprintf(&b, "# Written by tenders build: old addresses of renamed briefs.\n")
		for _, o := range r.opps {
			for _, a := range o.Aliases {
				p := brief.AliasPath(a)
				fmt.Fprintf(&b, "%s%s %s%s 301\n", base, p, base, o.URL)
				fmt.Fprintf(&b, "%s%s %s%s 301\n", base, strings.TrimSuffix(p, "/"), base, o.URL)
			}
		}
		r.put("_redirects", []byte(b.String()))
	}
}

// NewBriefTitle is the title of the brief a new-file link starts.
const NewBriefTitle = "TODO: the title of your opportunity"

// submitLinks makes a link for each buyer that opens GitHub's editor on a
// new file in content/opportunities/ holding the brief tenders new writes.
// GitHub does not document the filename and value parameters; the submit
// page says what to do if they stop working.
func (r *renderer) submitLinks() []SubmitLink {
	if r.Config.Repo == "" {
		return nil
	}
	var out []SubmitLink
	for _, k := range r.Config.BuyerKeys() {
		text := brief.ShortSkeleton(NewBriefTitle, brief.Facts{Buyer: k}, r.Now, r.loc)
		out = append(out, SubmitLink{Buyer: r.Config.Buyers[k].Name, URL: NewFileURL(r.Config.Repo, brief.NewBriefFile(k, r.Now, r.loc), text)})
	}
	return out
}

// NewFileURL is the address of GitHub's editor on a new brief named file,
// holding text.
func NewFileURL(repo, file string, text []byte) string {
	q := url.Values{}
	q.Set("filename", file)
	q.Set("value", string(text))
	return strings.TrimSuffix(repo, "/") + "/new/main/" + brief.OpportunitiesDir + "?" + q.Encode()
}
