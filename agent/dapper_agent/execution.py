"""Requests that control execution: breakpoints, threads, continue, steps, pause."""

from .requests import Reply, RequestError
from .stepping import IN, OUT, OVER


class ExecutionRequests:
    def __init__(self, agent):
        self._agent = agent

    def request_setBreakpoints(self, args):
        source = args.get("source") or {}
        path = source.get("path")
        if not path:
            raise RequestError("setBreakpoints: source.path is required")
        lines = [bp.get("line") for bp in args.get("breakpoints") or ()]
        if not lines:
            lines = list(args.get("lines") or ())
        if not all(isinstance(line, int) and line > 0 for line in lines):
            raise RequestError("setBreakpoints: every line must be a positive integer (got %r)" % (lines,))
        bound = self._agent.debugger.set_breakpoints(path, lines, source)
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
