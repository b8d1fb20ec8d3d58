"""What each request's arguments must be, checked in one place before any handler runs:
a schema per command (field -> kind, range, required), so that a handler only ever
sees values of the types it expects (an unhashable frameId, a string for a line or
a negative count are refused with a message that names the field).

Fields a schema does not name are left alone (clients send extras); null counts as
absent. A command with no schema gets only the check that its arguments are an object.
"""

from ..transport.requests import RequestError

# The largest id the agent hands out is far below this; DAP numbers are 32-bit in
# most clients, and thread ids are the OS's (64-bit on some systems).
_HANDLE_MAX = 2 ** 31 - 1
_ID_MAX = 2 ** 63 - 1


class Field:
    """One argument: check(value, where) returns the value or raises RequestError."""

    def __init__(self, required=False):
        self.required = required

    def check(self, value, where):
        raise NotImplementedError


def _fail(where, text, value):
    """Refuse value: `where` (a field's path, such as breakpoints[2].line) says which."""
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    raise RequestError("%s %s (got %s)" % (where, text, shown))


class Integer(Field):
    def __init__(self, minimum=0, maximum=_ID_MAX, required=False):
        super().__init__(required)
        self.minimum, self.maximum = minimum, maximum

    def check(self, value, where):
        if type(value) is not int:  # bool is an int to Python, not to JSON
            _fail(where, "must be an integer", value)
        if not self.minimum <= value <= self.maximum:
            _fail(where, "must be between %d and %d" % (self.minimum, self.maximum), value)
        return value


class String(Field):
    def __init__(self, choices=None, required=False):
        super().__init__(required)
        self.choices = choices

    def check(self, value, where):
        if not isinstance(value, str):
            _fail(where, "must be a string", value)
        if self.choices is not None and value not in self.choices:
            _fail(where, "must be one of %s" % ", ".join(map(repr, self.choices)), value)
        return value


class Boolean(Field):
    def check(self, value, where):
        if not isinstance(value, bool):
            _fail(where, "must be true or false", value)
        return value


class Object(Field):
    """A JSON object whose named fields are checked too."""

    def __init__(self, fields=None, required=False):
        super().__init__(required)
        self.fields = fields or {}

    def check(self, value, where):
        if not isinstance(value, dict):
            _fail(where, "must be an object", value)
        for name, field in self.fields.items():
            inner = "%s.%s" % (where, name) if where else name
            item = value.get(name)
            if item is None:
                if field.required:
                    raise RequestError("%s is required" % inner)
                continue
            field.check(item, inner)
        return value


class Array(Field):
    def __init__(self, item, required=False):
        super().__init__(required)
        self.item = item

    def check(self, value, where):
        if not isinstance(value, list):
            _fail(where, "must be an array", value)
        for index, item in enumerate(value):
            if item is None:
                raise RequestError("%s[%d] must not be null" % (where, index))
            self.item.check(item, "%s[%d]" % (where, index))
        return value


def _thread(required=True):
    return Integer(1, _ID_MAX, required)


def _handle(required=True):
    return Integer(0, _HANDLE_MAX, required)


_VALUE_FORMAT = Object({"hex": Boolean()})
_STACK_FORMAT = Object({name: Boolean() for name in (
    "hex", "parameters", "parameterTypes", "parameterNames", "parameterValues", "line", "module", "includeAll")})
_STEP = {"threadId": _thread(), "singleThread": Boolean(),
         "granularity": String(("statement", "line", "instruction")), "targetId": Integer()}
# What the agent reads of launch (and attach) arguments as they are; the adapter
# decodes every one first, and the rest (rules, breakOnSystemExit...) is checked where
# it is taken (launch_options).
_LAUNCH = {name: Boolean() for name in (
    "stopOnEntry", "justMyCode", "breakOnSystemExitZero", "showReturnValue", "redirectOutput", "subProcess",
    "steppingResumesAllThreads", "stopAllThreadsOnSuspend")}
