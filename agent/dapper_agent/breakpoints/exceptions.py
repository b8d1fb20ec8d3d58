"""Exception breakpoints: debugpy's filters (raised, uncaught, userUnhandled) with their
conditions (filterOptions), break modes by exception type (exceptionOptions), and what
a stop on an exception reports (the stopped event's text and description, exceptionInfo).

Backends report two facts, and this room decides from them (and justMyCode) whether
and where to stop; the debugger then suspends the thread:
  raised(frame, exc, tb)  exc was raised in frame (not propagated into it from a callee);
  leaving(frame, exc, tb) exc is leaving frame for its caller, frame.f_back.
tb is the traceback so far: up to 3.11 an exception's __traceback__ is only set once
it is caught, so the backend passes the one its event carries.
An exception that leaves the program's outermost frame (the main module, a thread's
target) is uncaught; one that leaves user code for library code is user-unhandled."""

import traceback

from ..paths import is_agent_file, is_outermost, is_program_runner, is_user_file
from .conditions import ConditionFailed, Condition, InvalidSetting, describe_exception

ALWAYS, UNHANDLED, USER_UNHANDLED, NEVER = "always", "unhandled", "userUnhandled", "never"
FILTERS = {"raised": ALWAYS, "uncaught": UNHANDLED, "userUnhandled": USER_UNHANDLED}
# What a breakMode of exceptionOptions turns on: breaking where an exception is raised
# (or user-unhandled) still breaks again if it then goes uncaught.
_OPTION_MODES = {
    NEVER: (),
    ALWAYS: (ALWAYS, UNHANDLED),
    UNHANDLED: (UNHANDLED,),
    USER_UNHANDLED: (USER_UNHANDLED, UNHANDLED),
}
_CATEGORY = "Python Exceptions"

class ExceptionStop:
    """A decision to stop for exc (with traceback tb): at frame, in break_mode.
    problem is the text of a condition that raised instead of answering, or None."""

    __slots__ = ("frame", "exception", "traceback", "break_mode", "problem")

    def __init__(self, frame, exception, tb, break_mode, problem=None):
        self.frame = frame
        self.exception = exception
        self.traceback = tb
        self.break_mode = break_mode
        self.problem = problem

    def stopped_details(self):
        """The stopped event's text (the exception's type) and description (its message)."""
        return {"text": type_name(type(self.exception)), "description": message_of(self.exception)}

    def info(self):
        """The exceptionInfo response body."""
        exc = self.exception
        details = _details(exc, set())
        details["stackTrace"] = format_traceback(exc, self.traceback, self.frame)
        return {
            "exceptionId": type_name(type(exc)),
            "description": message_of(exc),
            "breakMode": self.break_mode,
            "details": details,
        }


