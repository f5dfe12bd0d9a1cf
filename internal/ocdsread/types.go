package ocdsread

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/london-anchors/tenders/internal/ocds"
)

// Notice is a compiled release, decoded: the fields of OCDS 1.1, its
// lots, suitability and location extensions, and the UK extension, that
// tenders import maps into a brief. Ids are Text, since publishers write
// them as strings or numbers; amounts are json.Number, so a number too
// big for a float (Find a Tender has published 1e9999) is still read, and
// judged where it is used.
type Notice struct {
	OCID      string         `json:"ocid"`
	ID        Text           `json:"id"`
	Date      string         `json:"date"`
	Tag       []string       `json:"tag"`
	Language  string         `json:"language"`
	Parties   []Organization `json:"parties"`
	Buyer     *Organization  `json:"buyer"` // a reference in OCDS 1.1; the whole organisation in 1.0
	Planning  *Planning      `json:"planning"`
	Tender    Tender         `json:"tender"`
	Awards    []Award        `json:"awards"`
	Contracts []Contract     `json:"contracts"`
}

// Text is an id, written as a string or a number.
type Text string

// UnmarshalJSON reads a string or a number.
func (t *Text) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = Text(strings.TrimSpace(s))
	case string(b) == "null":
		*t = ""
	case len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		*t = Text(b)
	default:
		return &json.UnmarshalTypeError{Value: kindOf(b), Type: reflect.TypeFor[Text]()}
	}
	return nil
}

// Organization is a party, or (OCDS 1.0) the buyer itself.
type Organization struct {
	ID                    Text          `json:"id"`
	Name                  string        `json:"name"`
	Identifier            *Identifier   `json:"identifier"`
	AdditionalIdentifiers []Identifier  `json:"additionalIdentifiers"`
	Address               *Address      `json:"address"`
	ContactPoint          *ocds.Contact `json:"contactPoint"`
	Roles                 []string      `json:"roles"`
	Details               *PartyDetails `json:"details"`
}

// Identifier is an organisation's id in a register: scheme GB-COH is
// Companies House, GB-PPON the UK's public procurement register.
type Identifier struct {
	Scheme    string `json:"scheme"`
	ID        Text   `json:"id"`
	LegalName string `json:"legalName"`
}

// Address is where an organisation is, or where work is delivered.
type Address struct {
	StreetAddress string `json:"streetAddress"`
	Locality      string `json:"locality"`
	Region        string `json:"region"` // UK portals write NUTS or ITL codes here, such as UKI31
	PostalCode    string `json:"postalCode"`
	CountryName   string `json:"countryName"`
}

// PartyDetails says what kind of organisation a supplier is.
type PartyDetails struct {
	Scale string `json:"scale"` // micro, sme, large, selfEmployed
	VCSE  *bool  `json:"vcse"`  // the UK extension
	URL   string `json:"url"`
}

// Planning is the planning section.
type Planning struct {
	Documents []Document `json:"documents"`
}

// Value is a sum of money.
type Value struct {
	Amount   json.Number `json:"amount"`
	Currency string      `json:"currency"`
}

// Tender is the tender section, with the fields of Contracts Finder's
// older shape (a classification on the tender itself, datePublished).
type Tender struct {
	ID                        Text                  `json:"id"`
	Title                     string                `json:"title"`
	Description               string                `json:"description"`
	Status                    string                `json:"status"`
	DatePublished             string                `json:"datePublished"`
	Items                     []Item                `json:"items"`
	Classification            *ocds.Classification  `json:"classification"`
	AdditionalClassifications []ocds.Classification `json:"additionalClassifications"`
	Value                     *Value                `json:"value"`
	MinValue                  *Value                `json:"minValue"`
	ProcurementMethod         string                `json:"procurementMethod"`
	ProcurementMethodDetails  string                `json:"procurementMethodDetails"`
	MainProcurementCategory   string                `json:"mainProcurementCategory"`
	SubmissionMethodDetails   string                `json:"submissionMethodDetails"`
	TenderPeriod              *ocds.Period          `json:"tenderPeriod"`
	EnquiryPeriod             *ocds.Period          `json:"enquiryPeriod"`
	ContractPeriod            *ocds.Period          `json:"contractPeriod"`
	Documents                 []Document            `json:"documents"`
	Lots                      []Lot                 `json:"lots"`
	Suitability               *Suitability          `json:"suitability"`
	DeliveryAddresses         []Address             `json:"deliveryAddresses"`
	ProcuringEntity           *Organization         `json:"procuringEntity"`
}

