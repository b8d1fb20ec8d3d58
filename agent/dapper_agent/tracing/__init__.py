"""The tracing backends, and choosing one: sys.monitoring on CPython 3.12+
(tracing.monitoring), sys.settrace up to 3.11 (tracing.settrace).

A backend delivers events to the Debugger and decides nothing itself. Its interface:

    install()      start delivering events (the program is about to run)
    uninstall()    stop for good (debugging ends)
    refresh()      the debugger's answers may have changed (breakpoints were set, a
                   step into new code or a pause began, or everything settled): every
                   code object start is asked about again, events the backend stopped
                   delivering come back, and frames already running whose code now
                   holds a breakpoint get line events
    trace(frames)  deliver line and return events in these running frames from now on
                   (the frames of a step and their callers; every frame of every thread
                   when all threads must stop)

What it asks of the Debugger (an event's call runs on the thread where it happens):

    wants_lines(code)          a frame of code starts or resumes; True: deliver its
                               line and return events (it is also how the debugger
                               learns that a file has loaded)
    on_line(frame, line)       a line is about to run in such a frame
    on_return(frame, yielding) such a frame returns, or yields; never for an unwind
    has_breakpoints(code)      does code hold a breakpoint (for refresh())
    settled                    while true, a line or return the debugger answered
                               False to may stop being delivered until refresh()
    starts_settled             the same for code object starts (wants_lines)

Pause and the all-stop rely on trace(): on 3.12+ local LINE events reach every thread;
the settrace backend relies on every program thread having the global trace function
(threading.settrace), so that a frame given f_trace delivers its next line.
"""

import sys


def choose(debugger):
    if sys.version_info >= (3, 12):
        from .monitoring import MonitoringBackend

        return MonitoringBackend(debugger)
    from .settrace.backend import SettraceBackend

    return SettraceBackend(debugger)