class ExceptionBreaks:
    """The exception breakpoints the client set, and the decisions made from them."""

    def __init__(self):
        self.just_my_code = True
        self.break_on_system_exit_zero = False
        self.break_on_system_exit = None  # [{"from", "to"}]: the exit codes that stop
        # Nothing until the client sets exception breakpoints (as debugpy): clients
        # send the filters' defaults from the capabilities (uncaught is on).
        self._filters = {}
        self._options = ()
        self._by_type = {}

    # -- setting --------------------------------------------------------------------

    def configure(self, args):
        """Apply setExceptionBreakpoints arguments; returns the response's breakpoints,
        one per filter, filter option and exception option, in that order."""
        filters, results = {}, []
        for filter_id in args.get("filters") or ():
            try:
                filters.setdefault(_mode_of(filter_id), None)
            except InvalidSetting as exc:
                results.append(_unverified(str(exc)))
                continue
            results.append({"verified": True})
        for option in args.get("filterOptions") or ():
            try:
                filters[_mode_of(option.get("filterId"))] = Condition.parse(option.get("condition"))
            except InvalidSetting as exc:
                results.append(_unverified(str(exc)))
                continue
            results.append({"verified": True})
        options = []
        for spec in args.get("exceptionOptions") or ():
            try:
                options.append(ExceptionOption(spec))
            except InvalidSetting as exc:
                results.append(_unverified(str(exc)))
                continue
            results.append({"verified": True})
        # Readers on other threads see the old or the new settings, never a mix.
        self._filters, self._options, self._by_type = filters, tuple(options), {}
        return results

    def watches_raises(self):
        """Whether the backend must report raised(): only breaking where exceptions
        are raised needs it, and it costs a callback for every exception."""
        return ALWAYS in self._all_modes()

    def watches_leaving(self):
        """Which frames the backend must report leaving() for: "every" frame (for
        user-unhandled, and for exceptions raised in library code that reach user
        code), only the "outermost" frames of each thread (for uncaught), or None."""
        modes = self._all_modes()
        if ALWAYS in modes or USER_UNHANDLED in modes:
            return "every"
        return "outermost" if UNHANDLED in modes else None

    def _all_modes(self):
        modes = set(self._filters)
        for option in self._options:
            modes.update(option.modes)
        return modes

    def modes_for(self, exc_type):
        """{break mode: condition or None} for exceptions of exc_type."""
        modes = self._by_type.get(exc_type)
        if modes is None:
            modes = self._filters
            best = None
            for option in self._options:
                rank = option.rank(exc_type)
                if rank is not None and (best is None or rank < best[0]):
                    best = (rank, option)
            if best is not None:
                modes = {mode: None for mode in best[1].modes}
            self._by_type[exc_type] = modes
        return modes

    # -- decisions (on the thread where the exception is) ----------------------------

    def raised(self, frame, exc, tb=None):
        """exc was just raised in frame: an ExceptionStop, or None to run on."""
        if self.just_my_code and not is_user_file(frame.f_code.co_filename):
            return None  # reported, if at all, when it reaches user code (leaving())
        return self._decide(ALWAYS, frame, exc, tb or exc.__traceback__)

    def leaving(self, frame, exc, tb=None):
        """exc is leaving frame for frame.f_back: an ExceptionStop, or None."""
        tb = tb or exc.__traceback__
        code = frame.f_code
        if is_program_runner(code):
            return None
        if is_outermost(frame):
            return self.uncaught(exc, tb)
        caller = frame.f_back
        if caller is None:  # called by C code, which handles what it raises
            return None
        in_user = is_user_file(code.co_filename)
        into_user = is_user_file(caller.f_code.co_filename)
        if in_user and not into_user:
            return self._decide(USER_UNHANDLED, _innermost_frame(tb, True), exc, tb)
        if not in_user and into_user and self.just_my_code and not _user_frames_from(tb, frame):
            # Raised in library code: with justMyCode, "raised" shows it where it
            # first reaches user code.
            return self._decide(ALWAYS, caller, exc, tb)
        return None

    def uncaught(self, exc, tb=None):
        """exc ends the program or its thread: an ExceptionStop at the frame that
        raised it (the innermost user frame, with justMyCode), or None."""
        tb = tb or exc.__traceback__
        if tb is None:
            return None
        return self._decide(UNHANDLED, _innermost_frame(tb, self.just_my_code), exc, tb)

    def _decide(self, mode, frame, exc, tb):
        modes = self.modes_for(type(exc))
        if mode not in modes or self._is_normal_exit(exc, mode):
            return None
        condition = modes[mode]
        if condition is None:
            return ExceptionStop(frame, exc, tb, mode)
        try:
            if not condition.holds(frame):
                return None
        except ConditionFailed as failed:
            return ExceptionStop(frame, exc, tb, mode, "exception breakpoint %s" % failed)
        return ExceptionStop(frame, exc, tb, mode)

    def _is_normal_exit(self, exc, mode):
        """Exceptions that are the normal way out, never a reason to stop: closing a
        generator, exiting with success, and (uncaught) the user's Ctrl-C."""
        if isinstance(exc, GeneratorExit):
            return True
        if isinstance(exc, SystemExit):
            if self.break_on_system_exit is not None:
                return not any(r["from"] <= _exit_status(exc.code) <= r["to"] for r in self.break_on_system_exit)
            return exc.code in (0, None) and not self.break_on_system_exit_zero
        return mode == UNHANDLED and isinstance(exc, KeyboardInterrupt)


