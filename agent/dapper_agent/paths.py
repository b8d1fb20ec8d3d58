"""Where code lives: canonical file names, and whether a file is the user's code, the
standard library or site-packages, or the agent's own."""

import os
import sys
import sysconfig

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


AGENT_DIR = canonical(os.path.dirname(__file__))
_BOOTSTRAP_FILES = {
    os.path.join(os.path.dirname(AGENT_DIR), name)
    for name in ("sitecustomize.py", "dapper_bootstrap.py")
}


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
# Code without a file that is the program's own: "<string>" only when the program is
# -c code (elsewhere it is code made by exec, such as namedtuple's methods).
_user_pseudo_files = {"<stdin>"}


def count_as_user(pseudo_filename):
    _user_pseudo_files.add(pseudo_filename)
    _kind.pop(pseudo_filename, None)


_agent_kind = {}


def is_agent_file(filename):
    try:
        return _agent_kind[filename]
    except KeyError:
        pass
    path = canonical(filename)
    agent = path.startswith(AGENT_DIR + os.sep) or path in _BOOTSTRAP_FILES
    _agent_kind[filename] = agent
    return agent


# Agent functions that run the program's own code: the start-up hook (it runs the
# user's sitecustomize), the bootstrap's launcher, and the wrapper around every thread.
_PROGRAM_HOSTS = {
    (os.path.join(os.path.dirname(AGENT_DIR), "sitecustomize.py"), "_dapper_start"),
    (os.path.join(AGENT_DIR, "launcher.py"), "run"),
    (os.path.join(AGENT_DIR, "threads.py"), "_bootstrap_inner"),
}


def is_program_host(code):
    """True for the agent functions under which the program's own code runs."""
    return (canonical(code.co_filename), code.co_name) in _PROGRAM_HOSTS


def inside_agent(frame):
    """True when frame runs on behalf of the agent (the agent called it, directly or
    through the standard library) rather than as part of the program."""
    while frame is not None:
        code = frame.f_code
        if is_agent_file(code.co_filename):
            return not is_program_host(code)
        frame = frame.f_back
    return False


def is_user_file(filename):
    """True for the program's own code: not the standard library, not site-packages,
    not frozen modules, not the agent."""
    try:
        return _kind[filename]
    except KeyError:
        pass
    if filename.startswith("<"):
        user = filename in _user_pseudo_files
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
