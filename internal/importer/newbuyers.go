package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/ocdsread"
)

// NewBuyer is a buyer that is not in site.toml, added by --all-buyers.
type NewBuyer struct {
	Key string
	config.Buyer
}

// addBuyer makes a buyer of site.toml for the notice's buyer, or finds
// the one made for it already: its key from its name, its kind guessed,
// its identifiers those that are organisation identifiers.
func (im *Import) addBuyer(o *ocdsread.Organization) string {
	name := plain(o.Name)
	if name == "" {
		return ""
	}
	for _, nb := range im.added {
		if fold(nb.Name) == fold(name) {
			return nb.Key
		}
	}
	base := brief.SlugFor(name)
	if base == "" {
		return ""
	}
	key := base
	for i := 2; im.Config.Buyers[key].Name != ""; i++ {
		key = fmt.Sprintf("%s-%d", base, i)
	}
	b := config.Buyer{Name: name, Kind: guessKind(name)}
	for _, id := range identifiers(o) {
		if orgID.MatchString(id) && !slices.Contains(b.IDs, id) && len(b.IDs) < 10 {
			b.IDs = append(b.IDs, id)
		}
	}
	if im.Config.Buyers == nil {
		im.Config.Buyers = map[string]config.Buyer{}
	}
	im.Config.Buyers[key] = b
	im.added = append(im.added, NewBuyer{Key: key, Buyer: b})
	return key
}

// orgID is an organisation identifier as site.toml takes it.
var orgID = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]+-[^\s<>"\\]+$`)

// kinds guesses a buyer's kind from words of its name, first match wins.
var kinds = []struct{ kind, words string }{
	{"health", "nhs hospital hospitals health clinical ambulance"},
	{"university", "university"},
	{"college", "college school academy"},
	{"housing", "housing homes"},
	{"council", "council borough corporation authority"},
	{"culture", "museum gallery theatre library libraries arts"},
	{"faith", "church diocese mosque synagogue temple gurdwara"},
	{"charity", "charity foundation"},
}

func guessKind(name string) string {
	words := strings.Fields(strings.ToLower(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return ' '
	}, name)))
	for _, k := range kinds {
		for _, w := range strings.Fields(k.words) {
			if slices.Contains(words, w) {
				return k.kind
			}
		}
	}
	return "other"
}

// NewBuyers are the buyers --all-buyers added, in the order met.
func (im *Import) NewBuyers() []NewBuyer { return im.added }

// AppendBuyers is site.toml with a [buyers.KEY] table for each new buyer
// at its end; everything before is left byte for byte.
func AppendBuyers(src []byte, bs []NewBuyer) []byte {
	if len(bs) == 0 {
		return src
	}
	out := bytes.Clone(src)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	for _, b := range bs {
		out = fmt.Appendf(out, "\n# Added by tenders import: check the name and the kind (guessed), and add url and borough.\n[buyers.%s]\nname = %s\nkind = %s\n", b.Key, quote(b.Name), quote(b.Kind))
		if len(b.IDs) > 0 {
			quoted := make([]string, len(b.IDs))
			for i, id := range b.IDs {
				quoted[i] = quote(id)
			}
			out = fmt.Appendf(out, "ids = [%s]\n", strings.Join(quoted, ", "))
		}
	}
	return out
}
