"""The launch's "rules": code under a path glob, or in a module and its submodules,
counts as the user's code (include: true) or as a library's (include: false), ahead of
every other test of paths.is_user_file; the first rule that matches decides. A path
glob matches whole path segments: "*" and "?" within one, "**" any number of them; a
relative one is taken from the program's working directory. A module is named as it was
imported or, before that, by its file's place under the sys.path entry (the longest)
that holds it."""

import fnmatch
import os
import sys


class Rules:
    def __init__(self, specs, cwd):
        self._rules = []
        for spec in specs or ():
            include = bool(spec.get("include", True))
            if spec.get("path"):
                pattern = os.path.join(cwd, os.path.expanduser(spec["path"]))
                self._rules.append((_segments(os.path.normpath(pattern)), None, include))
            elif spec.get("module"):
                self._rules.append((None, spec["module"], include))

    def __bool__(self):
        return bool(self._rules)

    def decide(self, path):
        """(True: user code, False: library code, None: no rule matches) for the
        canonical path of a file, and whether that is final: a module rule asked about
        a file not imported yet goes by the name the file would have under sys.path as
        it is now, which the import may prove wrong."""
        module, final = None, True
        for segments, name, include in self._rules:
            if segments is not None:
                if _match(segments, _segments(path)):
                    return include, final
                continue
            if module is None:
                module, final = _loaded_name(path), True
                if module is None:
                    module, final = module_of(path) or "", False
            if module == name or module.startswith(name + "."):
                return include, final
        return None, final


def _segments(path):
    return [part for part in path.split(os.sep) if part]


def _match(patterns, parts):
    if not patterns:
        return not parts
    head = patterns[0]
    if head == "**":
        return any(_match(patterns[1:], parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and _match(patterns[1:], parts[1:])


def _loaded_name(path):
    """The name of the imported module whose file is at path, or None."""
    for name, module in list(sys.modules.items()):
        filename = getattr(module, "__file__", None)
        if isinstance(filename, str) and os.path.realpath(os.path.abspath(filename)) == path:
            return name
    return None


def module_of(path):
    """The dotted module name of the file at path, from sys.path; None outside it."""
    best = None
    for entry in sys.path:
        root = os.path.realpath(os.path.abspath(entry or os.curdir))
        if path.startswith(root + os.sep) and (best is None or len(root) > len(best)):
            best = root
    if best is None:
        return None
    parts = path[len(best) + 1:].split(os.sep)
    parts[-1] = os.path.splitext(parts[-1])[0]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or None
