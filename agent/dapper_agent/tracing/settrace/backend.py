"""Tracing backend for CPython up to 3.11: sys.settrace, switched on only where needed.

Any trace function slows every call of its thread several times over, so a thread
runs untraced while nothing in it needs events. Code that holds line breakpoints is
replaced by copies (tracing.code_copies) that check most breakpoints themselves; where
a breakpoint cannot be checked so, the copy calls a hook when it starts (rewrite.HOOK,
by name, through builtins): the hook traces that frame, and its thread while
such a frame lives there (a generator's or coroutine's while it is suspended, too, as
it resumes without passing its hook again). The main thread is traced until __main__
starts; modules run by exec() later (imports, runpy) are patched as they start, seen by
an audit hook once a breakpoint waits for its file to load.

Every thread gets the global trace function, which returns the local tracer for the
code the debugger wants lines in, while code object starts are not settled (a step
into new code, a pause, the entry stop), while an exception breakpoint needs exception
events (then frames whose exceptions it must see get the local tracer with line events
off: every frame, or each thread's outermost), while a function breakpoint is set
(function breakpoints bind to code objects by identity, so no code is replaced then),
when some code that holds a breakpoint could not be given hooks, and always where this
Python cannot switch tracing per thread (thread_tracing).

Uncaught exceptions alone need no tracing: the excepthooks report them (with the
traceback's finished frames as the stack) before they are printed (excepthooks.py);
SystemExit, which they never see, is watched for from the call of sys.exit() or exit()
on (system_exit.py).

The backend sees the Debugger only through tracing.protocol.DebuggerProtocol.
"""

import builtins
import contextlib
import dis
import inspect
import sys
import threading
import types

from . import exec_audit, thread_tracing
from .excepthooks import Excepthooks
from .system_exit import SystemExitWatch, Watch
from .. import rewrite
from ..code_copies import CodeCopies, plan_of, plans_of
from ...errors import warn
from ...paths import canonical, is_agent_file, is_outermost, is_program_runner
from ...threads import agent_thread_idents

_RETURN_VALUE = dis.opmap["RETURN_VALUE"]
_YIELD_VALUE = dis.opmap["YIELD_VALUE"]
_YIELD_FROM = dis.opmap.get("YIELD_FROM")  # up to 3.10
_SUSPENDABLE = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR | \
    inspect.CO_ITERABLE_COROUTINE



