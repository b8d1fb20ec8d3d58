package bench

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestEveryWorkloadMarksABreakpointLineInACodeLine(t *testing.T) {
	workloads, err := Workloads()
	if err != nil {
		t.Fatal(err)
	}
	if len(workloads) < 4 {
		t.Fatalf("workloads = %v, want fib, numeric, objects and strings_json at least", workloads)
	}
	for _, w := range workloads {
		src, err := os.ReadFile(w.Path)
		if err != nil {
			t.Fatal(err)
		}
		line := strings.Split(string(src), "\n")[w.Line-1]
		if !strings.Contains(line, "return") {
			t.Errorf("%s:%d: the breakpoint line is not a statement of the never-called function: %q", w.Name, w.Line, line)
		}
		if !strings.Contains(string(src), computeMarker) {
			t.Errorf("%s does not print its compute time", w.Name)
		}
	}
}

func TestComputeTimesReadTheLastMarkerLine(t *testing.T) {
	wall, cpu, err := ComputeTimes("hello\nbench: compute seconds 1.5 cpu 1.4\nbench: compute seconds 0.250000 cpu 0.125000\n")
	if err != nil || wall != 250*time.Millisecond || cpu != 125*time.Millisecond {
		t.Errorf("ComputeTimes = %v, %v, %v; want 250ms, 125ms", wall, cpu, err)
	}
	if _, _, err := ComputeTimes("no marker\n"); err == nil {
		t.Error("ComputeTimes without a marker line did not fail")
	}
}

func TestMedianOfOddAndEvenCounts(t *testing.T) {
	ms := func(n ...int) []time.Duration {
		var out []time.Duration
		for _, x := range n {
			out = append(out, time.Duration(x)*time.Millisecond)
		}
		return out
	}
	for _, c := range []struct {
		in   []time.Duration
		want time.Duration
	}{{nil, 0}, {ms(3, 1, 2), 2 * time.Millisecond}, {ms(4, 1, 3, 2), 2500 * time.Microsecond}} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
