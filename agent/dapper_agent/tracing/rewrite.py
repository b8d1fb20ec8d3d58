"""A file's code compiled again with additions, for the copies that bring breakpoints to
the code (tracing.code_copies). Two kinds of addition, both placed so that line numbers,
line events and the locals of every scope stay what they were:

- a check, before the statement a breakpoint's line starts: in effect
  `if <condition> and <hit count allows>: <the agent decides>` in that statement's own
  scope, so that while it is false nothing traces the frame and nothing is called;
- a hook (up to 3.11), as the first thing each scope does, for the breakpoints no check
  can serve: it switches tracing on for that one frame.

The copies hold only what plain code holds: they reach the agent by name at run time,
through names the agent puts in builtins (STOP, HITS, HOOK). A copy that travels to a
process without the agent (a function pickled by value) still runs: there the names
are missing, and the check, finding them missing, does nothing more (its condition is
evaluated, its answer unused).

A check's condition is the breakpoint's expression itself, compiled into the scope, so
it reads names as eval() in that frame would: locals, cells and free variables first,
then globals and builtins. Where compiling it there would change that (it would bind a
new local or capture a new free variable, assign a global, mangle a private name, or
make a scope of its own: a lambda or comprehension) the breakpoint gets no check and is
served by tracing as before. A check goes only before a simple statement, an `if` or a
`try` whose line events come once per execution: not before a loop header, a `with`, a
definition, or a statement that yields or awaits (each of those has line events at its
line again later). Before a copy is used, each of its scopes is compared with the plain
compilation: names, flags and the lines that have events must be the same.
"""

import ast

STOP = "__dapper_bp__"  # the agent's decision: STOP(1) a check holds, STOP(0) it raised
# While STOP(1) answers True the check goes round its loop: the backward jump gives the
# frame a line event (3.12+: a jump event), where the agent stops (see checked_lines).
HITS = "__dapper_hits__"  # {key: a callable that counts a hit and tells if it fires}
HOOK = "__dapper_hook__"  # called by a scope that must be traced (up to 3.11)

_CHECK = """\
try:
    if %(hits)s[%%d]():
        while %(stop)s(1):
            pass
except:
    if __import__("builtins").__dict__.get("%(stop)s", ().count)(0):
        raise
""" % {"hits": HITS, "stop": STOP}
_HOOK_CALL = '__import__("builtins").__dict__.get("%s", ().count)(0)' % HOOK
OWN_NAMES = frozenset((STOP, HITS, HOOK, "__import__"))
_SIMPLE = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Delete, ast.Pass,
           ast.Raise, ast.Assert, ast.Import, ast.ImportFrom, ast.Break, ast.Continue)
_HEADERS = tuple(getattr(ast, name) for name in ("If", "Try", "TryStar") if hasattr(ast, name))
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.GeneratorExp,
           ast.ListComp, ast.SetComp, ast.DictComp)
_SUSPENDS = (ast.Yield, ast.YieldFrom, ast.Await)
SAME_ATTRIBUTES = ("co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_flags",
                   "co_varnames", "co_cellvars", "co_freevars", "co_name", "co_firstlineno")


class Check:
    """What a copy inlines at a line: the breakpoint's condition (source text, or None)
    and the key under which HITS holds its hit count."""

    __slots__ = ("line", "key", "condition")

    def __init__(self, line, key, condition=None):
        self.line, self.key, self.condition = line, key, condition

    def _id(self):
        return self.line, self.key, self.condition

    def __eq__(self, other):
        return isinstance(other, Check) and self._id() == other._id()

    def __hash__(self):
        return hash(self._id())

    def __repr__(self):
        return "Check(%r, %r, %r)" % self._id()


class Site:
    """Where a check sits in a compiled scope: the offsets at which its instructions
    begin (spans), those at which a pass through it begins (starts) and at which the
    guarded statement then begins (resumes)."""

    __slots__ = ("check", "spans", "starts", "resumes")

    def __init__(self, check):
        self.check = check
        self.spans, self.starts, self.resumes = [], set(), set()

    @property
    def line(self):
        return self.check.line

    def holds(self, offset):
        """Is offset an instruction of this check (its condition, its calls)?"""
        return any(start <= offset < end for start, end in self.spans)


