"""Function breakpoints: a name bound to the code objects it names, stopping at the
first line of their body. Accepted names:

    func                        a function of that name in user code
    module.func                 a function of a module (dotted names are tried as a
    Class.method                module path, a qualified name, or both split)
    package.module:Class.method the module and the qualified name, explicitly

Names bind when the module defining them loads (bind_module), or at once if it has
(bind_loaded): late-bound, like line breakpoints in a module not imported yet."""

import os
import sys
import types

from ..frames import CO_OPTIMIZED, code_lines
from ..paths import NOT_USER_CODE, is_agent_file, is_user_file
from .conditions import InvalidSetting, Trigger


class FunctionBreakpoint:
    __slots__ = ("id", "name", "candidates", "trigger", "codes", "message")

    def __init__(self, bp_id, name):
        self.id = bp_id
        self.name = name
        self.candidates = ()  # (module name or None for any user module, qualname)
        self.trigger = None
        self.codes = []
        self.message = None

    @property
    def verified(self):
        return bool(self.codes)

    def to_dap(self):
        body = {"id": self.id, "verified": self.verified}
        if self.codes:
            code = self.codes[0]
            body["line"] = body_line(code)
            body["source"] = {"name": os.path.basename(code.co_filename), "path": code.co_filename}
        else:
            body["message"] = self.message or "%s is not defined yet: it binds when its module loads" % self.name
        return body


def parse_name(name):
    """The (module, qualname) pairs a function breakpoint name may mean; raises
    InvalidSetting when it is not a name."""
    text = name.strip()
    module, colon, qualname = text.rpartition(":")
    if colon:
        if not _dotted(module, False) or not _dotted(qualname, True):
            raise InvalidSetting("function breakpoint %r: expected package.module:Class.method" % name)
        return ((module, qualname),)
    if not _dotted(text, True):
        raise InvalidSetting("function breakpoint %r: expected func, module.func, Class.method "
                             "or package.module:Class.method" % name)
    parts = text.split(".")
    return ((None, text),) + tuple((".".join(parts[:k]), ".".join(parts[k:])) for k in range(1, len(parts)))


def _dotted(text, locals_allowed):
    return bool(text) and all(
        part.isidentifier() or (locals_allowed and part == "<locals>") for part in text.split("."))


def body_line(code):
    """The first line of a function's body: its first line after the def (or after
    its decorators); a one-line function's own line."""
    after = [line for line in code_lines(code) if line > code.co_firstlineno]
    return min(after) if after else code.co_firstlineno


def qualified_codes(code, qualname):
    """code and every code object nested in it, with their qualified names."""
    stack = [(code, qualname)]
    while stack:
        co, name = stack.pop()
        yield co, name
        for const in co.co_consts:
            if isinstance(const, types.CodeType):
                stack.append((const, _child_qualname(co, name, const)))


def _child_qualname(parent, parent_name, child):
    qualname = getattr(child, "co_qualname", None)  # 3.11+
    if qualname is not None:
        return qualname
    if parent.co_name == "<module>":
        return child.co_name
    if parent.co_flags & CO_OPTIMIZED:  # a function: its children are locals
        return "%s.<locals>.%s" % (parent_name, child.co_name)
    return "%s.%s" % (parent_name, child.co_name)  # a class body


