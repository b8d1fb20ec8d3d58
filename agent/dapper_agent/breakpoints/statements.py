"""Lines that continue a statement begun on an earlier line: the closing bracket of a
list, the last line of a call's arguments, a string joined across lines, a comment
inside a condition. Python runs no code of their own on most of them, and a
breakpoint there belongs to the statement it is part of, not to the next one.

A line counts as a continuation when it lies inside a simple statement that spans
lines, or inside the header of a compound statement (`if`, `for`, `def`, ... up to
its colon), after the statement's first line. Lines Python does report (an argument
that is itself code) keep their own line events and are not remapped here.

Python also reports a multi-line statement's first line again once its continuation
lines have run (`f(` then its arguments then `f(` again for the call), and up to 3.11
a code hook delivers the first line of a scope before its code runs: a breakpoint
there would stop twice in one run of the statement. repeats() tells such an event
from a new run of it (loops, whose header line comes round on purpose, excepted).
"""

import ast
import dis

_COMMENT_OR_BLANK = frozenset((b"", b"#"))
_LOOPS = (ast.For, ast.AsyncFor, ast.While)


def analyse(tree, source_lines, starts):
    """(continued, spans) of a module: continued maps every continuation line that
    starts no code (is not in starts) to the line a breakpoint there binds to; spans
    maps the line a multi-line statement binds to (loops left out) to its (first, last)
    lines. tree: the module's syntax tree; source_lines: its lines (bytes)."""
    continued, spans = {}, {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        first, last = node.lineno, _last_header_line(node, source_lines)
        if last <= first:
            continue
        target = _bind_target(first, last, starts)
        if target is None:
            continue
        if not isinstance(node, _LOOPS):
            spans.setdefault(target, (first, last))
        for line in range(first + 1, last + 1):
            if line not in starts:
                continued.setdefault(line, target)
    return continued, spans


def repeats(code, earlier, offset, span):
    """Is a line event at offset the same run of the statement whose lines are span
    as one at the earlier offset of the same frame: does all code from there to here
    belong to its lines?"""
    first, last = span
    for start, end, line in _line_ranges(code):
        if end > earlier and start < offset and line is not None and not first <= line <= last:
            return False
    return True


_ranges = {}  # id(code) -> (code, its line ranges)


def _line_ranges(code):
    known = _ranges.get(id(code))
    if known is None or known[0] is not code:
        if hasattr(code, "co_lines"):
            ranges = list(code.co_lines())
        else:  # 3.9
            starts = list(dis.findlinestarts(code))
            ends = [offset for offset, _ in starts[1:]] + [len(code.co_code)]
            ranges = [(offset, end, line) for (offset, line), end in zip(starts, ends)]
        known = _ranges[id(code)] = (code, ranges)
    return known[1]


def _last_header_line(node, source_lines):
    """The last line of a simple statement, or of a compound statement's header."""
    body = getattr(node, "body", None)
    if not isinstance(body, list) or not body:
        return getattr(node, "end_lineno", node.lineno) or node.lineno
    last = body[0].lineno - 1
    if isinstance(body[0], (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and body[0].decorator_list:
        last = body[0].decorator_list[0].lineno - 1
    while last > node.lineno and _is_comment_or_blank(source_lines, last):
        last -= 1  # the comments between the header's colon and its body
    return last


def _is_comment_or_blank(source_lines, line):
    if line > len(source_lines):
        return True
    text = source_lines[line - 1].strip()
    return text[:1] in _COMMENT_OR_BLANK


def _bind_target(first, last, starts):
    """The statement's first line if code starts there, else its first line of code."""
    if first in starts:
        return first
    for line in range(first + 1, last + 1):
        if line in starts:
            return line
    return None
