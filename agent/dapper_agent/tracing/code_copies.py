"""Bringing breakpoints to the code: the code objects of a file with breakpoints are
replaced by copies compiled from its source (tracing.source_code) that hold a check
before each breakpoint's statement, and (up to 3.11, where any trace function slows
every call) a hook at the start of each scope whose breakpoints no check serves.

Copies go where code objects become frames: the `__code__` of live functions, the
constants of code that creates functions (patched in place when that code is already
running or about to run), and modules as they are executed. A frame that was running
already when its breakpoints changed keeps its code: the debugger traces it as before.
Before a copy is used, the original is checked against the same source compiled
plainly: code that came from other text (a file changed since, generated or rewritten
code) is reported as not hookable and left alone.

Every copy made stays known, with the Sites of its checks, for as long as the agent
runs: frames may still be running it after their breakpoints have changed.
"""

import gc
import os
import types

from . import rewrite
from .source_code import SourceCode, Unhookable
from ..frames import own_lines
from ..paths import canonical

try:
    import ctypes
except ImportError:  # then no code running already can be patched
    ctypes = None


class Plan:
    """What the copies of one file serve: the lines of its breakpoints, and the checks
    (rewrite.Check) of those that can be decided in the code."""

    __slots__ = ("lines", "checks")

    def __init__(self, lines, checks=()):
        self.lines, self.checks = frozenset(lines), frozenset(checks)

    def __eq__(self, other):
        return isinstance(other, Plan) and (self.lines, self.checks) == (other.lines, other.checks)

    def __hash__(self):
        return hash((self.lines, self.checks))


def plans_of(breakpoint_plans):
    """{path: Plan} from the debugger's {path: {line: (key, condition)}}."""
    return {path: plan_of(lines) for path, lines in breakpoint_plans.items()}


def plan_of(lines):
    """The Plan of one file from the debugger's {line: (key, condition)}."""
    lines = lines or {}
    return Plan(lines, [rewrite.Check(line, key, condition) for line, (key, condition) in lines.items()])


