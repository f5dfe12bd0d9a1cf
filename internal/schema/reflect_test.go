package schema

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

type when struct{ time.Time }

type inner struct {
	Street string `toml:"street"`
	Hidden string `toml:"-"`
}

type embedded struct {
	Shared string `toml:"shared"`
}

type sample struct {
	embedded
	Name     string            `toml:"name"`
	Staff    *int64            `toml:"staff"`
	Rating   float64           `toml:"rating"`
	Open     bool              `toml:"open"`
	Opened   when              `toml:"opened"`
	Tags     []string          `toml:"tags"`
	Address  inner             `toml:"address"`
	Sale     *inner            `toml:"sale"`
	Hours    []inner           `toml:"hours"`
	Words    map[string]string `toml:"words"`
	People   map[string]inner  `toml:"people"`
	Untagged string
	Skipped  string `toml:"-"`
}

func TestStructKeys(t *testing.T) {
	keys, err := StructKeys(&sample{}, map[reflect.Type]Type{reflect.TypeFor[when](): Date})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, k := range keys {
		got = append(got, k.String())
	}
	want := []string{
		"shared (text)", "name (text)", "staff (whole number)", "rating (number)", "open (true or false)",
		"opened (date)", "tags (list of text)",
		"address (table)", "address.street (text)",
		"sale (table)", "sale.street (text)",
		"hours (list of tables)", "hours.street (text)",
		"words (table)", "words.* (text)",
		"people (table)", "people.* (table)", "people.*.street (text)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("StructKeys =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestStructKeysErrors(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{3, "is not a struct"},
		{struct {
			C chan int `toml:"c"`
		}{}, "c is a chan int"},
		{struct {
			M map[int]string `toml:"m"`
		}{}, "keys of int"},
		{struct {
			L [][]string `toml:"l"`
		}{}, "l is a list of []string"},
	}
	for _, tt := range tests {
		if _, err := StructKeys(tt.v, nil); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("StructKeys(%T) = %v, want an error containing %q", tt.v, err, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	f := &File{Name: "f", Fields: []Field{
		{Key: "a", Type: Text}, {Key: "b", Type: Integer}, {Key: "gone", Type: Text},
	}}
	got := f.Compare([]Key{{"a", Text}, {"b", Text}, {"new", Bool}})
	want := []string{
		"f: b is a whole number in the schema but a text in the struct",
		"f: new has no field in the schema; add one",
		"f: the schema's field gone names no key of the struct; remove it or add the struct field",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Compare =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := f.Compare([]Key{{"a", Text}, {"b", Integer}, {"gone", Text}}); d != nil {
		t.Errorf("Compare of equal keys = %v", d)
	}
}
