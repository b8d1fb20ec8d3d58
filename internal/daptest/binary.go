package daptest

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// Main runs a test binary's tests, then removes the dapper binary built for them.
// Use it from TestMain in packages whose tests call Binary, Start or StartTCP.
func Main(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		_ = os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildOut  []byte
)

// RepoRoot is the repository's top directory.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Testdata returns the absolute path of a file under the repository's testdata/.
func Testdata(name string) string {
	return filepath.Join(RepoRoot(), "testdata", name)
}

// Binary builds the dapper binary once per test process and returns its path.
func Binary(t testing.TB) string {
	t.Helper()
	statSources()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dapper-test-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "dapper")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/dapper")
		cmd.Dir = RepoRoot()
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("building dapper: %v\n%s", buildErr, buildOut)
	}
	return binPath
}

// statSources looks at every source file of the binary, so that Go's test cache (which
// keys on the files a test touches) reruns end-to-end tests when any of them changes.
func statSources() {
	root := RepoRoot()
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if name := d.Name(); name == ".git" || name == "__pycache__" {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(p); ext == ".go" || ext == ".py" || d.Name() == "go.mod" {
			_, _ = os.Stat(p)
		}
		return nil
	})
}
