// Package portal walks the OCDS APIs of the UK's two notice portals, Find
// a Tender (https://www.find-tender.service.gov.uk/) and Contracts Finder
// (https://www.contractsfinder.service.gov.uk/), page by page.
//
// A walk splits the time it covers into windows (Find a Tender drops
// releases from windows longer than a few hours), and pages through each
// window with the cursor of the answer's links.next, one request at a
// time. The portals limit how fast they may be asked: Find a Tender
// answers 429 after about a dozen requests in two minutes, Contracts
// Finder 403, meaning "wait five minutes". A walk waits as the answer's
// Retry-After says, or as the portal's rule does, and tries again; it
// tries again after a 503 (the service is busy) and after a network
// failure too, a few times, waiting longer each time. Anything else ends
// the walk with an error that names the address.
package portal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Portal is one portal's API.
type Portal struct {
	Key      string        // how --from names it: "fts" or "cf"
	Name     string        // its name in messages and on pages
	Endpoint string        // its address, without a path
	Path     string        // the path of its release search
	From, To string        // the names of its window's parameters
	Window   time.Duration // the longest window to ask for
	// Slow is the status code that means "too many requests", and Wait
	// how long to wait after it when the answer says nothing.
	Slow int
	Wait time.Duration
}

// The two portals.
var (
	FindATender = Portal{
		Key: "fts", Name: "Find a Tender", Endpoint: "https://www.find-tender.service.gov.uk",
		Path: "/api/1.0/ocdsReleasePackages", From: "updatedFrom", To: "updatedTo",
		Window: 4 * time.Hour, Slow: http.StatusTooManyRequests, Wait: time.Minute,
	}
	ContractsFinder = Portal{
		Key: "cf", Name: "Contracts Finder", Endpoint: "https://www.contractsfinder.service.gov.uk",
		Path: "/Published/Notices/OCDS/Search", From: "publishedFrom", To: "publishedTo",
		Window: 24 * time.Hour, Slow: http.StatusForbidden, Wait: 5 * time.Minute,
	}
	Portals = []Portal{FindATender, ContractsFinder}
)

// ByKey finds a portal by its --from name.
func ByKey(key string) (Portal, bool) {
	for _, p := range Portals {
		if p.Key == key {
			return p, true
		}
	}
	return Portal{}, false
}

// Walker walks one portal.
type Walker struct {
	Portal
	Client *http.Client // nil means DefaultClient
	// Sleep waits for d unless ctx ends first; nil means a real timer.
	// Tests give one that does not wait.
	Sleep func(ctx context.Context, d time.Duration) error
	// Progress hears of each page read.
	Progress func(Progress)
	// Tries is how many times a request is made before a 503 or a
	// network failure ends the walk (default 5); a portal's own
	// "too many requests" is waited out up to ten times as often.
	Tries int
	Limit int // releases a page (1 to 100; default 100)
}

// DefaultClient gives up on an answer that takes over two minutes (a
// page is a few megabytes), which then counts as a network failure.
var DefaultClient = &http.Client{Timeout: 2 * time.Minute}

// Progress is how far a walk has got.
type Progress struct {
	Window, Windows int       // the window being read, from 1, and how many there are
	Pages           int       // pages read so far
	From, To        time.Time // the window
	Waiting         time.Duration
}

// Page reads the body of one answer and returns the address of the next
// page (links.next), or "" when there is none.
type Page func(address string, body io.Reader) (next string, err error)

// MaxPage is the largest answer read: a page of 100 releases is a few
// megabytes.
const MaxPage = 64 << 20

// maxPages stops a walk whose cursor never ends.
const maxPages = 10000

// Walk reads every page of every window from since to until, in order.
func (w *Walker) Walk(ctx context.Context, since, until time.Time, page Page) error {
	if !since.Before(until) {
		return fmt.Errorf("%s: the walk starts at %s, which is not before its end %s", w.Name, stamp(since), stamp(until))
	}
	windows := Windows(since, until, w.Window)
	pages := 0
	for i, win := range windows {
		cursor := ""
		seen := map[string]bool{}
		for {
			address := w.address(win[0], win[1], cursor)
			next, err := w.fetch(ctx, address, page)
			if err != nil {
				return err
			}
			pages++
			if w.Progress != nil {
				w.Progress(Progress{Window: i + 1, Windows: len(windows), Pages: pages, From: win[0], To: win[1]})
			}
			cursor = cursorOf(next)
			if cursor == "" {
				break
			}
			if seen[cursor] || pages >= maxPages {
				return fmt.Errorf("%s: the cursor of %s leads back to a page already read; the walk stopped there", w.Name, address)
			}
			seen[cursor] = true
		}
	}
	return nil
}

