"""The one place that decides "stop here?". Backends deliver events (a code object
starts, a line runs, a frame returns) on the thread where they happen; this module
asks the breakpoint table, the thread's step, the entry stop and the all-stop, and
suspends the thread. Requests that change any of those come from the reader thread.

Backends may stop delivering an event the debugger had no use for while its answer
depends on the breakpoints alone, and so holds until the next refresh(): for lines
and returns while `settled` (no step, pause or entry stop under way in any thread),
for code object starts while `starts_settled` (no thread steps into new code, pauses
or waits for the entry stop; a step over or out needs no starts).

The Debugger owns its backend (through tracing.TracingControl) and offers it
tracing.protocol.DebuggerProtocol: every member of that protocol is here, or in
exception_stops (the exception and breakpoint() stops, a mixin of the Debugger).
Breakpoints that the program's code checks itself decide through checked_lines.
"""

import functools
import sys
import threading

from .breakpoints import breakpoint_hook
from .breakpoints.effective import effective
from .breakpoints.exceptions import ExceptionBreaks
from .breakpoints.functions import FunctionBreakpoints
from .breakpoints.lines import BreakpointTable
from .checked_lines import CheckedLines
from .exception_stops import ExceptionStops
from .frames import frame_name, source_of
from . import launch_options
from .paths import NOT_USER_CODE, inside_agent, is_agent_file, is_user_file, ruled_out
from .stepping import Step, start_frame
from .suspension import Suspension
from .threads import agent_thread_ids, agent_thread_idents
from .tracing import TracingControl


