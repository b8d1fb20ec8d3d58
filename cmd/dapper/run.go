package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/dapper-debugger/dapper/internal/adapter"
	"github.com/dapper-debugger/dapper/internal/launch"
)

const runUsage = `usage: dapper run (--listen | --connect) [HOST:]PORT [options] (FILE | -m MODULE | -c CODE) [ARGS...]
       dapper run --listen [HOST:]PORT --pid PID

Runs a program under the debugger, for editors to attach to (python -m debugpy's habit).
  --listen [HOST:]PORT   serve debug clients (DAP) there; HOST defaults to 127.0.0.1
  --connect [HOST:]PORT  connect to an adapter that listens there (attach {"listen": ...})
  --wait-for-client      run no line of the program before the first client's configurationDone
  --python PATH          the interpreter (default: python3 on PATH)
  --pid PID              attach to a running CPython 3.9-3.13 instead of starting one
` + logDirHelp + `
The program's exit code is dapper run's.
`

// runOptions are dapper run's command line.
type runOptions struct {
	host      adapter.HostOptions
	python    string
	target    map[string]any // program, module or code, and args, as a launch request has them
	agentPid  int            // --agent-pid: the program's own agent comes (dapper.listen())
	attachPid int
	logDir    string
}

func runRun(args []string) int {
	o, err := parseRunArgs(args)
	if errors.Is(err, errHelp) {
		fmt.Print(runUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "dapper run: %v\n\n%s", err, runUsage)
		return 2
	}
	defer startLogging("run", o.logDir)()
	o.host.Announce = os.Stderr
	switch {
	case o.agentPid != 0:
		o.host.Pid, o.host.Handshake = o.agentPid, os.Stdout
	case o.attachPid != 0:
		o.host.Pid = o.attachPid
	default:
		if o.python != "" {
			o.target["python"] = o.python
		}
		raw, _ := json.Marshal(o.target)
		cfg, err := launch.ParseConfig(raw)
		if err != nil {
			fmt.Fprintf(os.Stderr, "dapper run: %v\n", err)
			return 2
		}
		o.host.Program = &cfg
	}
	h := adapter.NewHost(o.host)
	signals := make(chan os.Signal, 4)
	// Caught, not ignored: an ignored SIGINT would stay ignored in the program.
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(signals)
	go func() {
		for sig := range signals {
			h.Interrupt(sig)
		}
	}()
	code, err := h.Run()
	if err != nil {
		fmt.Fprintf(os.Stderr, "dapper run: %v\n", err)
		return 1
	}
	if code < 0 { // ended by a signal: as a shell reports it
		return 128 - code
	}
	return code
}

var errHelp = errors.New("help")

// parseRunArgs reads options up to what to run: a file, -m MODULE or -c CODE; what
// follows is the program's.
func parseRunArgs(args []string) (runOptions, error) {
	o := runOptions{target: map[string]any{}}
	for len(args) > 0 {
		arg := args[0]
		name, value, inline := strings.Cut(arg, "=")
		takeValue := func() (string, error) {
			if inline {
				args = args[1:]
				return value, nil
			}
			if len(args) < 2 {
				return "", fmt.Errorf("%s needs a value", name)
			}
			v := args[1]
			args = args[2:]
			return v, nil
		}
		var err error
		switch name {
		case "-h", "--help", "-help":
			return o, errHelp
		case "--wait-for-client":
			o.host.WaitForClient = true
			args = args[1:]
		case "--listen":
			o.host.Listen, err = takeAddress(takeValue)
		case "--connect":
			o.host.Connect, err = takeAddress(takeValue)
		case "--python":
			o.python, err = takeValue()
		case "--log-dir":
			o.logDir, err = takeValue()
		case "--pid", "--agent-pid":
			var v string
			if v, err = takeValue(); err == nil {
				pid, perr := strconv.Atoi(v)
				if perr != nil || pid <= 0 {
					return o, fmt.Errorf("%s %q is not a process id", name, v)
				}
				if name == "--pid" {
					o.attachPid = pid
				} else {
					o.agentPid = pid
				}
			}
		case "-m", "-c":
			if len(args) < 2 {
				return o, fmt.Errorf("%s needs a value", arg)
			}
			key := map[string]string{"-m": "module", "-c": "code"}[arg]
			o.target[key], o.target["args"] = args[1], args[2:]
			args = nil
		case "--":
			args = args[1:]
			if len(args) == 0 {
				return o, errors.New("nothing to run after --")
			}
			o.target["program"], o.target["args"] = args[0], args[1:]
			args = nil
		default:
			if strings.HasPrefix(arg, "-") {
				return o, fmt.Errorf("unknown option %q", arg)
			}
			o.target["program"], o.target["args"] = arg, args[1:]
			args = nil
		}
		if err != nil {
			return o, err
		}
	}
	return o, checkRunOptions(o)
}

func checkRunOptions(o runOptions) error {
	if (o.host.Listen == "") == (o.host.Connect == "") {
		return errors.New("give one of --listen and --connect")
	}
	pid := o.attachPid != 0 || o.agentPid != 0
	if pid && (len(o.target) > 0 || o.host.Connect != "" || o.host.WaitForClient) {
		return errors.New("--pid takes a running process: no program, no --connect, no --wait-for-client")
	}
	if !pid && len(o.target) == 0 {
		return errors.New("nothing to run: give a file, -m MODULE or -c CODE")
	}
	return nil
}

// takeAddress reads [HOST:]PORT; the host defaults to 127.0.0.1.
func takeAddress(take func() (string, error)) (string, error) {
	v, err := take()
	if err != nil {
		return "", err
	}
	host, port := "127.0.0.1", v
	if i := strings.LastIndex(v, ":"); i >= 0 {
		host, port = strings.Trim(v[:i], "[]"), v[i+1:]
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "", fmt.Errorf("%q is not [HOST:]PORT", v)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}
