"""What the launch (or attach) arguments set in the debugger. The adapter hands them
over normalised (internal/launch.Common: legacy debugOptions resolved, every default
filled in), so each is read here under its own name."""

import os

from . import sources
from .inspection import children
from .processes import children as child_processes
from .paths import canonical, count_as_user, set_rules
from .rules import Rules


def apply(debugger, options):
    cwd = options.get("cwd") or os.getcwd()
    debugger._entry_pending = bool(options.get("stopOnEntry"))
    debugger.just_my_code = options.get("justMyCode", True) is not False
    debugger.function_breakpoints.just_my_code = debugger.exceptions.just_my_code = debugger.just_my_code
    debugger.exceptions.break_on_system_exit_zero = bool(options.get("breakOnSystemExitZero"))
    debugger.exceptions.break_on_system_exit = options.get("breakOnSystemExit")
    debugger.stepping_resumes_all = options.get("steppingResumesAllThreads", True) is not False
    debugger.suspension.all_stop = options.get("stopAllThreadsOnSuspend", True) is not False
    set_rules(Rules(options.get("rules"), cwd))
    children.set_presentation(options.get("variablePresentation"))
    if options.get("code") is not None:
        count_as_user("<string>")
    sources.set_main_code(options.get("code"))
    program = options.get("program")
    if program:
        debugger.breakpoints.main_path = canonical(os.path.join(cwd, program))
    if options.get("subProcess", True) is False:
        _keep_children_out()
    else:
        child_processes.offer_to_children()


def _keep_children_out():
    """subProcess false: the program's children start without the agent."""
    agent_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for name in ("DAPPER_ADDRESS", "DAPPER_TOKEN"):
        os.environ.pop(name, None)
    path = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and os.path.abspath(p) != agent_dir]
    if path:
        os.environ["PYTHONPATH"] = os.pathsep.join(path)
    else:
        os.environ.pop("PYTHONPATH", None)
