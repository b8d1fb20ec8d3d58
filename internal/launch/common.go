package launch

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Common is the part of a debug configuration that launch and attach share: how the
// debugger behaves once the program runs. The agent receives it, normalised, with the
// request's arguments (see AgentArguments).
type Common struct {
	JustMyCode                bool
	Rules                     []Rule
	ShowReturnValue           bool
	RedirectOutput            *bool // nil: decided by the console (see Config.Redirects)
	SubProcess                bool
	BreakOnSystemExitZero     bool
	BreakOnSystemExit         []ExitRange // nil: every code but 0 (and None) stops
	VariablePresentation      map[string]string
	SteppingResumesAllThreads bool
	StopAllThreadsOnSuspend   bool
	OnTerminate               string // "KeyboardInterrupt" or "SystemExit"
	DebugOptions              []string
}

// Rule is one entry of "rules": code under a path glob or in a module (and its
// submodules) counts as the user's code (Include) or as a library's.
type Rule struct {
	Path    string `json:"path,omitempty"`
	Module  string `json:"module,omitempty"`
	Include bool   `json:"include"`
}

// ExitRange is an inclusive range of SystemExit codes that stop the program.
type ExitRange struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// commonArguments are the shared attributes as they arrive.
type commonArguments struct {
	JustMyCode                *bool           `json:"justMyCode"`
	DebugStdLib               *bool           `json:"debugStdLib"`
	Rules                     []Rule          `json:"rules"`
	ShowReturnValue           *bool           `json:"showReturnValue"`
	RedirectOutput            *bool           `json:"redirectOutput"`
	SubProcess                *bool           `json:"subProcess"`
	BreakOnSystemExitZero     *bool           `json:"breakOnSystemExitZero"`
	BreakOnSystemExit         json.RawMessage `json:"breakOnSystemExit"`
	VariablePresentation      map[string]any  `json:"variablePresentation"`
	SteppingResumesAllThreads *bool           `json:"steppingResumesAllThreads"`
	StopAllThreadsOnSuspend   *bool           `json:"stopAllThreadsOnSuspend"`
	OnTerminate               *string         `json:"onTerminate"`
	DebugOptions              []string        `json:"debugOptions"`
}

// ParseCommon decodes the shared attributes of a launch or attach request.
func ParseCommon(raw json.RawMessage) (Common, error) {
	var in commonArguments
	if err := json.Unmarshal(orEmptyObject(raw), &in); err != nil {
		return Common{}, badArgs("arguments do not decode: %v", friendlyJSON(err))
	}
	return in.decode()
}

func (in *commonArguments) decode() (Common, error) {
	c := Common{DebugOptions: in.DebugOptions}
	var err error
	flag := func(name, legacy string, value *bool, def bool) bool {
		if err == nil {
			var v bool
			v, err = legacyFlag(name, legacy, value, def, in.DebugOptions)
			return v
		}
		return def
	}
	stdlib := flag("debugStdLib", "DebugStdLib", in.DebugStdLib, false)
	c.JustMyCode = in.JustMyCode == nil && !stdlib || in.JustMyCode != nil && *in.JustMyCode
	c.ShowReturnValue = flag("showReturnValue", "ShowReturnValue", in.ShowReturnValue, true)
	c.BreakOnSystemExitZero = flag("breakOnSystemExitZero", "BreakOnSystemExitZero", in.BreakOnSystemExitZero, false)
	if in.RedirectOutput != nil || slices.Contains(in.DebugOptions, "RedirectOutput") {
		redirect := flag("redirectOutput", "RedirectOutput", in.RedirectOutput, false)
		c.RedirectOutput = &redirect
	}
	if err != nil {
		return c, err
	}
	c.SubProcess = in.SubProcess == nil || *in.SubProcess
	c.SteppingResumesAllThreads = in.SteppingResumesAllThreads == nil || *in.SteppingResumesAllThreads
	c.StopAllThreadsOnSuspend = in.StopAllThreadsOnSuspend == nil || *in.StopAllThreadsOnSuspend
	for _, step := range []func(*Common, *commonArguments) error{
		(*Common).setRules, (*Common).setSystemExit, (*Common).setPresentation, (*Common).setOnTerminate,
	} {
		if err := step(&c, in); err != nil {
			return c, err
		}
	}
	return c, nil
}

// legacyFlag is a switch that may also be given as a debugOptions flag, as debugpy
// takes them: the flag turns it on, and contradicting it is an error.
func legacyFlag(name, legacy string, value *bool, def bool, debugOptions []string) (bool, error) {
	if slices.Contains(debugOptions, legacy) {
		if value != nil && !*value {
			return false, badArgs(`%q: false and "debugOptions": [%q] contradict each other`, name, legacy)
		}
		return true, nil
	}
	if value == nil {
		return def, nil
	}
	return *value, nil
}

