package safetext

import "testing"

func TestFind(t *testing.T) {
	tests := []struct {
		in  string
		off int
	}{
		{"plain text, with tabs\tand\nlines\r\n", -1},
		{"café £40,000 — “quotes”", -1},
		{"bell\x07", 4},
		{"nul\x00", 3},
		{"del\x7f", 3},
		{"lone\rcr", 4},
		{"c1 \u0085", 3},
		{"rtl \u202eevil", 4},
		{"isolate \u2066x", 8},
		{"not text \uffff", 9},
	}
	for _, tt := range tests {
		if off, why := Find([]byte(tt.in)); off != tt.off {
			t.Errorf("Find(%q) = %d %q, want %d", tt.in, off, why, tt.off)
		}
	}
	if off, _ := FindString("a\rb"); off != 1 {
		t.Errorf("FindString with CR = %d, want 1", off)
	}
}

func TestStrip(t *testing.T) {
	if got := Strip("a\x00b\x01c\u202ed\r\ne\tf"); got != "abcd\ne\tf" {
		t.Errorf("Strip = %q", got)
	}
	if got := Strip("bad \xff utf-8"); got != "bad  utf-8" {
		t.Errorf("Strip = %q", got)
	}
}

func TestLine(t *testing.T) {
	in := "x\n::error file=site.toml,line=1::Injected\r\x1b[31m\u202e and ##[error]old"
	want := `x\n::error file=site.toml,line=1::Injected\r\x1b[31m\u202e and ## [error]old`
	if got := Line(in); got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
}

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "plain": "plain", "": "", "40000": "40000",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJSON(t *testing.T) {
	in := []byte(`{"message": "buyer \"##[error]x\" is unknown"}`)
	want := `{"message": "buyer \"#\u0023[error]x\" is unknown"}`
	if got := string(JSON(in)); got != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
}
