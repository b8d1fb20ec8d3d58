"""Requests that inspect and change a suspended thread's state: stackTrace,
exceptionInfo, scopes, variables, setVariable, evaluate, setExpression, completions.

Showing values runs the program's code (__repr__, property getters, watch
expressions) only inside a TimeBox; when that code is stuck in C past its time, the
watchdog answers in the handler's place, with what is known so far.
"""

import contextlib
import types

from .. import frames
from ..inspection import conveniences, evaluate, framelocals, variables
from ..inspection.completions import complete
from ..inspection.hover import namespaces_of, static_value
from ..inspection.saferepr import exception_text
from ..inspection.timebox import TimeBox, Watchdog
from ..inspection.variables import LazyNode, Node, View
from ..transport.requests import ANSWERED_ELSEWHERE, Reply, RequestError, on_thread, while_running, with_answer

# Seconds of program code per request: the budget, each call's share, and how long
# past the budget the watchdog waits for a call blocked in C before answering.
_SHOW_BUDGET, _SHOW_CALL = 1.0, 0.5
_WATCH_BUDGET = 2.0
_CLIPBOARD_BUDGET, _CLIPBOARD_LIMIT = 5.0, 1000000
_GRACE = 0.25
_PARAMETER_LIMIT = 80  # characters of a parameter's value in a formatted frame name


def _running_stack_trace(room, args, thread_id):
    """The stack of a thread that has not stopped (it is blocked in native code while
    the others are stopped): read from here, and the client is told again once the
    thread stops."""
    agent = room._agent
    top = agent.threads.running_frame(thread_id)
    if top is None:
        raise RequestError("stackTrace: no thread %s" % thread_id)
    agent.debugger.suspension.note_running_stack_read(thread_id)
    return frames.stack_trace(agent, thread_id, top, args.get("startFrame") or 0, args.get("levels") or 0)


