package cpv

import "testing"

func TestLookup(t *testing.T) {
	if n := Len(); n != 9454 {
		t.Errorf("Len() = %d, want 9454", n)
	}
	tests := []struct {
		code  string
		label string
		ok    bool
	}{
		{"90911200-8", "Building-cleaning services", true},
		{"03111000-2", "Seeds", true},
		{"90911200-9", "", false},
		{"90911200", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		label, ok := Lookup(tt.code)
		if ok != tt.ok || label != tt.label {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.code, label, ok, tt.label, tt.ok)
		}
	}
	if c, ok := ByDigits("90911200"); !ok || c != "90911200-8" {
		t.Errorf("ByDigits = %q, %v", c, ok)
	}
}
