"""The program's child processes, each debugged in a child session of its own.

A child started by exec (subprocess, os.exec*, os.spawn*, os.posix_spawn, multiprocessing's
spawn and forkserver, a shell script that runs python) inherits the environment the
agent came in by (PYTHONPATH, and DAPPER_ADDRESS or DAPPER_CONNECT), and its own agent
starts from the start-up hook like any program's. An attached program's environment
did not bring the agent: with subProcess on, it is given what its children need
(offer_to_children).

A forked child (os.fork(), multiprocessing's fork, the forkserver's workers) is a copy
of its parent, agent included: the connection it inherits is the parent's, so in the
child (after_in_child) the inherited agent lets go of it without a word on it, stops
tracing, and a new agent connects as this process, waiting there, in os.fork(), for
its own session to configure. Neither process waits for the other.

How a child ended is known to the process that reaps it: each agent reports the
statuses its program's wait calls return (dapper/childExited), and the adapter tells
the child's session."""

import functools
import os
import sys
import threading
import warnings

_endpoint = None  # (address, token, hosted): where this process's agent came from
_following = False


def follow(address, token, hosted):
    """This process's agent connected to address: its forks connect there too, and the
    children its program reaps are reported. Installed once per process."""
    global _endpoint, _following
    _endpoint = (address, token, hosted)
    if _following:
        return
    _following = True
    os.register_at_fork(after_in_child=_after_fork_in_child)
    for name in ("waitpid", "wait", "wait3", "wait4"):
        _wrap_wait(name)
    if hasattr(os, "waitid"):
        os.waitid = _reporting(os.waitid, _waitid_status)
    for name in ("execv", "execve"):
        _wrap_exec(name)
    if sys.version_info >= (3, 12) and hasattr(os, "fork"):
        _wrap_fork()


def offer_to_children():
    """subProcess, in a program the agent came into (attach): its Python children start
    with the agent too, and connect where this process did."""
    env = os.environ
    if _endpoint is None or env.get("DAPPER_ADDRESS") or env.get("DAPPER_CONNECT"):
        return  # they have what it takes already
    address, token, _ = _endpoint
    env["DAPPER_CONNECT"] = address
    if token:
        env["DAPPER_TOKEN"] = token
    agent_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if agent_dir not in path:
        env["PYTHONPATH"] = os.pathsep.join([agent_dir] + path)


def _after_fork_in_child():
    from .. import forget, start

    current = threading.current_thread()
    if hasattr(current, "_set_native_id"):
        current._set_native_id()  # threading keeps the parent's (up to 3.13 at least)
    inherited = forget()
    subprocess_on = inherited is None or inherited.options.get("subProcess", True) is not False
    if inherited is not None:
        _let_go(inherited)
    if _endpoint is None or not subprocess_on:
        return
    try:
        start(*_endpoint)
    except KeyboardInterrupt:
        _die_interrupted()
    except Exception as exc:  # never keep the child from running
        sys.stderr.write("dapper: the agent of a forked child failed to start: %r\n" % (exc,))


def _die_interrupted():
    """The session ended before this forked child began: none of its code runs. It dies
    of the SIGINT, as the start-up hook's processes do."""
    import signal

    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    finally:
        os._exit(128 + signal.SIGINT)


def _let_go(agent):
    """agent is the parent's, copied into this forked child: its connection is the
    parent's socket. Close this process's descriptor of it (no shutdown, which would end
    the parent's too) and stop debugging here."""
    from ..breakpoints import breakpoint_hook

    agent.detached = True
    agent.channel.abandon()
    try:
        agent.debugger.tracing.uninstall()
    finally:
        breakpoint_hook.uninstall()


# -- how children ended ------------------------------------------------------------------


def _report(pid, code):
    from .. import current

    agent = current()
    if agent is not None and pid > 0:
        agent.channel.send_event("dapper/childExited", {"pid": pid, "exitCode": code})


def _wait_status(result):
    """(pid, exit code) from what waitpid, wait, wait3 and wait4 return, or None while
    the child has not ended (WNOHANG, a stop, a continue)."""
    pid, status = result[0], result[1]
    if pid > 0 and (os.WIFEXITED(status) or os.WIFSIGNALED(status)):
        return pid, os.waitstatus_to_exitcode(status)
    return None


def _waitid_status(result):
    if result is None or result.si_pid <= 0:
        return None
    if result.si_code == os.CLD_EXITED:
        return result.si_pid, result.si_status
    if result.si_code in (os.CLD_KILLED, os.CLD_DUMPED):
        return result.si_pid, -result.si_status
    return None


def _reporting(original, status_of):
    @functools.wraps(original)
    def wait(*args, **kwargs):
        result = original(*args, **kwargs)
        try:
            ended = status_of(result)
            if ended is not None:
                _report(*ended)
        except Exception:
            pass  # the program's wait must not fail because of us
        return result

    wait.dapper_original = original
    return wait


def _wrap_wait(name):
    original = getattr(os, name, None)
    if original is not None:
        setattr(os, name, _reporting(original, _wait_status))


def _wrap_fork():
    """From 3.12 os.fork() warns when the process has other threads, as the agent's
    are: the warning is the program's only when the program's own threads are more
    than one (then it is given as os.fork() gives it, on the caller's line)."""
    from ..threads import agent_thread_idents

    original = os.fork

    @functools.wraps(original)
    def fork():
        with warnings.catch_warnings(record=True) as caught:
            warnings.filterwarnings("always", message=_THREADED_FORK_PATTERN, category=DeprecationWarning)
            pid = original()
        threaded = len(set(threading._active) - agent_thread_idents()) > 1
        for w in caught:
            if not _is_threaded_fork_warning(w):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            elif threaded:
                warnings.warn(str(w.message), DeprecationWarning, stacklevel=2)
        return pid

    fork.dapper_original = original
    os.fork = fork


_THREADED_FORK_PATTERN = r"This process \(pid=\d+\) is multi-threaded, use of fork\(\) may lead to deadlocks"


def _is_threaded_fork_warning(w):
    text = str(w.message)
    return issubclass(w.category, DeprecationWarning) and text.startswith("This process (pid=") and \
        "is multi-threaded, use of fork() may lead to deadlocks" in text


def _wrap_exec(name):
    """The program's output still held for the adapter is sent before exec ends this
    image (and the agent's connection with it)."""
    original = getattr(os, name, None)
    if original is None:
        return

    @functools.wraps(original)
    def execute(*args, **kwargs):
        from ..transport import output

        try:
            output.flush_all()
        except Exception:
            pass
        return original(*args, **kwargs)

    execute.dapper_original = original
    setattr(os, name, execute)
