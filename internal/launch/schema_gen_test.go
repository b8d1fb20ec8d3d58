package launch

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The VS Code extension's schema (editors/vscode/package.json, contributes.debuggers[0]
// .configurationAttributes) is generated: the words (meaning and default) come from
// the README's attribute tables, the JSON types from schemaTypes below. After changing
// either, regenerate it with
//
//	go test ./internal/launch -run TestVSCodeSchema -update

// schemaTypes is the JSON schema of each attribute the adapter reads: its type, and
// the value VS Code inserts when the attribute is completed ("default").
var schemaTypes = map[string]string{
	"program":    `{"type": "string", "default": "${file}"}`,
	"module":     `{"type": "string"}`,
	"code":       `{"type": ["string", "array"], "items": {"type": "string"}}`,
	"args":       `{"type": ["array", "string"], "items": {"type": "string"}, "default": []}`,
	"cwd":        `{"type": "string", "default": "${workspaceFolder}"}`,
	"env":        `{"type": "object", "additionalProperties": {"type": ["string", "null"]}, "default": {}}`,
	"envFile":    `{"type": "string", "default": "${workspaceFolder}/.env"}`,
	"python":     `{"type": ["string", "array"], "items": {"type": "string"}}`,
	"pythonPath": `{"type": "string"}`,
	"pythonArgs": `{"type": "array", "items": {"type": "string"}, "default": []}`,
	"console": `{"enum": ["internalConsole", "integratedTerminal", "externalTerminal"],
		"default": "internalConsole"}`,
	"consoleTitle":       `{"type": "string"}`,
	"waitOnNormalExit":   `{"type": "boolean", "default": false}`,
	"waitOnAbnormalExit": `{"type": "boolean", "default": false}`,
	"redirectOutput":     `{"type": "boolean"}`,
	"stopOnEntry":        `{"type": "boolean", "default": false}`,
	"justMyCode":         `{"type": "boolean", "default": true}`,
	"debugStdLib":        `{"type": "boolean", "default": false}`,
	"rules": `{"type": "array", "default": [], "items": {"type": "object", "properties": {
		"path": {"type": "string"}, "module": {"type": "string"}, "include": {"type": "boolean"}},
		"required": ["include"]}}`,
	"showReturnValue":       `{"type": "boolean", "default": true}`,
	"breakOnSystemExitZero": `{"type": "boolean", "default": false}`,
	"breakOnSystemExit": `{"type": "array", "items": {"anyOf": [{"type": "integer"}, {"type": "object",
		"properties": {"from": {"type": "integer"}, "to": {"type": "integer"}}, "required": ["from", "to"]}]}}`,
	"variablePresentation": `{"type": "object", "properties": {
		"all": {"enum": ["group", "inline", "hide"]}, "special": {"enum": ["group", "inline", "hide"]},
		"function": {"enum": ["group", "inline", "hide"]}, "class": {"enum": ["group", "inline", "hide"]},
		"protected": {"enum": ["group", "inline", "hide"]}}, "additionalProperties": false}`,
	"steppingResumesAllThreads": `{"type": "boolean", "default": true}`,
	"stopAllThreadsOnSuspend":   `{"type": "boolean", "default": true}`,
	"onTerminate":               `{"enum": ["KeyboardInterrupt", "SystemExit"], "default": "KeyboardInterrupt"}`,
	"subProcess":                `{"type": "boolean", "default": true}`,
	"terminateChildProcesses":   `{"type": "boolean", "default": true}`,
	"subProcessTimeout":         `{"type": "number", "minimum": 0, "maximum": 600, "default": 5}`,
	"subProcessId":              `{"type": ["integer", "string"]}`,
	"subProcessToken":           `{"type": "string"}`,
	"sudo":                      `{"type": "boolean", "default": false}`,
	"pathMappings": `{"type": "array", "default": [], "items": {"type": "object", "properties": {
		"localRoot": {"type": "string", "default": "${workspaceFolder}"}, "remoteRoot": {"type": "string"}},
		"required": ["localRoot", "remoteRoot"]}}`,
	"noDebug": `{"type": "boolean", "default": false}`,
	"debugOptions": `{"type": "array", "default": [], "items": {"enum": ["StopOnEntry", "RedirectOutput",
		"WaitOnNormalExit", "WaitOnAbnormalExit", "Sudo", "ShowReturnValue", "DebugStdLib", "BreakOnSystemExitZero"]}}`,
	"connect": `{"type": "object", "default": {"host": "127.0.0.1", "port": 5678}, "properties": {
		"host": {"type": "string", "default": "127.0.0.1"}, "port": {"type": ["integer", "string"]}},
		"required": ["port"]}`,
	"listen": `{"type": "object", "default": {"host": "127.0.0.1", "port": 5678}, "properties": {
		"host": {"type": "string", "default": "127.0.0.1"}, "port": {"type": ["integer", "string"]}},
		"required": ["port"]}`,
	"host":      `{"type": "string", "default": "127.0.0.1"}`,
	"port":      `{"type": ["integer", "string"]}`,
	"processId": `{"type": ["integer", "string"], "default": "${command:pickProcess}"}`,
}

