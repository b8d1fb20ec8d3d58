"""Requests that control execution: breakpoints, threads, continue, steps, pause."""

from ..transport.requests import Reply, RequestError
from ..stepping import IN, OUT, OVER


class ExecutionRequests:
    def __init__(self, agent):
        self._agent = agent

    def request_setBreakpoints(self, args):
        source = args.get("source") or {}
        path = source.get("path")
        if not path:
            raise RequestError("setBreakpoints: source.path is required")
        specs = list(args.get("breakpoints") or ()) or [{"line": line} for line in args.get("lines") or ()]
        lines = [spec.get("line") if isinstance(spec, dict) else spec for spec in specs]
        if not all(isinstance(spec, dict) and isinstance(spec.get("line"), int) and spec["line"] > 0 for spec in specs):
            raise RequestError("setBreakpoints: every line must be a positive integer (got %r)" % (lines,))
        for spec in specs:
            for key in ("condition", "hitCondition", "logMessage"):
                if spec.get(key) is not None and not isinstance(spec[key], str):
                    raise RequestError("setBreakpoints: %s must be a string (got %r)" % (key, spec[key]))
        bound = self._agent.debugger.set_breakpoints(path, specs, source)
        return {"breakpoints": [bp.to_dap() for bp in bound]}

    def request_threads(self, args):
        return {"threads": self._agent.threads.list()}

    def request_continue(self, args):
        return Reply({"allThreadsContinued": True}, self._agent.debugger.resume)

    def request_next(self, args):
        return self._step("next", args, OVER)

    def request_stepIn(self, args):
        return self._step("stepIn", args, IN)

    def request_stepOut(self, args):
        return self._step("stepOut", args, OUT)

    def _step(self, command, args, kind):
        thread_id = args.get("threadId")
        if not self._agent.debugger.suspension.is_suspended(thread_id):
            raise RequestError("%s: thread %s is not stopped" % (command, thread_id))
        return Reply({}, lambda: self._agent.debugger.step(thread_id, kind))

    def request_pause(self, args):
        return Reply({}, self._agent.debugger.pause)
