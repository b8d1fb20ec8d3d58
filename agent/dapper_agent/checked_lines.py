"""Breakpoints that the program's code checks itself: the debugger's side of the checks
that code copies hold (tracing.rewrite).

A check runs in the breakpoint's frame, before the statement of its line: its
condition, then its hit count (the HITS entry of its key, which counts the hit and
answers whether it fires), and only then a call into the agent: STOP(1) when the hit
fires, STOP(0) when the condition raised. So while the condition is false nothing is
called and nothing traces the frame. A check is live while its breakpoint stays as it
was when the copy was made; the entry of a stale check answers "never", and its copy's
frames (still running when the breakpoint changed) are traced as before.

A check decides as tracing would at that line: a logpoint logs and runs on, a
condition that raises stops and says why, and a frame under a step or a pause stops
once. When such a frame is traced, its line event at the checked line comes before the
check runs; the stop the step or pause would make there waits until the check is
through (the backend watches for the statement's first instruction), so that a
breakpoint that fires there is the stop's reason, and its condition runs once. What a
condition calls runs as code of the program does, except that nothing stops in it
(as nothing is traced inside a trace function).

A stop that a check's STOP(1) asks for is not made inside that call, where the frame
could not jump (goto) or be stepped from as at a line: the frame is given line events
(its thread traced; 3.12+, jump events in its code) and STOP answers True, so the check
goes round its loop; the backward jump is a line event of the frame, at the
breakpoint's line, and the stop is made there. STOP then answers False and the
statement runs.
"""

import builtins
import itertools
import random
import sys
import threading

from .breakpoints.conditions import ALWAYS
from .errors import warn
from .paths import canonical

STOP = "__dapper_bp__"  # tracing.rewrite's names, in builtins
HITS = "__dapper_hits__"
NEVER = itertools.repeat(False).__next__