var update = flag.Bool("update", false, "rewrite editors/vscode/package.json's schema from the README and schemaTypes")

// documented is an attribute as a README table row describes it.
type documented struct {
	name, defaults, meaning string
}

// tableRow is a row of an attribute table: | `name` (/ `name`) | default | debugpy | meaning |.
var tableRow = regexp.MustCompile("^\\| (`[^|]+?) \\| (.+?) \\| (.+?) \\| (.+) \\|$")

// readmeAttributes reads the attribute tables of README.md (launch's and attach's), in order.
func readmeAttributes(t *testing.T) []documented {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(repoRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []documented
	inTable := false // in a table headed | attribute | default | debugpy | meaning |
	for _, line := range strings.Split(string(text), "\n") {
		if line == "| attribute | default | debugpy | meaning |" {
			inTable = true
		} else if !strings.HasPrefix(line, "|") {
			inTable = false
		}
		m := tableRow.FindStringSubmatch(line)
		if !inTable || m == nil {
			continue
		}
		for _, name := range regexp.MustCompile("`([a-zA-Z]+)`").FindAllStringSubmatch(m[1], -1) {
			rows = append(rows, documented{name[1], m[2], m[4]})
		}
	}
	return rows
}

// markdown is what VS Code shows for an attribute: the README's meaning, then its default.
func (d documented) markdown() string {
	if d.defaults == "—" {
		return d.meaning
	}
	return d.meaning + "\n\nDefault: " + d.defaults
}

type schemaProperty struct {
	name   string
	schema json.RawMessage // the type, with "markdownDescription" added
}

type orderedProperties []schemaProperty

func (p orderedProperties) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, prop := range p {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(prop.name)
		fmt.Fprintf(&b, "%s:%s", name, prop.schema)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// property is an attribute's schema: its type's JSON with the description appended.
func property(t *testing.T, d documented) schemaProperty {
	t.Helper()
	typ, ok := schemaTypes[d.name]
	if !ok {
		t.Fatalf("schemaTypes has no type for %q", d.name)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(typ)); err != nil {
		t.Fatalf("schemaTypes[%q]: %v", d.name, err)
	}
	desc, _ := json.Marshal(d.markdown())
	raw := strings.TrimSuffix(compact.String(), "}") + `,"markdownDescription":` + string(desc) + "}"
	return schemaProperty{d.name, json.RawMessage(raw)}
}

// generatedSchema is configurationAttributes for launch and attach: the attributes
// the adapter reads for each request, in the README's order.
func generatedSchema(t *testing.T, rows []documented) map[string]orderedProperties {
	t.Helper()
	schema := map[string]orderedProperties{}
	for _, d := range rows {
		if LaunchAttributes[d.name] || CommonAttributes[d.name] {
			schema["launch"] = append(schema["launch"], property(t, d))
		}
		if AttachAttributes[d.name] || CommonAttributes[d.name] {
			schema["attach"] = append(schema["attach"], property(t, d))
		}
	}
	return schema
}

// renderSchema is the configurationAttributes object, indented as package.json is
// at column indent.
func renderSchema(schema map[string]orderedProperties, indent string) string {
	type request struct {
		Properties orderedProperties `json:"properties"`
	}
	type attributes struct {
		Launch request `json:"launch"`
		Attach request `json:"attach"`
	}
	out, _ := json.MarshalIndent(attributes{request{schema["launch"]}, request{schema["attach"]}}, indent, "  ")
	// encoding/json escapes <, > and & for HTML; package.json is not HTML.
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(out))
}

// spliceSchema replaces the value of "configurationAttributes" in package.json's text.
func spliceSchema(t *testing.T, pkg string, schema map[string]orderedProperties) string {
	t.Helper()
	key := `"configurationAttributes": `
	start := strings.Index(pkg, key)
	if start < 0 {
		t.Fatalf("package.json has no %s", key)
	}
	lineStart := strings.LastIndex(pkg[:start], "\n") + 1
	valueStart := start + len(key)
	end := matchingBrace(pkg, valueStart)
	if end < 0 {
		t.Fatal("package.json: configurationAttributes is not an object")
	}
	return pkg[:valueStart] + renderSchema(schema, pkg[lineStart:start]) + pkg[end+1:]
}

// matchingBrace finds the brace that closes the object opening at text[open].
func matchingBrace(text string, open int) int {
	depth, inString := 0, false
	for i := open; i < len(text); i++ {
		switch c := text[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case !inString && c == '{':
			depth++
		case !inString && c == '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

func repoRoot() string { return filepath.Join("..", "..") }
