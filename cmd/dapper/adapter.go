package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"syscall"

	"github.com/dapper-debugger/dapper/internal/adapter"
)

// adapterUsage is the help text of `dapper adapter`.
const adapterUsage = `usage: dapper adapter [--host H] [--port N] [--log-dir DIR]

Serves the Debug Adapter Protocol for an editor: on standard input and output, or,
with --port, over TCP (each connection is a session).

options:
  --host H        the address --port listens on (default 127.0.0.1)
  --port N        serve DAP over TCP on port N (0 picks a free one, printed on stdout)
` + logDirHelp

func runAdapter(args []string) error {
	fs := flag.NewFlagSet("dapper adapter", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), adapterUsage) }
	host := fs.String("host", "127.0.0.1", "address to listen on with --port")
	port := fs.Int("port", -1, "serve DAP over TCP on this port (0 picks a free one)")
	logDir := fs.String("log-dir", "", "write logs into this directory")
	if wantsHelp(args) {
		fmt.Print(adapterUsage)
		return nil
	}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil
	} else if err != nil {
		return err
	}
	defer startLogging("adapter", *logDir)()
	surviveBrokenPipes()
	reportStatsOnSignal()
	if *port < 0 {
		in := interruptibleStdin()
		adapter.Serve(in, os.Stdout, in)
		return nil
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*host, strconv.Itoa(*port)))
	if err != nil {
		return fmt.Errorf("adapter: %w", err)
	}
	fmt.Printf("dapper: listening on %s\n", ln.Addr())
	for {
		c, err := ln.Accept()
		if err != nil {
			return fmt.Errorf("adapter: %w", err)
		}
		go adapter.ServeConn(c)
	}
}

// interruptibleStdin returns standard input such that closing it ends a read in
// progress, so that the session's reader goroutine ends with the session (a blocking
// file's read cannot be interrupted). A pipe or socket is switched to non-blocking
// mode, which puts it under Go's poller. A terminal is left alone, since its mode is
// shared with the shell, and so is a stream that is stdout too (one socket for
// both), since stdout is written as a blocking file.
func interruptibleStdin() *os.File {
	var in, out syscall.Stat_t
	if syscall.Fstat(0, &in) != nil || syscall.Fstat(1, &out) != nil {
		return os.Stdin
	}
	if kind := in.Mode & syscall.S_IFMT; kind != syscall.S_IFIFO && kind != syscall.S_IFSOCK {
		return os.Stdin
	}
	if in.Dev == out.Dev && in.Ino == out.Ino {
		return os.Stdin
	}
	if err := syscall.SetNonblock(0, true); err != nil {
		return os.Stdin
	}
	return os.NewFile(0, "/dev/stdin")
}
