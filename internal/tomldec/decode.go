package tomldec

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unique"

	"github.com/BurntSushi/toml"

	"github.com/london-anchors/tenders/internal/safetext"
)

// Problem is one thing wrong in a TOML document.
type Problem struct {
	Pos     Pos    // where; the zero Pos means the whole document
	Path    string // the key path it concerns, if any
	Msg     string // what is wrong; what to write instead
	Suggest string // for an unknown key, the path of the key it is most like
}

// Unmarshaler is implemented by field types that read a TOML value
// themselves, such as dates. The error's text completes "KEY ...", for
// example "must be a date such as 2026-12-18".
type Unmarshaler interface {
	UnmarshalTOMLValue(v any) error
}

// Decode parses src and fills v, a pointer to a struct whose fields carry
// `toml:"name"` tags. Fields without a tag, or tagged "-", are left alone.
// It returns where each key was written and every problem found: a syntax
// error (then nothing else is checked), values of the wrong type, and keys
// that match no field, with the closest allowed key as a suggestion.
//
// A date written the way people write it, such as 18/12/2026 or 18
// December 2026 without quotes, is not TOML: rather than the parser's
// words, it is reported at the value as the date to write
// ("write the date as 2026-12-18"), and the rest of the document is
// decoded as if that key were not there.
func Decode(src string, v any) (Keys, []Problem) {
	keys, problem := ScanKeys(src)
	if problem != nil {
		return keys, []Problem{*problem}
	}
	src, dates := quoteHumanDates(src, keys)
	// Into an empty interface, the library hands over the tables it
	// parsed as they are; into a map, it would copy every key again.
	var parsed any
	if _, err := toml.Decode(src, &parsed); err != nil {
		return keys, append(dates, syntaxProblem(src, err))
	}
	raw, _ := parsed.(map[string]any)
	d := decoder{keys: keys, lines: strings.Split(src, "\n")}
	d.value("", raw, reflect.ValueOf(v).Elem())
	return keys, append(dates, d.problems...)
}

func syntaxProblem(src string, err error) Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		msg = strings.TrimPrefix(msg, "toml: ")
		pos := Pos{Line: pe.Position.Line, Col: max(pe.Position.Col, 1)}
		if off := pe.Position.Start; off >= 0 && off <= len(src) {
			// Count from the byte offset ourselves: columns in characters,
			// and an error at a line's end stays on that line.
			before := src[:off]
			pos.Line = strings.Count(before, "\n") + 1
			pos.Col = utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		}
		return Problem{
			Pos: pos,
			Msg: "this is not valid TOML: " + msg + "; check the quotes, brackets and = signs on this line",
		}
	}
	return Problem{Pos: Pos{1, 1}, Msg: "this is not valid TOML: " + err.Error()}
}

type decoder struct {
	keys     Keys
	lines    []string // the source, for the column of a value
	problems []Problem
}

// report records a problem with the key at path.
func (d *decoder) report(path, format string, args ...any) {
	d.problems = append(d.problems, Problem{
		Pos:  d.keys.Pos(path),
		Path: path,
		Msg:  fmt.Sprintf(format, args...),
	})
}

// valuePos is where the value of the key at path starts, when the key
// was written as key = value on a line of its own; else the key's Pos.
func (d *decoder) valuePos(path string) Pos {
	p, ok := d.keys[path]
	if !ok || p.Line < 1 || p.Line > len(d.lines) {
		return d.keys.Pos(path)
	}
	line := []rune(d.lines[p.Line-1])
	if p.Col-1 >= len(line) || line[p.Col-1] == '[' {
		return p
	}
	i := slices.Index(line[p.Col-1:], '=')
	if i < 0 {
		return p
	}
	j := p.Col - 1 + i + 1
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	return Pos{Line: p.Line, Col: j + 1}
}

var unmarshalerType = reflect.TypeFor[Unmarshaler]()

// scalar reports whether k is a number or a boolean.
func scalar(k reflect.Kind) bool {
	return k == reflect.Bool || k >= reflect.Int && k <= reflect.Float64
}

