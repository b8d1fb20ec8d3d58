"""Requests that set breakpoints: setBreakpoints (lines, with conditions and log
messages), setFunctionBreakpoints, setExceptionBreakpoints."""

from ..transport.requests import RequestError


class BreakpointRequests:
    def __init__(self, agent):
        self._agent = agent

    # The arguments' types and ranges are checked before a handler runs (arguments.py).

    def request_setBreakpoints(self, args):
        source = args["source"]
        path = source["path"]
        if not path:
            raise RequestError("setBreakpoints: source.path is required")
        specs = list(args.get("breakpoints") or ()) or [{"line": line} for line in args.get("lines") or ()]
        bound = self._agent.debugger.set_breakpoints(path, specs, source)
        return {"breakpoints": [bp.to_dap() for bp in bound]}

    def request_setFunctionBreakpoints(self, args):
        specs = args.get("breakpoints") or []
        bound = self._agent.debugger.set_function_breakpoints(specs)
        return {"breakpoints": [bp.to_dap() for bp in bound]}

    def request_setExceptionBreakpoints(self, args):
        return {"breakpoints": self._agent.debugger.set_exception_breakpoints(args)}
