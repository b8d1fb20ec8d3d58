"""Line breakpoints: the table the debugger consults, binding a requested line to the
line where code starts, and binding late in files that are not loaded yet.

A file counts as loaded when it is the launched program, when a module in sys.modules
was loaded from it, or once code from it has started running (the debugger tells the
table at each code object's start: sys.monitoring PY_START, sys.settrace "call"; both
already ask the debugger there, so noticing a load costs one dict lookup while
breakpoints wait). Breakpoints in a loaded file are bound at once. The others stay
unverified until their file loads; then they bind, and the debugger sends a
`breakpoint` event with reason "changed".
"""

import ast
import itertools
import os
import sys
import threading

from ..frames import code_lines, own_lines
from ..paths import canonical
from .conditions import InvalidSetting, Trigger
from .logpoints import LogMessage
from .statements import analyse, repeats

NOT_LOADED = "not loaded yet: the breakpoint binds when its module is imported"
MISSING = "file does not exist: the breakpoint binds if it appears and its module is imported"


class Breakpoint:
    __slots__ = ("id", "path", "requested_line", "line", "verified", "message", "source",
                 "trigger", "log", "unusable", "condition_only", "statement", "last_event")

    def __init__(self, bp_id, path, requested_line, source):
        self.id = bp_id
        self.path = path
        self.requested_line = requested_line
        self.line = requested_line
        self.verified = False
        self.message = None
        self.source = source
        self.trigger = None  # its condition and hitCondition (conditions.Trigger)
        self.log = None  # a logpoint's message (logpoints.LogMessage)
        self.unusable = None  # why its options cannot be used
        # The compiled condition when that is all there is to ask (no hit count, no
        # log message): the debugger's fast path for a conditional breakpoint.
        self.condition_only = None
        self.statement = None  # (first, last) line of the multi-line statement it is on
        self.last_event = None  # (id(frame), offset) of its last line event, while statement

    def repeats_in(self, frame):
        """Is this line event the statement's own line again in one run of it (see
        statements.py), which is not a new reason to stop?"""
        last, self.last_event = self.last_event, (id(frame), frame.f_lasti)
        return last is not None and last[0] == id(frame) and last[1] < frame.f_lasti and \
            repeats(frame.f_code, last[1], frame.f_lasti, self.statement)

    def set_options(self, spec):
        """Take a SourceBreakpoint's condition, hitCondition and logMessage; the hit
        count carries on while the condition and hitCondition stay the same."""
        previous = self.trigger
        try:
            self.trigger = Trigger.parse(spec.get("condition"), spec.get("hitCondition"))
            message = spec.get("logMessage")
            self.log = LogMessage(message) if message else None
            self.unusable = None
        except InvalidSetting as exc:
            self.trigger, self.log, self.unusable, self.condition_only = None, None, str(exc), None
            return
        trigger = self.trigger
        if trigger is not None:
            trigger.inherit(previous)
        plain = trigger is not None and trigger.hit_condition is None and self.log is None
        self.condition_only = trigger.condition.code if plain else None

    def to_dap(self):
        body = {"id": self.id, "verified": self.verified, "line": self.line, "source": self.source}
        if self.message:
            body["message"] = self.message
        return body


class _FileLines:
    __slots__ = ("key", "starts", "count", "continued", "spans")

    def __init__(self, key, starts, count, continued, spans):
        self.key = key
        self.starts = starts  # sorted lines where a statement starts
        self.count = count  # lines in the file
        self.continued = continued  # continuation line -> its statement's line (statements.py)
        self.spans = spans  # line of a multi-line statement -> its (first, last) lines


_file_lines = {}


def file_lines(path):
    """The statement lines of the file at path; raises OSError, SyntaxError,
    ValueError (or, for absurdly nested code, RecursionError) when they cannot be
    known. Cached by path, mtime and size."""
    stat = os.stat(path)
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _file_lines.get(path)
    if cached is not None and cached.key == key:
        return cached
    with open(path, "rb") as f:
        source = f.read()
    tree = ast.parse(source, path)
    starts = code_lines(compile(tree, path, "exec", dont_inherit=True))
    result = _FileLines(key, sorted(starts), source.count(b"\n") + (not source.endswith(b"\n")),
                        *analyse(tree, source.splitlines(), starts))
    _file_lines[path] = result
    return result


def _bind(path, bps):
    """Bind each breakpoint to its statement's line when it is on a line that continues
    a statement, else to the first statement line at or after its requested line;
    returns {line: breakpoint} of those verified."""
    try:
        lines, reason = file_lines(path), None
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        lines, reason = None, "cannot read %s: %s" % (path, exc)
    bound = {}
    for bp in bps:
        bp.line, bp.verified, bp.statement, bp.last_event = bp.requested_line, False, None, None
        if bp.unusable:
            bp.message = bp.unusable
            continue
        following = [n for n in lines.starts if n >= bp.requested_line] if lines else []
        if lines and bp.requested_line in lines.continued:
            following = [lines.continued[bp.requested_line]]
        if following:
            bp.line, bp.verified, bp.message = following[0], True, None
            bp.statement = lines.spans.get(bp.line)
            bound.setdefault(bp.line, bp)
        elif reason:
            bp.message = reason
        elif bp.requested_line > lines.count:
            bp.message = "line %d is past the end of the file (%d lines)" % (bp.requested_line, lines.count)
        else:
            bp.message = "no code can run at or after line %d" % bp.requested_line
    return bound


