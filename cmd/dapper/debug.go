package main

import (
	"os"

	"github.com/dapper-debugger/dapper/internal/cli"
)

// runDebug is `dapper debug`: the terminal debugger. It exits with its own status.
func runDebug(args []string) {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		os.Stdout.WriteString(cli.Usage)
		return
	}
	os.Exit(cli.Run(args))
}