class FunctionBreakpoints:
    """The function breakpoints the client set, and the code objects they are bound
    to. Written by the thread that sets or binds, read by every traced thread:
    readers see the old or the new mapping, never a mix."""

    def __init__(self, new_id):
        self._new_id = new_id  # shared with line breakpoints: ids are unique per session
        self._all = []  # as last set, in request order (unusable ones included)
        self._wanted = {}  # (module or None, qualname) -> [FunctionBreakpoint]
        # id(code) -> (code, (FunctionBreakpoint, ...)): a code object's own hash is
        # computed afresh, over all its constants, at every lookup.
        self._by_code = {}
        # Plain attributes, read on hot paths: any breakpoint set (so module loads
        # are worth scanning), any bound (so line events are worth asking about).
        self.waiting = self.bound = False
        self.just_my_code = True

    def set(self, specs):
        """Replace every function breakpoint; returns them in request order. A name set
        again keeps its id, its bindings, and its hit count if the conditions stay."""
        previous_by_name = {}  # a name given twice: the first keeps the first's id
        for bp in self._all:
            previous_by_name.setdefault(bp.name, []).append(bp)
        result = []
        for spec in specs:
            name = spec.get("name") or ""
            earlier = previous_by_name.get(name)
            previous = earlier.pop(0) if earlier else None
            bp = FunctionBreakpoint(previous.id if previous else self._new_id(), name)
            result.append(bp)
            try:
                candidates = parse_name(name)
                bp.trigger = Trigger.parse(spec.get("condition"), spec.get("hitCondition"))
            except InvalidSetting as exc:
                bp.message = str(exc)
                continue
            bp.candidates = candidates
            if previous is not None and previous.candidates:
                bp.codes = list(previous.codes)
                if bp.trigger is not None:
                    bp.trigger.inherit(previous.trigger)
        active = [bp for bp in result if bp.candidates]
        wanted = {}
        for bp in active:
            for candidate in bp.candidates:
                wanted.setdefault(candidate, []).append(bp)
        self._all, self._wanted = result, wanted
        self.waiting = bool(wanted)
        self._publish(active)
        self.bind_loaded()
        return result

    def clear(self):
        self._all, self._wanted, self._by_code = [], {}, {}
        self.waiting = self.bound = False

    def at_code(self, code):
        """The function breakpoints bound to code, or None."""
        entry = self._by_code.get(id(code))
        return entry.breakpoints if entry is not None and entry.code is code else None

    def call_starts(self, frame, line):
        """The function breakpoints whose function this line event enters: the first
        line of the body, run for the first time in this call. None otherwise."""
        entry = self._by_code.get(id(frame.f_code))
        if entry is None or line != entry.line or entry.code is not frame.f_code:
            return None
        # A loop can jump back to the body's first line, but not to the first
        # instruction of the body (Python 3.10+; on 3.9 a while loop can).
        if frame.f_lasti != entry.start:
            return None
        return entry.breakpoints

    def bind_module(self, module_name, module_code):
        """A module is loading: bind the breakpoints naming functions in it. Returns
        the breakpoints that became verified."""
        if not self._wanted:
            return []
        names = (module_name,)
        if module_name == "__main__":  # the program can be named by its file, too
            names += (os.path.splitext(os.path.basename(module_code.co_filename))[0],)
        return self._bind(names, qualified_codes(module_code, "<module>"), module_code.co_filename)

    def bind_loaded(self):
        """Bind to functions of modules already loaded. Returns the breakpoints that
        became verified."""
        if not self._wanted:
            return []
        modules = {m for m, _ in self._wanted if m is not None}
        newly = []
        for module_name, module in list(sys.modules.items()):
            filename = getattr(module, "__file__", None)
            if module_name not in modules and not (filename and is_user_file(filename)):
                continue
            names = (module_name,)
            if module_name == "__main__" and filename:
                names += (os.path.splitext(os.path.basename(filename))[0],)
            newly += self._bind(names, _module_codes(module, module_name), filename)
        # A module still running its body (the program's __main__ stopped on entry)
        # has not defined its functions yet, and its load was seen before these
        # breakpoints existed: bind to the code its body will define them from.
        for frame in sys._current_frames().values():
            while frame is not None:
                code = frame.f_code
                if code.co_name == "<module>" and not is_agent_file(code.co_filename):
                    module_name = frame.f_globals.get("__name__")
                    names = (module_name,)
                    if module_name == "__main__":
                        names += (os.path.splitext(os.path.basename(code.co_filename))[0],)
                    newly += self._bind(names, qualified_codes(code, "<module>"), code.co_filename)
                frame = frame.f_back
        return newly

    def _bind(self, module_names, codes, filename):
        user = filename is not None and is_user_file(filename)
        wanted, newly, changed = self._wanted, [], False
        for code, qualname in codes:
            bps = []
            for module_name in module_names:
                bps += wanted.get((module_name, qualname), ())
            if user or not self.just_my_code:  # a bare name means the user's code
                bps += wanted.get((None, qualname), ())
            elif bps:  # it could never stop there: say so, and cost nothing
                for bp in bps:
                    bp.message = NOT_USER_CODE
                continue
            for bp in bps:
                if not any(c is code for c in bp.codes):
                    if not bp.codes:
                        newly.append(bp)
                    bp.codes.append(code)
                    changed = True
        if changed:
            self._publish(self._all)
        return newly

    def _publish(self, bps):
        by_code = {}
        for bp in bps:
            for code in bp.codes:
                entry = by_code.get(id(code))
                if entry is None:
                    entry = by_code[id(code)] = _Entry(code)
                entry.breakpoints += (bp,)
        self._by_code = by_code
        self.bound = bool(by_code)


class _Entry:
    """A code object with function breakpoints, and where its body starts."""

    __slots__ = ("code", "breakpoints", "line", "start")

    def __init__(self, code):
        self.code = code
        self.breakpoints = ()
        self.line = body_line(code)
        self.start = _first_offset(code, self.line)


def _first_offset(code, line):
    """The offset of the first instruction on line."""
    if hasattr(code, "co_lines"):
        return next((start for start, _, at in code.co_lines() if at == line), -1)
    import dis  # 3.9

    return next((offset for offset, at in dis.findlinestarts(code) if at == line), -1)


def _module_codes(module, module_name):
    """(code, qualname) of every function defined in a loaded module, found through
    its namespace: functions, classes and their methods, and what is nested in them.
    Objects are told apart by their type alone: a proxy's __class__ or __getattr__
    is never called."""
    try:
        stack = list(vars(module).values())
    except TypeError:  # not a module: something put in sys.modules
        return
    seen = set()
    while stack:
        obj = stack.pop()
        kind = type(obj)
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if kind is staticmethod or kind is classmethod:
            stack.append(obj.__func__)
        elif kind is property:
            stack.extend(f for f in (obj.fget, obj.fset, obj.fdel) if f is not None)
        elif kind is types.FunctionType:
            qualname = _own_qualname(obj)
            if qualname is not None and obj.__module__ == module_name:
                yield from qualified_codes(obj.__code__, qualname)
            wrapped = obj.__dict__.get("__wrapped__")  # functools.wraps
            if wrapped is not None:
                stack.append(wrapped)
        elif issubclass(kind, type) and type.__getattribute__(obj, "__module__") == module_name:
            stack.extend(type.__getattribute__(obj, "__dict__").values())


def _own_qualname(fn):
    """The qualified name of the code fn runs; None when only fn.__qualname__ could
    say and it was copied from another function (functools.wraps), before 3.11."""
    code = fn.__code__
    qualname = getattr(code, "co_qualname", None)
    if qualname is None:
        qualname = fn.__qualname__
        if qualname.rpartition(".")[2] != code.co_name:
            return None
    return qualname
