package adapter

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// FuzzSessionAnswersEveryRequest feeds a session a random sequence of requests (known
// and unknown commands, arguments of every shape, frames that cannot be routed) among
// the debuggee's doings (an agent that connects, answers and hangs up, output, an
// exit), then disconnects. Never a panic, and every request gets exactly one answer.
func FuzzSessionAnswersEveryRequest(f *testing.F) {
	// Each op is a byte, op%8: 0-3 a request (then the command's and the arguments'
	// indexes), 4 a frame that cannot be routed (then its index), 5 an agent connects
	// (then: the program's own unless 0 mod 4), 6 output or an exit (then: even for
	// output), 7 the last agent hangs up.
	for _, seed := range [][]byte{
		{0, 0, 0, 0, 1, 6, 5, 1, 0, 3, 0, 0, 4, 0, 0, 8, 12, 6, 0},      // a launch, a relayed request
		{0, 0, 0, 0, 1, 7, 0, 3, 0, 6, 0, 6, 1},                         // noDebug, output, exit
		{0, 0, 0, 0, 1, 6, 5, 1, 0, 3, 0, 7, 0, 4, 0},                   // the agent hangs up
		{0, 0, 0, 0, 1, 6, 5, 1, 0, 3, 0, 0, 11, 0, 0, 4, 0, 0, 10, 10}, // terminate, then more
		{0, 0, 0, 0, 1, 6, 5, 1},                                        // disconnect before configurationDone
		{0, 0, 0, 0, 1, 6, 5, 0, 5, 1, 0, 3, 0},                         // a stranger's agent first
		{0, 0, 0, 4, 0, 4, 1, 4, 2, 4, 3, 4, 4, 4, 5},                   // frames that cannot be routed
		{0, 1, 6, 0, 3, 0, 0, 10, 0},                                    // before initialize
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, script []byte) {
		if len(script) > 512 {
			script = script[:512]
		}
		fs := newFuzzSession(t)
		fs.run(script)
		fs.finish()
	})
}

var (
	fuzzCommands = []string{"initialize", "launch", "attach", "configurationDone", "threads",
		"setBreakpoints", "continue", "stackTrace", "evaluate", "pause", "disconnect", "terminate",
		"fooBar", "restart", "setExceptionBreakpoints", "source"}
	fuzzArguments = []string{"", `null`, `{}`, `[]`, `"x"`, `7`,
		`{"code":"pass","python":"/bin/sh"}`, `{"code":"pass","python":"/bin/sh","noDebug":true}`,
		`{"program":5}`, `{"terminateDebuggee":"yes"}`, `{"terminateDebuggee":false}`,
		`{"threadId":[1]}`, `{"frameId":-1,"expression":"\u0000"}`, `{"source":{"path":7}}`,
		`{"code":"pass","python":"/bin/sh","env":{"A":null},"args":"a b"}`}
	// fuzzFrames are frames a session cannot route as requests; %d is a seq.
	fuzzFrames = []string{`{"seq":%d,"type":"request"}`, `{"seq":%d,"type":"request","command":"threads","arguments":{"a":tru}}`,
		`{"seq":"%d","type":"request","command":"threads"}`, `{"seq":%d,"type":"event","event":"x"}`,
		`{"seq":%d,"type":"response","request_seq":1,"success":true,"command":"runInTerminal"}`, `[%d]`}
)

// fuzzSession drives a scripted session with a fake launcher whose agents answer
// every request and whose programs end when signalled.
type fuzzSession struct {
	t        *testing.T
	s        *scripted
	seq      int
	asked    map[int]string // requests sent, by seq
	closed   bool           // the session's client stream has ended
	listener *fakeListener
	process  *fakeProcess
	agents   []net.Conn
	quit     chan struct{} // ends the goroutines that play the programs
}

func newFuzzSession(t *testing.T) *fuzzSession {
	d := deadlines{agentConnect: 100 * time.Millisecond, exitedOutput: 10 * time.Millisecond,
		terminateGrace: 10 * time.Millisecond, detach: 20 * time.Millisecond, shutdown: 100 * time.Millisecond,
		agentDrain: 50 * time.Millisecond, clientDrain: 200 * time.Millisecond, goroutines: 200 * time.Millisecond}
	fs := &fuzzSession{t: t, asked: map[int]string{}, quit: make(chan struct{})}
	fs.s = serveOverPipe(t, newFakeLauncher(), d)
	t.Cleanup(func() {
		close(fs.quit)
		for _, a := range fs.agents {
			a.Close()
		}
	})
	return fs
}

