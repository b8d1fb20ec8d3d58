package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/dapper-debugger/dapper/internal/adapter"
	"github.com/dapper-debugger/dapper/internal/logging"
)

// logDirHelp describes --log-dir, for every subcommand's usage that has it.
const logDirHelp = `  --log-dir DIR   write a log file for this process (dapper-<command>-<pid>.log) and one per
                  agent into DIR, with every DAP message: attach them to bug reports
                  (also: DAPPER_LOG_DIR=DIR)
`

// startLogging sets up this process's log for the subcommand role when a log
// directory is asked for (flagValue, else DAPPER_LOG_DIR): the adapter's sessions log
// there, and the programs they start are told to. It returns what ends the log.
func startLogging(role, flagValue string) (stop func()) {
	dir := logging.Dir(flagValue)
	if dir == "" {
		return func() {}
	}
	l, _, closeLog, err := logging.Open(dir, role)
	if err != nil {
		fmt.Fprintf(os.Stderr, "dapper: %v\n", err)
		return func() {}
	}
	// The programs' agents are told an absolute directory: they may run elsewhere.
	abs := dir
	if a, err := absDir(dir); err == nil {
		abs = a
	}
	adapter.SetLog(l, abs)
	return closeLog
}

// debugValueFlags are the options of `dapper debug` that take a value.
var debugValueFlags = map[string]bool{"python": true, "cwd": true, "env": true, "b": true}

// takeLogDir removes "--log-dir DIR" (or "--log-dir=DIR") from the options at the
// front of args, up to the first argument that is not an option, and returns its value.
func takeLogDir(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--log-dir" && i+1 < len(args):
			return args[i+1], append(append([]string{}, args[:i]...), args[i+2:]...)
		case strings.HasPrefix(a, "--log-dir="):
			return strings.TrimPrefix(a, "--log-dir="), append(append([]string{}, args[:i]...), args[i+1:]...)
		case a == "--" || !strings.HasPrefix(a, "-") || a == "-m" || a == "-c":
			return "", args
		case debugValueFlags[strings.TrimLeft(a, "-")] && !strings.Contains(a, "="):
			i++ // its value
		}
	}
	return "", args
}
