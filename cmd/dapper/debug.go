package main

import (
	"os"

	"github.com/dapper-debugger/dapper/internal/cli"
)

// runDebug is `dapper debug`: the terminal debugger. It exits with its own status.
// --log-dir is taken here, before the debugger reads its options.
func runDebug(args []string) {
	if wantsHelp(args) {
		os.Stdout.WriteString(cli.Usage)
		os.Stdout.WriteString("\n" + logDirHelp)
		return
	}
	logDir, args := takeLogDir(args)
	stop := startLogging("debug", logDir)
	code := cli.Run(args)
	stop()
	os.Exit(code)
}