def condition_tree(text):
    """The expression of a condition, if it can be compiled into the breakpoint's scope
    with eval()'s meaning (see the module doc); else None."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, _SCOPES + _SUSPENDS):
            return None
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        if name in OWN_NAMES or (name.startswith("__") and not name.endswith("__")):
            return None
    return tree


def stores(tree):
    """The names a condition assigns (with :=)."""
    return {node.target.id for node in ast.walk(tree) if isinstance(node, ast.NamedExpr)}


def _locate(node, line, column):
    for child in ast.walk(node):
        if "lineno" in child._attributes:
            child.lineno = child.end_lineno = line
            child.col_offset = child.end_col_offset = column
    return node


def _check_statement(check, at, sentinel):
    statement = ast.parse(_CHECK % check.key).body[0]
    if check.condition is not None:
        test = statement.body[0]
        test.test = ast.BoolOp(ast.And(), [condition_tree(check.condition), test.test])
    return _locate(statement, sentinel, at.col_offset)


def _runs_once(statement):
    """Does the statement have a line event at its line once per execution?"""
    if isinstance(statement, _HEADERS):
        parts = [statement.test] if isinstance(statement, ast.If) else []
    elif isinstance(statement, _SIMPLE):
        parts = [statement]
    else:
        return False
    stack = parts
    while stack:
        node = stack.pop()
        if isinstance(node, _SUSPENDS):
            return False
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, _SCOPES))
    return True


def _statement_lists(node):
    for field in ("body", "orelse", "finalbody"):
        value = getattr(node, field, None)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            yield value
    for part in list(getattr(node, "handlers", ())) + list(getattr(node, "cases", ())):
        yield part.body


def place_checks(tree, checks, sentinels):
    """Put each check before the first statement of its line in every scope of the
    module tree, compiled on its sentinel line (sentinels: {line: sentinel line})."""
    _Placer(checks, sentinels).scope(tree.body, is_module=True)


def insert_hooks(tree):
    """Put a hook call at the start of every scope of the module tree."""
    _InsertHooks().visit(tree)


class _Placer:
    def __init__(self, checks, sentinels):
        self.checks = {c.line: c for c in checks}
        self.sentinels = sentinels

    def scope(self, body, is_module=False):
        claimed = set()
        self._walk(body, claimed, skip=_preamble(body, is_module))

    def _walk(self, body, claimed, skip=0):
        inserts = []
        for i, statement in enumerate(body):
            line = statement.lineno
            if i >= skip and line in self.checks and line not in claimed:
                claimed.add(line)
                check = self.checks[line]
                if _runs_once(statement) and (check.condition is None or condition_tree(check.condition)):
                    inserts.append((i, _check_statement(check, statement, self.sentinels[line])))
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.scope(statement.body)
            else:
                for inner in _statement_lists(statement):
                    self._walk(inner, claimed)
        for i, statement in reversed(inserts):
            body.insert(i, statement)


def _preamble(body, is_module):
    """How many statements open body and must stay first: its docstring, and in a
    module the `from __future__` imports."""
    i = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        i = 1
    while is_module and i < len(body) and isinstance(body[i], ast.ImportFrom) and body[i].module == "__future__":
        i += 1
    return i


class _InsertHooks(ast.NodeTransformer):
    """A hook call at the start of every scope: function, class, module body; an `or`
    in a lambda; a condition in a comprehension. On the line of the scope's first
    statement, so that line numbers and events stay."""

    def visit_Module(self, node):
        self.generic_visit(node)
        _prepend_hook(node.body, _preamble(node.body, True))
        return node

    def _body(self, node):
        self.generic_visit(node)
        _prepend_hook(node.body, _preamble(node.body, False))
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _body

    def visit_Lambda(self, node):
        self.generic_visit(node)
        node.body = ast.copy_location(ast.BoolOp(ast.Or(), [_hook_call(node.body), node.body]), node.body)
        return node

    def _comprehension(self, node):
        self.generic_visit(node)
        at = node.generators[0].target
        node.generators[0].ifs.insert(0, _locate(ast.UnaryOp(ast.Not(), _hook_call(at)), at.lineno, at.col_offset))
        return node

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension


def _hook_call(at):
    return _locate(ast.parse(_HOOK_CALL, mode="eval").body, at.lineno, at.col_offset)


def _prepend_hook(body, i):
    while i < len(body) and isinstance(body[i], (ast.Global, ast.Nonlocal)):
        i += 1  # declarations: no code, and no line event
    if i < len(body):  # nothing runs but a docstring: its lines vary by version; no hook
        at = body[i]
        body.insert(i, _locate(ast.Expr(_hook_call(at)), at.lineno, at.col_offset))


def has_hook(code):
    """Does this compiled scope call the hook when it starts?"""
    return HOOK in code.co_consts


def inner_code(code):
    return [c for c in code.co_consts if isinstance(c, type(code))]
