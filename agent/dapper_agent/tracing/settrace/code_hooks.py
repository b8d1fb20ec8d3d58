"""Bringing breakpoints to the code (CPython up to 3.11, where any trace function slows
every call). A code object that holds breakpoint lines is replaced by a copy that
calls a hook when it starts; the hook switches tracing on for that one frame, so the
rest of the program runs untraced.

The copy is compiled from the file's source with one statement added at the start of
each scope (function, class, module body; an `or` in a lambda; a condition in a
comprehension), on the line the scope's first statement has, so line numbers,
tracebacks and line events stay what they were. Before a copy is used, the original
is checked against the same source compiled plainly: code that came from other text
(a file changed since, generated or rewritten code) is reported as not hookable and
left alone.

Copies go where code objects become frames: the `__code__` of live functions, the
constants of code that creates functions (patched in place when that code is already
running or about to run), and modules as they are executed.
"""

import ast
import gc
import os
import types

from ...frames import own_lines
from ...paths import canonical

try:
    import ctypes
except ImportError:  # then thread_tracing is unavailable, and this module unused
    ctypes = None

# A string no program contains, compiled where the hook goes and then replaced in the
# code's constants by the hook itself. Called through `.__call__` because a call of a
# literal draws a SyntaxWarning from the compiler.
_MARK = "\x00dapper: code hook\x00"


def _line_table(code):
    return getattr(code, "co_linetable", None) or code.co_lnotab


def _key(code):
    # Code equality leaves out the line table before 3.11; add it, so that code
    # compiled from a source whose lines moved is not taken for the same.
    return code, _line_table(code)


def _code_consts(code):
    return [c for c in code.co_consts if isinstance(c, types.CodeType)]


class _InsertHooks(ast.NodeTransformer):
    """Adds a hook call at the start of every scope of a module's syntax tree."""

    def visit_Module(self, node):
        self.generic_visit(node)
        _prepend_hook(node.body, skip_future=True)
        return node

    def _body(self, node):
        self.generic_visit(node)
        _prepend_hook(node.body)
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _body

    def visit_Lambda(self, node):
        self.generic_visit(node)
        node.body = ast.copy_location(ast.BoolOp(ast.Or(), [_hook_call(node.body), node.body]), node.body)
        return node

    def _comprehension(self, node):
        self.generic_visit(node)
        first = node.generators[0]
        at = first.target
        first.ifs.insert(0, _locate(ast.UnaryOp(ast.Not(), _hook_call(at)), at))
        return node

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension


def _hook_call(at):
    """A call of the hook, placed at the start of node at (on its first line only)."""
    call = ast.Call(ast.Attribute(ast.Constant(_MARK), "__call__", ast.Load()), [], [])
    for node in ast.walk(call):
        _locate(node, at)
    return call


def _locate(node, at):
    node.lineno, node.col_offset = at.lineno, at.col_offset
    node.end_lineno, node.end_col_offset = at.lineno, at.col_offset
    return node


def _prepend_hook(body, skip_future=False):
    i = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        i = 1  # the docstring stays first
    if skip_future:
        while i < len(body) and isinstance(body[i], ast.ImportFrom) and body[i].module == "__future__":
            i += 1
    if i == len(body):
        return  # nothing runs but a docstring: its lines vary by version; no hook
    at = body[i]
    body.insert(i, _locate(ast.Expr(_hook_call(at)), at))


class HookedSource:
    """One file's code compiled twice from its source: plainly, to recognise the live
    code that came from it, and with hooks in every scope, to draw copies from."""

    def __init__(self, source, filename):
        self.plain = compile(source, filename, "exec", dont_inherit=True)
        tree = _InsertHooks().visit(ast.parse(source, filename))
        self.hooked = compile(tree, filename, "exec", dont_inherit=True)
        self._pairs = {}  # _key(plain code) -> (plain, hooked)
        self._pair(self.plain, self.hooked)
        self._copies = {}  # (_key(plain code), lines, hook) -> its copy

    def _pair(self, plain, hooked):
        self._pairs[_key(plain)] = (plain, hooked)
        inner, hooked_inner = _code_consts(plain), _code_consts(hooked)
        if len(inner) != len(hooked_inner):
            raise ValueError("hooks changed the nesting of %s" % plain.co_name)
        for p, h in zip(inner, hooked_inner):
            self._pair(p, h)

    def twin(self, code):
        """The code compiled here that equals code, or None if none does."""
        pair = self._pairs.get(_key(code))
        return pair[0] if pair else None

    def copy_for(self, code, lines, hook):
        """The code to run instead of code (compiled from this source) so that every
        scope whose own lines meet lines calls hook when it starts: code itself when
        no scope in it needs one. Raises Unhookable."""
        key = (_key(code), frozenset(lines), hook)
        copy = self._copies.get(key)
        if copy is None:
            plain, hooked = self._pairs[key[0]]
            copy = self._copies[key] = _copy(plain, hooked, lines, hook)
        return copy


class Unhookable(Exception):
    """Code that holds breakpoint lines but has no place for a hook."""


