"""Tracing backend for CPython 3.12+: sys.monitoring under the debugger's tool id.

PY_START and PY_RESUME ask the debugger whether a frame of that code needs lines, and
return DISABLE where it does not (and will not until refresh()). LINE, with PY_RETURN
and PY_YIELD, is enabled only locally, on code objects that need it; each such event
the debugger had no use for is disabled until refresh(), while the debugger is settled.
RAISE and PY_UNWIND are on only while an exception breakpoint needs them.

Code objects traced for a step or an all-stop are remembered and put back to what the
breakpoints need once the debugger has settled. Setting a code object's local events
to nothing and back also brings back its disabled lines, without restart_events().

Where code can be swapped, its breakpoints are checked by the code itself rather than
by LINE events: functions get copies that hold the checks (tracing.code_copies), and
those copies need no events while the debugger is settled. INSTRUCTION events are on
only in a copy whose traced frame waits for a check to be through (watch()).

The backend sees the Debugger only through tracing.protocol.DebuggerProtocol."""

import contextlib
import sys

from .code_copies import CodeCopies, plan_of, plans_of
from ..errors import warn
from ..paths import canonical, is_agent_file, is_outermost
from ..threads import agent_thread_idents

mon = sys.monitoring
E = mon.events
DISABLE = mon.DISABLE
_FRAME_EVENTS = E.LINE | E.PY_RETURN | E.PY_YIELD


