"""Fallback start for interpreters run with -S, -I or -E, where sitecustomize and
PYTHONPATH are not honoured: python [flags] dapper_bootstrap.py ADDR -- program...
(the token is in DAPPER_TOKEN, never on the command line).

It starts the agent, then runs the program the way the interpreter would.
"""
import os
import sys


def _main():
    here = os.path.dirname(os.path.abspath(__file__))
    addr, token = sys.argv[1], os.environ.get("DAPPER_TOKEN", "")
    rest = sys.argv[sys.argv.index("--") + 1:]
    sys.path.insert(0, here)
    import dapper_agent
    from dapper_agent import launcher

    sys.path.remove(here)
    dapper_agent.start(addr, token)
    launcher.run(rest)


_main()