class CheckedLines:
    """The checks the debugger plans (keys, hit counts) and their calls."""

    def __init__(self, debugger):
        self._debugger = debugger
        self._counts = {}  # key -> the hit count the check with that key calls
        self._keys = {}  # (breakpoint id, condition, hitCondition) -> key
        # Random, so that a copy that travels to another agent finds no key of its own.
        self._next_key = random.getrandbits(40) << 20
        self._planned = {}  # canonical path -> {line: (key, condition)}
        self._plans = (None, None)  # the breakpoint table plans() last saw, and its answer
        self.waiting = {}  # thread id -> frame whose line stop waits for its check
        self.rejoining = {}  # thread id -> _Rejoin: a stop a check asked for, to make

    def install(self):
        setattr(builtins, HITS, self._counts)
        setattr(builtins, STOP, self._call)

    def plan(self, path, bps):
        """{line: (key, condition)} for the breakpoints of the file at path ({line:
        Breakpoint}); the hit counts of its checks follow, and the checks planned
        there before that are no longer answer never."""
        plan = {}
        for line, bp in (bps or {}).items():
            trigger = bp.trigger
            condition = trigger.condition.text.strip() if trigger is not None and trigger.condition else None
            hit = trigger.hit_condition.text.strip() if trigger is not None and trigger.hit_condition else None
            ident = (bp.id, condition, hit)
            key = self._keys.get(ident)
            if key is None:
                key = self._keys[ident] = self._next_key = self._next_key + 1
            plan[line] = (key, condition)
        keys = {key for key, _ in plan.values()}
        for key, _ in self._planned.get(path, {}).values():
            if key not in keys:
                self._counts[key] = NEVER  # stale: its copies run on without it
        for line, (key, _) in plan.items():
            trigger = bps[line].trigger
            self._counts[key] = trigger.count_hit if trigger is not None else ALWAYS
        if plan:
            self._planned[path] = plan
        else:
            self._planned.pop(path, None)
        return plan

    def plans(self, by_file):
        """plan() for every file of by_file ({path: {line: Breakpoint}}), and for the
        files whose breakpoints are gone."""
        if by_file is self._plans[0]:  # the table is replaced whenever it changes
            return self._plans[1]
        plans = {path: self.plan(path, bps) for path, bps in by_file.items()}
        for path in set(self._planned) - set(plans):
            self.plan(path, None)
        self._plans = (by_file, plans)
        return plans

    def forget(self):
        """Debugging ends: every check answers never."""
        for key in self._counts:
            self._counts[key] = NEVER
        self._planned.clear()
        self._plans = (None, None)
        self.waiting.clear()
        self.rejoining.clear()

    def _live(self, code, site):
        planned = self._planned.get(canonical(code.co_filename))
        entry = planned.get(site.line) if planned else None
        return entry is not None and entry == (site.check.key, site.check.condition)

    def site(self, frame, line):
        """The live check at line in frame's code, or None."""
        site = self._debugger.tracing.sites(frame.f_code).get(line)
        return site if site is not None and self._live(frame.f_code, site) else None

    def served(self, code):
        """The lines of code whose breakpoints its own checks decide."""
        sites = self._debugger.tracing.sites(code)
        return {line for line, site in sites.items() if self._live(code, site)} if sites else ()

    def inside_check(self, frame):
        """Does frame run inside a check: its instruction is one of a check's, or it
        was called from one (a condition's call)? Asked at every stop and every call
        of a check: the stack is walked with one lookup per frame."""
        copies = self._debugger.tracing.copies()
        while frame is not None:
            entry = copies.get(id(frame.f_code))
            if entry is not None and entry[0] is frame.f_code \
                    and any(site.holds(frame.f_lasti) for site in entry[1].values()):
                return True
            frame = frame.f_back
        return False

    # -- a traced frame at a checked line ----------------------------------------------

    def line_event(self, frame, site):
        """The line event of a traced frame at a live check's line."""
        debugger = self._debugger
        if debugger.settled:
            return False  # the check decides
        if frame.f_lasti not in site.starts:
            if site.holds(frame.f_lasti):
                return True  # its condition raised: the handler starts a line of its own
            return debugger.line_stop(frame)  # the line again, the check behind it
        if debugger.would_stop(frame):
            self.waiting[threading.get_native_id()] = frame
            debugger.tracing.watch(frame, site.resumes)
        return True

    def passes_over(self, frame):
        """Must frame's events be passed over: it runs inside a condition its thread's
        waiting frame is evaluating? A new line of the waiting frame ends the wait."""
        waiting = self.waiting.get(threading.get_native_id())
        if waiting is None:
            return False
        if waiting is frame:
            self._end_wait(frame)
            return False
        return True

    def passed(self, frame):
        """The backend saw frame reach the statement its check guards."""
        if self._end_wait(frame):
            self._debugger.line_stop(frame)

    def _end_wait(self, frame):
        thread_id = threading.get_native_id()
        if self.waiting.get(thread_id) is not frame:
            return False
        del self.waiting[thread_id]
        self._debugger.tracing.unwatch(frame)
        return True

    # -- the calls of checks -------------------------------------------------------------

    def _call(self, held):
        """STOP(held): 1 when the check's hit fires, 0 when its condition raised. To
        STOP(1), True asks the check to go round its loop (the stop is made at the line
        event that gives the frame); to STOP(0), True tells the check to raise the
        exception on (it is not an Exception)."""
        frame = sys._getframe(1)
        try:
            if not held:
                exc = sys.exc_info()[1]
                if not isinstance(exc, Exception):
                    return True
            elif self.rejoining:
                again = self._again(frame)
                if again is not None:
                    return again
            site = self.site(frame, frame.f_lineno)
            if site is None and not held:
                self._foreign(frame)
            elif site is not None and not self.inside_check(frame.f_back):
                hit = self._decide(frame, site, held)
                if hit is not _RUN_ON:
                    if held:
                        # A stop in a call could not jump (goto): it is made where the
                        # check's loop gives the frame a line event, as tracing would.
                        self.rejoining[threading.get_native_id()] = _Rejoin(frame, hit)
                        self._debugger.tracing.rejoin(frame)
                        return True
                    self._debugger.line_stop(frame, hit)
        except Exception as failure:
            warn("breakpoint check", failure)
        return False

    def _foreign(self, frame):
        """A check compiled by another agent (its function travelled here by value,
        pickled) names a key this one does not have: this agent's breakpoint at that
        line, if any, is asked as tracing would ask it, unless tracing serves the frame
        (up to 3.11 nothing else would: the code was not loaded here, so it has no hook)."""
        debugger = self._debugger
        if not isinstance(sys.exc_info()[1], KeyError) or debugger.tracing.traces_lines(frame):
            return
        bp = debugger.breakpoints.at(frame.f_code.co_filename, frame.f_lineno)
        if bp is not None and not self.inside_check(frame.f_back):
            hit = debugger.breakpoint_hit(frame, bp)
            if hit is not None:
                debugger.line_stop(frame, hit)

    def rejoined(self, frame):
        """At a line event of frame: make the stop its check asked for, if it did."""
        entry = self.rejoining.get(threading.get_native_id())
        if entry is None or entry.frame is not frame or entry.made:
            return False
        entry.made = True
        self._debugger.line_stop(frame, entry.hit)
        return True

    def _again(self, frame):
        """STOP(1) again in a frame that asked for a stop: go round until the line event
        has come and the stop is made (3.10+ asks once more before the loop's backward
        jump). Should none come, the stop is made in the call."""
        thread_id = threading.get_native_id()
        entry = self.rejoining.get(thread_id)
        if entry is None or entry.frame is not frame:
            return None
        if not entry.made:
            entry.calls += 1
            if entry.calls < 2:
                return True
            self._debugger.line_stop(frame, entry.hit)
        del self.rejoining[thread_id]
        return False

    def _decide(self, frame, site, held):
        """The stop the check's call makes: a hit (reason, details), None for a stop
        without one (a step's or a pause's), or _RUN_ON."""
        debugger = self._debugger
        waited = self._end_wait(frame)
        stepped = None if waited else _RUN_ON
        bp = debugger.breakpoints.at(frame.f_code.co_filename, site.line)
        if bp is None:  # removed meanwhile
            return stepped
        problem = None
        if not held:
            if bp.trigger is None or bp.trigger.condition is None:
                return _RUN_ON  # no condition of ours raised: not this agent's check
            exc = sys.exc_info()[1]
            if _unbound(exc):
                # eval() in the frame would have looked the name up in globals: do that.
                hit = debugger.breakpoint_hit(frame, bp)
                return hit if hit is not None else stepped
            problem = str(bp.trigger.condition.failure(exc))
        if bp.log is not None and problem is None:
            debugger.log(bp.log.output_event(frame))
            return stepped
        return debugger.hit(frame, "breakpoint", [bp.id], [problem] if problem else ())


class _Rejoin:
    __slots__ = ("frame", "hit", "calls", "made")

    def __init__(self, frame, hit):
        self.frame, self.hit, self.calls, self.made = frame, hit, 0, False


_RUN_ON = object()  # a check's call makes no stop


def _unbound(exc):
    """Did exc come from reading a name the frame's code binds (a local, a cell, a free
    variable) before it was bound? eval() would fall back on a global of that name."""
    return isinstance(exc, UnboundLocalError) or (isinstance(exc, NameError) and "free variable" in str(exc))
