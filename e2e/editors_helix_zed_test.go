package e2e

import (
	"encoding/json"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// helixLanguages parses the README's languages.toml block with Python's tomllib.
func helixLanguages(t *testing.T) (debugger map[string]any, templates map[string]map[string]any) {
	t.Helper()
	var python string
	for _, py := range daptest.Pythons() {
		if py.AtLeast(3, 11) {
			python = py.Path
		}
	}
	if python == "" {
		t.Fatal("no CPython 3.11+ (tomllib) to read the Helix block with")
	}
	cmd := exec.Command(python, "-c", "import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))")
	cmd.Stdin = strings.NewReader(readmeBlock(t, "**Helix**", "toml"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the Helix block is not TOML: %v", err)
	}
	var doc struct {
		Language []struct {
			Name     string
			Debugger map[string]any
		}
	}
	decode(t, out, &doc)
	if len(doc.Language) != 1 || doc.Language[0].Name != "python" {
		t.Fatalf("languages: %+v, want one: python", doc.Language)
	}
	debugger = doc.Language[0].Debugger
	templates = map[string]map[string]any{}
	list, _ := debugger["templates"].([]any)
	for _, tmpl := range list {
		m := tmpl.(map[string]any)
		templates[m["name"].(string)] = m
	}
	return debugger, templates
}

// helixArgs is a template's args as Helix sends them: "{0}" is the first answer.
func helixArgs(template map[string]any, answer string) map[string]any {
	args := map[string]any{}
	for k, v := range template["args"].(map[string]any) {
		if s, ok := v.(string); ok {
			v = strings.ReplaceAll(s, "{0}", answer)
		}
		args[k] = v
	}
	return args
}

func TestHelixBlockLaunchesAndAttachesWithDapper(t *testing.T) {
	debugger, templates := helixLanguages(t)
	// Helix's DebugAdapterConfig: name (the initialize adapterID), transport, command, args, templates.
	for key, want := range map[string]any{"name": "dapper", "transport": "stdio", "command": "dapper", "args": []any{"adapter"}} {
		if !reflect.DeepEqual(debugger[key], want) {
			t.Errorf("debugger.%s = %v, want %v", key, debugger[key], want)
		}
	}
	launch, attach := templates["launch"], templates["attach"]
	if launch["request"] != "launch" || attach["request"] != "attach" {
		t.Fatalf("templates: %v", templates)
	}
	if got, _ := json.Marshal(launch["completion"]); string(got) != `[{"completion":"filename","name":"program"}]` {
		t.Errorf("the launch template completes %s, want a file name", got)
	}
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		t.Run("launch", func(t *testing.T) { // :debug-start launch app.py
			replayLaunch(t, daptest.StartEditor(t, daptest.Editor{}), "helix", withPython(helixArgs(launch, editorProgram), py))
		})
		t.Run("attach", func(t *testing.T) { // :debug-start attach PORT: dapper adapter relays to dapper run
			run, port, stop := listeningPort(t, py)
			replayAttach(t, daptest.StartEditor(t, daptest.Editor{}), "helix", helixArgs(attach, port), run, stop)
		})
	})
}

func TestZedBlockLaunchesThroughARunningAdapter(t *testing.T) {
	var scenarios []map[string]any
	decode(t, []byte(readmeBlock(t, "**Zed**", "json")), &scenarios)
	if len(scenarios) != 1 {
		t.Fatalf("debug.json has %d scenarios", len(scenarios))
	}
	scenario := scenarios[0]
	// Zed's debug scenario: label, adapter, and tcp_connection (connect, start no adapter)
	// are Zed's; the rest is the launch request's arguments.
	tcp, _ := scenario["tcp_connection"].(map[string]any)
	if scenario["label"] == nil || scenario["adapter"] != "Debugpy" || scenario["request"] != "launch" ||
		tcp["host"] != "127.0.0.1" || tcp["port"] != float64(5678) {
		t.Fatalf("scenario %v: want a Debugpy launch with tcp_connection 127.0.0.1:5678", scenario)
	}
	config := map[string]any{}
	for k, v := range scenario {
		switch k {
		case "label", "adapter", "tcp_connection":
		default:
			if s, ok := v.(string); ok {
				v = strings.ReplaceAll(s, "$ZED_FILE", editorProgram)
			}
			config[k] = v
		}
	}
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		replayLaunch(t, daptest.StartTCP(t), "zed", withPython(config, py)) // dapper adapter --port (0 here, 5678 there)
	})
}
