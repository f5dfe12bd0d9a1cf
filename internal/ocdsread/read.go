// Package ocdsread reads Open Contracting Data Standard 1.1 data
// (https://standard.open-contracting.org/1.1/) as a stream of releases, one
// at a time, whatever shape it comes in: a release package, a record
// package (its records' releases, or the compiled release of a record that
// has none), JSON Lines of releases or of packages, a bare list, or a
// single release.
//
// It is the reading direction of OCDS; internal/ocds writes the site's own
// open data. Read holds one release in memory at a time, never the whole
// source. What is wrong with the source as a whole (it is not JSON, it is
// not OCDS, its version is unknown) ends the read with a *SourceError at
// its line and column; what is wrong with one release (no ocid, no date,
// text that is not UTF-8) is a Problem, and the release is skipped or
// repaired as the Problem says. Compile merges the releases of one
// contracting process as OCDS compiling does.
package ocdsread

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Release is one release read from a source, not yet decoded.
type Release struct {
	Source string // the file, address or "standard input" it came from
	Line   int    // where it starts in the source, from 1
	Col    int
	Index  int    // its place among the source's releases, from 1
	OCID   string // its open contracting id
	ID     string // its release id, unique within the ocid
	Date   time.Time
	Data   []byte // the release as compact JSON, in valid UTF-8
}

// Where names the release for a message: "file.json:12:5 (release
// 3, id 004321-2025)".
func (r Release) Where() string {
	return fmt.Sprintf("%s:%d:%d (%s)", r.Source, r.Line, r.Col, r.Label())
}

// Label names the release within its source: "release 2, id 9".
func (r Release) Label() string {
	if r.ID != "" {
		return fmt.Sprintf("release %d, id %s", r.Index, r.ID)
	}
	return fmt.Sprintf("release %d", r.Index)
}

// Package is what a source said about itself, from its last package.
type Package struct {
	Version   string // "1.1", "1.0", or "" when not given
	Publisher string // its publisher's name
	Next      string // links.next: the address of the next page, for paged APIs
}

// SourceError is a problem that stops a source from being read further.
type SourceError struct {
	Source    string
	Line, Col int // 0 when the place is unknown
	Msg       string
}

func (e *SourceError) Error() string {
	if e.Line == 0 {
		return e.Source + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Source, e.Line, e.Col, e.Msg)
}

// Severity says how a Problem affected the release.
type Severity int

const (
	Warning Severity = iota + 1 // the release was read, repaired as the message says
	Error                       // the release was skipped
)

// Problem is something wrong with one release.
type Problem struct {
	Severity  Severity
	Source    string
	Line, Col int
	Release   string // the release's place, as Release.Where gives it
	Label     string // the release within its source, as Release.Label gives it
	Msg       string
}

func (p Problem) String() string { return p.Release + ": " + p.Msg }

// Options adjust a read.
type Options struct {
	// Location is the time zone of dates written without an offset.
	Location *time.Location
	// Emit receives each good release. An error from it stops the read.
	Emit func(Release) error
	// Report receives each problem of a release.
	Report func(Problem)
}

// MaxRelease is the largest release read: one bigger is a problem of its
// source, since no notice needs so much.
const MaxRelease = 16 << 20

// Read reads every release of one source from r. name is how messages
// call the source.
func Read(r io.Reader, name string, opt Options) (Package, error) {
	t := newTracker(r, 0, -1)
	rd := &reader{name: name, opt: opt, t: t, dec: json.NewDecoder(t)}
	rd.dec.UseNumber()
	if opt.Location == nil {
		rd.opt.Location = time.UTC
	}
	err := rd.run()
	var se *SourceError
	if err != nil && !errors.As(err, &se) && rd.emitErr == nil {
		err = rd.syntax(err)
	}
	return rd.pkg, err
}

