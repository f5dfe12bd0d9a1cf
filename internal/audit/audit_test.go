package audit

import (
	"strings"
	"testing"
)

func TestFragment(t *testing.T) {
	tests := []struct {
		html string
		want string // a substring of the first problem, or "" for none
	}{
		{`<p><a href="https://example.org/x">x</a> <a href="mailto:a@b.example">m</a> <a href="../y/">y</a></p>`, ""},
		{`<p><a href="https://exa%22mple">an odd host, but https</a></p>`, ""},
		{`<td style="text-align:right">1</td>`, ""},
		{`<pre><code class="language-go">x</code></pre>`, ""},
		{`<ul><li><input checked="" disabled="" type="checkbox"> done</li></ul>`, ""},
		{`<a href="javascript:alert(1)">x</a>`, "scheme that is not allowed"},
		{`<a href=" java&#9;script:alert(1)">x</a>`, "scheme that is not allowed"},
		{`<img src="data:image/png;base64,AA">`, "scheme that is not allowed"},
		{`<a href="tel:02079460000">020 7946 0000</a>`, "tel:"}, // only the templates write one
		{`<p onclick="x">x</p>`, "event handler"},
		{`<h2 style="position:fixed">x</h2>`, "a style"},
		{`<h2 class="visually-hidden">x</h2>`, "a class"},
		{`<script>alert(1)</script>`, "<script>"},
		{`<form action="https://x"><input type="text"></form>`, "<form>"},
		{`<iframe src="https://x"></iframe>`, "<iframe>"},
	}
	for _, tt := range tests {
		got := Fragment([]byte(tt.html))
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%s: %v", tt.html, got)
		case tt.want != "" && (len(got) == 0 || !strings.Contains(got[0], tt.want)):
			t.Errorf("%s: %v, want %q", tt.html, got, tt.want)
		}
	}
}

func TestLog(t *testing.T) {
	printed := "content/a.md:1:1: fine\n  ::error::injected\n##[error]old\n::error file=a.md,line=1::ours\n"
	got := Log([]byte(printed), false)
	if len(got) != 3 {
		t.Errorf("without annotations: %v", got)
	}
	if got := Log([]byte(printed), true); len(got) != 2 {
		t.Errorf("with annotations: %v", got)
	}
}

func TestCSVAndHostFile(t *testing.T) {
	if got := CSV([]byte("a,b\r\n'=x,+1\r\n")); len(got) != 1 || !strings.Contains(got[0], `"+1"`) {
		t.Errorf("CSV: %v", got)
	}
	if got := HostFile("_redirects", []byte("# x\n/a /b/ 301\n/* https://evil.example/ 200\n")); len(got) != 1 {
		t.Errorf("_redirects: %v", got)
	}
}

// TestPageTel: a page may link a phone number as the templates write it,
// and nothing else with tel:.
func TestPageTel(t *testing.T) {
	for _, c := range []struct {
		html string
		ok   bool
	}{
		{`<a href="tel:02079460000">020 7946 0000</a>`, true},
		{`<a href="tel:+442079460000">+44 20 7946 0000</a>`, true},
		{`<a href="tel:020 7946 0000">x</a>`, false},
		{`<a href="tel:0207;phone-context=evil">x</a>`, false},
	} {
		if got := Page([]byte(c.html)); (len(got) == 0) != c.ok {
			t.Errorf("%s: %v", c.html, got)
		}
	}
}