class InspectionRequests:
    def __init__(self, agent):
        self._agent = agent
        self._slow_types = {}  # type -> why its __repr__ is no longer called
        self._watchdog = Watchdog()

    @while_running(_running_stack_trace)
    @on_thread
    def request_stackTrace(self, args):
        thread_id = args.get("threadId")
        st = self._agent.debugger.suspension.suspended.get(thread_id)
        if st is None:
            raise RequestError("stackTrace: thread %s is not suspended" % thread_id)
        fmt = args.get("format") or None
        show = None
        if fmt:
            text = self._view(thread_id, {"format": fmt}, TimeBox(_SHOW_BUDGET, _SHOW_CALL)).text
            show = lambda value: text(value, _PARAMETER_LIMIT)  # noqa: E731
        return frames.stack_trace(self._agent, thread_id, st.frame, args.get("startFrame") or 0, args.get("levels") or 0,
                                  st.stack, fmt, show)

    @on_thread
    def request_exceptionInfo(self, args):
        stop = self._agent.debugger.exception_stop(args.get("threadId"))
        if stop is None:
            raise RequestError("exceptionInfo: thread %s is not stopped on an exception" % args.get("threadId"))
        return stop.info()

    @on_thread
    def request_scopes(self, args):
        thread_id, frame = self._owned("scopes", args, "frameId", types.FrameType)
        st = self._agent.debugger.suspension.suspended.get(thread_id)
        if st is None:
            raise RequestError("scopes: thread %s is not suspended" % thread_id)
        return {"scopes": self._view(thread_id, args, TimeBox(0)).scopes(st, frame)}

    @on_thread
    @with_answer
    def request_variables(self, args, answer):
        thread_id, node = self._owned("variables", args, "variablesReference", Node)
        box = _show_box()
        view = self._view(thread_id, args, box)
        found, rows = [], []

        def fallback():
            if not found:
                raise RequestError("variables: the program's code ran longer than %.1f s" % _SHOW_BUDGET)
            reason = "the program's code ran longer than %.1f s" % _SHOW_BUDGET
            done = list(rows)
            return {"variables": done + [view.placeholder(child, reason) for child in found[len(done):]]}

        with self._watched(answer, box, fallback):
            page, left_out = view.children(node, args.get("start") or 0, args.get("count") or None, args.get("filter"))
            found.extend(page)
            owner = node.owner_of_children()
            for child in found:
                rows.append(view.variable(child, node.frame, owner))
        if left_out:
            rows.append({"name": "...", "value": "%d more not shown: ask for them by page (start, count)" % left_out,
                         "variablesReference": 0, "presentationHint": {"kind": "virtual"}})
        return {"variables": rows}

    @with_answer
    def request_evaluate(self, args, answer):
        return self._route("evaluate", args, answer, self._evaluate)

    def _evaluate(self, args, answer, thread_id, frame):
        expression = args.get("expression") or ""
        context = args.get("context") or "repl"
        if context == "hover":
            global_ns = framelocals.namespaces(frame)[0]
            value = static_value(expression, namespaces_of(frame, global_ns))
            return self._result(answer, _show_box(), thread_id, frame, args, value)
        names = self._conveniences(thread_id, frame) if "$" in expression else None
        if context == "repl":
            value = evaluate.run(frame, expression, statements=True, names=names)
            if value is evaluate.NOTHING:
                return {"result": "", "variablesReference": 0}
            return self._result(answer, _show_box(), thread_id, frame, args, value)
        box = TimeBox(_CLIPBOARD_BUDGET if context == "clipboard" else _WATCH_BUDGET)

        def abandoned():
            # The thread runs the program's code past the answer: it is running again.
            self._agent.channel.send_event("continued", {"threadId": thread_id, "allThreadsContinued": False})
            raise RequestError("evaluate: %r still ran after %.1f s; abandoned (the thread stays busy until it returns)"
                               % (expression, box.deadline - box.started))

        try:
            with self._watched(answer, box, abandoned):
                value = evaluate.run(frame, expression, box=box, names=names)
        finally:
            if box.stuck and thread_id is not None:  # back in its suspension at last
                self._agent.channel.send_event("stopped", {"reason": "pause", "threadId": thread_id,
                                                           "preserveFocusHint": True, "allThreadsStopped": True})
        return self._result(answer, box, thread_id, frame, args, value, clipboard=context == "clipboard")

    def _result(self, answer, box, thread_id, frame, args, value, clipboard=False):
        """The evaluate response body for value."""
        if clipboard and issubclass(type(value), str):
            text = str.__str__(value)[:_CLIPBOARD_LIMIT]
            return {"result": text, "variablesReference": 0, "presentationHint": {"attributes": ["rawString"]}}
        view = self._view(thread_id, args, box, limit=_CLIPBOARD_LIMIT if clipboard else None)

        def fallback():
            return {"result": "<not shown: its __repr__ ran longer than %.1f s>" % _SHOW_CALL, "variablesReference": 0}

        with self._watched(answer, box, fallback):
            return view.describe(value, args.get("expression"), frame, key="result")

    @on_thread
    def request_setVariable(self, args):
        thread_id, node = self._owned("setVariable", args, "variablesReference", Node)
        if isinstance(node, LazyNode):
            raise RequestError("setVariable: expand the property first")
        value = evaluate.run(node.frame, args.get("value") or "")
        try:
            variables.assign_child(node, args.get("name"), value)
        except BaseException as exc:  # the program's __setattr__/__setitem__ may raise anything
            raise RequestError(exception_text(exc))
        return self._changed(thread_id, self._view(thread_id, args).describe(value, None, node.frame))

    @with_answer
    def request_setExpression(self, args, answer):
        return self._route("setExpression", args, answer, self._set_expression)

    def _set_expression(self, args, answer, thread_id, frame):
        value = evaluate.assign(frame, args.get("expression") or "", args.get("value") or "")
        return self._changed(thread_id, self._view(thread_id, args).describe(value, args.get("expression"), frame))

    @with_answer
    def request_completions(self, args, answer):
        return self._route("completions", args, answer, self._completions, needs_thread=False)

    def _completions(self, args, answer, thread_id, frame):
        global_ns = framelocals.namespaces(frame)[0]
        targets = complete(namespaces_of(frame, global_ns), args["text"], args["column"],
                           self._agent.client.get("columnsStartAt1", True) is not False)
        return {"targets": targets}

    # -- helpers ---------------------------------------------------------------------

    def _changed(self, thread_id, body):
        """A value was changed: the response, then (for a client that takes it) an
        invalidated event, since other variables shown may hold the same object."""
        if not self._agent.client.get("supportsInvalidatedEvent"):
            return body
        event = {"areas": ["variables"], "threadId": thread_id}
        return Reply(body, lambda: self._agent.channel.send_event("invalidated", event))

    def _conveniences(self, thread_id, frame):
        """pdb's $_frame, $_exception and $_retval at this stop."""
        debugger = self._agent.debugger
        st = debugger.suspension.suspended.get(thread_id)
        stop = debugger.exception_stop(thread_id)
        return conveniences.for_stop(frame, stop.exception if stop is not None else None,
                                     st.return_values if st is not None else None)

    def _view(self, thread_id, args, box=None, limit=None):
        """How this request shows values (its format, its time box)."""
        return View(self._agent, thread_id, box or _show_box(), self._slow_types, args.get("format"), limit)

    def _owned(self, command, args, key, kind):
        """(thread_id, object) that the request's key names."""
        owner = self._agent.handles.get(args.get(key))
        if owner is None or not isinstance(owner[1], kind):
            raise RequestError("%s: unknown %s %s" % (command, key, args.get(key)))
        return owner

    def _route(self, command, args, answer, work, needs_thread=True):
        """Run work(args, answer, thread_id, frame) on the thread that owns frameId, or
        with no frameId in __main__ on any suspended thread. While no thread is
        suspended, work that runs no program code (needs_thread=False) runs here, on
        the reader thread; other work is refused: the program's code on an agent
        thread could block the agent, or be frozen holding a lock at interpreter exit."""
        def task(thread_id, frame):
            return lambda: answer.run(lambda: work(args, answer, thread_id, frame))

        if args.get("frameId"):
            thread_id, frame = self._owned(command, args, "frameId", types.FrameType)
            if not self._agent.thread_requests.run_on(thread_id, command, answer, task(thread_id, frame)):
                raise RequestError("%s: thread %s is not suspended" % (command, thread_id))
            return ANSWERED_ELSEWHERE
        for thread_id in list(self._agent.debugger.suspension.suspended):
            if self._agent.thread_requests.run_on(thread_id, command, answer, task(thread_id, None)):
                return ANSWERED_ELSEWHERE
        if needs_thread:
            raise RequestError("%s: the program is running; it needs a stopped thread (pause, or a breakpoint)" % command)
        return work(args, answer, None, None)

    @contextlib.contextmanager
    def _watched(self, answer, box, fallback):
        """Answer with fallback() if the block is still in the program's code past box's
        deadline. Past it, the box starts no more calls: a block that is not in one
        finishes soon without help, however loaded the machine."""
        def overdue():
            if box.calling:
                box.stuck = True
                answer.run(fallback)

        alarm = self._watchdog.arm(box.deadline + _GRACE, overdue)
        try:
            yield
        finally:
            self._watchdog.cancel(alarm)


def _show_box():
    return TimeBox(_SHOW_BUDGET, _SHOW_CALL)
