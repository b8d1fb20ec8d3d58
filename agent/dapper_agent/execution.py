"""Requests that control execution: breakpoints, threads, continue."""

from .requests import Reply, RequestError


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
        bound = self._agent.debugger.set_breakpoints(path, lines)
        return {"breakpoints": [bp.to_dap(source) for bp in bound]}

    def request_threads(self, args):
        return {"threads": self._agent.threads.list()}

    def request_continue(self, args):
        thread_id = args.get("threadId")
        return Reply({"allThreadsContinued": False}, lambda: self._agent.threads.resume(thread_id))