class Debugger(ExceptionStops):
    """Decides where the program stops. channel: where its events go (stops, output
    of logpoints, breakpoints that bound late); handles: the ids of frames and
    values, released as threads resume."""

    def __init__(self, channel, handles):
        self._channel = channel
        self.log = functools.partial(channel.send_event, "output")  # a logpoint's output event
        self.breakpoints = BreakpointTable()
        self.function_breakpoints = FunctionBreakpoints(self.breakpoints.new_id)
        self.exceptions = ExceptionBreaks()
        self._exception_stops = {}  # thread id -> the ExceptionStop it is stopped for
        self.suspension = Suspension(channel, handles, self._stop_running_threads, self._settle, self.forget_thread)
        self.just_my_code = True
        self._entry_pending = False
        self._steps = {}  # thread id -> Step
        self.stepping_resumes_all = True  # steppingResumesAllThreads
        self.tracing = TracingControl(self)
        self.client_present = True  # False: no client is attached; breakpoint() does nothing
        self.checked = CheckedLines(self)

    def configure(self, options):
        """Take the launch (or attach) arguments: see launch_options."""
        launch_options.apply(self, options)

    @property
    def settled(self):
        return not (self._steps or self._entry_pending or self.suspension.active)

    @property
    def starts_settled(self):
        if self._entry_pending or self.suspension.active:
            return False
        return not any(step.needs_every_start for step in tuple(self._steps.values()))

    # -- events, on the thread where they happen ---------------------------------------

    def wants_lines(self, code):
        """The current thread starts (or resumes) a frame of code: does that frame need
        line and return events?"""
        filename = code.co_filename
        if self.breakpoints.pending:
            self._bind_loaded(filename)
        if self.function_breakpoints.waiting and code.co_name == "<module>":
            self._bind_functions(code)
        if self.has_breakpoints(code):
            return True
        if self.starts_settled or is_agent_file(filename):
            return False
        if self._entry_pending and code.co_name == "<module>":
            return True
        thread_id = threading.get_native_id()
        if thread_id in agent_thread_ids():
            return False
        if self.suspension.active:
            return not self.suspension.is_suspended(thread_id)
        step = self._steps.get(thread_id)
        return step is not None and step.needs_every_start and self._stoppable(code)

    def has_breakpoints(self, code):
        """Does code hold a breakpoint at a line of its own (not of the code nested in
        it, whose frames are asked about when they start), or a function breakpoint?"""
        if self.function_breakpoints.bound and self.function_breakpoints.at_code(code):
            return True
        if not self.breakpoints.in_code(code):
            return False
        served = self.checked.served(code)  # lines whose checks code holds: not traced
        return not served or self.breakpoints.in_code(code, served)

    def on_line(self, frame, line):
        """A line is about to run in a frame that asked for lines. Returns False when
        nothing was wanted here."""
        checked = self.checked
        if checked.rejoining and checked.rejoined(frame):
            return True  # the stop its check asked for, made here (checked_lines)
        if checked.waiting and checked.passes_over(frame):
            return True  # it runs inside a condition that a check evaluates
        bp = self.breakpoints.at(frame.f_code.co_filename, line)
        if bp is not None:
            site = checked.site(frame, line)
            if site is not None:
                return checked.line_event(frame, site)
        functions = self.function_breakpoints
        entered = functions.call_starts(frame, line) if functions.bound else None
        settled = self.settled
        hit = None
        if bp is None and entered is None:
            if settled:
                return False
        elif bp is not None and bp.statement is not None and bp.repeats_in(frame):
            return True  # a multi-line statement's own line again in one run of it (statements.py)
        elif settled:
            # No thread is suspended, so the breakpoints are asked first. A condition
            # alone is evaluated right here: while it is false in a hot loop, that is
            # all such a line costs.
            if entered is None and bp.condition_only is not None:
                try:
                    if not eval(bp.condition_only, frame.f_globals, frame.f_locals):
                        return True
                    hit = self.hit(frame, "breakpoint", [bp.id])
                except Exception as exc:
                    hit = self.hit(frame, "breakpoint", [bp.id], [str(bp.trigger.condition.failure(exc))])
            else:
                hit = self.breakpoint_hit(frame, bp, entered)
                if hit is None:
                    return True
        return self.line_stop(frame, hit, bp, entered)

    def line_stop(self, frame, hit=None, bp=None, entered=None):
        """At a line of frame: stop for hit (a breakpoint's (reason, details)), or for
        the entry, a step or a pause. bp and entered: the breakpoints at this line
        whose triggers are still to be asked. Returns False when nothing was wanted."""
        thread_id = threading.get_native_id()
        if self.suspension.is_suspended(thread_id) or is_agent_file(frame.f_code.co_filename):
            return hit is not None or bp is not None or entered is not None
        stoppable = self._stoppable(frame.f_code)
        reason = self._line_reason(frame, thread_id, stoppable)
        if reason == "entry":
            self._entry_pending = False
        if hit is None and stoppable and (bp is not None or entered is not None):
            hit = self.breakpoint_hit(frame, bp, entered)
        if hit is not None and stoppable:
            self._stop(frame, hit[0], **hit[1])
        elif reason is not None:
            self._stop(frame, None if reason == "pause" else reason)
        return True

    def would_stop(self, frame):
        """Would the entry, a step or a pause stop the current thread at frame's line?"""
        thread_id = threading.get_native_id()
        if self.suspension.is_suspended(thread_id) or is_agent_file(frame.f_code.co_filename):
            return False
        return self._line_reason(frame, thread_id, self._stoppable(frame.f_code)) is not None

    def _line_reason(self, frame, thread_id, stoppable):
        step = self._steps.get(thread_id)
        if self._entry_pending and self._is_program_start(frame):
            return "entry"
        if step is not None and step.stops_at_line(frame, stoppable):
            return "step"
        if self.suspension.active and thread_id not in agent_thread_ids():
            return "pause"
        return None

    def breakpoint_hit(self, frame, bp, entered=None):
        """Ask the line breakpoint bp and the function breakpoints entered whether they
        fire at frame: logpoints log, conditions and hit counts decide. Returns the
        stop to make, (reason, details), or None."""
        ids, problems = effective(frame, ((bp,) if bp is not None else ()) + (entered or ()), self.log)
        if not ids:
            return None
        return self.hit(frame, "breakpoint" if bp is not None and bp.id in ids else "function breakpoint", ids, problems)

    def hit(self, frame, reason, ids, problems=()):
        """The stop for breakpoints ids; problems are conditions that raised."""
        details = {"hitBreakpointIds": ids}
        if problems:
            details["description"] = "; ".join(problems)
            self._report_problem(frame, details["description"] + ": stopped here")
        return reason, details

    def _report_problem(self, frame, text):
        """Tell the user, prominently, why the program stopped where it did."""
        self._channel.send_event("output", {
            "category": "important",
            "output": text + "\n",
            "source": source_of(frame),
            "line": frame.f_lineno,
        })

    def on_return(self, frame, yielding, value=None):
        """frame returns value, or yields it (not: unwinds by an exception). Returns
        False when nothing was wanted here."""
        if self.settled:
            return False
        thread_id = threading.get_native_id()
        step = self._steps.get(thread_id)
        if step is None or self.suspension.is_suspended(thread_id):
            return True
        if step.stops_at_return(frame, yielding):
            self._stop(frame, "return", ((frame_name(frame.f_code), value),))
            step = self._steps.get(thread_id)  # a step asked for at that stop starts here
            if step is None:
                return True
        target = step.at_return(frame, yielding, lambda f: self._stoppable(f.f_code))
        if target is not None:
            returned = () if yielding else ((frame_name(frame.f_code), value),)
            self._stop(target, "step", returned)
        elif step.frame is None:  # it runs on to the next user line
            self._trace(frame.f_back, every_start=True)
        return True

    def _stop(self, frame, reason, returned=(), stack=None, **details):
        """Suspend the current thread at frame (reason None: join an all-stop). A step
        of the thread ends when its stop is reported (see forget_thread). returned:
        the (function, value) pairs the step saw return, for the Return value scope;
        stack: the frames shown, when not frame and its callers."""
        if not inside_agent(frame) and not self.checked.inside_check(frame.f_back):
            with self.tracing.quiet():
                self.suspension.stop(frame, reason, details, returned, stack)

    def _stoppable(self, code):
        filename = code.co_filename
        if is_agent_file(filename):
            return False
        if self.just_my_code:
            return is_user_file(filename)
        return not filename.startswith("<frozen") and not ruled_out(filename)

    @staticmethod
    def _is_program_start(frame):
        """The first line of the program: module code run as __main__ (for a program,
        -m module and -c code alike; runpy's own code never runs as __main__)."""
        return frame.f_code.co_name == "<module>" and frame.f_globals.get("__name__") == "__main__"

    def _bind_loaded(self, filename):
        self._breakpoints_changed(self.breakpoints.bind_loaded(filename))

    def _bind_functions(self, code):
        """A module starts: function breakpoints naming its functions bind to them."""
        frame = sys._getframe(1)
        while frame is not None and frame.f_code is not code:  # the module's frame
            frame = frame.f_back
        if frame is not None:
            self._breakpoints_changed(
                self.function_breakpoints.bind_module(frame.f_globals.get("__name__"), code))

    def _breakpoints_changed(self, bps):
        for bp in bps or ():
            self._channel.send_event("breakpoint", {"reason": "changed", "breakpoint": bp.to_dap()})

    # -- what the backends ask when they set themselves up (tracing.protocol) ---------

    def exception_events(self):
        """What the backend must report: (raised, leaving), see exceptions.ExceptionBreaks."""
        return self.exceptions.watches_raises(), self.exceptions.watches_leaving()

    def waits_for_files(self):
        """Do line breakpoints wait for their file to load?"""
        return bool(self.breakpoints.pending)

    def breakpoint_plans(self):
        """{canonical path: {line: (key, condition)}} of every line breakpoint that can
        stop, for the checks that code copies may hold (see checked_lines)."""
        return self.checked.plans(self.breakpoints.by_file())

    def breakpoint_plan_in(self, path):
        """The same for the file at path (canonical): {line: (key, condition)}."""
        return self.checked.plan(path, self.breakpoints.lines_in(path))

    def on_check_passed(self, frame):
        """frame has run its check (see checked_lines)."""
        self.checked.passed(frame)

    def binds_code_objects(self):
        """Function breakpoints bind to code objects: none may be replaced meanwhile."""
        functions = self.function_breakpoints
        return functions.waiting or functions.bound

    # -- debugging begins and ends ----------------------------------------------------

    def begin(self):
        """The program is about to run: events start, and breakpoint() stops here."""
        self.checked.install()
        self.tracing.install()
        breakpoint_hook.install(self.on_breakpoint_call)

    def end(self):
        """Debugging ends: no more stops, every thread runs on."""
        self.tracing.uninstall()
        breakpoint_hook.uninstall()
        self.checked.forget()
        self.breakpoints.clear()
        self.function_breakpoints.clear()
        self.exceptions.configure({})
        self._entry_pending = False
        self._steps.clear()
        self.suspension.release_all()

    # -- requests, from the reader thread ----------------------------------------------

    def set_breakpoints(self, path, specs, source):
        refusal = None
        if self.just_my_code and not is_user_file(path):
            refusal = NOT_USER_CODE
        result = self.breakpoints.set_file(path, specs, source, refusal)
        self.tracing.refresh()
        return result

    def set_function_breakpoints(self, specs):
        result = self.function_breakpoints.set(specs)
        self.tracing.refresh()
        return result

    def set_exception_breakpoints(self, args):
        result = self.exceptions.configure(args)
        self.tracing.refresh()
        return result

    def step(self, thread_id, kind, target=None, stop_at_return=False):
        """Resume with a step of thread_id from stepping.start_frame (see stepping.Step)."""
        st = self.suspension.suspended.get(thread_id)
        if st is None:
            return False
        if st.stack is not None:  # its frames have finished: nothing to step through
            self.suspension.resume()
            return True
        frame = start_frame(st.frame, kind, st.reason == "return", lambda f: self._stoppable(f.f_code))
        step = Step(kind, frame, target, stop_at_return)
        self._steps[thread_id] = step
        self._trace(step.frame, every_start=step.needs_every_start)
        if self.stepping_resumes_all and self.suspension.active:
            self.suspension.resume(announce=True)
        else:
            self.suspension.resume_one(thread_id)
        return True

    def resume(self, thread_id=None):
        """Resume after a stop: every thread, or thread_id alone when threads stop
        alone (stopAllThreadsOnSuspend false) and no all-stop is in effect. Returns
        whether every thread was resumed."""
        if self.suspension.all_stop or self.suspension.active or thread_id is None:
            self.suspension.resume()
            return True
        self.suspension.resume_one(thread_id)
        return False

    def pause(self):
        self.suspension.pause()

    def forget_thread(self, thread_id):
        """The thread ended, or its stop is being reported: its step is over."""
        self._steps.pop(thread_id, None)

    # -- the all-stop ------------------------------------------------------------------

    def _trace(self, frame, every_start):
        """Line and return events in frame and its callers; with every_start, every
        code object start is asked about again too (a step that may enter new code)."""
        if every_start:
            self.tracing.refresh()
        self.tracing.trace(frame)

    def _stop_running_threads(self):
        """An all-stop began: every thread that is not suspended stops at its next line,
        in the frames it is running or in new ones."""
        own = agent_thread_idents()
        suspended = {st.ident for st in list(self.suspension.suspended.values())}
        self.tracing.refresh()
        for ident, frame in sys._current_frames().items():
            if ident not in own and ident not in suspended:
                self.tracing.trace(frame)

    def _settle(self):
        """The all-stop ended; if nothing else is under way, events go back to what
        the breakpoints need."""
        if self.settled:
            self.tracing.refresh()
