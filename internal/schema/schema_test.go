package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// shop is a small file with every kind of key and condition.
func shop() *File {
	return &File{Name: "shop", Title: "A shop's settings", Path: "shop.toml", Fields: []Field{
		{Key: "name", Type: Text, Required: true, Doc: "The shop's name", Example: `"Corner Shop"`},
		{Key: "kind", Type: Text, Values: []string{"bakery", "grocer"}, Doc: "What it sells", Example: `"grocer"`},
		{Key: "owner", Type: Text, KeysOf: "people", Doc: "Who runs it", Example: `"sam"`},
		{Key: "opened", Type: Date, Doc: "When it opened", Example: "2001-02-03"},
		{Key: "stage", Type: Text, Values: []string{"open", "closed", "sold"}, Doc: "Whether it trades", Example: `"open"`},
		{Key: "closed_on", Type: Date, Required: true, Unless: &Cond{Key: "stage", Values: []string{"open"}},
			Doc: "When it closed", Example: "2020-01-01T17:00:00Z"},
		{Key: "tags", Type: TextList, Doc: "Words that describe it, for a long explanation that has to wrap onto a second line of its own", Example: `["corner", "late"]`},
		{Key: "rating", Type: Number, Doc: "Stars out of five", Example: "4.5"},
		{Key: "staff", Type: Integer, Doc: "How many people work there", Example: "3"},
		{Key: "address", Type: Table, Required: true, Doc: "Where it is"},
		{Key: "address.street", Type: Text, Required: true, Doc: "The street", Example: `"High Street"`},
		{Key: "address.postcode", Type: Text, Doc: "The postcode", Example: `"NW5 1XN"`},
		{Key: "sale", Type: Table, OnlyWith: &Cond{Key: "stage", Values: []string{"sold"}}, Doc: "Who bought it"},
		{Key: "sale.buyer", Type: Text, Required: true, Doc: "The buyer", Example: `"Lee"`},
		{Key: "sale.local", Type: Bool, Doc: "The buyer lives nearby", Example: "true"},
		{Key: "hours", Type: TableList, Doc: "When it opens"},
		{Key: "hours.day", Type: Text, Required: true, Doc: "The day", Example: `"Monday"`},
		{Key: "hours.place", Type: Text, Required: true, Unless: &Cond{Key: "url"}, Doc: "Where", Example: `"Front counter"`},
		{Key: "hours.url", Type: Text, Required: true, Unless: &Cond{Key: "place"}, Doc: "Online", Example: `"https://shop.example/"`},
		{Key: "words", Type: Table, Doc: "Words to replace"},
		{Key: "words.*", Type: Text, AnyKey: `"touch base"`, Doc: "A plain word for it", Example: `"talk"`},
		{Key: "people", Type: Table, Doc: "The people who work there"},
		{Key: "people.*", Type: Table, AnyKey: "sam", Doc: "One person; the key is what owner names"},
		{Key: "people.*.name", Type: Text, Required: true, Doc: "Their name", Example: `"Sam Patel"`},
	}}
}

func TestCheckGood(t *testing.T) {
	if err := shop().Check(); err != nil {
		t.Fatal(err)
	}
}