func (fs *fuzzSession) run(script []byte) {
	next := func(i *int) byte {
		if *i+1 < len(script) {
			*i++
			return script[*i]
		}
		return 0
	}
	for i := 0; i < len(script) && !fs.closed; i++ {
		fs.collect()
		switch op := script[i] % 8; {
		case op < 4:
			command := fuzzCommands[int(next(&i))%len(fuzzCommands)]
			fs.request(command, fuzzArguments[int(next(&i))%len(fuzzArguments)])
		case op == 4:
			fs.seq++
			fs.write(fmt.Sprintf(fuzzFrames[int(next(&i))%len(fuzzFrames)], fs.seq))
		case op == 5:
			fs.connectAgent(next(&i)%4 != 0)
		case op == 6:
			if p := fs.process; p != nil {
				if b := next(&i); b%2 == 0 {
					p.output("stdout", "out\n")
				} else {
					p.exit(int(b))
				}
			}
		case op == 7 && len(fs.agents) > 0:
			fs.agents[len(fs.agents)-1].Close()
		}
	}
}

// request sends command with arguments (raw JSON, or none).
func (fs *fuzzSession) request(command, arguments string) {
	fs.seq++
	body := fmt.Sprintf(`{"seq":%d,"type":"request","command":%q`, fs.seq, command)
	if arguments != "" {
		body += `,"arguments":` + arguments
	}
	if fs.write(body + "}") {
		fs.asked[fs.seq] = command
	}
}

func (fs *fuzzSession) write(body string) bool {
	if fs.closed {
		return false
	}
	if err := dap.WriteFrame(fs.s.client.conn, []byte(body)); err != nil {
		fs.closed = true // the session has ended its stream
	}
	return !fs.closed
}

// collect takes in the listener and the program the session has started, if any.
func (fs *fuzzSession) collect() {
	l := fs.s.launcher
	for {
		select {
		case fs.listener = <-l.listeners:
		case p := <-l.processes:
			fs.process = p
			fs.s.processes = append(fs.s.processes, p)
			go fs.obey(p)
		default:
			return
		}
	}
}

// obey plays a program that ends when it is terminated or killed.
func (fs *fuzzSession) obey(p *fakeProcess) {
	for {
		select {
		case <-p.signals:
			p.exit(-2)
		case <-fs.quit:
			return
		}
	}
}

// connectAgent has an agent connect: the program's own, or a stranger's.
func (fs *fuzzSession) connectAgent(own bool) {
	if fs.listener == nil || fs.process == nil {
		return
	}
	pid := fs.process.pid
	if !own {
		pid += 1000
	}
	ours, theirs := net.Pipe()
	if !fs.listener.offer(agentConn{pid: pid, stream: theirs}) {
		ours.Close()
		return
	}
	fs.agents = append(fs.agents, ours)
	go answerEverything(ours)
}

// answerEverything is an agent that answers every request with success.
func answerEverything(conn net.Conn) {
	r := bufio.NewReader(conn)
	seq := 0
	for {
		body, err := dap.ReadFrame(r)
		if err != nil {
			return
		}
		m, err := dap.Decode(body)
		if err != nil || !m.IsRequest() {
			continue
		}
		seq++
		reply, _ := dap.NewResponse(seq, m.Seq, m.Command, nil)
		if dap.WriteFrame(conn, reply) != nil {
			return
		}
	}
}

// finish disconnects (if the session still runs; a refused disconnect, before
// initialize, is followed by the client going away), reads every message until the
// session closes its stream, and checks the answers.
func (fs *fuzzSession) finish() {
	t := fs.t
	fs.collect()
	fs.request("disconnect", "")
	disconnect := fs.seq
	answered := map[int]int{}
	ended := 0 // the seq of the disconnect that ended the session
	deadline := time.After(waitLimit)
	for {
		select {
		case body, ok := <-fs.s.client.frames:
			if !ok {
				fs.check(answered, ended)
				return
			}
			m, err := dap.Decode(body)
			if err != nil {
				t.Fatalf("the session sent %s: %v", body, err)
			}
			if !m.IsResponse() {
				continue
			}
			var e struct{ Error dap.ErrorMessage }
			_ = json.Unmarshal(m.Body, &e)
			if e.Error.ID == errInternal {
				t.Fatalf("a panic: %s", m.Raw)
			}
			answered[m.RequestSeq]++
			if m.Command == "disconnect" && m.Success && ended == 0 {
				ended = m.RequestSeq
			}
			if m.RequestSeq == disconnect && !m.Success {
				fs.s.client.conn.Close()
			}
		case <-deadline:
			t.Fatalf("the session did not end after disconnect; asked %v", fs.asked)
		}
	}
}

// check that every request was answered once; those sent after the disconnect that
// ended the session (the script does not wait for answers) may go unanswered.
func (fs *fuzzSession) check(answered map[int]int, ended int) {
	for seq, command := range fs.asked {
		if n := answered[seq]; n != 1 && !(ended != 0 && seq > ended && n == 0) {
			fs.t.Errorf("request %d (%s) was answered %d times", seq, command, n)
		}
	}
	for seq, n := range answered {
		if _, ok := fs.asked[seq]; !ok && seq != 0 && n > 1 {
			fs.t.Errorf("frame %d was answered %d times", seq, n)
		}
	}
}
