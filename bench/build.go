package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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
