"""How long the program lives once its adapter has gone, and the lineage the adapter
knows the program by (the hello's ancestors).

A program this session launched ends when the adapter's connection drops without the
adapter having let it go (a disconnect with terminateDebuggee false): the adapter was
killed or crashed, and nobody else will ever end the program. An attached program runs
on, as does a process the adapter never took as its program (a child it refused).

The agent ends the program, rather than the kernel (PR_SET_PDEATHSIG) or a watchdog
process: the death signal fires only for the adapter's direct child (not for the
interpreter under a wrapper script) and when the forking thread, not the adapter,
ends; the agent is in every debugged program, whoever started it, and sees the drop
at once as the end of its connection.
"""

import os
import signal


class Lifetime:
    """What the session's requests said about the program's lifetime."""

    def __init__(self):
        self.launched = False  # a launch request came: this session started the program
        self.released = False  # the adapter said the program runs on without it

    def note(self, request):
        """Take in a request the adapter sent, before it is handled."""
        command = request.get("command")
        if command == "launch":
            self.launched = True
        elif command == "attach":
            self.launched = False
        elif command == "disconnect":
            args = request.get("arguments")
            self.released = isinstance(args, dict) and args.get("terminateDebuggee") is False

    def adapter_gone(self):
        """The connection has ended: end a launched program that was not let go."""
        if self.launched and not self.released:
            end_program()


def end_program():
    """SIGKILL this process's descendants that left its process group (a daemon, a
    start_new_session child), then the group if it is the program's own, or this
    process alone. One signal that cannot be caught reaches every process, this one
    included, with nothing left to escalate: there is no session to show a graceful
    end to, and a program stopped at a breakpoint could not run a handler anyway."""
    if not hasattr(os, "killpg"):
        os.kill(os.getpid(), signal.SIGTERM)
        return
    group = os.getpgrp()
    for pid in _descendants(os.getpid()):
        try:
            if os.getpgid(pid) != group:
                os.kill(pid, signal.SIGKILL)
        except OSError:
            pass  # it has gone already
    if _owns_group(group):
        os.killpg(group, signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)


def _descendants(root):
    """Every process below root, from /proc (none where there is none)."""
    children = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if name.isdigit():
            children.setdefault(_parent(int(name)), []).append(int(name))
    found, queue = [], list(children.get(root, ()))
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, ()))
    return found


def _owns_group(group):
    """Whether the process group was made for the program: led by this process or an
    ancestor, and not the group of the session's leader (a shell in a terminal that
    ran the program without job control, whose group holds the shell itself)."""
    if group <= 1 or group == os.getsid(0):
        return False
    return group == os.getpid() or group in ancestors()


def ancestors(limit=64):
    """The pids of this process's parent, its parent's parent, and so on up to init
    (from /proc; only the parent where there is none). The adapter's hello takes the
    first agent whose process is, or descends from, the process it launched."""
    chain = []
    pid = os.getppid()
    while pid > 1 and len(chain) < limit:
        chain.append(pid)
        pid = _parent(pid)
    return chain


def _parent(pid):
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            stat = f.read()
        return int(stat[stat.rindex(b")") + 2:].split()[1])
    except (OSError, ValueError, IndexError):
        return 0
