package cli

import (
	"context"
	"fmt"
	"syscall"

	godap "github.com/google/go-dap"
)

// loop runs until the user quits: while the program runs it waits for events (and
// the keys typed go to the program's terminal, if it has one of ours); while it is
// stopped or has ended, it reads commands.
func (d *Debugger) loop() {
	for !d.quitting {
		if d.prog.state == running {
			d.relayKeys(d.prog)
			d.waitWhileRunning()
		} else {
			d.stopRelay()
			d.prompt()
		}
	}
	d.stopRelay()
}

func (d *Debugger) waitWhileRunning() {
	p := d.prog
	if ev, ok := p.nextWaiting(); ok { // a thread that stopped while we looked at another
		d.handle(func() { d.present(p, ev) })
		return
	}
	select {
	case m, ok := <-p.client.Events():
		if !ok {
			d.onSessionEnd(p)
			return
		}
		d.handle(func() { d.onEvent(p, m) })
	case <-d.interrupts:
		d.interruptRunning()
	case <-d.hangups:
		d.quitting = true
	}
}

// relayKeys sends what the user types to the program's terminal, from now until
// stopRelay; Ctrl-C stays ours (a pause).
func (d *Debugger) relayKeys(p *program) {
	c := p.console.Load()
	if c == nil || d.relayStop != nil {
		return
	}
	stop, done := make(chan struct{}), make(chan struct{})
	d.relayStop, d.relayDone = stop, done
	go func() {
		defer close(done)
		d.term.Relay(c, d.interruptKey, stop)
	}()
}

// stopRelay gives the keyboard back to the prompt: called as soon as the program
// stands still, before the news is shown, so that what is typed after it is the
// prompt's.
func (d *Debugger) stopRelay() {
	if d.relayStop == nil {
		return
	}
	close(d.relayStop)
	<-d.relayDone
	d.relayStop, d.relayDone = nil, nil
}

// interruptKey is Ctrl-C typed while the keys go to the program.
func (d *Debugger) interruptKey() {
	select {
	case d.interrupts <- struct{}{}:
	default:
	}
}

// onSessionEnd: the adapter session closed (which it does after terminated).
func (d *Debugger) onSessionEnd(p *program) {
	if p.state != finished {
		d.onProgramEnd(p)
	}
}

func (d *Debugger) onProgramEnd(p *program) {
	if p.state == finished {
		return
	}
	d.stopRelay() // keys typed from now on are for the prompt
	if c := p.console.Load(); c != nil {
		c.waitDrained() // its last words come before the news of its end
	}
	if held := d.repeats.flush(); held != "" && !p.muted.Load() {
		d.term.ProgramOutput(held)
	}
	p.state, p.pausing, d.until = finished, 0, nil
	if p.exited {
		d.notice("The program exited with code %d. \"restart\" runs it again; \"quit\" leaves.", p.exitCode)
	} else {
		d.notice("The program has ended. \"restart\" runs it again; \"quit\" leaves.")
	}
}

// interruptRunning is Ctrl-C while the program runs. The first asks for a pause, and
// says so as soon as the pause is in place: a thread in a call that blocks (time.sleep,
// input, a lock) stops once the call returns, and when every thread is in one the
// pause is reported a moment later with their stacks where they stand. The second
// interrupts such a call with KeyboardInterrupt, as Ctrl-C without a debugger would
// (on the program's own terminal, a Ctrl-C typed there; else SIGINT); a third ends it.
func (d *Debugger) interruptRunning() {
	p := d.prog
	d.term.Echoed()
	p.pausing++
	c := p.console.Load()
	switch {
	case p.pausing == 2 && (c != nil || p.pid > 0):
		inPlace, pid := p.pauseInPlace, p.pid
		go func() {
			<-inPlace // the thread the interrupt wakes then stops where it lands
			d.notice("Interrupting the program (KeyboardInterrupt); Ctrl-C again ends it.")
			if c != nil {
				_, _ = c.Write([]byte{0x03}) // its terminal signals its foreground group
			} else if err := syscall.Kill(pid, syscall.SIGINT); err != nil {
				d.warn("interrupting process %d: %v", pid, err)
			}
		}()
		return
	case p.pausing >= 2:
		d.notice("Ending the program.")
		p.end()
		d.onProgramEnd(p)
		return
	}
	d.ctx, d.cmdName = context.Background(), "pause"
	thread := p.thread
	if thread == 0 {
		thread = d.anyThread()
	}
	call, err := p.client.Send("pause", map[string]any{"threadId": thread})
	inPlace := make(chan struct{})
	p.pauseInPlace = inPlace
	go func() { // the loop goes on waiting for the stop
		defer close(inPlace)
		if err == nil {
			err = call.Wait(context.Background(), nil)
		}
		if err == nil && p.state == running {
			d.notice("Pausing... (Ctrl-C again interrupts a call that blocks, such as sleep or input, " +
				"with KeyboardInterrupt)")
		}
		if err := explain("pause", err, "pause"); err != nil {
			d.fail(fmt.Errorf("%v; press Ctrl-C again to end the program", err))
		}
	}()
}

// anyThread is a thread id to address a request to when none is selected.
func (d *Debugger) anyThread() int {
	p := d.prog
	var body godap.ThreadsResponseBody
	if err := p.client.Request(d.ctx, "threads", nil, &body); err == nil && len(body.Threads) > 0 {
		return body.Threads[0].Id
	}
	return 0
}
