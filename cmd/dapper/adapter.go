package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"

	"github.com/dapper-debugger/dapper/internal/adapter"
)

func runAdapter(args []string) error {
	fs := flag.NewFlagSet("dapper adapter", flag.ContinueOnError)
	host := fs.String("host", "127.0.0.1", "address to listen on with --port")
	port := fs.Int("port", -1, "serve DAP over TCP on this port (0 picks a free one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *port < 0 {
		adapter.Serve(os.Stdin, os.Stdout, os.Stdin)
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
