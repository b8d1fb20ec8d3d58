"""Running the program the way the interpreter would, for the bootstrap fallback
(-S, -I, -E): argv is what follows "--" (program [args], -m module [args], -c code [args])."""

import runpy
import sys


def run(argv):
    if argv[0] == "-m":
        sys.argv = [argv[1]] + argv[2:]
        runpy._run_module_as_main(argv[1], alter_argv=True)
    elif argv[0] == "-c":
        sys.argv = ["-c"] + argv[2:]
        sys.path[0:0] = [""]
        import __main__

        exec(compile(argv[1], "<string>", "exec"), __main__.__dict__)
    else:
        import os

        sys.argv = list(argv)
        sys.path[0:0] = [os.path.dirname(os.path.abspath(argv[0]))]
        runpy.run_path(argv[0], run_name="__main__")
