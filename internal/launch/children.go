package launch

import (
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// Children is what a launch or attach configuration says about the program's Python
// child processes, each debugged in a child session of its own.
type Children struct {
	// Debugged: subProcess (default true).
	Debugged bool
	// EndWithParent: terminateChildProcesses (default true). Terminating the parent
	// session ends every child too.
	EndWithParent bool
	// Wait: subProcessTimeout, how long a new child waits for its child session to
	// attach before it runs on without the debugger.
	Wait time.Duration
}

// DefaultChildWait is how long a child waits for its session by default.
const DefaultChildWait = 5 * time.Second

// maxChildWait bounds subProcessTimeout: a child never waits for a client longer.
const maxChildWait = 10 * time.Minute

// ParseChildren decodes the child process attributes of a launch or attach request.
func ParseChildren(request string, raw json.RawMessage) (Children, error) {
	var in struct {
		SubProcess              *bool    `json:"subProcess"`
		TerminateChildProcesses *bool    `json:"terminateChildProcesses"`
		SubProcessTimeout       *float64 `json:"subProcessTimeout"`
	}
	c := Children{Debugged: true, EndWithParent: true, Wait: DefaultChildWait}
	if err := json.Unmarshal(orEmptyObject(raw), &in); err != nil {
		return c, &ConfigError{ID: ErrBadArguments, Text: fmt.Sprintf("%s: arguments do not decode: %v", request, friendlyJSON(err))}
	}
	if in.SubProcess != nil {
		c.Debugged = *in.SubProcess
	}
	if in.TerminateChildProcesses != nil {
		c.EndWithParent = *in.TerminateChildProcesses
	}
	if t := in.SubProcessTimeout; t != nil {
		if math.IsNaN(*t) || *t < 0 || *t > maxChildWait.Seconds() {
			return c, &ConfigError{ID: ErrBadArguments, Text: fmt.Sprintf(
				`%s: "subProcessTimeout" must be a number of seconds from 0 to %g (got %g)`, request, maxChildWait.Seconds(), *t)}
		}
		c.Wait = time.Duration(*t * float64(time.Second))
	}
	return c, nil
}

// ChildClaim is what a child session's attach names: which child, and the token that
// proves the configuration came from this adapter's startDebugging.
type ChildClaim struct {
	Pid   int
	Token string
}

// ParseChildClaim reads subProcessId and subProcessToken; ok is false when the
// request names no child.
func ParseChildClaim(raw json.RawMessage) (claim ChildClaim, ok bool, err error) {
	var in struct {
		SubProcessID    json.RawMessage `json:"subProcessId"`
		SubProcessToken string          `json:"subProcessToken"`
	}
	if err := json.Unmarshal(orEmptyObject(raw), &in); err != nil {
		return claim, false, attachArgs("arguments do not decode: %v", friendlyJSON(err))
	}
	if len(in.SubProcessID) == 0 || string(in.SubProcessID) == "null" {
		return claim, false, nil
	}
	pid, err := number(in.SubProcessID)
	if err != nil || pid <= 0 {
		return claim, false, attachArgs("subProcessId must be a process id (got %s)", string(in.SubProcessID))
	}
	return ChildClaim{Pid: pid, Token: in.SubProcessToken}, true, nil
}

// parentOnly are the attributes a child's configuration does not inherit from its
// parent's: what to start and how (the child runs already), where the parent was
// attached, and what an editor does once per session it starts (tasks).
var parentOnly = names("request", "name", "program", "module", "code", "args", "cwd", "env", "envFile",
	"python", "pythonPath", "pythonArgs", "stopOnEntry", "noDebug", "console", "consoleTitle", "sudo",
	"waitOnNormalExit", "waitOnAbnormalExit", "connect", "listen", "host", "port", "processId",
	"subProcessId", "subProcessToken", "__sessionId", "preLaunchTask", "postDebugTask", "serverReadyAction",
	"debugServer", "restart")

// ChildConfiguration is the attach configuration of a child session, for the
// startDebugging request: the parent's settings, with the child's name, its pid, the
// address a client connects the child session to, and claim's token.
func ChildConfiguration(parent json.RawMessage, name string, claim ChildClaim, host string, port int) (json.RawMessage, error) {
	cfg := map[string]json.RawMessage{}
	if err := json.Unmarshal(orEmptyObject(parent), &cfg); err != nil {
		return nil, err
	}
	for key := range cfg {
		if parentOnly[key] {
			delete(cfg, key)
		}
	}
	for key, value := range map[string]any{
		"request":         "attach",
		"name":            name,
		"subProcessId":    claim.Pid,
		"subProcessToken": claim.Token,
		"connect":         map[string]any{"host": host, "port": port},
	} {
		b, _ := json.Marshal(value)
		cfg[key] = b
	}
	return json.Marshal(cfg)
}