_LAUNCH.update({name: String() for name in ("program", "code", "cwd", "console", "onTerminate")})
_CONDITIONS = {"condition": String(), "hitCondition": String()}

SCHEMAS = {
    "initialize": {name: Boolean() for name in ("linesStartAt1", "columnsStartAt1")},
    "launch": _LAUNCH,
    "attach": _LAUNCH,
    "disconnect": {"restart": Boolean(), "terminateDebuggee": Boolean(), "suspendDebuggee": Boolean()},
    "setBreakpoints": {
        "source": Object({"path": String(required=True), "name": String(), "sourceReference": Integer()},
                         required=True),
        "breakpoints": Array(Object(dict(_CONDITIONS, line=Integer(1, _HANDLE_MAX, required=True),
                                         column=Integer(), logMessage=String()))),
        "lines": Array(Integer(1, _HANDLE_MAX)),
        "sourceModified": Boolean(),
    },
    "setFunctionBreakpoints": {
        "breakpoints": Array(Object(dict(_CONDITIONS, name=String(required=True)))),
    },
    "setExceptionBreakpoints": {
        "filters": Array(String()),
        "filterOptions": Array(Object({"filterId": String(required=True), "condition": String()})),
        "exceptionOptions": Array(Object({
            "path": Array(Object({"names": Array(String()), "negate": Boolean()})),
            "breakMode": String(required=True),
        })),
    },
    "continue": {"threadId": _thread(required=False), "singleThread": Boolean()},
    "next": _STEP,
    "stepIn": _STEP,
    "stepOut": _STEP,
    "pause": {"threadId": _thread(required=False)},
    "stackTrace": {"threadId": _thread(), "startFrame": Integer(), "levels": Integer(), "format": _STACK_FORMAT},
    "exceptionInfo": {"threadId": _thread()},
    "scopes": {"frameId": _handle()},
    "variables": {"variablesReference": _handle(), "filter": String(("indexed", "named")),
                  "start": Integer(), "count": Integer(), "format": _VALUE_FORMAT},
    "setVariable": {"variablesReference": _handle(), "name": String(required=True),
                    "value": String(required=True), "format": _VALUE_FORMAT},
    "evaluate": {"expression": String(required=True), "frameId": _handle(False), "line": Integer(),
                 "column": Integer(), "context": String(), "format": _VALUE_FORMAT},
    "setExpression": {"expression": String(required=True), "value": String(required=True),
                      "frameId": _handle(False), "format": _VALUE_FORMAT},
    "completions": {"text": String(required=True), "column": Integer(required=True), "line": Integer(),
                    "frameId": _handle(False)},
    "gotoTargets": {"source": Object({"path": String(), "sourceReference": Integer()}, required=True),
                    "line": Integer(1, _HANDLE_MAX, required=True), "column": Integer()},
    "goto": {"threadId": _thread(), "targetId": _handle()},
    "stepInTargets": {"frameId": _handle()},
    "modules": {"startModule": Integer(), "moduleCount": Integer()},
    "source": {"source": Object({"path": String(), "sourceReference": Integer()}), "sourceReference": Integer()},
    "dapper/exceptions": {"threadId": _thread(), "select": Integer(0, _HANDLE_MAX)},
}
SCHEMAS["stepOut"] = dict(_STEP, stopAtReturn=Boolean())  # Dapper's own: stop at the return (pdb's r)


def check(command, arguments):
    """The request's arguments (an empty dict for none), checked against its schema;
    raises RequestError naming the first field that does not fit."""
    if arguments is None:
        return {}
    if not isinstance(arguments, dict):
        _fail("%s: arguments" % command, "must be an object", arguments)
    try:
        return Object(SCHEMAS.get(command)).check(arguments, "")
    except RequestError as exc:
        raise RequestError("%s: %s" % (command, exc))
