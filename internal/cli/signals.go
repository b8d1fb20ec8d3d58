package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// watchSignals routes Ctrl-C to the command being waited for, or to the loop, and
// SIGTERM/SIGHUP to a quit.
func (d *Debugger) watchSignals() (stop func()) {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-sigs:
				d.cancelMu.Lock()
				cancel := d.cancel
				d.cancelMu.Unlock()
				if cancel != nil {
					cancel()
				}
				target := d.interrupts
				if sig != os.Interrupt {
					target = d.hangups
					d.term.Restore()
				} else if cancel != nil {
					continue
				}
				select {
				case target <- struct{}{}:
				default:
				}
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

// commandContext is cancelled by Ctrl-C until commandDone.
func (d *Debugger) commandContext() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	d.cancelMu.Lock()
	d.cancel = cancel
	d.cancelMu.Unlock()
	return ctx
}

func (d *Debugger) commandDone() {
	d.cancelMu.Lock()
	if d.cancel != nil {
		d.cancel()
		d.cancel = nil
	}
	d.cancelMu.Unlock()
}