class BreakpointTable:
    """Breakpoints by canonical file and bound line. Written under a lock (by the reader
    thread, or by the thread that loads a file); read lock-free by every traced thread,
    which sees either the old or the new dict."""

    def __init__(self):
        self._by_file = {}  # canonical path -> {line: Breakpoint}
        # co_filename as code objects spell it -> the same {line: Breakpoint} (or an
        # empty dict): at() runs on every line event and skips canonical() with it.
        # Replaced, never updated, whenever _by_file is.
        self._by_name = {}
        self.pending = {}  # canonical path -> [Breakpoint], file not loaded yet
        self._loaded = set()
        self._lock = threading.Lock()
        self.new_id = itertools.count(1).__next__  # ids of every kind of breakpoint
        self.main_path = None  # the launched program: loaded before it runs
        self._code_lines = {}  # id(code) -> (code, its own lines): a code object's hash is slow

    def set_file(self, path, specs, source, refusal=None):
        """Replace the breakpoints of one file with specs (DAP SourceBreakpoints: line,
        condition, hitCondition, logMessage); returns them in request order. An id
        stays the same while its requested line does. refusal, if given, says why no
        breakpoint in this file can stop."""
        key = canonical(path)
        with self._lock:
            old = {bp.requested_line: bp for bp in self._file_breakpoints(key)}
            bps = []
            for spec in specs:
                requested = spec["line"]
                bp = old.pop(requested, None)  # a line given twice: a second breakpoint
                if bp is None:
                    bp = Breakpoint(self.new_id(), key, requested, source)
                bp.source = source
                bp.set_options(spec)
                bps.append(bp)
            by_file, pending = dict(self._by_file), dict(self.pending)
            by_file.pop(key, None)
            pending.pop(key, None)
            if refusal:
                for bp in bps:
                    bp.line, bp.verified, bp.message = bp.requested_line, False, refusal
            elif self._is_loaded(key):
                bound = _bind(key, bps)
                if bound:
                    by_file[key] = bound
            elif bps:
                waiting = NOT_LOADED if os.path.exists(key) else MISSING
                for bp in bps:
                    bp.line, bp.verified, bp.message = bp.requested_line, False, bp.unusable or waiting
                pending[key] = bps
            self._by_file, self.pending, self._by_name = by_file, pending, {}
        return bps

    def _file_breakpoints(self, key):
        return list(self._by_file.get(key, {}).values()) + self.pending.get(key, [])

    def _is_loaded(self, key):
        if key == self.main_path or key in self._loaded:
            return True
        for module in list(sys.modules.values()):
            try:
                filename = module.__dict__.get("__file__")
            except AttributeError:
                continue
            if isinstance(filename, str) and canonical(filename) == key:
                self._loaded.add(key)
                return True
        return False

    def bind_loaded(self, filename):
        """Code from filename has started: bind the breakpoints that waited for it.
        Returns them, or None if none waited."""
        key = canonical(filename)
        if key not in self.pending:
            return None
        with self._lock:
            bps = self.pending.get(key)
            if not bps:
                return None
            self._loaded.add(key)
            bound = _bind(key, bps)
            by_file, pending = dict(self._by_file), dict(self.pending)
            del pending[key]
            if bound:
                by_file[key] = bound
            self._by_file, self.pending, self._by_name = by_file, pending, {}
        return bps

    def clear(self):
        with self._lock:
            self._by_file, self.pending, self._by_name = {}, {}, {}

    def at(self, filename, line):
        lines = self._by_name.get(filename)
        if lines is None:
            lines = self._by_name[filename] = self._by_file.get(canonical(filename)) or {}
        return lines.get(line)

    def lines_in(self, filename):
        return self._by_file.get(canonical(filename))

    def in_code(self, code, excluding=()):
        """Does code hold a breakpoint at a line of its own (not of the code nested in
        it, whose frames are asked about when they start), other than at excluding?"""
        lines = self._by_file.get(canonical(code.co_filename))
        if not lines:
            return False
        known = self._code_lines.get(id(code))
        if known is None or known[0] is not code:
            known = self._code_lines[id(code)] = (code, own_lines(code))
        own = known[1].difference(excluding) if excluding else known[1]
        return not own.isdisjoint(lines)

    def by_file(self):
        """{canonical path: {line: Breakpoint}} of every bound breakpoint (not to be
        changed: it is replaced whenever breakpoints change)."""
        return self._by_file
