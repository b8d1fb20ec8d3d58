"""One file's source, compiled plainly (to recognise the live code that came from it) and
again with the additions of tracing.rewrite, from which code copies are drawn.

A variant is compiled for one set of checks, with hooks in every scope (up to 3.11) and
without; a copy takes, scope by scope, the variant's code where that scope needs a hook
or holds a check, and the plain code elsewhere. Each compiled scope is compared with
its plain twin before it is used; a check that changes its scope is left out (its
breakpoint is then served by tracing) and the variant compiled again without it.
"""

import ast
import dis
import types

from . import linetable, rewrite
from ..frames import own_lines


def _line_table(code):
    return getattr(code, "co_linetable", None) or code.co_lnotab


def code_key(code):
    """Code equality leaves out the line table before 3.11; with it added, code compiled
    from a source whose lines moved is not taken for the same."""
    return code, _line_table(code)


class Unhookable(Exception):
    """Code that holds breakpoint lines but has no place for a hook."""


class SourceCode:
    """The file's source compiled under filename; variants drawn from it on demand."""

    def __init__(self, source, filename):
        self._source, self._filename = source, filename
        self.plain = compile(source, filename, "exec", dont_inherit=True)
        self._twins = {}
        self._index(self.plain)
        count = source.count(b"\n" if isinstance(source, bytes) else "\n")
        self._sentinel_base = count + 10  # past every line of the file
        self._variants = {}  # (frozenset of checks, hooks) -> Variant

    def _index(self, code):
        self._twins[code_key(code)] = code
        for inner in rewrite.inner_code(code):
            self._index(inner)

    def twin(self, code):
        """The code compiled here that equals code, or None if none does."""
        return self._twins.get(code_key(code))

    def variant(self, checks, hooks):
        """The Variant for these checks (a collection of rewrite.Check), with hook calls
        in every scope or without."""
        key = (frozenset(checks), hooks)
        variant = self._variants.get(key)
        if variant is None:
            variant = self._variants[key] = self._compile(set(key[0]), hooks)
        return variant

    def _compile(self, checks, hooks):
        while True:
            ordered = sorted(checks, key=lambda c: c.line)
            sentinels = {c.line: self._sentinel_base + 3 * i for i, c in enumerate(ordered)}
            by_sentinel = {sentinels[c.line]: c for c in checks}
            variant, bad = Variant(), set()
            for with_hooks in ((False, True) if hooks else (False,)):
                tree = ast.parse(self._source, self._filename)
                if with_hooks:
                    rewrite.insert_hooks(tree)
                rewrite.place_checks(tree, checks, sentinels)
                compiled = compile(tree, self._filename, "exec", dont_inherit=True)
                bad |= variant.add(self.plain, compiled, by_sentinel, with_hooks)[0]
            if not bad:
                return variant
            checks -= bad


class Variant:
    """The scopes of one compilation with additions, by their plain twins: for each,
    the code with hooks and without, and the Sites of the checks it holds."""

    def __init__(self):
        self._scopes = {}  # (code_key(plain scope), with hooks) -> (code, {line: Site})
        self._copies = {}  # (code_key(plain), lines) -> copy

    def add(self, plain, compiled, sentinel_checks, with_hooks):
        """Pair the scopes of compiled with those of plain. Returns (bad, within): the
        checks that changed their scope, and every check compiled into it or its inner
        scopes."""
        inner_plain, inner_compiled = rewrite.inner_code(plain), rewrite.inner_code(compiled)
        if len(inner_plain) != len(inner_compiled):
            raise ValueError("additions changed the nesting of %s" % plain.co_name)
        bad, within, replaced = set(), set(), []
        for p, c in zip(inner_plain, inner_compiled):
            inner_bad, inner_within = self.add(p, c, sentinel_checks, with_hooks)
            bad |= inner_bad
            within |= inner_within
            replaced.append(self._scopes.get((code_key(p), with_hooks), (p,))[0])
        sites = _sites(compiled, sentinel_checks)
        own = {site.check for site in sites.values()}
        within |= own
        if replaced:
            consts = iter(replaced)
            compiled = compiled.replace(co_consts=tuple(
                next(consts) if isinstance(c, types.CodeType) else c for c in compiled.co_consts))
        if sites:
            try:
                compiled = linetable.relocate(compiled, {s: c.line for s, c in sentinel_checks.items()})
            except ValueError:
                return bad | own, within
        if any(not site.starts for site in sites.values()):
            return bad | {site.check for site in sites.values() if not site.starts}, within
        if not _same_scope(plain, compiled, sites):
            return bad | within, within
        self._scopes[(code_key(plain), with_hooks)] = (compiled, sites)
        return bad, within

    def copy_for(self, plain, lines, hooks, registry):
        """The code to run instead of plain (a scope of this file) for breakpoints at
        lines: scopes with checks take them, scopes whose other lines hold breakpoints
        take a hook (if hooks), the rest stay plain; plain itself when nothing changes.
        Each copy made is entered in registry, {id(copy): (copy, {line: Site})}.
        Raises Unhookable."""
        key = (code_key(plain), lines)
        copy = self._copies.get(key)
        if copy is not None:
            return copy
        inner = rewrite.inner_code(plain)
        copies = [self.copy_for(p, lines, hooks, registry) for p in inner]
        checked, sites = self._scopes.get((code_key(plain), False), (plain, {}))
        waiting = (own_lines(plain) & lines) - set(sites)
        if hooks and waiting:
            base, sites = self._scopes.get((code_key(plain), True), (plain, {}))
            if not rewrite.has_hook(base):
                raise Unhookable(plain)
        elif sites:
            base = checked
        elif all(c is p for c, p in zip(copies, inner)):
            self._copies[key] = plain
            return plain
        else:
            base = plain
        replacements = iter(copies)
        copy = base.replace(co_consts=tuple(
            next(replacements) if isinstance(c, types.CodeType) else c for c in base.co_consts))
        registry[id(copy)] = (copy, sites)
        self._copies[key] = copy
        return copy


