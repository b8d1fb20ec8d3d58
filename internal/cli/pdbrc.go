package cli

import (
	"os"
	"path/filepath"
	"strings"
)

// pdbrcLines are the commands of ~/.pdbrc and then ./.pdbrc, as pdb reads them: run
// at the first prompt, before the user types; blank lines and # comments are skipped.
// A file that is both is read once.
func pdbrcLines() []string {
	var files []string
	if home, err := os.UserHomeDir(); err == nil {
		files = append(files, filepath.Join(home, ".pdbrc"))
	}
	if wd, err := os.Getwd(); err == nil {
		files = append(files, filepath.Join(wd, ".pdbrc"))
	}
	var lines []string
	seen := map[string]bool{}
	for _, f := range files {
		key := canonicalPath(f)
		if seen[key] {
			continue
		}
		seen[key] = true
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range splitLines(string(data)) {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
				lines = append(lines, line)
			}
		}
	}
	return lines
}
