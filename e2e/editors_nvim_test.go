package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// nvimHarness runs the README's Lua in Neovim with stand-ins for nvim-dap and
// nvim-dap-python (neither is installable here), then resolves each configuration as
// nvim-dap does when it runs one: function values are called, the adapter is looked up
// by the configuration's type and, when it is a function, called with the
// configuration (also for a child process: startDebugging's configuration). It writes
// what each resolves to as JSON.
const nvimHarness = `
local dap = { adapters = {}, configurations = {} }
package.loaded["dap"] = dap
package.loaded["dap.utils"] = { pick_process = function() return 4242 end }
-- nvim-dap-python's setup (lua/dap-python.lua) registers its adapter as "python" and adds
-- these configurations; an adapter of its own would run debugpy.
package.loaded["dap-python"] = { setup = function(python)
  dap.adapters.python = function() error("debugpy's adapter ran, not Dapper") end
  dap.configurations.python = dap.configurations.python or {}
  local configs = dap.configurations.python
  table.insert(configs, { type = "python", request = "launch", name = "Launch file", program = "${file}",
    console = "integratedTerminal" })
  table.insert(configs, { type = "python", request = "attach", name = "Attach remote",
    connect = function() return { host = "127.0.0.1", port = 5678 } end })
  table.insert(configs, { type = "python", request = "launch", name = "Run doctests in file", module = "doctest",
    args = { "${file}" }, noDebug = true, console = "integratedTerminal" })
end }
local ok, err = pcall(dofile, os.getenv("SNIPPET"))
if not ok then io.stderr:write(tostring(err) .. "\n") vim.cmd("cquit 1") end
local function resolve(config)
  local resolved = {}
  for k, v in pairs(config) do
    if type(v) == "function" then v = v() end
    resolved[k] = v
  end
  local adapter = dap.adapters[resolved.type]
  if type(adapter) == "function" then
    local got
    adapter(function(a) got = a end, resolved, nil)
    adapter = got
  end
  return { config = resolved, adapter = adapter }
end
local out = {}
for _, config in ipairs(dap.configurations.python) do table.insert(out, resolve(config)) end
table.insert(out, resolve({ type = "dapper", request = "attach", name = "child process", subProcessId = 7,
  connect = { host = "127.0.0.1", port = 40123 } }))
local f = assert(io.open(os.getenv("OUT"), "w"))
f:write(vim.fn.json_encode(out))
f:close()
`

// nvimResolved is one configuration as nvim-dap would run it.
type nvimResolved struct {
	Config  map[string]any
	Adapter struct {
		Type, Command, Host string
		Args                []string
		Port                int
	}
}

// nvimConfigurations runs the README's Neovim block in headless Neovim.
func nvimConfigurations(t *testing.T) []nvimResolved {
	t.Helper()
	var resolved []nvimResolved
	runHarness(t, readmeBlock(t, "**Neovim**", "lua"), nvimHarness, nil, &resolved,
		daptest.Tool(t, "nvim"), "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile HARNESS", "-c", "qa!")
	return resolved
}

func TestNeovimBlockRunsEveryConfigurationThroughDapper(t *testing.T) {
	resolved := nvimConfigurations(t)
	var names []string
	for _, r := range resolved {
		names = append(names, r.Config["name"].(string))
		a := r.Adapter
		switch connect, _ := r.Config["connect"].(map[string]any); {
		case connect != nil: // dapper run --listen, or the adapter's listener for a child
			if a.Type != "server" || a.Host != connect["host"] || float64(a.Port) != connect["port"] {
				t.Errorf("%q connects to %+v, want %v", names[len(names)-1], a, connect)
			}
		case a.Type != "executable" || a.Command != "dapper" || !slices.Equal(a.Args, []string{"adapter"}):
			t.Errorf("%q runs %+v, want dapper adapter", names[len(names)-1], a)
		}
	}
	want := []string{"Launch file", "Attach to dapper run :5678", "Attach to a process",
		"Launch file", "Attach remote", "Run doctests in file", "child process"}
	if !slices.Equal(names, want) {
		t.Errorf("configurations %q, want %q", names, want)
	}
	if pid := resolved[2].Config["processId"]; pid != float64(4242) {
		t.Errorf("processId = %v, want the picked process", pid)
	}
}

func TestNeovimConfigurationsDebugWithDapper(t *testing.T) {
	resolved := nvimConfigurations(t)
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		for _, r := range resolved {
			name := r.Config["type"].(string) + ": " + r.Config["name"].(string)
			config := map[string]any{}
			for k, v := range r.Config { // nvim-dap expands ${file} to the buffer's file
				if s, ok := v.(string); ok {
					v = strings.ReplaceAll(s, "${file}", editorProgram)
				}
				if list, ok := v.([]any); ok && len(list) == 1 && list[0] == "${file}" {
					v = []any{editorProgram}
				}
				config[k] = v
			}
			if r.Config["processId"] != nil || r.Config["subProcessId"] != nil {
				continue // resolved above; attach by pid and child sessions have e2e tests of their own
			}
			t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
				switch {
				case r.Config["request"] == "launch" && r.Config["noDebug"] == true:
					replayNoDebug(t, daptest.StartEditor(t, daptest.Editor{RunInTerminal: true}), "nvim-dap", withPython(config, py))
				case r.Config["request"] == "launch":
					replayLaunch(t, daptest.StartEditor(t, daptest.Editor{RunInTerminal: true}), "nvim-dap", withPython(config, py))
				default: // a server adapter: the user's dapper run --listen 5678
					run, port, stop := listeningPort(t, py)
					config["connect"] = map[string]any{"host": "127.0.0.1", "port": port}
					replayAttach(t, daptest.Connect(t, "127.0.0.1:"+port), "nvim-dap", config, run, stop)
				}
			})
		}
	})
}

// replayNoDebug plays a noDebug launch: the program runs to its end with no stop.
func replayNoDebug(t *testing.T, s *daptest.Session, editor string, config map[string]any) {
	t.Helper()
	s.MustRequest("initialize", editorInitialize[editor], nil)
	seq := s.Send("launch", config)
	s.WaitEvent("initialized")
	s.MustRequest("configurationDone", nil, nil)
	if m := s.WaitResponse(seq); !m.Success {
		t.Fatalf("%s's launch %v failed: %s", editor, config, m.ErrMessage)
	}
	if console, _ := config["console"].(string); console == "integratedTerminal" {
		terminal, _ := s.Terminal()
		terminal.Expect("hi 42")
	}
	s.ExpectExit(0)
}
