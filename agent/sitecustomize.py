"""Dapper's start-up hook: the adapter puts this file's directory first on PYTHONPATH.

It starts the agent (connect, wait for configurationDone, install tracing), takes its
directory off sys.path, chains to the user's own sitecustomize if there is one, and
returns, so that the interpreter then runs the program exactly as it would without us.
"""


def _dapper_start():
    import os
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    try:
        # A Python child older than the agent (a python3.8 on PATH) runs on without it.
        if sys.version_info >= (3, 9):
            if sys.dont_write_bytecode:
                _dapper_compile(here)
            import dapper_agent

            dapper_agent.start_from_environment()
    except KeyboardInterrupt:
        # Interrupted while starting: the session is ending. Die of the signal, as
        # the program would have, without a traceback through the debugger's frames.
        import signal

        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    except Exception as exc:  # never keep the program from running
        sys.stderr.write("dapper: agent failed to start: %r\n" % (exc,))
    finally:
        # The adapter put our directory first on PYTHONPATH: that entry goes. A user
        # who put it there for `import dapper` (dapper agent-path) keeps theirs.
        ours = [i for i, p in enumerate(sys.path) if os.path.abspath(p or ".") == here]
        if ours and os.environ.get("DAPPER_ADDRESS"):
            del sys.path[ours[0]]
    # Chain to the user's own sitecustomize: run it, and leave it in sys.modules in
    # our place (the import machinery keeps whatever sys.modules holds when we return).
    if sys.version_info < (3, 5):
        return  # no importlib.util to chain with (a python2 child)
    try:
        import importlib.machinery
        import importlib.util

        path = [p for p in sys.path if os.path.abspath(p or ".") != here]
        spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            sys.modules["sitecustomize"] = module
            spec.loader.exec_module(module)
    except Exception as exc:
        sys.stderr.write("Error in sitecustomize; set PYTHONVERBOSE for traceback:\n")
        sys.stderr.write("%s: %s\n" % (type(exc).__name__, exc))


def _dapper_compile(here):
    """Under PYTHONDONTWRITEBYTECODE (or -B, as container images often set) Python reads
    bytecode but never writes it, and the agent would be compiled from source at every
    start: tens of milliseconds before the program's first line. This directory is
    dapper's own cache, so the agent is compiled here once per Python version; the
    user's setting still holds for every other file."""
    import os
    import sys

    tag = sys.implementation.cache_tag
    marker = os.path.join(here, "dapper_agent", "__pycache__", "__init__.%s.pyc" % tag)
    if tag is None or os.path.exists(marker) or not os.access(here, os.W_OK):
        return
    import compileall

    compileall.compile_dir(here, quiet=2)


_dapper_start()
del _dapper_start  # (_dapper_compile stays: the function above names it)
