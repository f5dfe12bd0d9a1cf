package importer

import "strings"

// itl3 maps the International Territorial Level 3 codes of London (ITL
// 2021, which kept the codes of NUTS 2016 level 3; the Office for National
// Statistics publishes them) to the boroughs each covers. Notices write them
// in an address's region, or as delivery locations. Source: ONS,
// "International Territorial Level (ITL) 1, 2 and 3 (January 2021) names
// and codes in the United Kingdom".
var itl3 = map[string][]string{
	"UKI31": {"camden", "city-of-london"},
	"UKI32": {"westminster"},
	"UKI33": {"kensington-and-chelsea", "hammersmith-and-fulham"},
	"UKI34": {"wandsworth"},
	"UKI41": {"hackney", "newham"},
	"UKI42": {"tower-hamlets"},
	"UKI43": {"haringey", "islington"},
	"UKI44": {"lewisham", "southwark"},
	"UKI45": {"lambeth"},
	"UKI51": {"bexley", "greenwich"},
	"UKI52": {"barking-and-dagenham", "havering"},
	"UKI53": {"redbridge", "waltham-forest"},
	"UKI54": {"enfield"},
	"UKI61": {"bromley"},
	"UKI62": {"croydon"},
	"UKI63": {"merton", "kingston-upon-thames", "sutton"},
	"UKI71": {"barnet"},
	"UKI72": {"brent"},
	"UKI73": {"ealing"},
	"UKI74": {"harrow", "hillingdon"},
	"UKI75": {"hounslow", "richmond-upon-thames"},
}

// areasOf gives the borough keys a region code names: one ITL 3 code, or
// "london-wide" for all of London (UKI, and the ITL 2 codes under it, are
// too broad to name one borough). Codes outside London give none.
func areasOf(region string) []string {
	code := strings.ToUpper(strings.TrimSpace(region))
	if i := strings.IndexAny(code, " -:"); i > 0 {
		code = code[:i] // "UKI31 - Camden and City of London"
	}
	if bs, ok := itl3[code]; ok {
		return bs
	}
	if code == "UKI" || len(code) == 4 && strings.HasPrefix(code, "UKI") {
		return []string{"london-wide"}
	}
	return nil
}
