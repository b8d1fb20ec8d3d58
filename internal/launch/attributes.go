package launch

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// CommonAttributes are the names ParseCommon reads.
var CommonAttributes = names("justMyCode", "debugStdLib", "rules", "showReturnValue", "redirectOutput",
	"subProcess", "breakOnSystemExitZero", "breakOnSystemExit", "variablePresentation",
	"steppingResumesAllThreads", "stopAllThreadsOnSuspend", "onTerminate", "debugOptions", "pathMappings",
	"terminateChildProcesses", "subProcessTimeout")

// LaunchAttributes are the names ParseConfig reads besides CommonAttributes.
var LaunchAttributes = names("program", "module", "code", "args", "cwd", "env", "envFile", "python",
	"pythonPath", "pythonArgs", "stopOnEntry", "noDebug", "console", "consoleTitle", "sudo",
	"waitOnNormalExit", "waitOnAbnormalExit")

// ClientAttributes are what editors add to every configuration for themselves (VS
// Code's resolver and task system, nvim-dap): known, and of no meaning to a launch.
var ClientAttributes = names("type", "request", "name", "__configurationTarget", "__sessionId",
	"__parentSessionId", "__workspaceFolder", "presentation", "internalConsoleOptions", "preLaunchTask",
	"postDebugTask", "serverReadyAction", "debugServer", "windows", "osx", "linux", "purpose",
	"clientOS", "debugAdapterPath", "debugAdapterPython", "debugLauncherPath", "debugLauncherPython",
	"logToFile", "autoStartBrowser", "envFileVersion", "isOutputRedirected", "cwdVersion")

// NoEffectAttributes are debugpy's switches for frameworks and event loops that
// Dapper does not have; turning one on is reported, not refused.
var NoEffectAttributes = names("django", "jinja", "pyramid", "gevent", "flask", "qt", "guiEventLoop",
	"autoReload", "showReturnValueMaxSize", "maxStackSize")

func names(list ...string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, n := range list {
		m[n] = true
	}
	return m
}

// UnknownAttributes lists, sorted, the top-level names of raw that no set in known
// holds.
func UnknownAttributes(raw json.RawMessage, known ...map[string]bool) []string {
	var args map[string]json.RawMessage
	if json.Unmarshal(orEmptyObject(raw), &args) != nil {
		return nil
	}
	var unknown []string
	for name := range args {
		if !slices.ContainsFunc(known, func(set map[string]bool) bool { return set[name] }) {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	return unknown
}

// AttributeNotes are what a request's arguments deserve to be told about: the
// attributes Dapper does not know, and the ones it knows but has no use for that are
// turned on. Each is said once, in one line; none fails the request. request names
// it ("launch", "attach").
func AttributeNotes(request string, raw json.RawMessage, known ...map[string]bool) []string {
	var notes []string
	if unknown := UnknownAttributes(raw, append(known, ClientAttributes, NoEffectAttributes)...); len(unknown) > 0 {
		notes = append(notes, fmt.Sprintf("%s: ignoring attributes Dapper does not know: %s",
			request, quoteAll(unknown)))
	}
	var args map[string]json.RawMessage
	_ = json.Unmarshal(orEmptyObject(raw), &args)
	var inert []string
	for name := range NoEffectAttributes {
		if v, ok := args[name]; ok && string(v) != "false" && string(v) != "null" && string(v) != `"none"` {
			inert = append(inert, name)
		}
	}
	if len(inert) > 0 {
		sort.Strings(inert)
		notes = append(notes, fmt.Sprintf("%s: %s: not supported by Dapper; no effect", request, quoteAll(inert)))
	}
	return notes
}

func quoteAll(list []string) string {
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(quoted, ", ")
}
