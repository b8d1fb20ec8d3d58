// Package inspect benchmarks inspecting state: the round trip of a `variables` request
// for a page of 100 children (start/count), from containers of 10 items and of
// 1,000,000 (list) or 100,000 (dict) items, over real DAP against a stopped program.
// The page's cost should follow the page, not the container.
//
//	go test -run '^$' -bench . -benchtime 200x -v ./bench/inspect
//
// Each iteration requests one page of every container in turn; the median round trip
// per container is reported as a metric, and with -v as a table with the 90th
// percentile. It runs on the newest CPython found (or DAPPER_TEST_PYTHONS).
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

const pageSize = 100

func BenchmarkVariablesPage(b *testing.B) {
	found := daptest.Pythons()
	if len(found) == 0 {
		b.Fatal("no CPython found")
	}
	py := found[len(found)-1]
	_, file, _, _ := runtime.Caller(0)
	program := filepath.Join(filepath.Dir(file), "containers.py")

	s := daptest.Start(b)
	stop := s.StopAt(py, program, "# STOP", nil)
	globals := s.ChildrenByName(s.ScopeRef(stop.Top.Id, "Globals"), nil)
	type page struct {
		name, where string
		args        map[string]any
		want        int
		ref         int
		took        []time.Duration
	}
	var pages []*page
	for _, c := range []struct {
		name   string
		filter string
		size   int
		where  string // first, middle or last page
	}{
		{"list_10", "indexed", 10, "first"},
		{"list_100", "indexed", 100, "first"},
		{"list_1m", "indexed", 1_000_000, "first"},
		{"list_1m", "indexed", 1_000_000, "middle"},
		{"list_1m", "indexed", 1_000_000, "last"},
		{"dict_10", "named", 10, "first"},
		{"dict_100", "named", 100, "first"},
		{"dict_100k", "named", 100_000, "first"},
		{"dict_100k", "named", 100_000, "middle"},
		{"dict_100k", "named", 100_000, "last"},
	} {
		start := map[string]int{"first": 0, "middle": c.size / 2, "last": c.size - pageSize}[c.where]
		pages = append(pages, &page{name: c.name, where: c.where, ref: globals[c.name].VariablesReference,
			args: map[string]any{"filter": c.filter, "start": start, "count": pageSize}, want: min(pageSize, c.size)})
	}
	// Interleaved, so that the machine's drift affects every container alike.
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			began := time.Now()
			got := s.Children(p.ref, p.args)
			p.took = append(p.took, time.Since(began))
			if len(got) != p.want {
				b.Fatalf("%s: %d children, want %d", p.name, len(got), p.want)
			}
		}
	}
	b.StopTimer()
	for _, p := range pages {
		sort.Slice(p.took, func(i, j int) bool { return p.took[i] < p.took[j] })
		median, p90 := ms(p.took[len(p.took)/2]), ms(p.took[len(p.took)*9/10])
		b.ReportMetric(median, fmt.Sprintf("ms-median-%s-%s", p.name, p.where))
		if b.N >= 10 { // not the framework's probe run
			b.Logf("%s %-10s %-6s page of %3d: median %.2f ms, p90 %.2f ms", py.Name(), p.name, p.where, p.want, median, p90)
		}
	}
	s.Continue(stop.ThreadID)
	s.ExpectExit(0)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