class SettraceBackend:
    name = "sys.settrace"

    def __init__(self, debugger):
        self._debugger = debugger
        self._hooks = CodeCopies(hooks=True) if thread_tracing.available else None
        self._watched = {}  # id(frame) -> (frame, offsets) whose opcodes are watched
        self._threads = thread_tracing.Switch()
        self._everywhere = False  # every program thread has the global function
        self._holding = {}  # thread ident -> frames there that need events (or code about to start)
        self._main_pending = False
        self._raises = False  # report exceptions raised
        self._leaving = None  # report exceptions leaving "every" frame, the "outermost", or None
        self._unwinding = {}  # id(outermost frame) -> (exception, traceback) last seen in it
        self._excepthooks = Excepthooks(debugger.on_uncaught)
        self._exits = SystemExitWatch(self._watch_exit)
        self._exit_watch = None  # the Watch of a SystemExit under way, and whether it holds its thread

    # -- the backend interface ---------------------------------------------------------

    def install(self):
        if self._hooks is None:
            self._trace_everywhere(True)
        else:
            self._main_pending = not _main_started()
            exec_audit.forward_to(self)
            setattr(builtins, rewrite.HOOK, self._code_starts)
        self._excepthooks.install()
        self.refresh()
        if self._main_pending:
            sys.settrace(self._global)  # to see __main__ start

    def uninstall(self):
        exec_audit.forward_to(None)
        self._main_pending = False
        self._holding.clear()
        threading.settrace(None)
        if self._hooks is not None:
            self._hooks.place({}, self._running_frames())
        self._exits.uninstall()
        if self._exit_watch is not None:
            self._exit_watch[0].end()
        self._untrace(self._program_stacks())
        self._excepthooks.uninstall()

    def refresh(self):
        """Hooks go where the line breakpoints now are; every thread is traced while
        something above needs it; running frames whose code holds a breakpoint get events."""
        raises, leaving = self._debugger.exception_events()
        # Only uncaught exceptions wanted: the excepthooks see them, at no cost while
        # the program runs; tracing each thread's outermost frame would trace every call.
        hooked = self._excepthooks.reporting = leaving == "outermost" and not raises
        self._exits.watch(hooked)
        self._raises, self._leaving = raises, None if hooked else leaving
        if self._hooks is not None and self._debugger.waits_for_files():
            exec_audit.add()  # to see the files they wait for load
        failed = True
        identities_matter = self._debugger.binds_code_objects()
        if self._hooks is not None and not identities_matter:
            failed = self._hooks.place(plans_of(self._debugger.breakpoint_plans()), self._running_frames())
        self._trace_everywhere(bool(failed) or identities_matter or self._raises
                               or self._leaving is not None or not self._debugger.starts_settled)
        self._trace_frames([(ident, frame) for ident, frame in self._program_frames()
                            if self._debugger.has_breakpoints(frame.f_code)])

    def trace(self, frames):
        wanted = {id(frame) for frame in frames}
        self._trace_frames([(ident, frame) for ident, frame in self._program_frames() if id(frame) in wanted])

    def traces_lines(self, frame):
        return frame.f_trace is not None and frame.f_trace_lines

    def rejoin(self, frame):
        self._trace_frames([(threading.get_ident(), frame)])

    def sites(self, code):
        return self._hooks.sites(code) if self._hooks is not None else {}

    def copies(self):
        return self._hooks.made if self._hooks is not None else {}

    def quiet(self):
        """The calling thread untraced while it is suspended: the agent's own code that
        serves requests there would otherwise pay a call of the trace function for
        every call it makes (see thread_tracing.Switch)."""
        return self._threads.quiet() if thread_tracing.available else contextlib.nullcontext()

    def watch(self, frame, offsets):
        self._watched[id(frame)] = (frame, offsets)
        frame.f_trace_opcodes = True

    def unwatch(self, frame):
        if self._watched.pop(id(frame), None) is not None:
            frame.f_trace_opcodes = False

    # -- events ------------------------------------------------------------------------

    def _global(self, frame, event, arg):
        # Called at every call while a thread is traced: kept to the fewest calls.
        if event != "call":
            return None
        try:
            code = frame.f_code
            if self._main_pending and code.co_name == "<module>" and frame.f_globals.get("__name__") == "__main__":
                self._main_pending = False
                self._module_starts(code)
            if self._debugger.wants_lines(code):
                self._hold(frame)
                return self._local
            leaving = self._leaving
            if self._raises or leaving == "every" or (leaving is not None and is_outermost(frame)):
                frame.f_trace_lines = False  # exception events only
                return self._local
            if not self._everywhere and not self._thread_needed():
                self._untrace([threading.get_ident()])
        except Exception as exc:
            warn("tracing error", exc)
        return None

    def _local(self, frame, event, arg):
        try:
            if event == "line":
                if not self._debugger.on_line(frame, frame.f_lineno) and self._no_longer_needed(frame):
                    return None
            elif event == "return":
                self._returns(frame, arg)
            elif event == "exception":
                self._exception(frame, arg[1], arg[2])
            elif event == "opcode":
                watched = self._watched.get(id(frame))
                if watched is not None and watched[0] is frame and frame.f_lasti in watched[1]:
                    self._debugger.on_check_passed(frame)
        except Exception as exc:
            warn("tracing error", exc)
        return self._local

    def _returns(self, frame, value):
        unwinding = self._unwinding.pop(id(frame), None) if self._unwinding else None
        settled = self._debugger.settled
        suspendable = frame.f_code.co_flags & _SUSPENDABLE
        # Reading the ending opcode costs (co_code is a copy on 3.11): only when needed.
        ended_by = _ended_by(frame) if unwinding is not None or not settled or suspendable else False
        if unwinding is not None and ended_by is None:
            # An outermost frame unwinds: no caller of it will report that.
            self._debugger.on_exception_leaving(frame, *unwinding)
        elif not settled and ended_by is not None:
            self._debugger.on_return(frame, ended_by, value)
        if not (suspendable and ended_by):
            self._release(frame)

    def _exception(self, frame, exc, tb):
        """exc was raised in frame, or has come into it from a callee (which it left)."""
        if tb is None or (self._leaving is None and not self._raises):
            return
        if tb.tb_next is None:
            if self._raises:
                self._debugger.on_exception_raised(frame, exc, tb)
        elif not is_program_runner(frame.f_code):  # a runner's callee is outermost: see "return"
            self._debugger.on_exception_leaving(tb.tb_next.tb_frame, exc, tb)
        if self._leaving and is_outermost(frame):
            self._unwinding[id(frame)] = (exc, tb)

    def _code_starts(self, *_):
        """The hook that code with breakpoints calls first: trace its frame, and deliver
        the line event its first line had while tracing was off."""
        try:
            frame = sys._getframe(1)
            if frame.f_trace is not None and frame.f_trace_lines and sys.gettrace() is not None:
                return  # traced already: its line event came
            if not self._debugger.wants_lines(frame.f_code):
                return
            frame.f_trace = self._local
            frame.f_trace_lines = True
            self._hold(frame)
            if sys.gettrace() is None:
                sys.settrace(self._global)
            self._debugger.on_line(frame, frame.f_lineno)
        except Exception as exc:
            warn("tracing error", exc)

    def _on_exec(self, code):
        """exec() is about to run code: a module being imported, among others."""
        wants = self._debugger.wants_lines(code)  # binds the file's pending breakpoints
        if not self._debugger.binds_code_objects():
            path = canonical(code.co_filename)
            self._hooks.file_loads(path, plan_of(self._debugger.breakpoint_plan_in(path)))
            self._module_starts(code)
        if wants and sys.gettrace() is None:
            self._hold(code)  # its frame is made next, and the global function traces it
            sys.settrace(self._global)

    def _watch_exit(self, caller, main):
        """sys.exit() (or exit()) was called in caller, on the main thread, while only
        uncaught exceptions are wanted: watch the SystemExit's way out of main."""
        if self._exit_watch is not None:
            self._exit_watch[0].end()
        held = any(h is main for h in self._holding.get(threading.get_ident(), ()))
        watch = Watch(caller, main, self._debugger.on_exception_leaving, self._exit_watch_ended, _ended_by)
        self._exit_watch = (watch, not held)
        if not held:
            self._hold(main)
        if sys.gettrace() is None:
            sys.settrace(self._global)  # the watched frames' events only come while it is set

    def _exit_watch_ended(self, main):
        watch, holds = self._exit_watch or (None, False)
        self._exit_watch = None
        if holds:
            self._release(main)

    def _module_starts(self, code):
        if not self._debugger.binds_code_objects() and not self._hooks.module_starts(code):
            self._trace_everywhere(True)  # it did not come from its file as it is now

    # -- which threads are traced -----------------------------------------------------

    def _hold(self, frame_or_code, ident=None):
        """A frame of a thread (this one by default) needs events, or code about to
        start there will: the thread stays traced while it lives."""
        held = self._holding.setdefault(threading.get_ident() if ident is None else ident, [])
        if isinstance(frame_or_code, types.FrameType) and frame_or_code.f_code in held:
            held.remove(frame_or_code.f_code)
        if not any(h is frame_or_code for h in held):  # a generator resumes
            held.append(frame_or_code)

    def _release(self, frame):
        ident = threading.get_ident()
        held = self._holding.get(ident)
        if held:
            for i, h in enumerate(held):
                if h is frame:
                    del held[i]
                    break
            if not held:
                del self._holding[ident]
        if not self._thread_needed():
            self._untrace([ident])

    def _no_longer_needed(self, frame):
        """A line nothing wanted: while settled, frame keeps events only if its code
        holds a breakpoint (a step that traced it has ended)."""
        if not self._debugger.settled or self._debugger.has_breakpoints(frame.f_code):
            return False
        if self._sees_exceptions(frame):
            frame.f_trace_lines = False  # its exceptions are still wanted
            self._release(frame)
            return False
        frame.f_trace = None  # returning None would leave it set
        self._release(frame)
        return True

    def _sees_exceptions(self, frame):
        """Must frame deliver exception events for an exception breakpoint?"""
        return self._raises or self._leaving == "every" or bool(self._leaving and is_outermost(frame))

    def _thread_needed(self):
        if self._everywhere:
            return True
        if self._main_pending and threading.current_thread() is threading.main_thread():
            return True
        return threading.get_ident() in self._holding

    def _trace_everywhere(self, on):
        if on == self._everywhere:
            return
        self._everywhere = on
        threading.settrace(self._global if on else None)
        if not thread_tracing.available:
            sys.settrace(self._global)  # at install, on the main thread; never switched off
        elif on:
            self._threads.set_trace(self._program_stacks(), self._global)
        else:
            main = threading.main_thread().ident if self._main_pending else None
            self._untrace([ident for ident in self._program_stacks() if ident not in self._holding and ident != main])

    def _trace_frames(self, frames):
        """Give these (thread ident, frame) pairs the local tracer, with line events,
        and their threads tracing."""
        threads = set()
        for ident, frame in frames:
            frame.f_trace = self._local
            frame.f_trace_lines = True
            self._hold(frame, ident)
            threads.add(ident)
        if threads and thread_tracing.available:
            self._threads.set_trace(threads, self._global)

    def _untrace(self, idents):
        """Switch tracing off in these threads. Their frames lose f_trace too: up to 3.9
        a frame that has one reports the f_lineno of its last line event."""
        idents = set(idents)
        if thread_tracing.available:
            self._threads.set_trace(idents, None)
        elif threading.get_ident() in idents:
            sys.settrace(None)
        for ident, frame in sys._current_frames().items():
            if ident in idents:
                while frame is not None:
                    frame.f_trace = None
                    frame = frame.f_back

    # -- the program's threads ---------------------------------------------------------

    def _program_stacks(self):
        """{ident: top frame} of every thread running the program (not the agent)."""
        own = agent_thread_idents()
        return {ident: top for ident, top in sys._current_frames().items() if ident not in own}

    def _program_frames(self):
        """(ident, frame) for every frame of the program's threads, the agent's left out."""
        pairs = []
        for ident, frame in self._program_stacks().items():
            while frame is not None:
                if not is_agent_file(frame.f_code.co_filename):
                    pairs.append((ident, frame))
                frame = frame.f_back
        return pairs

    def _running_frames(self):
        return [frame for _, frame in self._program_frames()]


def _main_started():
    """Is the program's __main__ module running already (in the main thread: this one
    at start-up; another when the agent attaches to a running program)?"""
    frame = sys._current_frames().get(threading.main_thread().ident)
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals.get("__name__") == "__main__" \
                and not is_agent_file(frame.f_code.co_filename):
            return True
        frame = frame.f_back
    return False


def _ended_by(frame):
    """At a "return" event: False for a return, True for a yield (or an await that
    suspends), None for an exception unwinding the frame."""
    code, lasti = frame.f_code.co_code, frame.f_lasti
    op = code[lasti]
    if op == _RETURN_VALUE:
        return False
    # Up to 3.10 a suspended `yield from`/`await` stands on the instruction before it.
    if op == _YIELD_VALUE or (_YIELD_FROM is not None and code[lasti + 2:lasti + 3] == bytes([_YIELD_FROM])):
        return True
    return None
