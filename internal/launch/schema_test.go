package launch

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

var packageJSON = filepath.Join(repoRoot(), "editors", "vscode", "package.json")

// vscodeSchema reads the configurationAttributes of the extension's debugger.
func vscodeSchema(t *testing.T) map[string]map[string]map[string]any {
	t.Helper()
	raw, err := os.ReadFile(packageJSON)
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Contributes struct {
			Debuggers []struct {
				Type                    string
				ConfigurationAttributes map[string]struct {
					Properties map[string]map[string]any
				}
			}
		}
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatalf("package.json: %v", err)
	}
	if len(pkg.Contributes.Debuggers) != 1 || pkg.Contributes.Debuggers[0].Type != "dapper" {
		t.Fatalf("package.json contributes %d debuggers; want one, of type dapper", len(pkg.Contributes.Debuggers))
	}
	schema := map[string]map[string]map[string]any{}
	for request, attrs := range pkg.Contributes.Debuggers[0].ConfigurationAttributes {
		schema[request] = attrs.Properties
	}
	return schema
}

func union(sets ...map[string]bool) []string {
	var names []string
	for _, set := range sets {
		for name := range set {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return names
}

// TestVSCodeSchemaNamesEveryAttributeTheAdapterReads: what VS Code validates and
// completes in launch.json is what the adapter decodes, for launch and for attach;
// the editors' own attributes (ClientAttributes, which VS Code adds to every schema)
// and the ones that have no effect (NoEffectAttributes) are left out.
func TestVSCodeSchemaNamesEveryAttributeTheAdapterReads(t *testing.T) {
	schema := vscodeSchema(t)
	for request, want := range map[string][]string{
		"launch": union(LaunchAttributes, CommonAttributes),
		"attach": union(AttachAttributes, CommonAttributes),
	} {
		got := slices.Sorted(maps.Keys(schema[request]))
		for _, name := range want {
			if !slices.Contains(got, name) {
				t.Errorf("the %s schema lacks %q, which the adapter reads", request, name)
			}
		}
		for _, name := range got {
			if !slices.Contains(want, name) {
				t.Errorf("the %s schema has %q, which the adapter does not read", request, name)
			}
		}
		for name, prop := range schema[request] {
			if prop["markdownDescription"] == nil || prop["markdownDescription"] == "" {
				t.Errorf("the %s schema's %q has no description", request, name)
			}
		}
	}
}

// TestVSCodeSchemaIsGeneratedFromTheREADME: each attribute's description in VS Code
// is the README's words (its meaning and default), and the schema is what
// schemaTypes and the README generate (-update rewrites it).
func TestVSCodeSchemaIsGeneratedFromTheREADME(t *testing.T) {
	rows := readmeAttributes(t)
	documentedNames := map[string]bool{}
	for _, d := range rows {
		documentedNames[d.name] = true
	}
	for _, name := range union(LaunchAttributes, CommonAttributes, AttachAttributes) {
		if !documentedNames[name] {
			t.Errorf("the README's attribute tables have no row for %q", name)
		}
	}
	raw, err := os.ReadFile(packageJSON)
	if err != nil {
		t.Fatal(err)
	}
	want := spliceSchema(t, string(raw), generatedSchema(t, rows))
	if *update {
		if err := os.WriteFile(packageJSON, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(raw) != want {
		t.Errorf("editors/vscode/package.json's schema is not what the README and schemaTypes generate: " +
			"go test ./internal/launch -run TestVSCodeSchema -update")
	}
}

// literalDefault is a README default that is one literal (`false`, `[]`,
// `internalConsole`), as JSON; ok is false for a default said in words.
func literalDefault(cell string) (value any, ok bool) {
	m := regexp.MustCompile("^`([^`]+)`$").FindStringSubmatch(cell)
	if m == nil {
		return nil, false
	}
	if json.Unmarshal([]byte(m[1]), &value) != nil {
		value = m[1]
	}
	return value, true
}

// TestVSCodeSchemaDefaultsAreTheREADMEs: where the README gives a default as a
// literal, the schema inserts that value.
func TestVSCodeSchemaDefaultsAreTheREADMEs(t *testing.T) {
	schema := vscodeSchema(t)
	for _, d := range readmeAttributes(t) {
		want, ok := literalDefault(d.defaults)
		if !ok {
			continue
		}
		for request, props := range schema {
			prop, ok := props[d.name]
			if !ok {
				continue
			}
			if got, has := prop["default"]; !has || !jsonEqual(got, want) {
				t.Errorf("the %s schema's %q inserts %v (set: %v); the README's default is %s", request, d.name, got, has, d.defaults)
			}
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
