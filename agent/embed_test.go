package agent

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmbedHoldsEveryAgentFile checks that every .py file of the agent's packages on
// disk (dapper_agent, and dapper, the in-code API) is in the embedded agent, so that a
// new sub-package (or an __init__.py, which a go:embed of a directory would skip)
// cannot be forgotten by the embed patterns, and that no compiled __pycache__ file is
// embedded.
func TestEmbedHoldsEveryAgentFile(t *testing.T) {
	for _, pkg := range []string{"dapper_agent", "dapper"} {
		onDisk := 0
		err := filepath.WalkDir(pkg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			if d.IsDir() || filepath.Ext(p) != ".py" {
				return nil
			}
			onDisk++
			if _, err := fs.Stat(files, filepath.ToSlash(p)); err != nil {
				t.Errorf("%s is not embedded: add its directory level to the go:embed patterns in embed.go", p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if onDisk == 0 {
			t.Fatalf("no .py files found under %s", pkg)
		}
		if embedded := embeddedUnder(t, pkg+"/"); embedded != onDisk {
			t.Errorf("%d files embedded under %s, %d .py files on disk", embedded, pkg, onDisk)
		}
	}
}

// embeddedUnder counts the embedded files whose path starts with prefix, and fails the
// test for any compiled file.
func embeddedUnder(t *testing.T, prefix string) int {
	t.Helper()
	embedded := 0
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(p, "__pycache__") || strings.HasSuffix(p, ".pyc") {
			t.Errorf("%s is embedded: only source files belong in the agent", p)
		}
		if !d.IsDir() && strings.HasPrefix(p, prefix) {
			embedded++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return embedded
}
