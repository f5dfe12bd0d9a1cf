package portal

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// replay is a portal that answers from a script: each request gets the
// next answer, and every request is recorded.
type replay struct {
	mu      sync.Mutex
	answers []answer
	asked   []string
}

type answer struct {
	status int
	header map[string]string
	body   string
}

func (rp *replay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	rp.asked = append(rp.asked, r.URL.RequestURI())
	if len(rp.answers) == 0 {
		http.Error(w, "no more answers", http.StatusTeapot)
		return
	}
	a := rp.answers[0]
	rp.answers = rp.answers[1:]
	for k, v := range a.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(a.status)
	io.WriteString(w, a.body)
}

func page(next string) answer {
	links := ""
	if next != "" {
		links = fmt.Sprintf(`,"links":{"next":%q}`, next)
	}
	return answer{status: 200, body: `{"version":"1.1","releases":[]` + links + `}`}
}

func walker(t *testing.T, p Portal, rp *replay) (*Walker, *[]time.Duration) {
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	p.Endpoint = srv.URL
	var waits []time.Duration
	return &Walker{Portal: p, Client: srv.Client(), Limit: 50,
		Sleep: func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() },
	}, &waits
}

// next reads links.next from a page body.
func next(_ string, body io.Reader) (string, error) {
	b, _ := io.ReadAll(body)
	if i := strings.Index(string(b), `"next":"`); i >= 0 {
		rest := string(b[i+8:])
		return rest[:strings.IndexByte(rest, '"')], nil
	}
	return "", nil
}

var (
	since = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	until = since.Add(6 * time.Hour)
)

func TestWalkWindowsAndCursors(t *testing.T) {
	rp := &replay{answers: []answer{
		page("https://elsewhere.example/api/1.0/ocdsReleasePackages?cursor=c1"),
		page(""),
		page(""),
	}}
	w, waits := walker(t, FindATender, rp)
	var progress []Progress
	w.Progress = func(p Progress) { progress = append(progress, p) }
	if err := w.Walk(context.Background(), since, until, next); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/api/1.0/ocdsReleasePackages?limit=50&updatedFrom=2026-11-01T00%3A00%3A00&updatedTo=2026-11-01T04%3A00%3A00",
		"/api/1.0/ocdsReleasePackages?cursor=c1&limit=50&updatedFrom=2026-11-01T00%3A00%3A00&updatedTo=2026-11-01T04%3A00%3A00",
		"/api/1.0/ocdsReleasePackages?limit=50&updatedFrom=2026-11-01T04%3A00%3A00&updatedTo=2026-11-01T06%3A00%3A00",
	}
	if strings.Join(rp.asked, "\n") != strings.Join(want, "\n") {
		t.Errorf("asked\n%s\nwant\n%s", strings.Join(rp.asked, "\n"), strings.Join(want, "\n"))
	}
	if len(*waits) != 0 {
		t.Errorf("waited %v", *waits)
	}
	if len(progress) != 3 || progress[2].Window != 2 || progress[2].Windows != 2 || progress[2].Pages != 3 {
		t.Errorf("progress %+v", progress)
	}
}

func TestWalkWaitsWhenAskedToSlowDown(t *testing.T) {
	for _, c := range []struct {
		name    string
		portal  Portal
		answers []answer
		waits   string
	}{
		{"fts 429 with Retry-After", FindATender, []answer{{status: 429, header: map[string]string{"Retry-After": "30"}}, page("")}, "[30s]"},
		{"fts 429 twice without", FindATender, []answer{{status: 429}, {status: 429}, page("")}, "[1m0s 2m0s]"},
		{"cf 403 means wait five minutes", ContractsFinder, []answer{{status: 403, body: "Forbidden"}, page("")}, "[5m0s]"},
		{"503 is tried again", FindATender, []answer{{status: 503}, {status: 503}, page("")}, "[5s 10s]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rp := &replay{answers: c.answers}
			w, waits := walker(t, c.portal, rp)
			if err := w.Walk(context.Background(), since, since.Add(time.Hour), next); err != nil {
				t.Fatal(err)
			}
			if s := fmt.Sprint(*waits); s != c.waits {
				t.Errorf("waited %s, want %s", s, c.waits)
			}
			if len(rp.asked) != len(c.answers) {
				t.Errorf("asked %d times, want %d", len(rp.asked), len(c.answers))
			}
		})
	}
}

func TestWalkErrors(t *testing.T) {
	for _, c := range []struct {
		name    string
		answers []answer
		page    Page
		want    string
	}{
		{"404 ends the walk", []answer{{status: 404, body: "<h1>Not\nfound</h1>"}}, next, "/api/1.0/ocdsReleasePackages?limit=50&updatedFrom=2026-11-01T00%3A00%3A00&updatedTo=2026-11-01T01%3A00%3A00 answered 404 Not Found: <h1>Not found</h1>"},
		{"503 five times", []answer{{status: 503}, {status: 503}, {status: 503}, {status: 503}, {status: 503}}, next, "answered 503 Service Unavailable (tried 5 times)"},
		{"a cursor that loops", []answer{page("?cursor=a"), page("?cursor=a")}, next, "the cursor of"},
		{"a page that cannot be read", []answer{page("")}, func(string, io.Reader) (string, error) { return "", fmt.Errorf("bad page") }, "bad page"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rp := &replay{answers: c.answers}
			w, _ := walker(t, FindATender, rp)
			err := w.Walk(context.Background(), since, since.Add(time.Hour), c.page)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			if len(rp.asked) != len(c.answers) {
				t.Errorf("asked %d times, want %d", len(rp.asked), len(c.answers))
			}
		})
	}
}

func TestWalkNetworkFailure(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // nothing listens there now
	p := FindATender
	p.Endpoint = addr
	w := &Walker{Portal: p, Tries: 2, Sleep: func(context.Context, time.Duration) error { return nil }}
	err := w.Walk(context.Background(), since, since.Add(time.Hour), next)
	if err == nil || !strings.Contains(err.Error(), addr+"/api/1.0/ocdsReleasePackages?") || !strings.Contains(err.Error(), "tried 2 times") {
		t.Errorf("got %v", err)
	}
}

func TestWalkStopsWithItsContext(t *testing.T) {
	rp := &replay{answers: []answer{{status: 429}}}
	w, _ := walker(t, FindATender, rp)
	ctx, cancel := context.WithCancel(context.Background())
	w.Sleep = func(context.Context, time.Duration) error { cancel(); return context.Canceled }
	if err := w.Walk(ctx, since, until, next); err != context.Canceled {
		t.Errorf("got %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	for h, want := range map[string]time.Duration{"": -1, "12": 12 * time.Second, "999999": 30 * time.Minute, "soon": -1, "-3": -1} {
		if got := retryAfter(h); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", h, got, want)
		}
	}
}
