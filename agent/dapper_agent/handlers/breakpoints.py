"""Requests that set function and exception breakpoints, and exceptionInfo."""

from ..transport.requests import RequestError, on_thread


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

    @on_thread
    def request_exceptionInfo(self, args):
        stop = self._agent.debugger.exception_stop(args.get("threadId"))
        if stop is None:
            raise RequestError("exceptionInfo: thread %s is not stopped on an exception" % args.get("threadId"))
        return stop.info()
