// Package mediatype is the one table of the kinds of file a tenders site
// publishes and the Content-Type each is served with. tenders serve uses
// it to answer, and the build writes the rows a static host would guess
// wrong into _headers.
package mediatype

import "strings"

// Type is one kind of file.
type Type struct {
	Suffix string // the end of the file name, such as "feed.xml" or ".css"
	Name   string // the media type, with its charset for text
	// Header: a static host would not send Name on its own (it takes
	// feed.xml for plain XML), so _headers sets it.
	Header bool
}

// Types are every kind of file, the most specific suffix first: a name
// takes the first row whose suffix it ends with.
var Types = []Type{
	{"feed.xml", "application/rss+xml; charset=utf-8", true},
	{"atom.xml", "application/atom+xml; charset=utf-8", true},
	{"feed.json", "application/feed+json; charset=utf-8", true},
	{".ics", "text/calendar; charset=utf-8", true},
	{".html", "text/html; charset=utf-8", false},
	{".css", "text/css; charset=utf-8", false},
	{".js", "text/javascript; charset=utf-8", false},
	{".xml", "application/xml; charset=utf-8", false},
	{".json", "application/json; charset=utf-8", false},
	{".csv", "text/csv; charset=utf-8", false},
	{".txt", "text/plain; charset=utf-8", false},
	{".svg", "image/svg+xml", false},
	{".png", "image/png", false},
	{".jpg", "image/jpeg", false},
	{".jpeg", "image/jpeg", false},
	{".ico", "image/vnd.microsoft.icon", false},
	{".pdf", "application/pdf", false},
	{".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false},
	{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false},
	{".odt", "application/vnd.oasis.opendocument.text", false},
}

// Unknown is the type of a file no row names.
const Unknown = "application/octet-stream"

// Of returns the media type of a file by its name.
func Of(name string) string {
	for _, t := range Types {
		if strings.HasSuffix(name, t.Suffix) {
			return t.Name
		}
	}
	return Unknown
}
