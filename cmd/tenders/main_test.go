package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testscript files")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tenders": func() { os.Exit(mainCode()) },
	})
}

// TestScripts runs the command as a user would, from testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"freeport": cmdFreePort,
			"waitget":  cmdWaitGet,
			"ssestart": cmdSSEStart,
			"ssewait":  cmdSSEWait,
			"sseclear": cmdSSEClear,
		},
	})
}

// freeport NAME sets $NAME to a TCP port nobody is listening on.
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: freeport NAME")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ts.Setenv(args[0], strconv.Itoa(port))
}

// waitget URL [STATUS] REGEXP fetches URL until the body matches REGEXP
// (and the status is STATUS, 200 by default), for up to 10 seconds, and
// writes the last body to stdout.
func cmdWaitGet(ts *testscript.TestScript, neg bool, args []string) {
	status := 200
	if len(args) == 3 {
		status, _ = strconv.Atoi(args[1])
		args = []string{args[0], args[2]}
	}
	if len(args) != 2 {
		ts.Fatalf("usage: waitget URL [STATUS] REGEXP")
	}
	re := regexp.MustCompile(args[1])
	deadline := time.Now().Add(10 * time.Second)
	var body string
	var code int
	for time.Now().Before(deadline) {
		resp, err := http.Get(args[0])
		if err == nil {
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body, code = string(data), resp.StatusCode
			if code == status && re.MatchString(body) {
				if neg {
					ts.Fatalf("%s matched %s", args[0], args[1])
				}
				fmt.Fprint(ts.Stdout(), body)
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !neg {
		ts.Fatalf("%s: no %d response matching %q in 10s; last %d:\n%s", args[0], status, args[1], code, body)
	}
}

type sseConn struct {
	mu     sync.Mutex
	events []string
	cond   *sync.Cond
}

var sseConns sync.Map // *testscript.TestScript -> *sseConn

// ssestart URL opens an event stream and records its events.
func cmdSSEStart(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: ssestart URL")
	}
	var resp *http.Response
	var err error
	for range 100 {
		if resp, err = http.Get(args[0]); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	ts.Check(err)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		ts.Fatalf("Content-Type %q", ct)
	}
	c := &sseConn{}
	c.cond = sync.NewCond(&c.mu)
	sseConns.Store(ts, c)
	ts.Defer(func() { resp.Body.Close() })
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				c.mu.Lock()
				c.events = append(c.events, ev)
				c.cond.Broadcast()
				c.mu.Unlock()
			}
		}
	}()
}

// ssewait EVENT waits up to 10 seconds for the next event, which must be
// EVENT.
func cmdSSEWait(ts *testscript.TestScript, neg bool, args []string) {
	v, ok := sseConns.Load(ts)
	if !ok || len(args) != 1 {
		ts.Fatalf("usage: ssestart URL, then ssewait EVENT")
	}
	c := v.(*sseConn)
	timeout := time.AfterFunc(10*time.Second, func() { c.mu.Lock(); c.cond.Broadcast(); c.mu.Unlock() })
	defer timeout.Stop()
	start := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.events) == 0 && time.Since(start) < 10*time.Second {
		c.cond.Wait()
	}
	if len(c.events) == 0 {
		ts.Fatalf("no event in 10s")
	}
	ev := c.events[0]
	c.events = c.events[1:]
	if ev != args[0] {
		ts.Fatalf("event %q, want %q", ev, args[0])
	}
}

// sseclear forgets the events received so far.
func cmdSSEClear(ts *testscript.TestScript, neg bool, args []string) {
	if v, ok := sseConns.Load(ts); ok {
		c := v.(*sseConn)
		c.mu.Lock()
		c.events = nil
		c.mu.Unlock()
	}
}