type reader struct {
	name    string
	opt     Options
	t       *tracker
	dec     *json.Decoder
	pkg     Package
	index   int
	emitErr error
	at      int64 // where the decoder stood before its last read
}

// decode reads the next value whole.
func (rd *reader) decode(v any) error {
	rd.at = rd.dec.InputOffset()
	return rd.dec.Decode(v)
}

// token reads the next token.
func (rd *reader) token() (json.Token, error) {
	rd.at = rd.dec.InputOffset()
	return rd.dec.Token()
}

func (rd *reader) fail(off int64, format string, args ...any) error {
	line, col := rd.t.pos(off)
	return &SourceError{Source: rd.name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// syntax turns a decoding error into a SourceError at its place.
func (rd *reader) syntax(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := rd.dec.InputOffset()
	msg := err.Error()
	switch {
	case errors.As(err, &se):
		off = rd.t.syntaxAt(rd.at, se.Offset)
		msg = "this is not valid JSON: " + se.Error() + "; check the file is whole and not cut off"
	case errors.Is(err, io.ErrUnexpectedEOF):
		off = rd.t.read
		msg = "the JSON ends in the middle of a value; the file or download is cut off"
	case errors.As(err, &te):
		off = te.Offset
		msg = fmt.Sprintf("expected %s here, found a JSON %s", te.Type, te.Value)
	}
	return rd.fail(off, "%s", msg)
}

// run reads every top-level value: JSON Lines and concatenated JSON hold
// several.
func (rd *reader) run() error {
	values := 0
	for {
		tok, err := rd.token()
		if err == io.EOF {
			if values == 0 {
				return &SourceError{Source: rd.name, Msg: "it is empty: there is no OCDS data in it"}
			}
			return nil
		}
		if err != nil {
			return err
		}
		values++
		switch tok {
		case json.Delim('{'):
			err = rd.object(rd.dec.InputOffset() - 1)
		case json.Delim('['):
			err = rd.list()
		default:
			return rd.fail(rd.dec.InputOffset(), "expected a JSON object (a release package, a record package or a release), found %v", tok)
		}
		if err != nil {
			return err
		}
	}
}

// list reads a top-level list of releases or packages.
func (rd *reader) list() error {
	for rd.dec.More() {
		var raw json.RawMessage
		if err := rd.decode(&raw); err != nil {
			return err
		}
		start := rd.dec.InputOffset() - int64(len(raw))
		if err := rd.value(raw, start); err != nil {
			return err
		}
	}
	_, err := rd.token()
	return err
}

// value is one item of a top-level list: a release, or a package.
func (rd *reader) value(raw json.RawMessage, start int64) error {
	var head struct {
		Releases json.RawMessage `json:"releases"`
		Records  json.RawMessage `json:"records"`
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return rd.fail(start, "expected a release or a package in this list, found %s", kindOf(trimmed))
	}
	_ = json.Unmarshal(raw, &head)
	if head.Releases == nil && head.Records == nil {
		return rd.release(raw, start)
	}
	// A package inside a list: read it again as a stream of its own.
	lines, last := rd.t.lineAt(start)
	sub := &reader{name: rd.name, opt: rd.opt, t: newTracker(bytes.NewReader(raw), lines, last-start), index: rd.index}
	sub.dec = json.NewDecoder(sub.t)
	sub.dec.UseNumber()
	if _, err := sub.dec.Token(); err != nil {
		return err
	}
	err := sub.object(0)
	rd.index, rd.pkg = sub.index, sub.pkg
	if sub.emitErr != nil {
		rd.emitErr = sub.emitErr
	}
	return err
}

func kindOf(b []byte) string {
	switch {
	case len(b) == 0:
		return "nothing"
	case b[0] == '[':
		return "a list"
	case b[0] == '"':
		return "a string"
	case b[0] == 't' || b[0] == 'f':
		return "true or false"
	case b[0] == 'n':
		return "null"
	}
	return "a number"
}

// object reads a top-level object: a package, whose releases or records
// are streamed one at a time, or a release.
func (rd *reader) object(start int64) error {
	var kept []field // the other keys, in case it is a release
	isPackage := false
	for rd.dec.More() {
		tok, err := rd.token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		switch key {
		case "releases":
			isPackage = true
			err = rd.each(key, rd.release)
		case "records":
			isPackage = true
			err = rd.each(key, rd.record)
		default:
			var raw json.RawMessage
			if err = rd.decode(&raw); err == nil {
				kept = append(kept, field{key, raw})
			}
		}
		if err != nil {
			return err
		}
	}
	if _, err := rd.token(); err != nil {
		return err
	}
	if isPackage {
		return rd.header(kept, start)
	}
	for _, f := range kept {
		if releaseKeys[f.key] {
			// A release, perhaps without its ocid: release says so.
			return rd.release(assemble(kept), start)
		}
	}
	return rd.fail(start, "this JSON object is not OCDS: it has no \"releases\" (a release package), no \"records\" (a record package) and no \"ocid\" (a release)")
}

// releaseKeys are keys only a release has at its top level.
var releaseKeys = map[string]bool{"ocid": true, "tag": true, "tender": true, "parties": true, "awards": true, "initiationType": true, "planning": true}

type field struct {
	key string
	raw json.RawMessage
}

// assemble writes kept keys back as one JSON object.
func assemble(fs []field) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(f.raw)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// each streams the items of the list under key to read.
func (rd *reader) each(key string, read func(json.RawMessage, int64) error) error {
	tok, err := rd.token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil // "releases": null holds none
	}
	if tok != json.Delim('[') {
		return rd.fail(rd.dec.InputOffset(), "%q must be a list, found %v", key, tok)
	}
	for rd.dec.More() {
		var raw json.RawMessage
		if err := rd.decode(&raw); err != nil {
			return err
		}
		start := rd.dec.InputOffset() - int64(len(raw))
		if len(raw) > MaxRelease {
			return rd.fail(start, "this item of %q is %d bytes, over the %d MiB a release may take", key, len(raw), MaxRelease>>20)
		}
		rd.t.forget(start)
		if err := read(raw, start); err != nil {
			return err
		}
	}
	_, err = rd.token()
	return err
}

// Versions are the OCDS versions Read accepts.
var Versions = []string{"1.0", "1.1"}

// header checks a package's own keys: its version, publisher and links.
func (rd *reader) header(kept []field, start int64) error {
	var h struct {
		Version   any `json:"version"`
		Publisher struct {
			Name string `json:"name"`
		} `json:"publisher"`
		Links struct {
			Next string `json:"next"`
		} `json:"links"`
	}
	_ = json.Unmarshal(assemble(kept), &h)
	v, _ := h.Version.(string)
	if h.Version != nil && v != "1.0" && v != "1.1" {
		return rd.fail(start, "this package says version %s, which tenders import does not read: it reads OCDS %s", jsonText(h.Version), strings.Join(Versions, " and "))
	}
	rd.pkg = Package{Version: v, Publisher: h.Publisher.Name, Next: h.Links.Next}
	return nil
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// record reads one record of a record package: its releases in full, or,
// when it has only links to them, its compiled release.
func (rd *reader) record(raw json.RawMessage, start int64) error {
	var rec struct {
		Releases        []json.RawMessage `json:"releases"`
		CompiledRelease json.RawMessage   `json:"compiledRelease"`
	}
	if err := json.Unmarshal(raw, &rec); err != nil {
		return rd.fail(start, "this record is not an OCDS record: %v", err)
	}
	full := 0
	for _, r := range rec.Releases {
		var probe struct {
			OCID any `json:"ocid"`
		}
		if json.Unmarshal(r, &probe) == nil && probe.OCID != nil {
			full++
			if err := rd.release(r, start); err != nil {
				return err
			}
		}
	}
	if full > 0 || len(rec.CompiledRelease) == 0 || string(rec.CompiledRelease) == "null" {
		return nil
	}
	return rd.release(rec.CompiledRelease, start)
}

// release checks one release and passes it on.
func (rd *reader) release(raw json.RawMessage, start int64) error {
	rd.index++
	line, col := rd.t.pos(start)
	r := Release{Source: rd.name, Line: line, Col: col, Index: rd.index}
	data, bad := RepairUTF8(raw)
	var head struct {
		OCID any `json:"ocid"`
		ID   any `json:"id"`
		Date any `json:"date"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&head); err != nil {
		rd.problem(Error, r, "it is not a JSON object: skipped")
		return nil
	}
	r.ID = idText(head.ID)
	if bad >= 0 {
		rd.problem(Warning, r, fmt.Sprintf("its text is not UTF-8 (first at byte %d of the release); the bytes were read as Windows-1252, which Contracts Finder's older notices use: check the text", bad))
	}
	ocid, _ := head.OCID.(string)
	if strings.TrimSpace(ocid) == "" {
		rd.problem(Error, r, "it has no ocid, so it cannot be joined to its contracting process: skipped")
		return nil
	}
	r.OCID = strings.TrimSpace(ocid)
	if r.ID == "" {
		rd.problem(Error, r, "it has no id: skipped")
		return nil
	}
	ds, _ := head.Date.(string)
	t, ok := ParseDate(ds, rd.opt.Location)
	if !ok {
		what := "no date"
		if ds != "" {
			what = fmt.Sprintf("the date %q, which is not a date and time", ds)
		}
		rd.problem(Error, r, "it has "+what+", so it cannot be put in order with the other releases of "+r.OCID+": skipped")
		return nil
	}
	r.Date = t
	var compact bytes.Buffer
	if err := json.Compact(&compact, data); err != nil {
		rd.problem(Error, r, "it is not valid JSON: skipped")
		return nil
	}
	r.Data = compact.Bytes()
	if rd.opt.Emit != nil {
		if err := rd.opt.Emit(r); err != nil {
			rd.emitErr = err
			return err
		}
	}
	return nil
}

func (rd *reader) problem(sev Severity, r Release, msg string) {
	if rd.opt.Report != nil {
		rd.opt.Report(Problem{Severity: sev, Source: r.Source, Line: r.Line, Col: r.Col, Release: r.Where(), Label: r.Label(), Msg: msg})
	}
}

// idText is an id as text: OCDS ids are strings, but some publishers
// write numbers.
func idText(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case json.Number:
		return x.String()
	}
	return ""
}

// ParseDate reads an OCDS date: RFC 3339, or a date and time without an
// offset (which means loc's time), or a date alone.
func ParseDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	for _, l := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// HasOffset reports whether an OCDS date says its offset from UTC.
func HasOffset(s string) bool {
	_, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	return err == nil
}

// RepairUTF8 returns b with every byte that is not part of a UTF-8
// character read as Windows-1252 (Latin-1 with the printable characters
// of 0x80 to 0x9F), and the offset of the first such byte, or -1 when b
// was valid.
func RepairUTF8(b []byte) ([]byte, int) {
	if utf8.Valid(b) {
		return b, -1
	}
	first := -1
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			if first < 0 {
				first = i
			}
			out = utf8.AppendRune(out, windows1252(b[i]))
			i++
			continue
		}
		out = append(out, b[i:i+size]...)
		i += size
	}
	return out, first
}

// cp1252 is what Windows-1252 puts at 0x80 to 0x9F; 0 marks the five
// bytes it leaves undefined.
var cp1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

func windows1252(c byte) rune {
	if c >= 0x80 && c < 0xA0 {
		if r := cp1252[c-0x80]; r != 0 {
			return r
		}
		return utf8.RuneError
	}
	return rune(c) // Latin-1, as Windows-1252 has it from 0xA0 on
}