// value decodes data into rv, reporting at path.
func (d *decoder) value(path string, data any, rv reflect.Value) {
	if data == "TODO" && rv.Kind() != reflect.String && rv.Kind() != reflect.Interface {
		// What tenders new writes for a number or date only the buyer knows.
		d.report(path, "%s still holds the placeholder \"TODO\"; write the real value, without quotes", name(path))
		d.problems[len(d.problems)-1].Pos = d.valuePos(path)
		return
	}
	if rv.CanAddr() && rv.Addr().Type().Implements(unmarshalerType) {
		if err := rv.Addr().Interface().(Unmarshaler).UnmarshalTOMLValue(data); err != nil {
			d.report(path, "%s %s", name(path), err.Error())
			d.problems[len(d.problems)-1].Pos = d.valuePos(path)
		}
		return
	}
	if data == "" && scalar(rv.Kind()) {
		// Empty text where a number or true/false goes: what a form
		// writes for a field left empty. The key is read as not given.
		return
	}
	switch rv.Kind() {
	case reflect.Pointer:
		elem := reflect.New(rv.Type().Elem())
		d.value(path, data, elem.Elem())
		rv.Set(elem)
	case reflect.String:
		d.text(path, data, rv)
	case reflect.Bool:
		b, ok := data.(bool)
		if !ok {
			d.report(path, "%s must be true or false (without quotes); you wrote %s", name(path), describe(data))
			return
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int64:
		d.integer(path, data, rv)
	case reflect.Float64:
		d.float(path, data, rv)
	case reflect.Slice:
		d.slice(path, data, rv)
	case reflect.Map, reflect.Struct:
		m, ok := data.(map[string]any)
		if !ok {
			d.report(path, "%s must be a table, written as [%s] on a line of its own; you wrote %s", name(path), path, describe(data))
			return
		}
		if rv.Kind() == reflect.Struct {
			d.fields(path, m, rv)
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.MakeMap(rv.Type()))
		}
		for _, k := range sortedKeys(m) {
			elem := reflect.New(rv.Type().Elem()).Elem()
			d.value(join(path, k), m[k], elem)
			rv.SetMapIndex(reflect.ValueOf(k), elem)
		}
	case reflect.Interface:
		rv.Set(reflect.ValueOf(data))
	default:
		panic("tomldec: unsupported field type " + rv.Type().String())
	}
}

// text decodes a string, refusing the characters content may not hold.
func (d *decoder) text(path string, data any, rv reflect.Value) {
	s, ok := data.(string)
	if !ok {
		d.report(path, "%s must be text in double quotes, such as %s = \"...\"; you wrote %s", name(path), last(path), describe(data))
		return
	}
	if off, why := safetext.FindString(s); off >= 0 {
		where := "at its start"
		if off > 0 {
			where = fmt.Sprintf("after %q", s[max(0, off-20):off])
		}
		d.report(path, "%s holds %s %s; delete it (an escape such as \\u0001 writes one)", name(path), why, where)
		return
	}
	rv.SetString(own(s))
}

// own returns s detached from the document: the parser's strings share
// the bytes of the whole document, so a value kept from it would keep all
// of it (a brief's front matter, 1.5 KB, for a title). Short texts, such
// as keys of site.toml, codes and names, are shared with every equal one
// decoded before; longer ones are copied.
func own(s string) string {
	if len(s) <= 24 {
		return unique.Make(s).Value()
	}
	return strings.Clone(s)
}

// integer decodes a whole number, suggesting one for "£40,000".
func (d *decoder) integer(path string, data any, rv reflect.Value) {
	switch n := data.(type) {
	case int64:
		rv.SetInt(n)
	case float64:
		d.report(path, "%s must be a whole number such as %d, without a decimal point; you wrote %v", name(path), int64(n), n)
	case string:
		d.report(path, "%s must be a number without quotes, commas or a £ sign, such as %s = %s; you wrote %s", name(path), last(path), suggestNumber(n), describe(data))
	default:
		d.report(path, "%s must be a whole number; you wrote %s", name(path), describe(data))
	}
}

// float decodes a number, refusing NaN and the infinities.
func (d *decoder) float(path string, data any, rv reflect.Value) {
	switch n := data.(type) {
	case int64:
		rv.SetFloat(float64(n))
	case float64:
		if math.IsNaN(n) || math.IsInf(n, 0) {
			d.report(path, "%s must be a number; %v is not one", name(path), n)
			return
		}
		rv.SetFloat(n)
	default:
		d.report(path, "%s must be a number without quotes; you wrote %s", name(path), describe(data))
	}
}

func (d *decoder) slice(path string, data any, rv reflect.Value) {
	var items []any
	switch x := data.(type) {
	case []any:
		items = x
	case []map[string]any:
		for _, m := range x {
			items = append(items, m)
		}
	default:
		if rv.Type().Elem().Kind() == reflect.Struct {
			d.report(path, "%s must be a list of tables, each starting with a line [[%s]]; you wrote %s", name(path), path, describe(data))
		} else {
			d.report(path, "%s must be a list in square brackets, such as %s = [\"...\"]; you wrote %s", name(path), last(path), describe(data))
		}
		return
	}
	out := reflect.MakeSlice(rv.Type(), len(items), len(items))
	for i, item := range items {
		d.value(path+"."+strconv.Itoa(i), item, out.Index(i))
	}
	rv.Set(out)
}