class CodeCopies:
    """Places copies for the breakpoint plans of files, and takes them away again when
    the plans change. hooks: whether scopes that must be traced call rewrite.HOOK."""

    def __init__(self, hooks):
        self._hooks = hooks
        self._sources = {}  # (canonical path, co_filename) -> (stat key, SourceCode or None)
        self._plans = {}  # canonical path -> the Plan the placed copies serve
        self._plain = {}  # id(code) -> (code, the plain code it stands for)
        self.made = {}  # id(copy) -> (copy, {line: Site}) of every copy made
        self._failed = set()

    def sites(self, code):
        """{line: Site} of the checks that code (a copy) holds; empty for other code."""
        entry = self.made.get(id(code))
        return entry[1] if entry is not None and entry[0] is code else {}

    def place(self, plans, running_frames):
        """Make the program's code follow plans ({canonical path: Plan}): checks where
        they are planned, hooks in every scope that holds another breakpoint line, and
        nothing elsewhere. Returns the paths with code that could not be given hooks
        (changed since loaded, not from source, or a generator already started)."""
        plans = {p: plan for p, plan in plans.items() if plan.lines}
        if plans == self._plans:
            return self._failed  # the scan below is not cheap; steps and pauses refresh too
        paths = set(plans) | set(self._plans)
        self._plans = plans
        failed = set()
        started = []
        for obj in gc.get_objects():
            if isinstance(obj, types.FunctionType):
                path = canonical(obj.__code__.co_filename)
                if path in paths and not self._swap(obj, path):
                    failed.add(path)
            elif self._hooks and isinstance(obj, _STARTED_KINDS):
                started.append(obj)
        for obj in started:
            # Its frame exists already, so a hook at the start of its code comes too
            # late, or never runs (plain code).
            frame = _waiting_frame(obj)
            if frame is not None and self._waits_for_hook(frame.f_code):
                failed.add(canonical(frame.f_code.co_filename))
        for frame in running_frames:
            path = canonical(frame.f_code.co_filename)
            if path in paths and not self.module_starts(frame.f_code):
                failed.add(path)
        self._failed = failed & set(plans)
        return self._failed

    def file_loads(self, path, plan):
        """Breakpoints in a file that is only now being loaded were bound to lines: its
        code, not run yet, gets its copies as it starts (module_starts)."""
        if plan.lines:
            if plan != self._plans.get(path):
                self._plans = {**self._plans, path: plan}
        elif path in self._plans:
            self._plans = {p: v for p, v in self._plans.items() if p != path}

    def module_starts(self, code):
        """code is about to run, or is running: give it the copies of its inner code.
        Returns False if code did not come from its file's source as it is now."""
        path = canonical(code.co_filename)
        plan = self._plans.get(path)
        if plan is None and id(code) not in self._plain:
            return True  # the common case: nothing to do, and no source to read
        wanted = self._copy(path, code, plan)
        if wanted is None:
            return plan is None
        if wanted is False:
            return False
        inner, replacement = rewrite.inner_code(code), rewrite.inner_code(wanted)
        if any(a is not b for a, b in zip(inner, replacement)):
            # Patched in place, code no longer equals its source: remember its twin.
            patch_consts(code, wanted)
            self._plain[id(code)] = (code, self._plain_of(code))
        return True

    def _copy(self, path, code, plan):
        """The copy of code for plan: None if code is not from its file's source,
        False if it needs a hook and has no place for one."""
        source = self._source(path, code.co_filename)
        plain = source and source.twin(self._plain_of(code))
        if plain is None:
            return None
        if plan is None:
            return plain
        try:
            return source.variant(plan.checks, self._hooks).copy_for(plain, plan.lines, self._hooks, self.made)
        except Unhookable:
            return False

    def _waits_for_hook(self, code):
        plan = self._plans.get(canonical(code.co_filename))
        return plan is not None and not own_lines(code).isdisjoint(plan.lines) and not rewrite.has_hook(code)

    def _swap(self, function, path):
        code = function.__code__
        wanted = self._copy(path, code, self._plans.get(path))
        if wanted is None:
            return path not in self._plans
        if wanted is False:
            return False
        if wanted is not code:
            function.__code__ = wanted
            self._plain[id(wanted)] = (wanted, self._plain_of(code))
        return True

    def _plain_of(self, code):
        entry = self._plain.get(id(code))
        return entry[1] if entry is not None and entry[0] is code else code

    def _source(self, path, filename):
        """The file at path compiled under the name its code objects carry."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._sources.get((path, filename))
        if cached is None or cached[0] != key:
            try:
                with open(path, "rb") as f:
                    source = SourceCode(f.read(), filename)
            except (OSError, SyntaxError, ValueError):
                source = None
            cached = self._sources[(path, filename)] = (key, source)
        return cached[1]


_STARTED_KINDS = (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)


def _waiting_frame(obj):
    """The frame of a generator, coroutine or async generator that is neither running
    nor finished, unless it has not started yet and its code calls the hook first."""
    for prefix in ("gi_", "cr_", "ag_"):
        frame = getattr(obj, prefix + "frame", None)
        if frame is not None:
            break
    else:
        return None
    if getattr(obj, prefix + "running", False):
        return None
    suspended = getattr(obj, prefix + "suspended", None)  # 3.11+, not async generators
    created = not suspended if suspended is not None else frame.f_lasti <= 0
    if created and rewrite.has_hook(frame.f_code):
        return None
    return frame


# -- patching the constants of code that is already running ------------------------------


def patch_consts(code, replacement):
    """Give code the inner code objects of replacement (its copy, or its plain twin):
    functions it creates from now on get them. The constants are changed in place, the
    one way to reach code whose frame already exists or is being made."""
    slots = [i for i, c in enumerate(code.co_consts) if isinstance(c, types.CodeType)]
    for i, new in zip(slots, rewrite.inner_code(replacement)):
        if code.co_consts[i] is not new:
            _set_tuple_item(code.co_consts, i, new)


def _set_tuple_item(tup, index, value):
    """tup[index] = value, in place, keeping reference counts right. A tuple's items
    follow its header, whose size is tuple.__basicsize__."""
    api = ctypes.pythonapi
    api.Py_IncRef.argtypes = api.Py_DecRef.argtypes = [ctypes.c_void_p]
    slot = ctypes.c_void_p.from_address(id(tup) + tuple.__basicsize__ + index * ctypes.sizeof(ctypes.c_void_p))
    old = slot.value
    api.Py_IncRef(id(value))
    slot.value = id(value)
    api.Py_DecRef(old)
