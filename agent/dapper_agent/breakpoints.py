"""Line breakpoints: the table the debugger consults, and binding a requested line to a
line that has code."""

import os

from .paths import canonical


class Breakpoint:
    __slots__ = ("id", "path", "requested_line", "line", "verified", "message")

    def __init__(self, bp_id, path, requested_line):
        self.id = bp_id
        self.path = path
        self.requested_line = requested_line
        self.line = requested_line
        self.verified = False
        self.message = None

    def to_dap(self, source):
        body = {"id": self.id, "verified": self.verified, "line": self.line, "source": source}
        if self.message:
            body["message"] = self.message
        return body


def code_lines(code):
    """Every line number at which code (and the code nested in it) starts a statement."""
    lines = set()
    stack = [code]
    while stack:
        co = stack.pop()
        if hasattr(co, "co_lines"):
            lines.update(line for _, _, line in co.co_lines() if line is not None)
        else:
            import dis

            lines.update(line for _, line in dis.findlinestarts(co))
        stack.extend(c for c in co.co_consts if hasattr(c, "co_code"))
    return lines


_file_lines = {}


def executable_lines(path):
    """Lines of the file at path that can run, or raise with the reason they cannot be
    known. Cached by path and modification time."""
    stat = os.stat(path)
    key = (path, stat.st_mtime_ns, stat.st_size)
    cached = _file_lines.get(path)
    if cached and cached[0] == key:
        return cached[1]
    with open(path, "rb") as f:
        source = f.read()
    code = compile(source, path, "exec", dont_inherit=True)
    lines = code_lines(code)
    _file_lines[path] = (key, lines)
    return lines


class BreakpointTable:
    """Breakpoints by canonical file and bound line. Written by the reader thread,
    read by every traced thread: readers see either the old or the new dict."""

    def __init__(self):
        self._by_file = {}
        self._next_id = 1

    def set_file(self, path, requested_lines):
        """Replace the breakpoints of one file; returns them bound, in request order.
        An id stays the same while its requested line does."""
        key = canonical(path)
        old = {bp.requested_line: bp for bp in self._by_file.get(key, {}).values()}
        try:
            lines = sorted(executable_lines(key))
            reason = None
        except (OSError, SyntaxError, ValueError) as exc:
            lines, reason = [], "cannot read %s: %s" % (path, exc)
        result, bound = [], {}
        for requested in requested_lines:
            bp = old.get(requested)
            if bp is None:
                bp = Breakpoint(self._next_id, key, requested)
                self._next_id += 1
            following = [n for n in lines if n >= requested]
            if following:
                bp.line, bp.verified, bp.message = following[0], True, None
                bound.setdefault(bp.line, bp)
            else:
                bp.line, bp.verified = requested, False
                bp.message = reason or "no code at or after line %d" % requested
            result.append(bp)
        by_file = dict(self._by_file)
        if bound:
            by_file[key] = bound
        else:
            by_file.pop(key, None)
        self._by_file = by_file
        return result

    def clear(self):
        self._by_file = {}

    def at(self, filename, line):
        lines = self._by_file.get(canonical(filename))
        return lines.get(line) if lines else None

    def lines_in(self, filename):
        return self._by_file.get(canonical(filename))

    def files(self):
        return list(self._by_file)
