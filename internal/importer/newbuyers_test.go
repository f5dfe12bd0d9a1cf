package importer

import (
	"testing"

	"github.com/london-anchors/tenders/internal/config"
)

func TestGuessKind(t *testing.T) {
	for name, want := range map[string]string{
		"London Borough of Camden": "council", "Barts Health NHS Trust": "health", "University of East London": "university",
		"Newham College": "college", "Peabody Homes": "housing", "Horniman Museum": "culture", "Acme Ltd": "other",
	} {
		if got := guessKind(name); got != want {
			t.Errorf("guessKind(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestAppendBuyersKeepsTheFile(t *testing.T) {
	src := "title = \"T\"\nbase_url = \"https://e.org/\"\n# a comment\n[buyers.x]\nname = \"X\"\nkind = \"council\""
	out := AppendBuyers([]byte(src), []NewBuyer{{Key: "acme", Buyer: config.Buyer{Name: `Acme "Quoted" Ltd`, Kind: "other", IDs: []string{"GB-COH-01234567"}}}})
	if string(out[:len(src)]) != src {
		t.Fatalf("the file's own bytes changed:\n%s", out)
	}
	cfg, list := config.Parse("site.toml", string(out))
	if list.Errors() > 0 {
		t.Fatalf("%v\n%s", list, out)
	}
	if b := cfg.Buyers["acme"]; b.Name != `Acme "Quoted" Ltd` || b.Kind != "other" || len(b.IDs) != 1 {
		t.Errorf("read back %+v", b)
	}
	if string(AppendBuyers([]byte(src), nil)) != src {
		t.Error("no buyers changed the file")
	}
}
