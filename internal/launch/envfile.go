package launch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// ReadEnvFile reads a dotenv file (one that does not exist holds nothing: VS Code
// names ${workspaceFolder}/.env in every configuration, whether there is one or not): one KEY=VALUE a line, an optional "export "
// before the key, "#" comments (a whole line, or after an unquoted value), blank
// lines. A value in single quotes is taken as it is; one in double quotes may use
// \n, \t, \" and \\; an unquoted one is trimmed. Nothing is expanded.
func ReadEnvFile(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, badArgs("envFile %q cannot be read: %v", path, err)
	}
	env, err := ParseDotenv(string(data))
	if err != nil {
		return nil, badArgs("envFile %q: %v", path, err)
	}
	return env, nil
}

// ParseDotenv parses the text of a dotenv file (see ReadEnvFile).
func ParseDotenv(text string) (map[string]string, error) {
	env := map[string]string{}
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "export "))
		key, value, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t") {
			return nil, fmt.Errorf("line %d is not KEY=VALUE: %q", i+1, line)
		}
		v, err := dotenvValue(strings.TrimSpace(value))
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", i+1, err)
		}
		env[key] = v
	}
	return env, nil
}

func dotenvValue(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	switch quote := v[0]; quote {
	case '\'', '"':
		end := closingQuote(v, quote)
		if end < 0 {
			return "", fmt.Errorf("the value %s has no closing quote", v)
		}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
			return "", fmt.Errorf("text after the quoted value: %q", rest)
		}
		inner := v[1:end]
		if quote == '"' {
			inner = strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\"`, `"`, `\\`, `\`).Replace(inner)
		}
		return inner, nil
	}
	if at := strings.Index(v, " #"); at >= 0 {
		v = v[:at]
	}
	return strings.TrimSpace(v), nil
}

// closingQuote is the index of the quote that closes v (which starts with quote), or
// -1; in double quotes a backslash escapes the next character.
func closingQuote(v string, quote byte) int {
	for i := 1; i < len(v); i++ {
		switch {
		case quote == '"' && v[i] == '\\':
			i++
		case v[i] == quote:
			return i
		}
	}
	return -1
}