func (c *Common) setRules(in *commonArguments) error {
	for i, r := range in.Rules {
		if (r.Path == "") == (r.Module == "") {
			return badArgs(`"rules"[%d] needs exactly one of "path" or "module"`, i)
		}
	}
	c.Rules = in.Rules
	return nil
}

// setSystemExit reads breakOnSystemExit: exit codes and {"from", "to"} ranges.
func (c *Common) setSystemExit(in *commonArguments) error {
	if len(in.BreakOnSystemExit) == 0 || string(in.BreakOnSystemExit) == "null" {
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(in.BreakOnSystemExit, &items) != nil {
		return badArgs(`"breakOnSystemExit" must be an array of exit codes and {"from", "to"} ranges`)
	}
	c.BreakOnSystemExit = []ExitRange{}
	for _, item := range items {
		var code int
		var r struct{ From, To *int }
		switch {
		case json.Unmarshal(item, &code) == nil:
			c.BreakOnSystemExit = append(c.BreakOnSystemExit, ExitRange{code, code})
		case json.Unmarshal(item, &r) == nil && r.From != nil && r.To != nil && *r.From <= *r.To:
			c.BreakOnSystemExit = append(c.BreakOnSystemExit, ExitRange{*r.From, *r.To})
		default:
			return badArgs(`"breakOnSystemExit": %s is neither an exit code nor a {"from", "to"} range`, item)
		}
	}
	return nil
}

// presentationKinds are the kinds of variables variablePresentation arranges; "all"
// sets every one.
var presentationKinds = []string{"special", "function", "class", "protected"}

func (c *Common) setPresentation(in *commonArguments) error {
	if in.VariablePresentation == nil {
		return nil
	}
	c.VariablePresentation = map[string]string{}
	if all, ok := in.VariablePresentation["all"]; ok {
		for _, kind := range presentationKinds {
			c.VariablePresentation[kind] = fmt.Sprint(all)
		}
	}
	for kind, v := range in.VariablePresentation {
		mode, _ := v.(string)
		if mode != "group" && mode != "inline" && mode != "hide" {
			return badArgs(`"variablePresentation": %q must be "group", "inline" or "hide"`, kind)
		}
		if kind != "all" && !slices.Contains(presentationKinds, kind) {
			return badArgs(`"variablePresentation": %q is not one of all, %s`, kind, strings.Join(presentationKinds, ", "))
		}
		if kind != "all" {
			c.VariablePresentation[kind] = mode
		}
	}
	return nil
}

func (c *Common) setOnTerminate(in *commonArguments) error {
	c.OnTerminate = "KeyboardInterrupt"
	if in.OnTerminate == nil || *in.OnTerminate == "" {
		return nil
	}
	switch *in.OnTerminate {
	case "KeyboardInterrupt", "SystemExit":
		c.OnTerminate = *in.OnTerminate
		return nil
	}
	return badArgs(`"onTerminate" %q is not "KeyboardInterrupt" or "SystemExit"`, *in.OnTerminate)
}

// agentView is what the agent reads of Common, under the attributes' own names.
func (c Common) agentView(redirect bool) map[string]any {
	view := map[string]any{
		"justMyCode":                c.JustMyCode,
		"showReturnValue":           c.ShowReturnValue,
		"redirectOutput":            redirect,
		"subProcess":                c.SubProcess,
		"breakOnSystemExitZero":     c.BreakOnSystemExitZero,
		"steppingResumesAllThreads": c.SteppingResumesAllThreads,
		"stopAllThreadsOnSuspend":   c.StopAllThreadsOnSuspend,
		"onTerminate":               c.OnTerminate,
		"rules":                     c.Rules,
		"variablePresentation":      c.VariablePresentation,
	}
	if c.BreakOnSystemExit != nil {
		view["breakOnSystemExit"] = c.BreakOnSystemExit
	}
	return view
}

// AgentArguments are the request's arguments as the agent receives them: the
// client's, with the shared attributes replaced by their normalised values (legacy
// flags resolved, defaults filled in). redirect says whether the agent sends the
// program's output as output events.
func (c Common) AgentArguments(raw json.RawMessage, redirect bool, extra map[string]any) (json.RawMessage, error) {
	args := map[string]json.RawMessage{}
	if err := json.Unmarshal(orEmptyObject(raw), &args); err != nil {
		return nil, err
	}
	for k, v := range c.agentView(redirect) {
		b, _ := json.Marshal(v)
		args[k] = b
	}
	for k, v := range extra {
		b, _ := json.Marshal(v)
		args[k] = b
	}
	return json.Marshal(args)
}

func orEmptyObject(raw json.RawMessage) json.RawMessage {
	if len(strings.TrimSpace(string(raw))) == 0 {
		return json.RawMessage("{}")
	}
	return raw
}
