"""pathMappings: the client's files live under localRoot, the program's under
remoteRoot (a container, another host, a copy). Every path that crosses the wire is
mapped here, on its way in (a breakpoint's source) and out (stack frames, breakpoints,
loaded sources, exception tracebacks), so that nothing else in the agent knows.

The longest matching root wins; a root matches a whole leading part of a path, at a
separator. Roots may be POSIX (/app) or Windows-style (C:\\src, case-insensitive, either
separator); the rest of a mapped path takes the separator of the side it goes to. A
path under no root passes through unchanged.
"""

import re

# Requests whose arguments name the client's files (always in arguments.source.path).
_INCOMING = frozenset(("setBreakpoints", "breakpointLocations", "source", "gotoTargets"))
# Responses and events whose bodies name the program's files. Others (variables,
# evaluate, ...) are never walked: they can be large, and hold no path of ours.
_OUTGOING_RESPONSES = frozenset(("stackTrace", "setBreakpoints", "setFunctionBreakpoints", "loadedSources",
                                 "modules", "exceptionInfo", "gotoTargets", "source"))
_OUTGOING_EVENTS = frozenset(("breakpoint", "output", "loadedSource", "module", "stopped"))
_TRACEBACK_FILE = re.compile(r'File "([^"\n]+)"')
_DRIVE = re.compile(r"^[A-Za-z]:")


class _Root:
    __slots__ = ("text", "windows", "sep", "key")

    def __init__(self, text):
        self.windows = bool(_DRIVE.match(text)) or ("\\" in text and "/" not in text)
        self.sep = "\\" if self.windows else "/"
        # Without its trailing separators: "/" becomes "" and "C:\\" becomes "C:",
        # which still match every path below them at a separator.
        self.text = text.rstrip("/\\")
        self.key = self._fold(self.text)

    def _fold(self, path):
        return path.replace("\\", "/").lower() if self.windows else path

    def rest(self, path):
        """The part of path below this root ("" for the root itself, else starting
        with a separator), or None when path is not under it."""
        folded = self._fold(path)
        if folded == self.key:
            return ""
        if folded.startswith(self.key + "/"):
            return path[len(self.key):]
        return None

    def join(self, rest):
        parts = [p for p in re.split(r"[/\\]", rest) if p]
        if not parts:
            return self.text or self.sep
        return self.sep.join([self.text] + parts)


class PathMap:
    """mappings: [{"localRoot", "remoteRoot"}], as the launch or attach request gives them."""

    def __init__(self, mappings):
        self._pairs = []
        for m in mappings or ():
            if isinstance(m, dict) and isinstance(m.get("localRoot"), str) and isinstance(m.get("remoteRoot"), str) \
                    and m["localRoot"] and m["remoteRoot"]:
                self._pairs.append((_Root(m["localRoot"]), _Root(m["remoteRoot"])))

    def __bool__(self):
        return bool(self._pairs)

    def _map(self, path, to_remote):
        best, best_len = None, -1
        for local, remote in self._pairs:
            src, dst = (local, remote) if to_remote else (remote, local)
            rest = src.rest(path)
            if rest is not None and len(src.key) > best_len:
                best, best_len = dst.join(rest), len(src.key)
        return path if best is None else best

    def to_remote(self, path):
        """A client's path as the program sees it."""
        return self._map(path, True)

    def to_local(self, path):
        """A program's path as the client sees it."""
        return self._map(path, False)

    # -- messages ----------------------------------------------------------------------

    def incoming(self, request):
        """Map the client's paths in a request (in place: it is the agent's own copy)."""
        arguments = request.get("arguments")
        if request.get("command") in _INCOMING and isinstance(arguments, dict):
            source = arguments.get("source")
            if isinstance(source, dict) and isinstance(source.get("path"), str):
                source["path"] = self.to_remote(source["path"])

    def outgoing(self, message):
        """A response or event about to be sent, with the program's paths mapped. What
        is mapped is copied: a body may hold the agent's own objects (a breakpoint's
        source)."""
        kind = message.get("type")
        if (kind == "response" and message.get("command") in _OUTGOING_RESPONSES) or \
                (kind == "event" and message.get("event") in _OUTGOING_EVENTS):
            if message.get("body"):
                message = dict(message, body=self._mapped(message["body"]))
        return message

    def _mapped(self, value):
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key == "path" and isinstance(item, str):
                    item = self.to_local(item)
                elif key == "stackTrace" and isinstance(item, str):
                    item = self.traceback_text(item)
                elif isinstance(item, (dict, list)):
                    item = self._mapped(item)
                out[key] = item
            return out
        if isinstance(value, list):
            return [self._mapped(item) if isinstance(item, (dict, list)) else item for item in value]
        return value

    def traceback_text(self, text):
        """A traceback as Python prints it, with each File "..." mapped."""
        return _TRACEBACK_FILE.sub(lambda m: 'File "%s"' % self.to_local(m.group(1)), text)