def _copy(plain, hooked, lines, hook):
    inner = _code_consts(plain)
    copies = [_copy(p, h, lines, hook) for p, h in zip(inner, _code_consts(hooked))]
    needs_hook = not own_lines(plain).isdisjoint(lines)
    if needs_hook and not any(type(c) is str and c == _MARK for c in hooked.co_consts):
        raise Unhookable(plain)
    if not needs_hook and all(c is p for c, p in zip(copies, inner)):
        return plain
    base = hooked if needs_hook else plain
    replacements = iter(copies)
    consts = tuple(
        next(replacements) if isinstance(c, types.CodeType)
        else hook if type(c) is str and c == _MARK
        else c
        for c in base.co_consts)
    return base.replace(co_consts=consts)


class CodeHooks:
    """Places copies with hooks for a set of breakpoint lines, and takes them away
    again when the lines change. `hook` is what the copies call, with no arguments, as
    the first thing their frame does."""

    def __init__(self, hook):
        self._hook = hook
        self._sources = {}  # (canonical path, co_filename) -> (stat key, HookedSource or None)
        self._lines = {}  # canonical path -> breakpoint lines the placed copies serve
        self._plain = {}  # id(code) -> (code, the plain code it stands for)
        self._failed = set()

    def place(self, lines_by_path, running_frames):
        """Make the program's code call the hook in every scope that holds one of the
        lines (by canonical path), and nowhere else. Returns the paths with code that
        could not be hooked (changed since loaded, not from source, or a generator
        already started)."""
        lines = {p: frozenset(lines) for p, lines in lines_by_path.items() if lines}
        if lines == self._lines:
            return self._failed  # the scan below is not cheap; steps and pauses refresh too
        paths = set(lines) | set(self._lines)
        self._lines = lines
        failed = set()
        started = []
        for obj in gc.get_objects():
            if isinstance(obj, types.FunctionType):
                path = canonical(obj.__code__.co_filename)
                if path in paths and not self._swap(obj, path):
                    failed.add(path)
            elif isinstance(obj, _STARTED_KINDS):
                started.append(obj)
        for obj in started:
            # Its frame exists already, so a hook at the start of its code comes too
            # late, or never runs (plain code).
            frame = _waiting_frame(obj, self._hook)
            if frame is not None and self._needs_hook(frame.f_code):
                failed.add(canonical(frame.f_code.co_filename))
        for frame in running_frames:
            path = canonical(frame.f_code.co_filename)
            if path in paths and not self.module_starts(frame.f_code):
                failed.add(path)
        self._failed = failed & set(lines)
        return self._failed

    def file_loads(self, path, lines):
        """Breakpoints in a file that is only now being loaded were bound to lines: its
        code, not run yet, is hooked as it starts (module_starts)."""
        lines = frozenset(lines or ())
        if lines == self._lines.get(path, frozenset()):
            return
        if lines:
            self._lines = {**self._lines, path: lines}
        else:
            self._lines = {p: v for p, v in self._lines.items() if p != path}

    def module_starts(self, code):
        """code is about to run, or is running: give it the copies of its inner code.
        Returns False if code did not come from its file's source as it is now."""
        path = canonical(code.co_filename)
        lines = self._lines.get(path, ())
        if not lines and id(code) not in self._plain:
            return True  # the common case: nothing to do, and no source to read
        source = self._source(path, code.co_filename)
        plain = source and source.twin(self._plain_of(code))
        if plain is None:
            return not lines
        try:
            wanted = source.copy_for(plain, lines, self._hook)
        except Unhookable:
            return False
        if any(a is not b for a, b in zip(_code_consts(code), _code_consts(wanted))):
            # Patched in place, code no longer equals its source: remember its twin.
            patch_consts(code, wanted)
            self._plain[id(code)] = (code, plain)
        return True

    def _needs_hook(self, code):
        lines = self._lines.get(canonical(code.co_filename))
        return bool(lines) and not own_lines(code).isdisjoint(lines)

    def _swap(self, function, path):
        code = function.__code__
        source = self._source(path, code.co_filename)
        plain = source and source.twin(self._plain_of(code))
        if plain is None:
            return not self._lines.get(path)
        try:
            wanted = source.copy_for(plain, self._lines.get(path, ()), self._hook)
        except Unhookable:
            return False
        if wanted is not code:
            function.__code__ = wanted
            self._plain[id(wanted)] = (wanted, plain)
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
                    source = HookedSource(f.read(), filename)
            except (OSError, SyntaxError, ValueError):
                source = None
            cached = self._sources[(path, filename)] = (key, source)
        return cached[1]


_STARTED_KINDS = (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)


def _waiting_frame(obj, hook):
    """The frame of a generator, coroutine or async generator that is neither running
    nor finished, unless it has not started yet and its code calls hook at the start."""
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
    if created and any(c is hook for c in frame.f_code.co_consts):
        return None
    return frame


# -- patching the constants of code that is already running ------------------------------


def patch_consts(code, replacement):
    """Give code the inner code objects of replacement (its copy, with or without a
    hook): functions it creates from now on get them. The constants are changed in
    place, the one way to reach code whose frame already exists or is being made."""
    slots = [i for i, c in enumerate(code.co_consts) if isinstance(c, types.CodeType)]
    for i, new in zip(slots, _code_consts(replacement)):
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