// fields decodes a table into a struct and reports keys no field takes.
func (d *decoder) fields(path string, m map[string]any, rv reflect.Value) {
	known, allowed := fieldsOf(rv.Type())
	for _, k := range sortedKeys(m) {
		idx, ok := known[k]
		if !ok {
			d.unknown(join(path, k), k, allowed)
			continue
		}
		d.value(join(path, k), m[k], rv.FieldByIndex(idx))
	}
}

type structFields struct {
	known   map[string][]int
	allowed []string
}

var fieldCache sync.Map // reflect.Type -> structFields

// fieldsOf returns the toml-tagged fields of a struct type, worked out once
// a type.
func fieldsOf(t reflect.Type) (map[string][]int, []string) {
	if f, ok := fieldCache.Load(t); ok {
		sf := f.(structFields)
		return sf.known, sf.allowed
	}
	sf := structFields{known: map[string][]int{}}
	tagged(t, nil, sf.known, &sf.allowed)
	fieldCache.Store(t, sf)
	return sf.known, sf.allowed
}

// tagged collects the toml-tagged fields of t, looking inside embedded
// structs, as key -> field index path.
func tagged(t reflect.Type, index []int, known map[string][]int, allowed *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		idx := append(slices.Clip(index), i)
		if tag == "" && f.Anonymous && f.Type.Kind() == reflect.Struct {
			tagged(f.Type, idx, known, allowed)
			continue
		}
		if tag == "" || tag == "-" {
			continue
		}
		known[tag] = idx
		*allowed = append(*allowed, tag)
	}
}

func (d *decoder) unknown(path, key string, allowed []string) {
	where := ""
	if parent := parentName(path); parent != "" {
		where = " in " + parent
	}
	if best := Closest(key, allowed); best != "" {
		d.report(path, "unknown key %q%s; did you mean %q?", key, where, best)
		parent := strings.TrimSuffix(strings.TrimSuffix(path, key), ".")
		d.problems[len(d.problems)-1].Suggest = join(parent, best)
		return
	}
	allowed = slices.Sorted(slices.Values(allowed)) // a copy: the list is shared
	d.report(path, "unknown key %q%s; the keys allowed here are %s", key, where, strings.Join(allowed, ", "))
}

// Closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a likely typo, else "".
func Closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if dist := Distance(strings.ToLower(s), c); dist < bestD {
			best, bestD = c, dist
		}
	}
	if bestD <= max(2, len(s)/3) {
		return best
	}
	return ""
}

// Distance is the Levenshtein edit distance between a and b, in characters.
func Distance(a, b string) int {
	ar, br := []rune(a), []rune(b)
	prev := make([]int, len(br)+1)
	cur := make([]int, len(br)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ar); i++ {
		cur[0] = i
		for j := 1; j <= len(br); j++ {
			cost := 1
			if ar[i-1] == br[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(br)]
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// name is how a message names the key at path: its last key, with the
// table it is in when that helps ("amount in [[insurance]] 2").
func name(path string) string {
	parts := strings.Split(path, ".")
	key := parts[len(parts)-1]
	if _, err := strconv.Atoi(key); err == nil && len(parts) > 1 {
		n, _ := strconv.Atoi(key)
		return fmt.Sprintf("entry %d of %s", n+1, parts[len(parts)-2])
	}
	return key
}

func last(path string) string {
	parts := strings.Split(path, ".")
	for i := len(parts) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(parts[i]); err != nil {
			return parts[i]
		}
	}
	return path
}

// parentName names the table that holds path, for messages.
func parentName(path string) string {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return ""
	}
	parent := path[:i]
	parts := strings.Split(parent, ".")
	if n, err := strconv.Atoi(parts[len(parts)-1]); err == nil && len(parts) > 1 {
		return fmt.Sprintf("[[%s]] number %d", strings.Join(parts[:len(parts)-1], "."), n+1)
	}
	return "[" + parent + "]"
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// describe says what a decoded TOML value is, for messages.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 40 {
			x = x[:37] + "..."
		}
		return fmt.Sprintf("the text %q", x)
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// suggestNumber turns "£40,000" into "40000" when it can.
func suggestNumber(s string) string {
	clean := strings.NewReplacer("£", "", ",", "", " ", "", "_", "").Replace(s)
	if _, err := strconv.ParseInt(clean, 10, 64); err == nil {
		return clean
	}
	return "40000"
}