func TestCheckBad(t *testing.T) {
	tests := []struct {
		name   string
		fields []Field
		want   string
	}{
		{"twice", []Field{{Key: "a", Type: Text, Doc: "A", Example: `"x"`}, {Key: "a", Type: Text, Doc: "A", Example: `"x"`}}, "a: is described twice"},
		{"no table", []Field{{Key: "a.b", Type: Text, Doc: "B", Example: `"x"`}}, "comes before its table a"},
		{"inside text", []Field{{Key: "a", Type: Text, Doc: "A", Example: `"x"`}, {Key: "a.b", Type: Text, Doc: "B", Example: `"x"`}}, "is inside a, which is not a table"},
		{"no type", []Field{{Key: "a", Doc: "A", Example: `"x"`}}, "has no type"},
		{"no doc", []Field{{Key: "a", Type: Text, Example: `"x"`}}, "has no Doc"},
		{"lower-case doc", []Field{{Key: "a", Type: Text, Doc: "a thing", Example: `"x"`}}, "must start with a capital letter"},
		{"full stop", []Field{{Key: "a", Type: Text, Doc: "A thing.", Example: `"x"`}}, "without a full stop"},
		{"no example", []Field{{Key: "a", Type: Text, Doc: "A"}}, "is not a TOML value"},
		{"wrong type", []Field{{Key: "a", Type: Integer, Doc: "A", Example: `"12"`}}, "is a text, not a whole number"},
		{"not a value", []Field{{Key: "a", Type: Text, Doc: "A", Values: []string{"x"}, Example: `"y"`}}, `holds "y", which is not one of its Values`},
		{"list not a value", []Field{{Key: "a", Type: TextList, Doc: "A", Values: []string{"x"}, Example: `["x", "z"]`}}, `holds "z"`},
		{"table example", []Field{{Key: "a", Type: Table, Doc: "A", Example: `"x"`}}, "is a table, so it has no Example"},
		{"any key", []Field{{Key: "a", Type: Table, Doc: "A"}, {Key: "a.*", Type: Text, Doc: "B", Example: `"x"`}}, "has no AnyKey"},
		{"any key at the top", []Field{{Key: "*", Type: Text, Doc: "B", AnyKey: "k", Example: `"x"`}}, "is not inside a table"},
		{"unless without required", []Field{{Key: "a", Type: Text, Doc: "A", Example: `"x"`, Unless: &Cond{Key: "a"}}}, "Unless goes with Required"},
		{"condition on nothing", []Field{{Key: "a", Type: Text, Required: true, Doc: "A", Example: `"x"`, Unless: &Cond{Key: "b"}}}, "has a condition on b"},
		{"key after a table", []Field{
			{Key: "t", Type: Table, Doc: "T"}, {Key: "t.a", Type: Text, Doc: "A", Example: `"x"`},
			{Key: "b", Type: Text, Doc: "B", Example: `"x"`},
		}, "b: comes after a table inside its own table"},
		{"split table", []Field{
			{Key: "t", Type: Table, Doc: "T"}, {Key: "u", Type: Table, Doc: "U"},
			{Key: "t.a", Type: Text, Doc: "A", Example: `"x"`},
		}, "t.a: is not next to the other keys of t"},
		{"keyed and not", []Field{
			{Key: "t", Type: Table, Doc: "T"}, {Key: "t.*", Type: Text, AnyKey: "k", Doc: "A", Example: `"x"`},
			{Key: "t.b", Type: Text, Doc: "B", Example: `"x"`},
		}, `t.b: shares t with a "*" entry`},
		{"not and keyed", []Field{
			{Key: "t", Type: Table, Doc: "T"}, {Key: "t.b", Type: Text, Doc: "B", Example: `"x"`},
			{Key: "t.*", Type: Text, AnyKey: "k", Doc: "A", Example: `"x"`},
		}, `t.*: shares t with a "*" entry`},
		{"empty part", []Field{{Key: "a..b", Type: Text, Doc: "A", Example: `"x"`}}, "is not a key path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := (&File{Name: "f", Fields: tt.fields}).Check()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestField(t *testing.T) {
	f := shop()
	tests := []struct {
		path, key, line string
	}{
		{"name", "name", `name = "Corner Shop"`},
		{"address.street", "address.street", `street = "High Street"`},
		{"hours.2.day", "hours.day", `day = "Monday"`},
		{"hours.0", "hours", ""},
		{"people.lee.name", "people.*.name", `name = "Sam Patel"`},
		{"people.lee", "people.*", ""},
		{"words.leverage", "words.*", `leverage = "talk"`},
		{"nothing", "", ""},
		{"address.nothing", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		fd, ok := f.Field(tt.path)
		if ok != (tt.key != "") || fd.Key != tt.key {
			t.Errorf("Field(%q) = %q, %v; want %q", tt.path, fd.Key, ok, tt.key)
		}
		if got := f.Line(tt.path); got != tt.line {
			t.Errorf("Line(%q) = %q, want %q", tt.path, got, tt.line)
		}
	}
}

func TestNote(t *testing.T) {
	f := shop()
	tests := map[string]string{
		"name":           "Required. The shop's name.",
		"kind":           "What it sells. Allowed: bakery, grocer.",
		"owner":          "Who runs it. A key of [people] in site.toml.",
		"closed_on":      "Required unless stage is open. When it closed.",
		"address":        "Required. Where it is.",
		"address.street": "Required in [address]. The street.",
		"sale":           "Required when stage is sold, and only then. Who bought it.",
		"hours.place":    "Required in each [[hours]] unless url is given. Where.",
		"people.*.name":  "Required in each [people.KEY]. Their name.",
	}
	for key, want := range tests {
		fd, _ := f.lookup(key)
		if got := f.Note(fd); got != want {
			t.Errorf("Note(%s) = %q, want %q", key, got, want)
		}
	}
	if got := (&Cond{Key: "stage", Values: []string{"a", "b", "c"}}).String(); got != "stage is a, b or c" {
		t.Errorf("Cond.String() = %q", got)
	}
	if !mentionsAll("small firms (sme) or charities (vcse)", []string{"sme", "vcse"}) || mentionsAll("smes only", []string{"sme"}) {
		t.Error("mentionsAll does not match whole words")
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		text        string
		first, rest int
		want        []string
	}{
		{"", 10, 10, nil},
		{"one two three", 20, 20, []string{"one two three"}},
		{"one two three", 7, 20, []string{"one two", "three"}},
		{"one two three four", 3, 9, []string{"one", "two three", "four"}},
		{"unbreakable-word x", 5, 5, []string{"unbreakable-word", "x"}},
		{"café café", 9, 9, []string{"café café"}},
		{"keys of [topics] here", 8, 20, []string{"keys", "of [topics] here"}},
	}
	for _, tt := range tests {
		if got := wrap(tt.text, tt.first, tt.rest); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q, %d, %d) = %q, want %q", tt.text, tt.first, tt.rest, got, tt.want)
		}
	}
}

// TestGolden compares what the shop renders to with testdata/golden.txtar:
// TOML with notes after and above the keys, a subset of its keys, the JSON
// Schema of one file and a bundle. Run with -update to rewrite it.
func TestGolden(t *testing.T) {
	f := shop()
	one, err := JSON(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	other := &File{Name: "note", Title: "A note", Path: "note.toml", Fields: []Field{
		{Key: "text", Type: Text, Doc: "What it says", Example: `"Back soon"`}}}
	bundle, err := Bundle([]*File{f, other}, Known{"people": {"sam", "lee"}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{
		"after.toml": TOML(f, TOMLOptions{}),
		"above.toml": TOML(f, TOMLOptions{Above: true, Value: func(fd Field) (string, bool) {
			return fd.Example, fd.Required || fd.Key == "kind"
		}}),
		"only.toml": TOML(f, TOMLOptions{Only: func(fd Field) bool {
			return strings.HasPrefix(fd.Key, "people") || fd.Key == "name"
		}}),
		"shop.json":   string(one),
		"bundle.json": string(bundle),
	}
	const file = "testdata/golden.txtar"
	if *update {
		ar := &txtar.Archive{Comment: []byte("What TestGolden renders; go test -update rewrites it.\n")}
		for _, name := range []string{"after.toml", "above.toml", "only.toml", "shop.json", "bundle.json"} {
			ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(got[name])})
		}
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, af := range ar.Files {
		if got[af.Name] != string(af.Data) {
			t.Errorf("%s differs; run go test -update and review the change\n--- got\n%s--- want\n%s", af.Name, got[af.Name], af.Data)
		}
		delete(got, af.Name)
	}
	for name := range got {
		t.Errorf("%s is not in %s; run go test -update", name, file)
	}
}

// compile compiles a schema the package rendered, which proves it is valid
// JSON Schema.
func compile(t *testing.T, doc []byte, ref string) *jsonschema.Schema {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("schema.json", v); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("schema.json" + ref)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return s
}

// TestJSONValidates checks the shop's schema against documents, decoded as
// BurntSushi/toml decodes them.
func TestJSONValidates(t *testing.T) {
	doc, err := JSON(shop(), Known{"people": {"sam"}})
	if err != nil {
		t.Fatal(err)
	}
	s := compile(t, doc, "")
	const top, address = "name = \"A\"\nstage = \"open\"\n", "[address]\nstreet = \"S\"\n"
	const base = top + address
	tests := []struct {
		name, toml string
		ok         bool
	}{
		{"smallest", base, true},
		{"every key", "name = \"A\"\nkind = \"bakery\"\nowner = \"sam\"\nopened = 2001-02-03\nstage = \"sold\"\nclosed_on = 2020-01-01T17:00:00\ntags = [\"a\"]\nrating = 4\nstaff = 2\n" +
			"[address]\nstreet = \"S\"\npostcode = \"P\"\n[sale]\nbuyer = \"B\"\nlocal = false\n[[hours]]\nday = \"Monday\"\nurl = \"https://x.example/\"\n" +
			"[words]\n\"touch base\" = \"talk\"\n[people.sam]\nname = \"Sam\"\n", true},
		{"quoted dates", top + "opened = \"2001-02-03 10:00\"\n" + address, true},
		{"unknown key", top + "colour = \"red\"\n" + address, false},
		{"missing name", "stage = \"open\"\n[address]\nstreet = \"S\"\n", false},
		{"missing table", "name = \"A\"\nstage = \"open\"\n", false},
		{"missing in table", "name = \"A\"\nstage = \"open\"\n[address]\n", false},
		{"not a value", top + "kind = \"florist\"\n" + address, false},
		{"not a known key", top + "owner = \"lee\"\n" + address, false},
		{"not a date", top + "opened = \"3 February 2001\"\n" + address, false},
		{"year out of range", top + "opened = 1899-12-31\n" + address, false},
		{"wrong type", top + "staff = \"two\"\n" + address, false},
		{"whole number", top + "staff = 2.5\n" + address, false},
		{"unless holds", "name = \"A\"\nstage = \"closed\"\nclosed_on = 2020-01-01\n[address]\nstreet = \"S\"\n", true},
		{"unless fails", "name = \"A\"\nstage = \"closed\"\n[address]\nstreet = \"S\"\n", false},
		{"only with, missing", "name = \"A\"\nstage = \"sold\"\nclosed_on = 2020-01-01\n[address]\nstreet = \"S\"\n", false},
		{"only with, not allowed", base + "[sale]\nbuyer = \"B\"\n", false},
		{"one of two", base + "[[hours]]\nday = \"Monday\"\nplace = \"Here\"\n", true},
		{"neither of two", base + "[[hours]]\nday = \"Monday\"\n", false},
		{"keyed table", base + "[people.lee]\nname = \"Lee\"\n", true},
		{"keyed table without its key", base + "[people.lee]\n", false},
		{"text for words", base + "[words]\nx = 1\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := parseTOML(tt.toml)
			if err != nil {
				t.Fatal(err)
			}
			err = s.Validate(v)
			if (err == nil) != tt.ok {
				t.Errorf("valid = %v, want %v: %v", err == nil, tt.ok, err)
			}
		})
	}
}

// parseTOML decodes a document as the schemas see it, through JSON.
func parseTOML(src string) (any, error) {
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		return nil, err
	}
	b, err := json.Marshal(ToJSON(m))
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

func TestBundleRefs(t *testing.T) {
	doc, err := Bundle([]*File{shop()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := compile(t, doc, "#/$defs/shop")
	v, _ := parseTOML("stage = \"open\"\n")
	if s.Validate(v) == nil {
		t.Error("#/$defs/shop accepts a shop with no name")
	}
}

func TestToJSON(t *testing.T) {
	v, err := ParseValue(`[2026-12-18T12:00:00Z, 2026-12-18T12:00:00.5, 2026-12-18, 12:30:00, 2026-12-18T12:00:00+01:00]`)
	if err != nil {
		t.Fatal(err)
	}
	got := ToJSON(v)
	want := []any{"2026-12-18T12:00:00Z", "2026-12-18T12:00:00.5", "2026-12-18", "12:30:00", "2026-12-18T12:00:00+01:00"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ToJSON = %v, want %v", got, want)
	}
	tables := ToJSON(map[string]any{"t": []map[string]any{{"d": time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}}})
	if !reflect.DeepEqual(tables, map[string]any{"t": []any{map[string]any{"d": "2026-01-02T00:00:00Z"}}}) {
		t.Errorf("ToJSON of a list of tables = %v", tables)
	}
}
