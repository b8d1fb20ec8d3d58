"""Requests about the program's code: modules, loadedSources, and source (the text of
code that has no file, by sourceReference; or of a file, by path).

Module and loadedSource events are sent when the program stops, for what was loaded
(or removed) since the last stop, and only once the client has asked for that list
once: watching imports as they happen would cost the running program, and a client
that never shows modules has no use for them. The agent's own modules are never
listed."""

import linecache
import os
import sys

from .. import sources
from ..paths import is_agent_file, is_user_file
from ..transport.requests import RequestError


def _program_modules():
    """{name: module} of sys.modules that came from a file of the program or its
    libraries, or are built in; the agent's own left out. Read without iterating the
    live dict, which an import on another thread could change meanwhile."""
    found = {}
    for name, module in list(sys.modules.items()):
        if module is None or name.startswith("dapper_agent"):
            continue
        path = _path_of(module)
        if path and is_agent_file(path):
            continue
        found[name] = module
    return found


def _path_of(module):
    try:
        path = module.__dict__.get("__file__")
    except Exception:
        return None
    return path if isinstance(path, str) else None


def _module_body(name, module):
    body = {"id": name, "name": name}
    path = _path_of(module)
    if path:
        body["path"] = os.path.abspath(path)
        body["isUserCode"] = is_user_file(path)
    else:
        body["isUserCode"] = False
    try:
        version = module.__dict__.get("__version__")
    except Exception:
        version = None
    if isinstance(version, str):
        body["version"] = version
    return body


def _file_source(path):
    return {"name": os.path.basename(path), "path": os.path.abspath(path)}


class ModuleRequests:
    def __init__(self, agent):
        self._agent = agent
        self._modules_seen = None  # names announced so far, once the client asked
        self._sources_seen = None
        agent.debugger.suspension.before_report.append(self._announce)

    def request_modules(self, args):
        modules = _program_modules()
        self._modules_seen = set(modules)
        start, count = _int(args, "startModule"), _int(args, "moduleCount")
        names = list(modules)
        page = names[start:start + count] if count else names[start:]
        return {"modules": [_module_body(name, modules[name]) for name in page], "totalModules": len(names)}

    def request_loadedSources(self, args):
        found = self._sources()
        self._sources_seen = set(found)
        return {"sources": list(found.values())}

    def request_source(self, args):
        reference = _int(args, "sourceReference") or _int(args.get("source") or {}, "sourceReference")
        if reference:
            known = sources.by_reference(reference)
            if known is None:
                raise RequestError("source: no source has reference %d" % reference)
            return {"content": known[1], "mimeType": "text/x-python"}
        path = (args.get("source") or {}).get("path")
        if not isinstance(path, str) or not path:
            raise RequestError("source: give a sourceReference or a source with a path")
        lines = linecache.getlines(path)
        if not lines:
            raise RequestError("source: cannot read %s" % path)
        return {"content": "".join(lines), "mimeType": "text/x-python"}

    def _sources(self):
        """{key: DAP Source} of the files of the program's modules and the texts of
        code without a file that were shown."""
        found = {}
        for module in _program_modules().values():
            path = _path_of(module)
            if path and path.endswith(".py"):
                found[os.path.abspath(path)] = _file_source(path)
        for name, reference in sources.known():
            found[reference] = {"name": name, "sourceReference": reference}
        return found

    def _announce(self):
        """Before a stop is reported: module and loadedSource events for what changed."""
        channel = self._agent.channel
        if self._modules_seen is not None:
            modules = _program_modules()
            for name in [name for name in modules if name not in self._modules_seen]:
                channel.send_event("module", {"reason": "new", "module": _module_body(name, modules[name])})
            for name in sorted(self._modules_seen - modules.keys()):
                channel.send_event("module", {"reason": "removed", "module": {"id": name, "name": name}})
            self._modules_seen = set(modules)
        if self._sources_seen is not None:
            found = self._sources()
            for key in [key for key in found if key not in self._sources_seen]:
                channel.send_event("loadedSource", {"reason": "new", "source": found[key]})
            self._sources_seen = set(found)


def _int(args, key):
    value = args.get(key) if isinstance(args, dict) else None
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RequestError("%s must be a number of at least 0, not %r" % (key, value))
    return value
