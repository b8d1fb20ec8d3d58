package main

import (
	"os"
	"path/filepath"

	"github.com/dapper-debugger/dapper/internal/launch"
)

// runLauncher is `dapper launcher`, run in a terminal by a terminal console's
// runInTerminal request. It exits with the program's status.
func runLauncher(args []string) {
	os.Exit(launch.RunLauncher(args))
}

func absDir(dir string) (string, error) { return filepath.Abs(dir) }
