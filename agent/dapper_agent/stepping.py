"""Stepping rules: where next, stepIn and stepOut stop. A Step belongs to one thread;
the debugger asks it at that thread's line and return events, and it answers from the
frames alone. Whether a frame may be stopped in at all (justMyCode, agent code) is
the debugger's question, passed in as `stoppable`.

- "in" stops at the next line that may be stopped in, wherever it is. On a line with
  no call that is the next line: stepIn acts as next.
- "over" stops at the next line of its frame, or of a caller once the frame is gone
  (an exception unwound it).
- "out" stops when its frame returns, or at a caller's line after an unwind.

When the frame returns (or a generator yields), the step stops at once in the caller,
shown on the line of the call, as debugpy does. If the caller may not be stopped in
(library code under justMyCode, the interpreter, the agent), the step becomes "in":
the program runs on to the next line of user code, and a step at the program's end
lets it end.

Two variations come from requests the terminal debugger (and editors) make:

- "out" with stop_at_return (pdb's `r`): the step stops at the frame's return event
  itself, in the returning frame with its value known, before going back to the
  caller; a yield does not count (as in pdb).
- "in" with a target (DAP stepInTargets): the step stops in the chosen call only, at
  the first line of a function of that name started below its frame; if the frame
  reaches its next line first (the call was not made, or runs code that may not be
  stopped in), it stops there.

A coroutine (or async generator) that suspends in an `await` is not left: the step
waits for that same frame to resume, so next over an `await` lands on the following
line of the coroutine, not in the event loop. A plain generator's `yield` hands a
value to its consumer, and the step lands there.
"""

from .frames import CO_ASYNC_GENERATOR, CO_COROUTINE, CO_ITERABLE_COROUTINE

_SUSPENDS = CO_COROUTINE | CO_ITERABLE_COROUTINE | CO_ASYNC_GENERATOR

IN, OVER, OUT = "in", "over", "out"


class Step:
    __slots__ = ("kind", "frame", "callers", "target", "entered", "stop_at_return")

    def __init__(self, kind, frame, target=None, stop_at_return=False):
        self.kind = kind
        self.frame = frame  # where the step began (None once it runs on)
        self.callers = _callers(frame)
        self.target = target  # a StepTarget the step into goes to, or None
        self.entered = []  # the frames of the target's name entered so far
        self.stop_at_return = stop_at_return

    def stops_at_line(self, frame, stoppable):
        if not stoppable:
            return False
        if self.kind == IN:
            target = self.target
            if target is None or frame is self.frame or self.frame is None:
                return True
            if any(f is frame for f in self.entered) or not target.matches(frame.f_code) \
                    or not _below(frame, self.frame):
                return False
            self.entered.append(frame)
            return len(self.entered) > target.earlier
        if frame is self.frame:
            return self.kind == OVER
        return any(frame is caller for caller in self.callers)

    def stops_at_return(self, frame, yielding):
        """Does the step stop at this return event itself (pdb's --Return--)?"""
        return self.stop_at_return and frame is self.frame and not yielding

    def at_return(self, frame, yielding, stoppable):
        """frame returns (or yields). Returns the frame to stop in, or None."""
        if frame is not self.frame:
            return None
        if yielding and frame.f_code.co_flags & _SUSPENDS:
            self.callers = []  # wait for this coroutine to resume
            return None
        caller = frame.f_back
        if caller is not None and stoppable(caller):
            return caller
        self.run_on()
        return None

    def run_on(self):
        """Stop at the next line that may be stopped in."""
        self.kind, self.frame, self.callers, self.target, self.entered = IN, None, [], None, []

    @property
    def needs_every_start(self):
        return self.kind == IN


def start_frame(top, kind, returning, stoppable):
    """The frame a step begins from: the first from top that may be stopped in; for a
    step out of a frame stopped at its return, its caller."""
    frame = top
    while frame is not None and not stoppable(frame):
        frame = frame.f_back
    frame = frame or top
    if returning and kind == OUT:
        caller = frame.f_back
        while caller is not None and not stoppable(caller):
            caller = caller.f_back
        frame = caller or frame
    return frame


def _below(frame, origin, depth=64):
    """Is origin among frame's callers (looking no further than depth frames)?"""
    frame = frame.f_back
    while frame is not None and depth:
        if frame is origin:
            return True
        frame, depth = frame.f_back, depth - 1
    return False


def _callers(frame):
    callers = []
    if frame is not None:
        frame = frame.f_back
        while frame is not None:
            callers.append(frame)
            frame = frame.f_back
    return callers