// Item is something bought.
type Item struct {
	ID                        Text                  `json:"id"`
	Description               string                `json:"description"`
	Classification            *ocds.Classification  `json:"classification"`
	AdditionalClassifications []ocds.Classification `json:"additionalClassifications"`
	DeliveryAddresses         []Address             `json:"deliveryAddresses"`
	DeliveryAddress           *Address              `json:"deliveryAddress"`
	DeliveryLocation          *Location             `json:"deliveryLocation"`
	DeliveryLocations         []Location            `json:"deliveryLocations"`
	RelatedLot                Text                  `json:"relatedLot"`
}

// Location is where work is done, from the location extension: a GeoJSON
// geometry in WGS84.
type Location struct {
	Description string    `json:"description"`
	Geometry    *Geometry `json:"geometry"`
}

// Geometry is a GeoJSON geometry. A Point's coordinates are [longitude,
// latitude] (or with an elevation after them); other types nest points,
// so they are kept as JSON.
type Geometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// Document is a document of the process; the UK extension adds its
// notice type, UK1 to UK17.
type Document struct {
	ID           Text   `json:"id"`
	DocumentType string `json:"documentType"`
	NoticeType   string `json:"noticeType"`
	Title        string `json:"title"`
	Description  string `json:"description"`
	URL          string `json:"url"`
	Format       string `json:"format"`
	Language     string `json:"language"`
}

// Lot is a part of the tender that can be bid for on its own.
type Lot struct {
	ID          Text         `json:"id"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Status      string       `json:"status"`
	Value       *Value       `json:"value"`
	Suitability *Suitability `json:"suitability"`
}

// Suitability says whom a process suits (the suitability extension; vcse
// from the UK extension).
type Suitability struct {
	SME  *bool `json:"sme"`
	VCSE *bool `json:"vcse"`
}

// Award is who won.
type Award struct {
	ID             Text         `json:"id"`
	Title          string       `json:"title"`
	Status         string       `json:"status"`
	Date           string       `json:"date"`
	Value          *Value       `json:"value"`
	Suppliers      []Supplier   `json:"suppliers"`
	ContractPeriod *ocds.Period `json:"contractPeriod"`
}

// Supplier names a party that won; OCDS 1.0 gives the whole organisation.
type Supplier struct {
	ID         Text          `json:"id"`
	Name       string        `json:"name"`
	Identifier *Identifier   `json:"identifier"`
	Address    *Address      `json:"address"`
	Details    *PartyDetails `json:"details"`
}

// Contract is a contract signed.
type Contract struct {
	ID         Text         `json:"id"`
	AwardID    Text         `json:"awardID"`
	Status     string       `json:"status"`
	DateSigned string       `json:"dateSigned"`
	Period     *ocds.Period `json:"period"`
	Value      *Value       `json:"value"`
}

// Decode reads a compiled release. A field of the wrong type (a number
// where text belongs, say) is left out, and named in the returned
// problems; the rest is read.
func Decode(data []byte) (*Notice, []string) {
	n := &Notice{}
	var problems []string
	for range 20 { // each pass finds the first bad field; drop it and read again
		err := json.Unmarshal(data, n)
		if err == nil {
			return n, problems
		}
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) || te.Field == "" {
			return n, append(problems, "it could not be read: "+err.Error())
		}
		problems = append(problems, fmt.Sprintf("%s holds a JSON %s where OCDS has %s: left out", te.Field, te.Value, typeName(te.Type.String())))
		fixed, ok := dropField(data, te.Field)
		if !ok {
			return n, problems
		}
		data = fixed
		*n = Notice{}
	}
	return n, problems
}

func typeName(t string) string {
	switch {
	case strings.Contains(t, "string"), strings.HasSuffix(t, "Text"):
		return "text"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.Contains(t, "bool"):
		return "true or false"
	case strings.Contains(t, "Number"), strings.Contains(t, "int"), strings.Contains(t, "float"):
		return "a number"
	}
	return "an object"
}

// dropField removes the field at a dotted path (lists are walked into
// every item) from a JSON object.
func dropField(data []byte, path string) ([]byte, bool) {
	var v any
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return nil, false
	}
	if !drop(v, strings.Split(path, ".")) {
		return nil, false
	}
	out, err := json.Marshal(v)
	return out, err == nil
}

func drop(v any, parts []string) bool {
	switch x := v.(type) {
	case []any:
		found := false
		for _, it := range x {
			found = drop(it, parts) || found
		}
		return found
	case map[string]any:
		if len(parts) == 1 {
			_, ok := x[parts[0]]
			delete(x, parts[0])
			return ok
		}
		return drop(x[parts[0]], parts[1:])
	}
	return false
}
