package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// DapperBinary is the dapper binary at path, or, when path is "", one built by
// BuildDapper; done removes what was built.
func DapperBinary(path string) (binary string, done func(), err error) {
	if path != "" {
		return path, func() {}, nil
	}
	if binary, err = BuildDapper(); err != nil {
		return "", nil, err
	}
	return binary, func() { os.RemoveAll(filepath.Dir(binary)) }, nil
}

// BuildDapper builds ./cmd/dapper into a temporary directory and returns the binary;
// remove its directory when done.
func BuildDapper() (string, error) {
	_, file, _, _ := runtime.Caller(0)
	dir, err := os.MkdirTemp("", "dapper-bench-")
	if err != nil {
		return "", err
	}
	binary := filepath.Join(dir, "dapper")
	cmd := exec.Command("go", "build", "-o", binary, "./cmd/dapper")
	cmd.Dir = filepath.Join(filepath.Dir(file), "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("building dapper: %v\n%s", err, out)
	}
	return binary, nil
}

// PythonPaths is the interpreters a benchmark measures: those named on its command
// line, or else every CPython the end-to-end tests find, with also (a python that has
// debugpy, "" for none) after them.
func PythonPaths(named []string, also string) []string {
	if len(named) > 0 {
		return named
	}
	var paths []string
	for _, py := range daptest.Pythons() {
		paths = append(paths, py.Path)
	}
	if also != "" {
		paths = append(paths, also)
	}
	return paths
}
