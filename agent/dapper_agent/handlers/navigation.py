"""Requests that choose where a suspended thread goes next: gotoTargets and goto (set
the next line to run, pdb's jump), stepInTargets (the calls on the current line, which
stepIn's targetId chooses from).

goto follows pdb's jump, with CPython's own checks: only the frame that is running
(the newest), and only to a line of the same function that Python allows (not into a
block such as a for loop or a with, not out of a finally). After it, the thread is
reported stopped again with reason "goto", on the line it will run next: that stopped
event is how clients learn that the stack changed (DAP does not ask for an
invalidated event as well).
"""

import os
import sys
import warnings

from ..frames import own_lines
from ..inspection import calls
from ..paths import canonical, is_agent_file
from ..transport.requests import Reply, RequestError, on_thread


class GotoTarget:
    __slots__ = ("path", "line")

    def __init__(self, path, line):
        self.path = path
        self.line = line


def step_target(agent, args):
    """The StepTarget that stepIn's targetId names, or None without one."""
    target_id = args.get("targetId")
    if target_id is None:
        return None
    owner = agent.handles.get(target_id) if isinstance(target_id, int) else None
    if owner is None or not isinstance(owner[1], calls.StepTarget):
        raise RequestError("stepIn: unknown targetId %r (ask stepInTargets again after each stop)" % (target_id,))
    return owner[1]


class NavigationRequests:
    def __init__(self, agent):
        self._agent = agent

    @on_thread
    def request_stepInTargets(self, args):
        owner = self._agent.handles.get(args.get("frameId")) if isinstance(args.get("frameId"), int) else None
        if owner is None or not hasattr(owner[1], "f_code"):
            raise RequestError("stepInTargets: unknown frameId %r" % (args.get("frameId"),))
        thread_id, frame = owner
        handles = self._agent.handles
        return {"targets": [t.to_dap(handles.add(thread_id, t)) for t in calls.targets_at(frame)]}

    def request_gotoTargets(self, args):
        source, line = args.get("source") or {}, args.get("line")
        path = source.get("path") if isinstance(source, dict) else None
        if not isinstance(path, str) or not isinstance(line, int) or isinstance(line, bool):
            raise RequestError("gotoTargets: give a source with a path and a line")
        path = canonical(path)
        for thread_id, st in list(self._agent.debugger.suspension.suspended.items()):
            frame = st.frame
            if st.stack is not None or canonical(frame.f_code.co_filename) != path:
                continue
            later = sorted(n for n in own_lines(frame.f_code) if n >= line)
            if later:
                target = self._agent.handles.add(thread_id, GotoTarget(path, later[0]))
                return {"targets": [{"id": target, "label": "line %d" % later[0], "line": later[0]}]}
        return {"targets": []}

    @on_thread
    def request_goto(self, args):
        thread_id = args.get("threadId")
        st = self._agent.debugger.suspension.suspended.get(thread_id)
        owner = self._agent.handles.get(args.get("targetId")) if isinstance(args.get("targetId"), int) else None
        if st is None:
            raise RequestError("goto: thread %s is not suspended" % thread_id)
        if owner is None or not isinstance(owner[1], GotoTarget):
            raise RequestError("goto: unknown targetId %r (ask gotoTargets again after each stop)" % (args.get("targetId"),))
        target, frame = owner[1], st.frame
        if st.stack is not None or st.reason == "exception" or frame is not _running_frame():
            raise RequestError("goto: you can only jump in the frame that is running, stopped at a line")
        if canonical(frame.f_code.co_filename) != target.path:
            raise RequestError("goto: line %d of %s is not in the running function" % (
                target.line, os.path.basename(target.path)))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "assigning None to unbound locals" (3.12+)
                frame.f_lineno = target.line
        except ValueError as exc:
            hint = ""
            if "'call'" in str(exc):  # 3.10, 3.11: a stop made by a code hook, before line events
                hint = " (this stop came before the function's first line event: step once, then jump)"
            raise RequestError("goto: cannot jump to line %d: %s%s" % (target.line, exc, hint))
        return Reply({}, lambda: self._agent.debugger.suspension.report_again(thread_id, "goto"))


def _running_frame():
    """The program's frame this thread is running (under the agent's own)."""
    frame = sys._getframe(1)
    while frame is not None and is_agent_file(frame.f_code.co_filename):
        frame = frame.f_back
    return frame
