package launch

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// AttachConfig is an attach request's arguments, as far as the adapter needs them:
// where the debuggee is. The rest (justMyCode, pathMappings, redirectOutput, ...) is
// the agent's, which reads the request as it came.
type AttachConfig struct {
	Connect   string // host:port of a `dapper run --listen` to relay to
	Listen    string // host:port to listen on for a program that connects (dapper run --connect)
	ProcessID int    // a running CPython to inject the agent into
}

// Where reports what the configuration names, for messages: "connect 127.0.0.1:5678".
func (c AttachConfig) Where() string {
	switch {
	case c.Connect != "":
		return "connect " + c.Connect
	case c.Listen != "":
		return "listen " + c.Listen
	case c.ProcessID != 0:
		return "process " + strconv.Itoa(c.ProcessID)
	}
	return "nothing"
}

// AttachAttributes are the names ParseAttachConfig reads (the shared ones are
// CommonAttributes).
var AttachAttributes = names("connect", "listen", "host", "port", "processId", "subProcessId", "subProcessToken")

// endpoint is a connect or listen object, {"host", "port"}; the port may be a string.
type endpoint struct {
	Host string          `json:"host"`
	Port json.RawMessage `json:"port"`
}

type attachArguments struct {
	Connect   *endpoint       `json:"connect"`
	Listen    *endpoint       `json:"listen"`
	Host      string          `json:"host"` // the legacy form of connect
	Port      json.RawMessage `json:"port"`
	ProcessID json.RawMessage `json:"processId"`
}

func attachArgs(format string, args ...any) *ConfigError {
	return &ConfigError{ID: ErrBadArguments, Text: "attach: " + fmt.Sprintf(format, args...)}
}

// ParseAttachConfig decodes an attach request's arguments. Exactly one of connect (or
// the legacy host and port), listen and processId must be given. A host left out is
// 127.0.0.1.
func ParseAttachConfig(raw json.RawMessage) (AttachConfig, error) {
	var in attachArguments
	if len(bytes.TrimSpace(raw)) == 0 {
		raw = []byte("{}")
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		return AttachConfig{}, attachArgs("arguments do not decode: %v", friendlyJSON(err))
	}
	var c AttachConfig
	var err error
	if in.Connect == nil && (in.Host != "" || len(in.Port) > 0) {
		in.Connect = &endpoint{Host: in.Host, Port: in.Port}
	}
	if in.Connect != nil {
		if c.Connect, err = in.Connect.address("connect"); err != nil {
			return c, err
		}
	}
	if in.Listen != nil {
		if c.Listen, err = in.Listen.address("listen"); err != nil {
			return c, err
		}
	}
	if c.ProcessID, err = processID(in.ProcessID); err != nil {
		return c, err
	}
	given := 0
	for _, set := range []bool{c.Connect != "", c.Listen != "", c.ProcessID != 0} {
		if set {
			given++
		}
	}
	if given != 1 {
		return c, attachArgs(`give exactly one of "connect" (or "host" and "port"), "listen" or "processId" (got %d)`, given)
	}
	return c, nil
}

func (e *endpoint) address(name string) (string, error) {
	port, err := number(e.Port)
	if err != nil || port < 0 || port > 65535 || (port == 0 && name == "connect") {
		return "", attachArgs("%s.port must be a port number (got %s)", name, string(e.Port))
	}
	host := strings.TrimSpace(e.Host)
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(port)), nil
}

func processID(raw json.RawMessage) (int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	pid, err := number(raw)
	if err != nil || pid <= 0 {
		return 0, attachArgs("processId must be a process id (got %s)", string(raw))
	}
	return pid, nil
}

// number reads a JSON number, or a string holding one (editors' pickers give strings).
func number(raw json.RawMessage) (int, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strconv.Atoi(strings.TrimSpace(s))
	}
	var n int
	err := json.Unmarshal(raw, &n)
	return n, err
}

// IsLoopback reports whether addr (host:port) is reachable from this machine only.
// An empty host, 0.0.0.0 and :: are every interface.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ExposedWarning is what Dapper says when it listens where others can reach it.
func ExposedWarning(addr string) string {
	return fmt.Sprintf("warning: listening on %s, which is not a loopback address: "+
		"anyone who can reach this port can run code in the program", addr)
}

// InjectionCode is the Python code that attach by process id runs in the target: it
// puts the agent's directory on sys.path just long enough to import it, and connects
// the agent to agent.Address with agent.Token (a process debugged already says so
// over the same connection instead). The token travels in this code, in the target's
// memory, never on a command line.
func InjectionCode(agent Agent) string {
	quote := func(s string) string { return "bytes.fromhex('" + hex.EncodeToString([]byte(s)) + "').decode()" }
	return strings.Join([]string{
		"import sys",
		"_dir = " + quote(agent.Dir),
		"sys.path.insert(0, _dir)",
		"try:",
		"    import dapper_agent",
		"finally:",
		"    sys.path.remove(_dir)",
		"dapper_agent.attach(" + quote(agent.Address) + ", " + quote(agent.Token) + ", refuse=True)",
		"",
	}, "\n")
}
