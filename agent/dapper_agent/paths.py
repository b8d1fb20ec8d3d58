"""Where code lives: canonical file names, and whether a file is the user's code, the
standard library or site-packages, or the agent's own."""

import os
import sys
import sysconfig

AGENT_DIR = os.path.dirname(os.path.abspath(__file__))
_BOOTSTRAP_FILES = {
    os.path.join(os.path.dirname(AGENT_DIR), name)
    for name in ("sitecustomize.py", "dapper_bootstrap.py")
}

_canonical = {}


def canonical(filename):
    """The absolute, symlink-free, normalised form of filename (cached)."""
    try:
        return _canonical[filename]
    except KeyError:
        pass
    if filename.startswith("<"):
        result = filename
    else:
        result = os.path.normcase(os.path.realpath(os.path.abspath(filename)))
    _canonical[filename] = result
    return result


def _library_roots():
    roots = set()
    for name in ("stdlib", "platstdlib", "purelib", "platlib"):
        try:
            roots.add(sysconfig.get_paths()[name])
        except (KeyError, ValueError):
            pass
    for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix}:
        roots.add(os.path.join(prefix, "lib"))
    try:
        import site

        roots.update(site.getsitepackages())
        roots.add(site.getusersitepackages())
    except Exception:
        pass
    return tuple(sorted({canonical(r) + os.sep for r in roots if r}))


LIBRARY_ROOTS = _library_roots()
_kind = {}


def is_agent_file(filename):
    path = canonical(filename)
    return path.startswith(AGENT_DIR + os.sep) or path in _BOOTSTRAP_FILES


def is_user_file(filename):
    """True for the program's own code: not the standard library, not site-packages,
    not frozen modules, not the agent."""
    try:
        return _kind[filename]
    except KeyError:
        pass
    if filename.startswith("<"):
        user = filename in ("<string>", "<stdin>")
    else:
        path = canonical(filename)
        user = not (
            is_agent_file(filename)
            or "site-packages" in path
            or "dist-packages" in path
            or path.startswith(LIBRARY_ROOTS)
        )
    _kind[filename] = user
    return user
