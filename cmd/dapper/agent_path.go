package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dapper-debugger/dapper/agent"
)

// runAgentPath prints the directory of the unpacked agent: with it on PYTHONPATH,
// `import dapper` works in any CPython 3.9+. It records this binary's path there too,
// so that dapper.listen() in a program Dapper did not start can find a DAP server.
func runAgentPath() error {
	dir, err := agent.Dir()
	if err != nil {
		return err
	}
	if self, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(self); err == nil {
			self = real
		}
		if err := writeAtomically(filepath.Join(dir, "dapper-binary"), self+"\n"); err != nil {
			fmt.Fprintf(os.Stderr, "dapper: cannot record the binary for dapper.listen() (set DAPPER_BINARY instead): %v\n", err)
		}
	}
	fmt.Println(dir)
	return nil
}

// writeAtomically replaces path with text, so that a reader never sees half of it.
func writeAtomically(path, text string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dapper-binary-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
