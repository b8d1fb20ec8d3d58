"""The calls a line makes, for DAP's stepInTargets: read from the source of the
statement the frame is on (its header only, for a compound statement), in the order
the calls start running, which is the order in which they finish evaluating their
arguments: in f(g(x)), g runs first.

A target is matched to the code it enters by name: the called name (the last part of
a dotted name), or, for a name that is a class, its __init__ or __new__; the second
call of a name on the line is the second frame of that name to start.
"""

import ast
import linecache

from .. import sources
from ..frames import frame_name


class StepTarget:
    """A call on the current line that a step into may go to."""

    __slots__ = ("name", "label", "earlier", "line", "column", "end_line", "end_column")

    def __init__(self, name, label, node, earlier):
        self.name = name  # the name its code has, or None when it has none to match
        self.label = label
        self.earlier = earlier  # how many calls of the same name the line makes before it
        self.line, self.column = node.lineno, node.col_offset + 1
        self.end_line, self.end_column = node.end_lineno, node.end_col_offset + 1

    def matches(self, code):
        if self.name is None:
            return True
        if code.co_name == self.name:
            return True
        if code.co_name in ("__init__", "__new__", "__post_init__"):
            qualified = frame_name(code)
            return qualified == code.co_name or qualified.rsplit(".", 2)[-2] == self.name
        return False

    def to_dap(self, target_id):
        return {"id": target_id, "label": self.label, "line": self.line, "column": self.column,
                "endLine": self.end_line, "endColumn": self.end_column}


def targets_at(frame):
    """The StepTargets of the line frame is about to run."""
    source = _source_of(frame)
    if not source:
        return []
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return []
    statement = _statement_at(tree.body, frame.f_lineno)
    if statement is None:
        return []
    calls = [node for node in _own_nodes(statement) if isinstance(node, ast.Call)]
    calls.sort(key=lambda node: (node.end_lineno, node.end_col_offset))
    targets, counts = [], {}
    for call in calls:
        name = _called_name(call.func)
        targets.append(StepTarget(name, _label(call), call, counts.get(name, 0)))
        counts[name] = counts.get(name, 0) + 1
    return targets


def _source_of(frame):
    filename = frame.f_code.co_filename
    if filename.startswith("<"):
        return sources.text_of(frame)
    return "".join(linecache.getlines(filename, frame.f_globals))


_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")
_CLAUSES = (ast.ExceptHandler,) + ((ast.match_case,) if hasattr(ast, "match_case") else ())
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _statement_at(body, line):
    """The innermost statement whose own part (a compound statement's header) holds line."""
    for node in body:
        if not isinstance(node, ast.stmt) or not node.lineno <= line <= node.end_lineno:
            continue
        for field in _BODIES:
            for child in getattr(node, field, None) or ():
                inner = child.body if isinstance(child, _CLAUSES) else [child]
                found = _statement_at(inner, line)
                if found is not None:
                    return found
        return node
    return None


def _own_nodes(statement):
    """The nodes of statement's own expressions: not its nested bodies, not the bodies
    of the functions, lambdas and classes it defines."""
    pending = [value for field, value in ast.iter_fields(statement) if field not in _BODIES]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item)
            continue
        if not isinstance(item, ast.AST):
            continue
        yield item
        if isinstance(item, ast.Lambda):
            continue
        if isinstance(item, _SCOPES):
            pending.extend(item.decorator_list)
            continue
        pending.extend(value for _, value in ast.iter_fields(item))


def _called_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Lambda):
        return "<lambda>"
    return None


def _label(call):
    try:
        text = ast.unparse(call.func)
    except Exception:
        text = _called_name(call.func) or "call"
    return text if len(text) <= 60 else text[:57] + "..."