class MonitoringBackend:
    name = "sys.monitoring"

    def __init__(self, debugger):
        self._debugger = debugger
        self._tool = mon.DEBUGGER_ID
        self._temporary = set()  # code objects traced for a step or an all-stop
        self._instrumented = set()  # every code object given local events
        self._leaving = None  # which frames' unwinds the debugger needs: "every", "outermost"
        self._copies = CodeCopies(hooks=False)
        self._watched = {}  # id(frame) -> (frame, offsets): INSTRUCTION events in its code
        self._rejoining = {}  # id(frame) -> frame: JUMP events in its code (rejoin())

    def install(self):
        mon.use_tool_id(self._tool, "dapper")
        mon.register_callback(self._tool, E.PY_START, self._on_start)
        mon.register_callback(self._tool, E.PY_RESUME, self._on_start)
        mon.register_callback(self._tool, E.LINE, self._on_line)
        mon.register_callback(self._tool, E.PY_RETURN, self._on_return)
        mon.register_callback(self._tool, E.PY_YIELD, self._on_yield)
        mon.register_callback(self._tool, E.RAISE, self._on_raise)
        mon.register_callback(self._tool, E.PY_UNWIND, self._on_unwind)
        mon.register_callback(self._tool, E.INSTRUCTION, self._on_instruction)
        mon.register_callback(self._tool, E.JUMP, self._on_jump)
        mon.set_events(self._tool, self._global_events())

    def _global_events(self):
        """PY_START and PY_RESUME always; RAISE and PY_UNWIND only while an exception
        breakpoint needs them (they come for every exception)."""
        raises, self._leaving = self._debugger.exception_events()
        return E.PY_START | E.PY_RESUME | (E.RAISE if raises else 0) | (E.PY_UNWIND if self._leaving else 0)

    def uninstall(self):
        self._copies.place({}, _program_frames())
        try:
            mon.set_events(self._tool, 0)
            for code in list(self._instrumented):
                mon.set_local_events(self._tool, code, 0)
            for event in (E.PY_START, E.PY_RESUME, E.LINE, E.PY_RETURN, E.PY_YIELD, E.RAISE, E.PY_UNWIND,
                          E.INSTRUCTION, E.JUMP):
                mon.register_callback(self._tool, event, None)
            mon.free_tool_id(self._tool)
        except ValueError:
            pass

    def _set(self, code, events):
        if events and any(frame.f_code is code for frame, _ in self._watched.values()):
            events |= E.INSTRUCTION
        if events and any(frame.f_code is code for frame in self._rejoining.values()):
            events |= E.JUMP
        mon.set_local_events(self._tool, code, events)
        self._instrumented.add(code)

    def _on_start(self, code, offset):
        if is_agent_file(code.co_filename):
            return DISABLE  # never traced: not even while a suspended thread serves requests
        try:
            wants = self._debugger.wants_lines(code)  # binds the breakpoints of a file just loaded
            if code.co_name == "<module>" and offset == 0 and not self._debugger.binds_code_objects():
                path = canonical(code.co_filename)
                self._copies.file_loads(path, plan_of(self._debugger.breakpoint_plan_in(path)))
                self._copies.module_starts(code)  # before it makes its functions
            if wants:
                if not self._debugger.settled:
                    self._temporary.add(code)
                if not mon.get_local_events(self._tool, code) & E.LINE:
                    self._set(code, _FRAME_EVENTS)
                return None
            if not self._debugger.starts_settled:
                return None
        except Exception as exc:
            warn("tracing error", exc)
        return DISABLE

    def _on_line(self, code, line):
        # The answer of _answer(), written out: a conditional breakpoint in a hot
        # loop comes through here on every pass.
        try:
            if self._debugger.on_line(sys._getframe(1), line) or not self._debugger.settled:
                return None
        except Exception as exc:
            warn("tracing error", exc)
        return DISABLE

    def _on_return(self, code, offset, value):
        return self._answer(self._debugger.on_return, sys._getframe(1), False, value)

    def _on_yield(self, code, offset, value):
        return self._answer(self._debugger.on_return, sys._getframe(1), True, value)

    def _answer(self, event, frame, *args):
        """Deliver a return or yield event; DISABLE it where the debugger had no use
        for it, while that holds."""
        try:
            if event(frame, *args) or not self._debugger.settled:
                return None
        except Exception as exc:
            warn("tracing error", exc)
        return DISABLE

    def _on_raise(self, code, offset, exc):
        tb = exc.__traceback__
        if tb is not None and tb.tb_next is None:  # raised here, not come from a callee
            try:
                self._debugger.on_exception_raised(sys._getframe(1), exc)
            except Exception as failure:
                warn("tracing error", failure)

    def _on_unwind(self, code, offset, exc):
        try:
            frame = sys._getframe(1)
            if self._leaving == "every" or is_outermost(frame):
                self._debugger.on_exception_leaving(frame, exc)
        except Exception as failure:
            warn("tracing error", failure)

    def _on_instruction(self, code, offset):
        frame = sys._getframe(1)
        watched = self._watched.get(id(frame))
        if watched is not None and watched[0] is frame and offset in watched[1]:
            try:
                self._debugger.on_check_passed(frame)
            except Exception as exc:
                warn("tracing error", exc)

    def traces_lines(self, frame):
        return bool(mon.get_local_events(self._tool, frame.f_code) & E.LINE)

    def rejoin(self, frame):
        self._rejoining[id(frame)] = frame
        self._set(frame.f_code, mon.get_local_events(self._tool, frame.f_code) | E.JUMP)

    def _on_jump(self, code, source, target):
        frame = sys._getframe(1)
        if self._rejoining.get(id(frame)) is not frame:
            return None
        del self._rejoining[id(frame)]
        self._set(code, mon.get_local_events(self._tool, code) & ~E.JUMP)
        try:
            self._debugger.on_line(frame, frame.f_lineno)
        except Exception as exc:
            warn("tracing error", exc)
        return None

    def sites(self, code):
        return self._copies.sites(code)

    def copies(self):
        return self._copies.made

    def quiet(self):
        """Nothing to do per thread: starts of the agent's own code are disabled."""
        return contextlib.nullcontext()

    def watch(self, frame, offsets):
        self._watched[id(frame)] = (frame, offsets)
        self._set(frame.f_code, mon.get_local_events(self._tool, frame.f_code) | E.INSTRUCTION)

    def unwatch(self, frame):
        if self._watched.pop(id(frame), None) is not None:
            code = frame.f_code
            self._set(code, mon.get_local_events(self._tool, code) & ~E.INSTRUCTION)

    def trace(self, frames):
        for code in {frame.f_code for frame in frames}:
            self._temporary.add(code)
            self._set(code, 0)  # brings back the lines disabled in it
            self._set(code, _FRAME_EVENTS)

    def refresh(self):
        frames = _program_frames()
        plans = {} if self._debugger.binds_code_objects() else plans_of(self._debugger.breakpoint_plans())
        self._copies.place(plans, frames)
        mon.set_events(self._tool, self._global_events())
        has_breakpoints = self._debugger.has_breakpoints
        if self._debugger.settled:
            temporary, self._temporary = self._temporary, set()
            for code in temporary:
                self._set(code, _FRAME_EVENTS if has_breakpoints(code) else 0)
        for code in {frame.f_code for frame in frames}:
            if has_breakpoints(code):
                self._set(code, _FRAME_EVENTS)
        mon.restart_events()


def _program_frames():
    """Every frame of the program's threads (not the agent's)."""
    own = agent_thread_idents()
    frames = []
    for ident, frame in sys._current_frames().items():
        while ident not in own and frame is not None:
            if not is_agent_file(frame.f_code.co_filename):
                frames.append(frame)
            frame = frame.f_back
    return frames
