package main

import (
	"os"
	"os/signal"
	"syscall"
)

// surviveBrokenPipes makes a write to a broken stdout or stderr fail with EPIPE
// instead of killing the process. Go's runtime lets SIGPIPE end a program whose fd 1
// or 2 breaks, so an adapter whose client died would die with it, before it had
// ended the program it launched. Notify rather than Ignore: an ignored signal stays
// ignored across exec, in the programs the adapter starts, and they must get the
// SIGPIPE they would get without the debugger. The channel is never read (Notify
// does not block on a full one).
func surviveBrokenPipes() {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
}
