package config

// Area is a place a brief can name in boroughs.
type Area struct {
	Key  string // what a brief writes, such as "tower-hamlets"
	Name string // what a reader sees, such as "Tower Hamlets"
}

// LondonWide is the area key for work across the whole of London.
const LondonWide = "london-wide"

// Areas lists the 32 London boroughs, the City of London and london-wide,
// in alphabetical order of name with london-wide last. They are built in so
// every site spells them the same way, and feed addresses never change.
var Areas = []Area{
	{"barking-and-dagenham", "Barking and Dagenham"},
	{"barnet", "Barnet"},
	{"bexley", "Bexley"},
	{"brent", "Brent"},
	{"bromley", "Bromley"},
	{"camden", "Camden"},
	{"city-of-london", "City of London"},
	{"croydon", "Croydon"},
	{"ealing", "Ealing"},
	{"enfield", "Enfield"},
	{"greenwich", "Greenwich"},
	{"hackney", "Hackney"},
	{"hammersmith-and-fulham", "Hammersmith and Fulham"},
	{"haringey", "Haringey"},
	{"harrow", "Harrow"},
	{"havering", "Havering"},
	{"hillingdon", "Hillingdon"},
	{"hounslow", "Hounslow"},
	{"islington", "Islington"},
	{"kensington-and-chelsea", "Kensington and Chelsea"},
	{"kingston-upon-thames", "Kingston upon Thames"},
	{"lambeth", "Lambeth"},
	{"lewisham", "Lewisham"},
	{"merton", "Merton"},
	{"newham", "Newham"},
	{"redbridge", "Redbridge"},
	{"richmond-upon-thames", "Richmond upon Thames"},
	{"southwark", "Southwark"},
	{"sutton", "Sutton"},
	{"tower-hamlets", "Tower Hamlets"},
	{"waltham-forest", "Waltham Forest"},
	{"wandsworth", "Wandsworth"},
	{"westminster", "Westminster"},
	{LondonWide, "London-wide"},
}

var areaNames = func() map[string]string {
	m := make(map[string]string, len(Areas))
	for _, a := range Areas {
		m[a.Key] = a.Name
	}
	return m
}()

// AreaName returns the display name of an area key, and whether it exists.
func AreaName(key string) (string, bool) {
	n, ok := areaNames[key]
	return n, ok
}

// AreaKeys returns every area key, in the order of Areas.
func AreaKeys() []string {
	ks := make([]string, len(Areas))
	for i, a := range Areas {
		ks[i] = a.Key
	}
	return ks
}
