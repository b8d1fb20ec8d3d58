"""The DAP server of a program that calls dapper.listen() without having been started
by Dapper: the dapper binary, run as `dapper run --listen ADDRESS --agent-pid PID`.
It serves clients on ADDRESS and prints one line of JSON on its stdout, a pipe to us:
where it listens, and the loopback address and token our agent connects with (so the
token never appears on a command line). It runs in a session of its own, so that the
terminal's Ctrl-C reaches the program and not it, and ends when our connection does.
"""

import json
import os
import select
import subprocess

_BINARY_RECORD = "dapper-binary"  # written into the agent's directory by `dapper agent-path`
_START_TIMEOUT = 10.0
_servers = []  # keep each server's Popen, so that it is reaped


class ServerError(RuntimeError):
    """The DAP server could not be found or started; the text says what to do."""


def find_binary():
    """The dapper binary: $DAPPER_BINARY, else the one `dapper agent-path` recorded."""
    path = os.environ.get("DAPPER_BINARY")
    source = "DAPPER_BINARY"
    if not path:
        record = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                              _BINARY_RECORD)
        source = record
        try:
            with open(record, encoding="utf-8") as f:
                path = f.read().strip()
        except OSError:
            raise ServerError("dapper.listen() needs the dapper binary to serve clients: set DAPPER_BINARY "
                              "to its path, or run `dapper agent-path` once to record it") from None
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise ServerError("dapper.listen(): %r (from %s) is not an executable dapper binary; "
                          "set DAPPER_BINARY" % (path, source))
    return path


def start(host, port):
    """Start the server for this process, listening on host:port. Returns (listening
    address, agent address, token)."""
    binary = find_binary()
    argv = [binary, "run", "--listen", "%s:%d" % (host, port), "--agent-pid", str(os.getpid())]
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                start_new_session=True, close_fds=True)
    except OSError as exc:
        raise ServerError("dapper.listen(): cannot run %s: %s" % (binary, exc)) from None
    _servers.append(proc)
    line = b""
    try:
        ready, _, _ = select.select([proc.stdout], [], [], _START_TIMEOUT)
        if ready:
            line = proc.stdout.readline()
    finally:
        proc.stdout.close()
    try:
        reply = json.loads(line.decode("utf-8"))
        return reply["listen"], reply["agent"], reply["token"]
    except (ValueError, KeyError, TypeError):
        proc.kill()
        raise ServerError("dapper.listen(): the dapper server did not start (see its message above)") from None