def _ranges(code):
    """(start, end, line or None) of code's instructions, in address order."""
    if hasattr(code, "co_lines"):
        return list(code.co_lines())
    starts = list(dis.findlinestarts(code))
    ends = [s for s, _ in starts[1:]] + [len(code.co_code)]
    return [(start, end, line) for (start, line), end in zip(starts, ends)]


def _sites(code, sentinel_checks):
    """{line: Site} of the checks compiled into code (found by their sentinel lines).
    The no-line code after a check (the jump over its handler) belongs to it; a region
    of a check that its own handler starts (3.11 on: placed apart) starts no pass."""
    regions = []  # [start, end, sentinel, the line after it]
    for start, end, line in _ranges(code):
        last = regions[-1] if regions else None
        if line in sentinel_checks:
            if last is not None and last[2] == line and last[1] == start:
                last[1] = end
            else:
                regions.append([start, end, line, None])
        elif line is None and last is not None and last[1] == start and last[3] is None:
            last[1] = end
        elif last is not None and last[1] == start and last[3] is None:
            last[3] = line
    handlers = _handler_regions(code, regions)
    sites = {}
    for start, end, sentinel, after in regions:
        check = sentinel_checks[sentinel]
        site = sites.setdefault(check.line, rewrite.Site(check))
        site.spans.append((start, end))
        if after == check.line and start not in handlers:
            site.starts.add(start)
            site.resumes.add(end)
    return sites


def _handler_regions(code, regions):
    """The starts of the regions that begin the handler of a check's try: 3.11 on, the
    handler of an exception table entry over a check, where it lies apart (up to 3.10,
    and mostly in 3.11, a check's handler lies within its own code)."""
    entries = getattr(dis.Bytecode(code), "exception_entries", ())
    targets = {e.target for e in entries for r in regions if e.start < r[1] and r[0] < e.end}
    starts = set()
    for target in targets:
        if any(r[0] <= target < r[1] for r in regions):
            continue
        # The handler's first instruction (PUSH_EXC_INFO) may sit on another line.
        starts.update(r[0] for r in regions if 0 <= r[0] - target <= 4)
    return starts


def entered(plain, line):
    """Can each run of plain's instructions at line be entered: is its first instruction
    a jump target, or does the instruction before it go on to it? (The compiler leaves
    some instructions no path reaches, such as a `pass` after a jump up to 3.9: a check
    there would make its line run.)"""
    previous = None
    for instruction in dis.get_instructions(plain):
        starts_line = instruction.starts_line
        at = starts_line if isinstance(starts_line, int) and not isinstance(starts_line, bool) \
            else getattr(instruction, "line_number", None) if starts_line else None
        if at == line and not instruction.is_jump_target:
            if previous is not None and previous.opname in _TRANSFERS:
                return False
        if instruction.opname not in ("EXTENDED_ARG", "CACHE"):
            previous = instruction
    return True


_TRANSFERS = frozenset(("JUMP_ABSOLUTE", "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP",
                        "JUMP_NO_INTERRUPT", "RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE"))


def _same_scope(plain, compiled, sites):
    """Do the additions leave plain's names, flags and line events as they were?"""
    if any(getattr(plain, name, None) != getattr(compiled, name, None) for name in rewrite.SAME_ATTRIBUTES):
        return False
    if own_lines(plain) != own_lines(compiled):
        return False
    if not all(entered(plain, line) for line in sites):
        return False
    names = set(compiled.co_varnames) | set(compiled.co_cellvars) | set(compiled.co_freevars)
    if names & rewrite.OWN_NAMES:
        return False
    function = compiled.co_flags & 0x1  # CO_OPTIMIZED: names are fast locals, cells or globals
    for site in sites.values():
        if site.check.condition is not None and function:
            if not rewrite.stores(rewrite.condition_tree(site.check.condition)) <= names:
                return False  # a walrus would assign a global that eval would not
    return True
