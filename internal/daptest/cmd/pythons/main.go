// Command pythons lists the CPython interpreters the end-to-end tests run on, and
// fails when there is none.
package main

import (
	"fmt"
	"os"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func main() {
	found := daptest.Pythons()
	for _, py := range found {
		fmt.Printf("%s\t%s\n", py.Name(), py.Path)
	}
	if len(found) == 0 {
		fmt.Fprintln(os.Stderr, "no CPython >= 3.9 found on PATH or under `pyenv root`")
		os.Exit(1)
	}
}
