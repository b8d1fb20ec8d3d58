"""What this process runs, in the words a child session is named with, read from its
command line: a script, -m module, -c code, or one of multiprocessing's own processes.

multiprocessing starts two helpers of its own with `python -c`: the resource tracker
(it only cleans up after the workers) and the forkserver (it forks the workers). Neither
runs the program's code, so neither is debugged; the forkserver's workers are."""

import os
import sys

RESOURCE_TRACKER = "resource tracker"
FORKSERVER = "forkserver"

_HELPERS = (
    ("from multiprocessing.resource_tracker import main", RESOURCE_TRACKER),
    ("from multiprocessing.semaphore_tracker import main", RESOURCE_TRACKER),
    ("from multiprocessing.forkserver import main", FORKSERVER),
)
_SPAWNED_WORKER = "from multiprocessing.spawn import spawn_main"
_WORKER = "multiprocessing worker"
_NAME_LIMIT = 60


def command_line():
    """This process's argv as the interpreter got it (interpreter first)."""
    argv = getattr(sys, "orig_argv", None)  # 3.10+
    if argv:
        return list(argv)
    try:
        with open("/proc/self/cmdline", "rb") as f:
            raw = f.read()
        return [os.fsdecode(part) for part in raw.split(b"\0")[:-1]]
    except OSError:
        return [sys.executable] + list(sys.argv)


def _target(argv):
    """("script", path), ("-m", module), ("-c", code) or (None, None): what the command
    line runs, past the interpreter's own options."""
    args = argv[1:]
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-c", "-m"):
            return arg, args[i + 1] if i + 1 < len(args) else ""
        if arg in ("-X", "-W", "--check-hash-based-pycs"):
            i += 2
            continue
        if arg.startswith("-") and arg != "-":
            if arg[1:2] in ("c", "m") and len(arg) > 2 and arg[1] != "-":  # -cCODE, -mMODULE
                return arg[:2], arg[2:]
            i += 1
            continue
        return "script", arg
    return None, None


def helper(argv=None):
    """RESOURCE_TRACKER or FORKSERVER when this process is one of multiprocessing's
    helpers, else None."""
    kind, value = _target(command_line() if argv is None else argv)
    if kind == "-c":
        for start, name in _HELPERS:
            if value.lstrip().startswith(start):
                return name
    return None


def program_name(argv=None):
    """A short name for what this process runs: the script's file name, the module,
    "multiprocessing worker", or the start of its -c code."""
    argv = command_line() if argv is None else argv
    kind, value = _target(argv)
    if kind == "script":
        return os.path.basename(value) or value
    if kind == "-m":
        return value
    if kind == "-c":
        code = value.strip()
        if code.startswith(_SPAWNED_WORKER) or helper(argv) == FORKSERVER:  # a fork of the forkserver
            return _WORKER
        first = code.splitlines()[0] if code else ""
        return "-c " + (first if len(first) <= _NAME_LIMIT else first[:_NAME_LIMIT - 1] + "…")
    return os.path.basename(argv[0]) if argv else "python"
