"""Where code lives: canonical file names; whether a file is the user's code, the
standard library or site-packages, or the agent's own; and which frames run the
program rather than belong to it (runpy, threading's start of a thread, the agent's
hosts), so where the program and each of its threads start."""

import os
import sys
import sysconfig
import threading
from importlib.util import find_spec

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
    found = [sysconfig.get_paths().get(name) for name in ("stdlib", "platstdlib", "purelib", "platlib")]
    found += [os.path.join(prefix, "lib") for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix}]
    try:
        import site

        found += site.getsitepackages()
        found.append(site.getusersitepackages())
    except Exception:
        pass
    return library_roots(found)


def library_roots(directories):
    """The prefixes (ending in a separator) that make a file library code: each of
    directories both as named and resolved. A file counts by either of its names too
    (is_user_file): Debian's /usr/lib/python3.X/sitecustomize.py is a symlink into
    /etc, which is no library directory, yet it is found, and run, as the library's."""
    roots = set()
    for directory in directories:
        if directory:
            roots.add(canonical(directory) + os.sep)
            roots.add(os.path.normcase(os.path.abspath(directory)) + os.sep)
    return tuple(sorted(roots))


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


# Frames that run the program rather than belong to it: an exception that leaves a
# frame for one of these is uncaught (Python prints it and the program or thread ends).
# Matched by file and name, as the agent wraps Thread._bootstrap_inner.
_THREADING_FILE = canonical(threading.__file__)
_THREAD_RUNNERS = frozenset(("run", "_bootstrap", "_bootstrap_inner"))
# Every runner's name (runpy's _run_code; the agent's launcher and thread wrapper):
# is_outermost() rules out most frames by their caller's name alone.
_RUNNER_NAMES = _THREAD_RUNNERS | {"_run_code"}
_RUNPY_ORIGIN = getattr(find_spec("runpy"), "origin", None) or ""  # "frozen" on 3.11+
_RUNPY_FILES = frozenset(("<frozen runpy>", canonical(_RUNPY_ORIGIN) if _RUNPY_ORIGIN.endswith(".py") else ""))
_MAIN_THREAD = threading.main_thread().ident


def is_outermost(frame):
    """Whether frame is where the program or one of its threads starts, so that an
    exception leaving it is uncaught. Frames that C code calls (import hooks, atexit
    and __del__ callbacks) have no caller either, but C code handles what they raise:
    on the main thread only the __main__ module counts."""
    caller = frame.f_back
    if caller is not None:
        return caller.f_code.co_name in _RUNNER_NAMES and is_program_runner(caller.f_code)
    if threading.get_ident() != _MAIN_THREAD:
        return True
    return frame.f_code.co_name == "<module>" and frame.f_globals.get("__name__") == "__main__"


def is_program_runner(code):
    """True for the frames that run the program: runpy, threading's start of a
    thread, the agent."""
    filename = canonical(code.co_filename)
    if filename == _THREADING_FILE:
        return code.co_name in _THREAD_RUNNERS
    return filename in _RUNPY_FILES or is_agent_file(filename)


_rules = None  # the launch's rules (rules.Rules), if it has any


def set_rules(rules):
    """Take the launch's rules: they decide what is user code before anything else."""
    global _rules
    _rules = rules or None
    _kind.clear()


def ruled_out(filename):
    """True when a rule makes the file a library's (which no stop or step enters,
    justMyCode or not)."""
    return _rules is not None and not filename.startswith("<") and _rules.decide(canonical(filename))[0] is False


# Why a breakpoint outside the user's code never stops, under justMyCode.
NOT_USER_CODE = "not user code: justMyCode is on (set it to false to stop in libraries)"


def is_user_file(filename):
    """True for the program's own code: what the rules say, else not the standard
    library, not site-packages, not frozen modules; never the agent. A file is library
    code if it is under a library root by the name it was found by or by the name it
    resolves to."""
    try:
        return _kind[filename]
    except KeyError:
        pass
    final = True
    if filename.startswith("<"):
        user = filename in _user_pseudo_files
    elif is_agent_file(filename):
        user = False
    else:
        path = canonical(filename)
        user, final = _rules.decide(path) if _rules is not None else (None, True)
        if user is None:
            user = not (_in_library(path) or _in_library(os.path.normcase(os.path.abspath(filename))))
    if final:
        _kind[filename] = user
    return user


def _in_library(path):
    return "site-packages" in path or "dist-packages" in path or path.startswith(LIBRARY_ROOTS)
