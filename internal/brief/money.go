package brief

import "strconv"

// Money writes whole pounds the British way: £1,250,000.
func Money(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := []byte{}
	digits := []byte(strconv.FormatInt(n, 10))
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			s = append(s, ',')
		}
		s = append(s, d)
	}
	if neg {
		return "-£" + string(s)
	}
	return "£" + string(s)
}
