// Package agent carries Dapper's Python agent inside the binary and unpacks it, once
// per content hash, into the user's cache directory.
package agent

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// The patterns name each level of the package's sub-packages: embedding a directory
// would skip __init__.py (names starting with '_') and take __pycache__ along.
// TestEmbedHoldsEveryAgentFile fails when a level is missing. dapper/ is the in-code
// API's package (`import dapper`), a façade over dapper_agent.processes.api.
//
//go:embed sitecustomize.py dapper_bootstrap.py dapper/*.py dapper_agent/*.py dapper_agent/*/*.py dapper_agent/*/*/*.py
var files embed.FS

// Version is the content hash of the embedded agent (first 16 hex digits).
var Version = contentHash()

func contentHash() string {
	var names []string
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		data, _ := files.ReadFile(name)
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Dir returns the directory holding sitecustomize.py, dapper_bootstrap.py, the
// dapper_agent package and the dapper API package, unpacking them first if this version is not there yet. The
// unpacking writes to a temporary directory and renames it into place, so concurrent
// starts never see a half-written agent.
func Dir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		base = os.TempDir()
	}
	root := filepath.Join(base, "dapper")
	dir := filepath.Join(root, "agent-"+Version)
	if _, err := os.Stat(filepath.Join(dir, "dapper_agent", "__init__.py")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", fmt.Errorf("agent: creating cache directory: %w", err)
	}
	tmp, err := os.MkdirTemp(root, ".unpack-")
	if err != nil {
		return "", fmt.Errorf("agent: unpacking: %w", err)
	}
	defer os.RemoveAll(tmp)
	err = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(tmp, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		return "", fmt.Errorf("agent: unpacking: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, "dapper_agent", "__init__.py")); statErr == nil {
			return dir, nil // another process won the race
		}
		return "", fmt.Errorf("agent: installing into %s: %w", dir, err)
	}
	return dir, nil
}
