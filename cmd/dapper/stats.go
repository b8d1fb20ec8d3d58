package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
)

// reportStatsOnSignal: with DAPPER_DEBUG_STATS set, SIGUSR1 makes the process write
// one line to stderr, "dapper: stats goroutines=N heap=BYTES" (the heap live after
// a collection), for soak tests to see that sessions leave nothing behind
// (bench/soak). RSS and open files are read from /proc from outside.
func reportStatsOnSignal() {
	if os.Getenv("DAPPER_DEBUG_STATS") == "" {
		return
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGUSR1)
	go func() {
		for range signals {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			fmt.Fprintf(os.Stderr, "dapper: stats goroutines=%d heap=%d\n", runtime.NumGoroutine(), m.HeapAlloc)
		}
	}()
}