// Windows cuts the time from since to until into spans of at most d.
func Windows(since, until time.Time, d time.Duration) [][2]time.Time {
	var out [][2]time.Time
	for from := since; from.Before(until); from = from.Add(d) {
		out = append(out, [2]time.Time{from, minTime(from.Add(d), until)})
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05") }

// address is the request for one page of a window.
func (w *Walker) address(from, to time.Time, cursor string) string {
	q := url.Values{}
	q.Set(w.From, stamp(from))
	q.Set(w.To, stamp(to))
	limit := w.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	q.Set("limit", strconv.Itoa(limit))
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	return strings.TrimSuffix(w.Endpoint, "/") + w.Path + "?" + q.Encode()
}

// cursorOf takes the cursor out of a links.next address. The address
// itself is never followed: the next request goes to the same endpoint.
func cursorOf(next string) string {
	if next == "" {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil {
		return ""
	}
	return u.Query().Get("cursor")
}

// StatusError is an answer the walk could not use.
type StatusError struct {
	Address string
	Status  int
	Body    string // the start of the answer, for the message
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("%s answered %d %s", e.Address, e.Status, http.StatusText(e.Status))
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// fetch asks for one page until it gets it, waiting as the portal asks.
func (w *Walker) fetch(ctx context.Context, address string, page Page) (string, error) {
	tries := w.Tries
	if tries <= 0 {
		tries = 5
	}
	failures, slow := 0, 0
	for {
		next, wait, err := w.once(ctx, address, page)
		if err == nil {
			return next, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		var se *StatusError
		var pe *pageError
		switch {
		case errors.As(err, &pe):
			return "", pe.err
		case errors.As(err, &se) && se.Status == w.Slow:
			slow++
			if slow > 10*tries {
				return "", fmt.Errorf("%w; it still said so after %d waits: try again later", err, slow-1)
			}
			if wait < 0 {
				wait = w.Wait * time.Duration(min(slow, 4))
			}
		case errors.As(err, &se) && se.Status != http.StatusServiceUnavailable && se.Status < 500:
			return "", err
		default: // a 503 or another 5xx, or a network failure: try again, waiting longer each time
			failures++
			if failures >= tries {
				return "", fmt.Errorf("%w (tried %d times)", err, failures)
			}
			if wait < 0 {
				wait = time.Duration(5<<(failures-1)) * time.Second
			}
		}
		if w.Progress != nil {
			w.Progress(Progress{Waiting: wait})
		}
		if err := w.sleep(ctx, wait); err != nil {
			return "", err
		}
	}
}

func (w *Walker) sleep(ctx context.Context, d time.Duration) error {
	if w.Sleep != nil {
		return w.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// once makes one request. It returns the wait the answer asked for
// (Retry-After), if any.
func (w *Walker) once(ctx context.Context, address string, page Page) (string, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return "", -1, &pageError{err}
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "tenders-import")
	client := w.Client
	if client == nil {
		client = DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", -1, fmt.Errorf("%s: %w", address, unwrapURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		start, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		return "", retryAfter(resp.Header.Get("Retry-After")), &StatusError{Address: address, Status: resp.StatusCode, Body: oneLine(string(start))}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxPage+1))
	if err != nil {
		return "", -1, fmt.Errorf("%s: the answer broke off: %w", address, unwrapURL(err))
	}
	if len(body) > MaxPage {
		return "", -1, &StatusError{Address: address, Status: http.StatusRequestEntityTooLarge, Body: fmt.Sprintf("the answer is over %d MiB", MaxPage>>20)}
	}
	next, err := page(address, strings.NewReader(string(body)))
	if err != nil {
		return "", -1, &pageError{err}
	}
	return next, 0, nil
}

// pageError is a page that arrived but could not be read: asking again
// would not help.
type pageError struct{ err error }

func (e *pageError) Error() string { return e.err.Error() }

func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date; -1
// when there is none.
func retryAfter(h string) time.Duration {
	if h == "" {
		return -1
	}
	if n, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && n >= 0 {
		return min(time.Duration(n)*time.Second, 30*time.Minute)
	}
	if t, err := http.ParseTime(h); err == nil {
		return min(max(time.Until(t), 0), 30*time.Minute)
	}
	return -1
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return strings.ToValidUTF8(s, "")
}
