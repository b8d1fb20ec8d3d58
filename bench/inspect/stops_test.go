package inspect

import (
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// BenchmarkVariablesPageByStop is the round trip of the first page of a 1,000,000-item
// list from each kind of stop: a breakpoint that tracing decides (at module level), one
// that its function's code checks, and breakpoint(). A stop made inside a call rather
// than inside a trace callback once served requests with the thread's tracing still on
// (up to 3.11: a call of the trace function for every call the agent made).
//
//	go test -run '^$' -bench ByStop -benchtime 200x -v ./bench/inspect
func BenchmarkVariablesPageByStop(b *testing.B) {
	found := daptest.Pythons()
	if len(found) == 0 {
		b.Fatal("no CPython found")
	}
	py := found[len(found)-1]
	_, file, _, _ := runtime.Caller(0)
	program := filepath.Join(filepath.Dir(file), "stops.py")

	s := daptest.Start(b)
	launch := s.Launch(py, map[string]any{"program": program})
	s.SetBreakpoints(program, daptest.LineOf(b, program, "# STOP traced"), daptest.LineOf(b, program, "# STOP checked"))
	s.ConfigurationDone(launch)
	b.ResetTimer()
	for _, kind := range []struct{ name, scope string }{{"traced", "Globals"}, {"checked", "Locals"}, {"breakpoint()", "Locals"}} {
		stop := s.WaitForStop()
		ref := s.ChildrenByName(s.ScopeRef(stop.Top.Id, kind.scope), nil)["items"].VariablesReference
		var took []time.Duration
		for i := 0; i < b.N; i++ {
			began := time.Now()
			if got := s.Children(ref, map[string]any{"filter": "indexed", "start": 0, "count": pageSize}); len(got) != pageSize {
				b.Fatalf("%s: %d children", kind.name, len(got))
			}
			took = append(took, time.Since(began))
		}
		sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
		median := ms(took[len(took)/2])
		b.ReportMetric(median, fmt.Sprintf("ms-median-%s", kind.name))
		if b.N >= 10 {
			b.Logf("%s stop %-13s first page of 100 of 1,000,000: median %.2f ms, p90 %.2f ms",
				py.Name(), kind.name, median, ms(took[len(took)*9/10]))
		}
		s.Continue(stop.ThreadID)
	}
	b.StopTimer()
	s.ExpectExit(0)
}
