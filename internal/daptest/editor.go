package daptest

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// Editor says which of an editor's abilities a Session's client announces and plays:
// the runInTerminal reverse request is answered by starting the command on a new
// pseudo-terminal, as an editor's integrated terminal would, and the test types into
// it and reads its screen (Session.Terminal).
type Editor struct {
	RunInTerminal bool // supportsRunInTerminalRequest
	ShellArgs     bool // supportsArgsCanBeInterpretedByShell
	Invalidated   bool // supportsInvalidatedEvent
	// Refuse makes the editor answer runInTerminal with this error instead.
	Refuse string

	// StartDebugging: supportsStartDebuggingRequest, with each child session started
	// as VS Code starts it (children.go), and taken with Session.Child.
	StartDebugging bool
	// ChildAdapter starts each child session in a new `dapper adapter`, given the
	// configuration, as a client that always starts an adapter does.
	ChildAdapter bool
	// IgnoreChildren answers startDebugging and never starts the session.
	IgnoreChildren bool
	// ChildBreakpoints are set in every child session before its configurationDone,
	// as an editor sets every breakpoint it knows: lines by file.
	ChildBreakpoints map[string][]int
	// ChildStops: the stops of every child session are taken by NextChildStop, in
	// whichever session they come (a pool's workers), instead of the child's waits.
	ChildStops bool
}

// openedTerminal is a terminal the editor opened for a runInTerminal request.
type openedTerminal struct {
	terminal *Terminal
	request  dap.Message
}

// StartEditor runs `dapper adapter` on stdio, with a client that plays editor.
func StartEditor(t testing.TB, editor Editor) *Session {
	t.Helper()
	return start(t, editor)
}

// answer answers a reverse request (on the client's reader goroutine).
func (s *Session) answer(m dap.Message) (any, error) {
	if m.Command == "startDebugging" {
		return s.answerStartDebugging(m)
	}
	if m.Command != "runInTerminal" || !s.editor.RunInTerminal {
		return nil, fmt.Errorf("%s is not supported by this client", m.Command)
	}
	if s.editor.Refuse != "" {
		return nil, fmt.Errorf("%s", s.editor.Refuse)
	}
	var args struct {
		Kind, Title, Cwd            string
		Args                        []string
		Env                         map[string]*string
		ArgsCanBeInterpretedByShell bool
	}
	if err := json.Unmarshal(m.Arguments, &args); err != nil || len(args.Args) == 0 {
		return nil, fmt.Errorf("runInTerminal: bad arguments: %s", m.Arguments)
	}
	cmd := exec.Command(args.Args[0], args.Args[1:]...)
	if args.ArgsCanBeInterpretedByShell {
		cmd = exec.Command("/bin/sh", "-c", strings.Join(args.Args, " "))
	}
	cmd.Dir = args.Cwd
	env := map[string]string{}
	for _, kv := range append(os.Environ(), "TERM=xterm") {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	for k, v := range args.Env {
		if v == nil {
			delete(env, k)
		} else {
			env[k] = *v
		}
	}
	for _, k := range sortedKeys(env) {
		cmd.Env = append(cmd.Env, k+"="+env[k])
	}
	tt := startOnPTY(s.t, cmd)
	s.terminals <- openedTerminal{tt, m}
	return map[string]any{"processId": tt.Pid()}, nil
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// Terminal waits for the terminal that the adapter's runInTerminal request opened,
// and returns it with the request's arguments.
func (s *Session) Terminal() (*Terminal, dap.Message) {
	s.t.Helper()
	select {
	case o := <-s.terminals:
		return o.terminal, o.request
	case <-time.After(Timeout):
		s.t.Fatalf("no runInTerminal request within %s\n%s", Timeout, s.Timeline())
	}
	return nil, dap.Message{}
}
