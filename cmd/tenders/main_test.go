package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/london-anchors/tenders/internal/synth"
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
			"freeport":  cmdFreePort,
			"waitget":   cmdWaitGet,
			"ssestart":  cmdSSEStart,
			"ssewait":   cmdSSEWait,
			"sseclear":  cmdSSEClear,
			"gensite":   cmdGenSite,
			"killafter": cmdKillAfter,
			"temps":     cmdTemps,
			"replay":    cmdReplay,
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

// gensite N DIR writes a synthetic site of N briefs into DIR.
func cmdGenSite(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: gensite N DIR")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	for name, data := range synth.Site(n) {
		p := ts.MkAbs(filepath.Join(args[1], filepath.FromSlash(name)))
		ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
		ts.Check(os.WriteFile(p, data, 0o644))
	}
}

// killafter SIGNAL WHEN [-grow PATTERN N] PROG [ARGS...] runs PROG, and
// once WHEN holds sends it SIGNAL (INT, TERM or KILL), then waits for it to
// end, for up to a minute. WHEN is a duration such as 500ms, or a file
// pattern (relative to the current folder) that must match something
// within five minutes (a loaded machine under the race detector is slow to
// read 10,000 briefs).
// With -grow, the files matching PATTERN may grow by at most N after the
// signal: the work stopped rather than went on. After INT or TERM the
// program must exit with status 2 (stopped); after KILL, die of it. Its
// output becomes stdout and stderr; the time it took to end after the
// signal goes to the log, measured but not checked.
func cmdKillAfter(ts *testscript.TestScript, neg bool, args []string) {
	usage := "usage: killafter INT|TERM|KILL DURATION|PATTERN [-grow PATTERN N] PROG [ARGS...]"
	if neg || len(args) < 3 {
		ts.Fatalf("%s", usage)
	}
	sig, ok := map[string]os.Signal{"INT": os.Interrupt, "TERM": syscall.SIGTERM, "KILL": os.Kill}[args[0]]
	if !ok {
		ts.Fatalf("unknown signal %q", args[0])
	}
	when, args := args[1], args[2:]
	growPattern, growMax := "", 0
	if args[0] == "-grow" {
		if len(args) < 4 {
			ts.Fatalf("%s", usage)
		}
		n, err := strconv.Atoi(args[2])
		ts.Check(err)
		growPattern, growMax, args = args[1], n, args[3:]
	}
	count := func() int {
		m, _ := filepath.Glob(ts.MkAbs(growPattern))
		return len(m)
	}
	prog := ""
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		if p, err := exec.LookPath(filepath.Join(dir, args[0])); err == nil {
			prog = p
			break
		}
	}
	if prog == "" {
		ts.Fatalf("%s is not on $PATH", args[0])
	}
	cmd := exec.Command(prog, args[1:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = []string{"PATH=" + ts.Getenv("PATH"), "HOME=" + ts.Getenv("HOME"), "TMPDIR=" + ts.Getenv("TMPDIR")}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	ts.Check(cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	fail := func(format string, a ...any) {
		cmd.Process.Kill()
		<-done
		ts.Logf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		ts.Fatalf(format, a...)
	}
	deadline := time.Now().Add(5 * time.Minute) // a guard against a hang, not a timing
	if d, err := time.ParseDuration(when); err == nil {
		select {
		case err := <-done:
			fail("%s ended before the signal (%v)", args[0], err)
		case <-time.After(d):
		}
	} else {
		for {
			if m, _ := filepath.Glob(ts.MkAbs(when)); len(m) > 0 {
				break
			}
			select {
			case err := <-done:
				fail("%s ended (%v) before %s appeared", args[0], err, when)
			case <-time.After(10 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				fail("%s did not appear in five minutes", when)
			}
		}
	}
	before := 0
	if growPattern != "" {
		before = count()
	}
	sent := time.Now()
	ts.Check(cmd.Process.Signal(sig))
	most := before
	var werr error
	for ended := false; !ended; {
		select {
		case werr = <-done:
			ended = true
		case <-time.After(20 * time.Millisecond):
			if growPattern != "" {
				most = max(most, count())
			}
			if time.Since(sent) > time.Minute {
				fail("%s was still running a minute after SIG%s", args[0], sigName(sig))
			}
		}
	}
	ts.Logf("%s ended %s after SIG%s", args[0], time.Since(sent).Round(time.Millisecond), sigName(sig))
	fmt.Fprint(ts.Stdout(), stdout.String())
	fmt.Fprint(ts.Stderr(), stderr.String())
	if most-before > growMax {
		ts.Fatalf("after SIG%s, %s went from %d files to %d: the work went on", sigName(sig), growPattern, before, most)
	}
	state := cmd.ProcessState
	switch {
	case sig == os.Kill && (werr == nil || state.ExitCode() != -1):
		ts.Fatalf("%s was not killed: %v", args[0], werr)
	case sig != os.Kill && state.ExitCode() != 2:
		ts.Fatalf("%s: %v, want exit status 2 (stopped)\nstderr:\n%s", args[0], werr, stderr.String())
	}
}

func sigName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "INT"
	case os.Kill:
		return "KILL"
	}
	return "TERM"
}

// temps DIR lists the folders in DIR named like a build's new folders
// (.NAME.new-...), one a line.
func cmdTemps(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: temps DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), ".new-") {
			fmt.Fprintln(ts.Stdout(), e.Name())
		}
	}
}
