package tomldec

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// HumanDate reads a date written the way people write it, day first as
// in Britain: 18/12/2026, 18.12.2026, 18-12-2026, 18/12/26, 2026/12/18,
// 18 December 2026, 18th Dec 2026, Friday 18 December 2026 or December
// 18, 2026, each perhaps with a time such as 12:00, 12.00, 12pm or
// "at 5:30pm". It returns the date as TOML writes it (2026-12-18, or
// 2026-12-18T12:00:00 with a time) and the same in words for a message
// ("18 December 2026", "12:00 on 18 December 2026"). ok is false when s
// is not such a date, or names a day that does not exist.
func HumanDate(s string) (toml, words string, ok bool) {
	s = strings.Join(strings.Fields(strings.ToLower(strings.TrimSpace(s))), " ")
	datePart, clock, hasTime := splitTime(s)
	y, m, d, ok := readDay(datePart)
	if !ok || y < 1000 || y > 9999 {
		return "", "", false
	}
	t := time.Date(y, time.Month(m), d, clock/60, clock%60, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return "", "", false // 31 November
	}
	if hasTime {
		return t.Format("2006-01-02T15:04:05"), t.Format("15:04 on 2 January 2006"), true
	}
	return t.Format("2006-01-02"), t.Format("2 January 2006"), true
}

var (
	numericDayRE = regexp.MustCompile(`^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})$`)
	yearFirstRE  = regexp.MustCompile(`^([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})$`)
	dayMonthRE   = regexp.MustCompile(`^(?:[a-z]+,? )?([0-9]{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?,? ([0-9]{4})$`)
	monthDayRE   = regexp.MustCompile(`^(?:[a-z]+,? )?([a-z]+)\.? ([0-9]{1,2})(?:st|nd|rd|th)?,? ([0-9]{4})$`)
	timeRE       = regexp.MustCompile(`^(.*?),?(?: at)? ([0-9]{1,2})(?:[:.]([0-9]{2}))?(?::[0-9]{2})? ?(am|pm|a\.m\.|p\.m\.)?$`)
)

// readDay reads the day part of a human date.
func readDay(s string) (y, m, d int, ok bool) {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if g := numericDayRE.FindStringSubmatch(s); g != nil {
		d, m, y = atoi(g[1]), atoi(g[2]), atoi(g[3])
		if len(g[3]) == 2 {
			y += 2000
		}
		if m > 12 && d <= 12 { // written month first, as in America
			d, m = m, d
		}
		return y, m, d, m >= 1 && m <= 12
	}
	if g := yearFirstRE.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
		return y, m, d, m >= 1 && m <= 12
	}
	if g := dayMonthRE.FindStringSubmatch(s); g != nil {
		if m = monthNumber(g[2]); m > 0 {
			return atoi(g[3]), m, atoi(g[1]), true
		}
	}
	if g := monthDayRE.FindStringSubmatch(s); g != nil {
		if m = monthNumber(g[1]); m > 0 {
			return atoi(g[3]), m, atoi(g[2]), true
		}
	}
	return 0, 0, 0, false
}

// splitTime takes a time of day off the end of s: the minutes after
// midnight, and whether there was one. "noon" and "midday" are 12:00.
func splitTime(s string) (day string, minutes int, ok bool) {
	for _, w := range []string{" at noon", " noon", " at midday", " midday", " 12 noon"} {
		if rest, found := strings.CutSuffix(s, w); found {
			return strings.TrimSuffix(rest, ","), 12 * 60, true
		}
	}
	g := timeRE.FindStringSubmatch(s)
	if g == nil {
		return s, 0, false
	}
	if _, _, _, dayOK := readDay(g[1]); !dayOK {
		return s, 0, false
	}
	h, _ := strconv.Atoi(g[2])
	mins, _ := strconv.Atoi(g[3])
	switch {
	case g[4] == "" && g[3] == "":
		return s, 0, false // a bare number: the end of the date, not a time
	case strings.HasPrefix(g[4], "p") && h < 12:
		h += 12
	case strings.HasPrefix(g[4], "a") && h == 12:
		h = 0
	}
	if h > 23 || mins > 59 {
		return s, 0, false
	}
	return g[1], h*60 + mins, true
}

var months = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthNumber reads a month's name or its first three letters ("sept"
// too), or returns 0.
func monthNumber(s string) int {
	for i, m := range months {
		if s == m || len(s) >= 3 && strings.HasPrefix(m, s) {
			return i + 1
		}
	}
	return 0
}

// DateMessage is the message for a date written as a person would
// write it, s, which HumanDate reads as toml and words.
func DateMessage(s, toml, words string) string {
	what := "date"
	if strings.Contains(toml, "T") {
		what = "date and time"
	}
	return fmt.Sprintf("is written %q; write the %s as %s (%s)", s, what, toml, words)
}

// mayBeHumanDate is false for a value HumanDate cannot read, tested
// cheaply: every date it reads has a separator (- / . or a space), and
// none starts as a TOML date does, with four digits and a hyphen. Most
// unquoted values are numbers, booleans and TOML dates.
func mayBeHumanDate(v string) bool {
	if len(v) >= 5 && v[4] == '-' && strings.Trim(v[:4], "0123456789") == "" {
		return false
	}
	return strings.ContainsAny(v, "-/.") || strings.ContainsFunc(v, unicode.IsSpace)
}

// quoteHumanDates finds the keys whose value is a date as a person would
// write it without quotes, which is not TOML, and reports each at its
// value. It returns src with those values replaced by "", so that the
// rest of the document can be decoded.
func quoteHumanDates(src string, keys Keys) (string, []Problem) {
	var lines []string
	var problems []Problem
	paths := make([]string, 0, len(keys))
	for k := range keys {
		paths = append(paths, k)
	}
	slices.Sort(paths)
	for _, path := range paths {
		pos := keys[path]
		if lines == nil {
			if !strings.ContainsAny(src, "/. ") {
				return src, nil
			}
			lines = strings.Split(src, "\n")
		}
		if pos.Line < 1 || pos.Line > len(lines) {
			continue
		}
		line := lines[pos.Line-1]
		start := byteOffset(line, pos.Col)
		if start >= len(line) || line[start] == '[' {
			continue
		}
		eq := strings.IndexByte(line[start:], '=')
		if eq < 0 {
			continue
		}
		from := start + eq + 1
		for from < len(line) && (line[from] == ' ' || line[from] == '\t') {
			from++
		}
		to := len(line)
		if i := strings.IndexByte(line[from:], '#'); i >= 0 {
			to = from + i
		}
		value := strings.TrimRight(line[from:to], " \t\r")
		if value == "" || strings.ContainsAny(value[:1], "\"'[{") || !mayBeHumanDate(value) {
			continue
		}
		iso, words, ok := HumanDate(value)
		if !ok {
			continue
		}
		problems = append(problems, Problem{
			Pos:  Pos{Line: pos.Line, Col: utf8.RuneCountInString(line[:from]) + 1},
			Path: path,
			Msg:  name(path) + " " + DateMessage(value, iso, words),
		})
		lines[pos.Line-1] = line[:from] + `""` + line[from+len(value):]
	}
	if len(problems) == 0 {
		return src, nil
	}
	slices.SortFunc(problems, func(a, b Problem) int { return a.Pos.Line - b.Pos.Line })
	return strings.Join(lines, "\n"), problems
}

// byteOffset is the byte offset of column col (in characters) of line.
func byteOffset(line string, col int) int {
	n := 0
	for i := range line {
		if n == col-1 {
			return i
		}
		n++
	}
	return len(line)
}