def _exit_status(code):
    """The status a SystemExit's code makes: None is 0, a number itself, anything else
    (a message) 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1


class ExceptionOption:
    """One exceptionOptions entry: a break mode for the exception types its path names
    (every type when the path names only the category, "Python Exceptions")."""

    __slots__ = ("names", "negate", "modes")

    def __init__(self, spec):
        mode = spec.get("breakMode")
        if mode not in _OPTION_MODES:
            raise InvalidSetting("exceptionOptions: breakMode %r is not one of %s" % (mode, ", ".join(_OPTION_MODES)))
        self.modes = _OPTION_MODES[mode]
        path = list(spec.get("path") or ())
        if path and _CATEGORY in (path[0].get("names") or ()):
            path = path[1:]
        self.names = frozenset(path[0].get("names") or ()) if path else None
        self.negate = bool(path and path[0].get("negate"))

    def rank(self, exc_type):
        """How closely this option names exc_type, lower being closer: the MRO index of
        the first class it names; after those a negated option that applies; last a
        whole-category option. None when it does not apply."""
        mro = getattr(exc_type, "__mro__", (exc_type,))
        if self.names is None:
            return len(mro) + 1
        for index, cls in enumerate(mro):
            if self.names.intersection(_names_of(cls)):
                return None if self.negate else index
        return len(mro) if self.negate else None


def _names_of(cls):
    qualname = getattr(cls, "__qualname__", cls.__name__)
    return (cls.__name__, qualname, "%s.%s" % (cls.__module__, qualname))


def _mode_of(filter_id):
    mode = FILTERS.get(filter_id)
    if mode is None:
        raise InvalidSetting("unknown exception filter %r (known: %s)" % (filter_id, ", ".join(FILTERS)))
    return mode


def _unverified(message):
    return {"verified": False, "message": message}


def type_name(cls):
    """ValueError for builtins, package.module.Error otherwise."""
    qualname = getattr(cls, "__qualname__", cls.__name__)
    module = getattr(cls, "__module__", None)
    return qualname if module in (None, "builtins", "__builtin__") else "%s.%s" % (module, qualname)


def message_of(exc):
    """str(exc), never raising."""
    try:
        return str(exc)
    except Exception:
        return "<unprintable %s>" % type(exc).__name__


def _innermost_frame(tb, user_only):
    """The frame an exception with traceback tb was raised in, or with user_only the
    innermost user frame it passed through (if there is none, the frame it was raised in)."""
    innermost = user = None
    while tb is not None:
        innermost = tb.tb_frame
        if user_only and is_user_file(innermost.f_code.co_filename):
            user = innermost
        tb = tb.tb_next
    return user or innermost


def _user_frames_from(tb, frame):
    """Whether an exception with traceback tb passed through user code on its way out
    to frame."""
    frames = [f for f, _ in traceback.walk_tb(tb)]
    for index, f in enumerate(frames):
        if f is frame:
            frames = frames[index:]  # callers of frame do not count
            break
    return any(is_user_file(f.f_code.co_filename) for f in frames)


def _details(exc, seen):
    """DAP ExceptionDetails of exc and, as innerException, what it was raised from."""
    seen.add(id(exc))
    cls = type(exc)
    details = {
        "message": message_of(exc),
        "typeName": getattr(cls, "__qualname__", cls.__name__),
        "fullTypeName": "%s.%s" % (cls.__module__, getattr(cls, "__qualname__", cls.__name__)),
    }
    inner = exc.__cause__ if exc.__cause__ is not None else (
        None if exc.__suppress_context__ else exc.__context__)
    if inner is not None and id(inner) not in seen:
        inner_details = _details(inner, seen)
        inner_details["stackTrace"] = "".join(traceback.format_tb(inner.__traceback__))
        details["innerException"] = [inner_details]
    return details


def format_traceback(exc, tb, frame):
    """The traceback Python would print for exc (with traceback tb), with the chained
    exceptions it was raised from, and with every caller of frame even when exc has not
    reached them yet (as when it is stopped on where it was raised). Agent frames are
    left out."""
    entries = list(traceback.walk_tb(tb))
    outermost = entries[0][0] if entries else frame
    callers = []
    caller = outermost.f_back
    while caller is not None:
        callers.append((caller, caller.f_lineno))
        caller = caller.f_back
    shown = [e for e in callers[::-1] + entries if not is_agent_file(e[0].f_code.co_filename)]
    try:
        summary = traceback.TracebackException(type(exc), exc, tb)
        if shown != entries:  # as Python prints it (with 3.11's carets) when nothing was added
            summary.stack = traceback.StackSummary.extract(shown)
        return "".join(summary.format())
    except Exception as failure:  # a broken __str__ or source file must not break the stop
        return "%s\n(the traceback could not be formatted: %s)\n" % (describe_exception(exc), describe_exception(failure))
