"""Requests that set breakpoints: setBreakpoints (lines, with conditions and log
messages), setFunctionBreakpoints, setExceptionBreakpoints."""

from ..transport.requests import RequestError


def _list_of(args, key, kind, command):
    value = args.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, kind) for item in value):
        raise RequestError("%s: %s must be an array of %s" % (
            command, key, "strings" if kind is str else "objects"))
    return value


class BreakpointRequests:
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

    def request_setFunctionBreakpoints(self, args):
        specs = _list_of(args, "breakpoints", dict, "setFunctionBreakpoints")
        bound = self._agent.debugger.set_function_breakpoints(specs)
        return {"breakpoints": [bp.to_dap() for bp in bound]}

    def request_setExceptionBreakpoints(self, args):
        checked = {
            "filters": _list_of(args, "filters", str, "setExceptionBreakpoints"),
            "filterOptions": _list_of(args, "filterOptions", dict, "setExceptionBreakpoints"),
            "exceptionOptions": _list_of(args, "exceptionOptions", dict, "setExceptionBreakpoints"),
        }
        return {"breakpoints": self._agent.debugger.set_exception_breakpoints(checked)}
