package launch

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// LauncherUsage is the help text of `dapper launcher`, which users do not run
// themselves: a terminal console's runInTerminal request does.
const LauncherUsage = `usage: dapper launcher [--wait-on-normal-exit] [--wait-on-abnormal-exit] -- python [args...]

Runs a program in this terminal for a debug session whose console is a terminal:
the adapter's runInTerminal request starts it, with the adapter's address and token
in its environment. It reports the program's pid and exit status to the adapter, and
ends the program when the session is stopped.
`

// launcherRun is one run of the launcher: its connection to the adapter and the
// program it started.
type launcherRun struct {
	conn    *dap.Conn
	seq     atomic.Int64
	process atomic.Pointer[Process]
	noWait  atomic.Bool // the session was stopped: do not keep the terminal open
}

// RunLauncher is `dapper launcher`. It returns the status to exit with: the
// program's (128+N for a program ended by signal N), or 2 for a bad command line.
func RunLauncher(args []string) int {
	var waitNormal, waitAbnormal bool
	for len(args) > 0 && args[0] != "--" {
		switch args[0] {
		case flagWaitOnNormalExit:
			waitNormal = true
		case flagWaitOnAbnormalExit:
			waitAbnormal = true
		case "-h", "--help":
			fmt.Print(LauncherUsage)
			return 0
		default:
			fmt.Fprintf(os.Stderr, "dapper launcher: unknown option %q\n\n%s", args[0], LauncherUsage)
			return 2
		}
		args = args[1:]
	}
	address, token := os.Getenv(envLauncherAddress), os.Getenv(envLauncherToken)
	if len(args) < 2 || address == "" || token == "" {
		fmt.Fprint(os.Stderr, "dapper launcher: run by a debug session's runInTerminal request only\n\n"+LauncherUsage)
		return 2
	}
	r, err := dialAdapter(address, token)
	if err != nil {
		fmt.Fprintf(os.Stderr, "dapper launcher: %v\n", err)
		return 1
	}
	code, wait := r.run(args[1:], func(code int) bool { return code == 0 && waitNormal || code != 0 && waitAbnormal })
	if wait {
		waitForKey()
	}
	r.conn.Close(time.Second)
	if code < 0 {
		return 128 - code
	}
	return code & 0xff
}

// dialAdapter connects to the adapter and says hello.
func dialAdapter(address, token string) (*launcherRun, error) {
	c, err := net.DialTimeout("tcp", address, 10*time.Second)
	if err != nil {
		return nil, fmt.Errorf("cannot reach the debug adapter at %s: %w", address, err)
	}
	r := &launcherRun{conn: dap.NewConn(c, c, c)}
	r.conn.Start(r.onRequest, func(error) {})
	r.event("dapper/hello", map[string]any{"token": token, "pid": os.Getpid(), "role": LauncherRole})
	return r, nil
}

func (r *launcherRun) event(name string, body any) {
	if b, err := dap.NewEvent(int(r.seq.Add(1)), name, body); err == nil {
		r.conn.Send(b)
	}
}

// run starts argv in the terminal and returns its exit code once it has ended, and
// whether to keep the terminal open: as waitOnExit says for the code, unless the
// session was stopped. That is decided before the exit is reported, so that what the
// adapter does on hearing of it changes nothing.
func (r *launcherRun) run(argv []string, waitOnExit func(code int) bool) (int, bool) {
	env := os.Environ()
	prefix := os.Getenv(envLauncherPythonPath)
	for _, k := range []string{envLauncherAddress, envLauncherToken, envLauncherPythonPath} {
		env = unsetVar(env, k)
	}
	env = EnvChanges{PythonPath: prefix}.Apply(env)
	exited := make(chan int, 1)
	stop := make(chan os.Signal, 4)
	signal.Notify(stop, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(stop)
	p, err := StartInTerminal(Command{Argv: argv, Env: env}, func(code int) { exited <- code })
	if err != nil {
		r.event(EventProcessFailed, map[string]any{"message": err.Error()})
		fmt.Fprintf(os.Stderr, "dapper: %v\n", err)
		return 127, waitOnExit(127)
	}
	r.process.Store(p)
	r.event(EventProcessStarted, map[string]any{"pid": p.Pid()})
	for {
		select {
		case code := <-exited:
			takeForeground()
			wait := waitOnExit(code) && !r.noWait.Load()
			r.event(EventProcessExited, map[string]any{"exitCode": code})
			return code, wait
		case sig := <-stop:
			// Ctrl-C belongs to the program (its group has the terminal); a hang-up or
			// a SIGTERM of the launcher is passed on to it.
			if sig != syscall.SIGINT {
				r.noWait.Store(true)
				_ = syscall.Kill(-p.Pid(), sig.(syscall.Signal))
			}
		}
	}
}

// onRequest serves the adapter's requests: end or kill the program.
func (r *launcherRun) onRequest(body []byte) {
	m, err := dap.Decode(body)
	if err != nil || !m.IsRequest() {
		return
	}
	var args struct {
		GraceMs   int  `json:"graceMs"`
		Interrupt bool `json:"interrupt"`
	}
	_ = json.Unmarshal(m.Arguments, &args)
	p := r.process.Load()
	switch {
	case p == nil:
	case m.Command == RequestLauncherEnd:
		r.noWait.Store(true)
		p.Terminate(time.Duration(args.GraceMs)*time.Millisecond, args.Interrupt)
	case m.Command == RequestLauncherKill:
		r.noWait.Store(true)
		p.Kill()
	}
	if b, err := dap.NewResponse(int(r.seq.Add(1)), m.Seq, m.Command, nil); err == nil {
		r.conn.Send(b)
	}
}

// takeForeground makes the launcher's process group the terminal's foreground again,
// once the program's group has ended. A background group may not do that unless it
// ignores SIGTTOU, so it does, for that moment.
func takeForeground() {
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return
	}
	signal.Ignore(syscall.SIGTTOU)
	defer signal.Reset(syscall.SIGTTOU)
	_ = unix.IoctlSetPointerInt(int(os.Stdin.Fd()), unix.TIOCSPGRP, syscall.Getpgrp())
}

// waitForKey keeps the terminal open until a key is pressed (waitOnNormalExit,
// waitOnAbnormalExit).
func waitForKey() {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return
	}
	os.Stdout.WriteString("Press any key to continue . . . ")
	if state, err := term.MakeRaw(fd); err == nil {
		defer func() { _ = term.Restore(fd, state) }()
	}
	var key [8]byte
	_, _ = os.Stdin.Read(key[:])
	os.Stdout.WriteString("\r\n")
}
