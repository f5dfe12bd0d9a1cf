package tomldec

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestScanKeys(t *testing.T) {
	src := `title = "x"   # a comment
  indented = 1
"quoted key" = 2
dotted.key = 3
list = [
  "a = b",
  "[not a table]",
]
text = """
fake = 1
[fake]
"""
[contact]
email = "a@b"
[[insurance]]
kind = "a"
[[insurance]]
kind = "b"
amount = 5
[insurance.detail]
note = "c"
[buyers.camden]
name = "Camden"
café = 1
`
	keys, problem := ScanKeys(src)
	if problem != nil {
		t.Fatal(problem)
	}
	want := map[string]Pos{
		"title":                   {1, 1},
		"indented":                {2, 3},
		"quoted key":              {3, 1},
		"dotted.key":              {4, 1},
		"list":                    {5, 1},
		"text":                    {9, 1},
		"contact":                 {13, 1},
		"contact.email":           {14, 1},
		"insurance":               {15, 1},
		"insurance.0":             {15, 1},
		"insurance.0.kind":        {16, 1},
		"insurance.1":             {17, 1},
		"insurance.1.kind":        {18, 1},
		"insurance.1.amount":      {19, 1},
		"insurance.1.detail":      {20, 1},
		"insurance.1.detail.note": {21, 1},
		"buyers.camden":           {22, 1},
		"buyers.camden.name":      {23, 1},
	}
	for k, p := range want {
		if got := keys[k]; got != p {
			t.Errorf("%s at %v, want %v", k, got, p)
		}
	}
	for _, k := range []string{"fake", "a = b", "not a table"} {
		if _, ok := keys[k]; ok {
			t.Errorf("%q found inside a value", k)
		}
	}
	if got := keys.Pos("insurance.1.amount.deeper"); got != (Pos{19, 1}) {
		t.Errorf("Pos falls back to %v, want the parent's", got)
	}
}

type sample struct {
	Name  string            `toml:"name"`
	Count int64             `toml:"count"`
	Tags  []string          `toml:"tags"`
	On    bool              `toml:"on"`
	Sub   struct{ X int64 } `toml:"sub"`
	Items []struct {
		Title string `toml:"title"`
	} `toml:"items"`
	Skip string `toml:"-"`
}

func TestDecodeProblems(t *testing.T) {
	src := "name = 1\ncount = \"£1,000\"\ntags = \"a\"\non = \"yes\"\nnmae = \"x\"\n[[items]]\ntitel = \"t\"\n"
	var s sample
	_, problems := Decode(src, &s)
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%d:%d:%s", p.Pos.Line, p.Pos.Col, p.Msg))
	}
	slices.Sort(got)
	want := []string{
		`1:1:name must be text in double quotes, such as name = "..."; you wrote the number 1`,
		`2:1:count must be a number without quotes, commas or a £ sign, such as count = 1000; you wrote the text "£1,000"`,
		`3:1:tags must be a list in square brackets, such as tags = ["..."]; you wrote the text "a"`,
		`4:1:on must be true or false (without quotes); you wrote the text "yes"`,
		`5:1:unknown key "nmae"; did you mean "name"?`,
		`7:1:unknown key "titel" in [[items]] number 1; did you mean "title"?`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, problems := Decode("a = 1\nb = \"café\n", &struct{}{})
	if len(problems) != 1 || problems[0].Pos != (Pos{2, 10}) {
		t.Fatalf("got %+v, want one problem at 2:10", problems)
	}
}

func TestClosest(t *testing.T) {
	cands := []string{"deadline", "published", "title"}
	for in, want := range map[string]string{"dealine": "deadline", "Title": "title", "colour": "", "publised": "published"} {
		if got := Closest(in, cands); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLimits(t *testing.T) {
	type doc struct {
		X any `toml:"x"`
	}
	tests := []struct {
		name string
		src  string
		want Pos // where the problem is; the zero Pos for none
	}{
		{"dotted key", "ok = 1\n" + strings.Repeat("a.", 100000) + "a = 1\n", Pos{2, 1}},
		{"eight parts", "a.b.c.d.e.f.g.h = 1\n", Pos{}},
		{"nine parts", "a.b.c.d.e.f.g.h.i = 1\n", Pos{1, 1}},
		{"table name", "[" + strings.Repeat("a.", 20) + "a]\n", Pos{1, 1}},
		{"array of tables name", "[[" + strings.Repeat("a.", 20) + "a]]\n", Pos{1, 1}},
		{"nested inline tables", "x = " + strings.Repeat("{a=", 50000) + "1" + strings.Repeat("}", 50000) + "\n", Pos{1, 29}},
		{"nested arrays", "x = " + strings.Repeat("[", 9) + strings.Repeat("]", 9) + "\n", Pos{1, 13}},
		{"nested over lines", "x = [\n" + strings.Repeat("[\n", 9) + strings.Repeat("]", 10) + "\n", Pos{9, 1}},
		{"dotted key in inline table", "x = {" + strings.Repeat("a.", 30) + "a = 1}\n", Pos{1, 21}},
		{"quoted dotted key in inline table", "x = {" + strings.Repeat(`"a".`, 30) + `"a" = 1}` + "\n", Pos{1, 37}},
		{"floats and dates", "x = [1.5, 2.5, 3.5]\ny = 2026-12-01T10:00:00.000Z\nz = \"a.b.c.d.e.f.g.h.i.j\"\n", Pos{}},
		{"many keys", strings.Repeat("k = 1\n", MaxKeys+1), Pos{MaxKeys + 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := Decode(tt.src, &doc{})
			var got Pos
			for _, p := range problems {
				if strings.Contains(p.Msg, "at most") || strings.Contains(p.Msg, "deep") {
					got = p.Pos
					break
				}
			}
			if got != tt.want {
				t.Errorf("limit problem at %v, want %v (problems: %v)", got, tt.want, problems)
			}
		})
	}
}

func TestDecodeRefusesHostileValues(t *testing.T) {
	var v struct {
		Name  string  `toml:"name"`
		Share float64 `toml:"share"`
		Other float64 `toml:"other"`
		Neg   float64 `toml:"neg"`
	}
	_, problems := Decode("name = \"x\\u0000y\\u202e\"\nshare = nan\nother = inf\nneg = -inf\n", &v)
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%d:%s", p.Pos.Line, p.Msg))
	}
	slices.Sort(got)
	want := []string{
		`1:name holds a control character (U+0000) after "x"; delete it (an escape such as \u0001 writes one)`,
		`2:share must be a number; NaN is not one`,
		`3:other must be a number; +Inf is not one`,
		`4:neg must be a number; -Inf is not one`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
