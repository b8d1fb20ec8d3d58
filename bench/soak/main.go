// Command soak checks that `dapper adapter --port` stays flat over a long life: it
// runs many sequential sessions, and one session with many stop/continue cycles, and
// prints the adapter's resident memory, goroutines and open files before and after.
//
//	go run ./bench/soak [-sessions 1000] [-cycles 10000] [-python PATH]
//
// RSS and open files come from /proc; goroutines from the adapter itself, which
// prints them on SIGUSR1 when DAPPER_DEBUG_STATS is set.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/dapper-debugger/dapper/bench"
	"github.com/dapper-debugger/dapper/internal/daptest"
)

func main() {
	sessions := flag.Int("sessions", 1000, "sequential sessions on one adapter")
	cycles := flag.Int("cycles", 10000, "stop/continue cycles in one session")
	python := flag.String("python", "", "the python to debug (default: the newest CPython found)")
	dapper := flag.String("dapper", "", "the dapper binary (default: build ./cmd/dapper)")
	flag.Parse()
	_, file, _, _ := runtime.Caller(0)
	here := filepath.Dir(file)
	if *python == "" {
		pythons := daptest.Pythons()
		if len(pythons) == 0 {
			fail(fmt.Errorf("no CPython found"))
		}
		*python = pythons[len(pythons)-1].Path
	}
	binary, done, err := bench.DapperBinary(*dapper)
	if err != nil {
		fail(err)
	}
	defer done()
	a, err := startAdapter(binary)
	if err != nil {
		fail(err)
	}
	defer a.stop()

	short := filepath.Join(here, "session.py")
	if err := a.session(*python, short); err != nil { // warm-up: first-use allocations
		fail(err)
	}
	before, err := a.stats()
	if err != nil {
		fail(err)
	}
	start := time.Now()
	for i := range *sessions {
		if err := a.session(*python, short); err != nil {
			fail(fmt.Errorf("session %d: %w", i+1, err))
		}
	}
	afterSessions, err := a.stats()
	if err != nil {
		fail(err)
	}
	sessionTime := time.Since(start)
	start = time.Now()
	atFirstStop, atLastStop, err := a.cycles(*python, filepath.Join(here, "cycles.py"), *cycles)
	if err != nil {
		fail(err)
	}
	cycleTime := time.Since(start)
	afterCycles, err := a.stats()
	if err != nil {
		fail(err)
	}
	fmt.Printf("Soak of one `dapper adapter --port` on %s.\n\n", *python)
	fmt.Println("| when | RSS | live heap | goroutines | open files |")
	fmt.Println("|---|---|---|---|---|")
	for _, row := range []struct {
		when string
		s    stats
	}{
		{"after one warm-up session", before},
		{fmt.Sprintf("after %d sequential sessions (%.0f s)", *sessions, sessionTime.Seconds()), afterSessions},
		{"at the first stop of the cycles session", atFirstStop},
		{fmt.Sprintf("at stop %d, after %d stop/continue cycles", *cycles, *cycles-1), atLastStop},
		{fmt.Sprintf("after that session ended (%.0f s)", cycleTime.Seconds()), afterCycles},
	} {
		fmt.Printf("| %s | %.1f MB | %.2f MB | %d | %d |\n", row.when, float64(row.s.rss)/(1<<20),
			float64(row.s.heap)/(1<<20), row.s.goroutines, row.s.fds)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "soak:", err)
	os.Exit(1)
}
