"""The agent's connection to the adapter: handshake, the reader thread, and request
dispatch. Requests that need a frame run on the suspended thread that owns it.

Every request is answered, whatever it holds: its envelope and its arguments are
checked first (handlers.arguments), a handler's failure is its error response, and
the reader thread outlives any one request (a last-resort catch answers and writes
the failure to stderr).

A launched program is debugged by one client for its whole life. A program that runs
on its own (`dapper run`, attach by process id, the in-code API) is *hosted*: clients
come and go, each disconnect leaves it running for the next one, and its output goes
where it always did, with a copy to the client while one is there."""

import _thread
import os
import sys
import threading

from . import lifetime, threads, tracebacks
from .debugger import Debugger
from .errors import BAD_ARGUMENTS, NOT_SUSPENDED, UNKNOWN_REQUEST, UNREADABLE, warn
from .handlers import ROOMS, arguments
from .handles import Handles
from .processes import identity
from .thread_requests import ThreadRequests
from .threads import Threads
from .transport import log, output
from .transport.requests import Answer, RequestError
from .transport.wire import Channel, Unreadable


class Agent:
    def __init__(self, channel):
        self.channel = channel
        self.client = {}  # the initialize request's arguments
        self.options = {}  # the launch (or attach) request's arguments
        self.configured = threading.Event()
        self.detached = False
        self.ending = False  # the session is stopping the program (see terminate)
        self.hosted = False
        self.client_ready = threading.Event()  # a client has configured (and not left)
        self._begun = False  # tracing has been installed
        self.lifetime = lifetime.Lifetime()
        self.handles = Handles()
        self.debugger = Debugger(channel, self.handles)
        self.threads = Threads(channel, self.debugger.forget_thread)
        self.thread_requests = ThreadRequests(self.debugger.suspension)
        self.handlers = {}
        for room in (cls(self) for cls in ROOMS):
            for name in dir(room):
                if name.startswith("request_dapper_"):  # the adapter's own: dapper/...
                    self.handlers["dapper/" + name[len("request_dapper_"):]] = getattr(room, name)
                elif name.startswith("request_"):
                    self.handlers[name[len("request_"):]] = getattr(room, name)

    @classmethod
    def connect(cls, address, token, quiet=False):
        log.setup()
        log.info("connecting to the adapter at %s", address)
        try:
            channel = Channel.connect(address, timeout=10)
        except OSError as exc:
            if quiet:
                raise
            sys.stderr.write("dapper: cannot reach the debug adapter at %s: %s\n" % (address, exc))
            return None
        channel.send_event("dapper/hello", _hello(token))
        agent = cls(channel)
        _thread.start_new_thread(agent._serve, ())
        return agent

    @staticmethod
    def refuse(address, token, reason):
        """Tell the adapter at address that this process cannot be attached to."""
        channel = Channel.connect(address, timeout=10)
        channel.send_event("dapper/hello", dict(_hello(token), refused=reason))
        channel.close()

    def run_until_configured(self):
        """Block the starting thread until the client's configuration is done (or,
        hosted without waiting for a client, until the host says to start)."""
        self.configured.wait()
        if self.ending:
            raise KeyboardInterrupt  # stopped before it began: no line of it runs
        if not self.detached:
            self._begin()

    def run_attached(self):
        """The agent came into a running program: debugging begins at once, on this
        thread, and the program runs on."""
        self.hosted = True
        self._begin()
        self.configured.set()

    def _begin(self):
        self._begun = True
        if self.hosted:
            self.debugger.client_present = self.client_ready.is_set()
            output.tee(self.channel, self.client_ready.is_set() and self._redirects())
        elif self._redirects():
            output.capture(self.channel, tee=self.options.get("console", "internalConsole") != "internalConsole")
        self.threads.watch_thread_lifetimes()
        self.debugger.begin()

    def _redirects(self):
        return self.options.get("redirectOutput", True) is not False

    def client_configured(self):
        """The client's configurationDone: stops may happen, output is sent."""
        self.debugger.client_present = True
        if self.hosted:
            output.set_sending(self._redirects())
        self.client_ready.set()
        self.configured.set()

    def end_session(self):
        """The client disconnects. Hosted, the program is left as it was before the
        client came, for the next one; launched, it is no longer debugged."""
        if not self.hosted:
            self.detach()
            return
        self.client_ready.clear()
        output.set_sending(False)
        # Nothing of its session stays (breakpoints, steps, filters, stops); tracing
        # comes back for the next client if it had begun.
        self.debugger.end()
        if self._begun:
            self.debugger.begin()
        self.debugger.client_present = False
        self.channel.path_map = None

    def detach(self):
        """Stop debugging: no more stops, every thread resumed. Once the program is
        being stopped (terminate), tracing stays, so that every thread still raises."""
        self.detached = True
        self.client_ready.clear()
        log.info("detaching")
        if not self.ending:
            self.debugger.end()
        if self.hosted:
            output.untee()
        self.configured.set()

    def terminate(self):
        """The session stops the program: no further line of it runs. Each suspended
        thread raises, where it stands, onTerminate's exception (KeyboardInterrupt by
        default) in the main thread, SystemExit in the others; so does every other
        thread at the next line it reaches. Returns whether any thread was suspended
        (then the program is not to be interrupted again: its finally blocks are
        running). A program that is running is detached from as before: the adapter's
        SIGINT interrupts it, and no breakpoint interrupts its finally blocks again."""
        if not self.configured.is_set():
            self.ending = True  # it has not begun: not a line of it runs
            self.configured.set()
            return False
        log.info("terminating: suspended threads raise where they stand")
        main_exit = SystemExit if self.options.get("onTerminate") == "SystemExit" else KeyboardInterrupt
        tracebacks.hide_agent_frames()
        self.ending = True
        if self.debugger.suspension.terminate(lambda main: main_exit() if main else SystemExit()):
            return True
        self.ending = False
        self.detach()
        return False

    # -- reader thread ---------------------------------------------------------------

    def _serve(self):
        threads.mark_agent_thread()
        while True:
            message = self.channel.receive()
            if message is None:
                break
            self._take(message)
        self.detach()
        self.lifetime.adapter_gone()

    def _take(self, message):
        """Handle one message; nothing that goes wrong with it reaches the loop."""
        if isinstance(message, Unreadable):
            self._refuse_unreadable(message)
            return
        if message.get("type") != "request":
            return
        self.lifetime.note(message)
        answer = Answer(self.channel, message)
        try:
            self.dispatch(message, answer)
        except BaseException as exc:  # a program's SystemExit from a handler included
            warn("request %r failed in the agent" % (message.get("command"),), exc)
            if isinstance(message.get("seq"), int):
                answer.fail("%s failed in the agent: %s: %s" % (message.get("command"), type(exc).__name__, exc))

    def _refuse_unreadable(self, unreadable):
        request = unreadable.message
        if request is not None and request.get("type") == "request" and isinstance(request.get("seq"), int):
            self.channel.respond_error(request, "%s: %s" % (request.get("command"), unreadable.reason), UNREADABLE)
        else:
            warn("ignoring a message from the adapter", unreadable.reason)

    def dispatch(self, request, answer=None):
        answer = answer or Answer(self.channel, request)
        command = request.get("command")
        if not isinstance(request.get("seq"), int):
            warn("ignoring a request without a seq", command)
            return
        if not isinstance(command, str):
            answer.fail("a request without a command", UNREADABLE)
            return
        handler = self.handlers.get(command)
        if handler is None:
            answer.fail("unknown request %r" % (command,), UNKNOWN_REQUEST)
            return
        try:
            request["arguments"] = args = arguments.check(command, request.get("arguments"))
        except RequestError as exc:
            answer.fail(str(exc), BAD_ARGUMENTS)
            return
        if not getattr(handler, "on_thread", False):
            self._invoke(handler, args, answer)
            return
        thread_id = self._owner_thread(args)
        if thread_id is not None and self.thread_requests.run_on(thread_id, command, answer,
                                                                 lambda: self._invoke(handler, args, answer)):
            return
        fallback = getattr(handler, "while_running", None)
        if thread_id is not None and fallback is not None:
            self._invoke(lambda a: fallback(handler.__self__, a, thread_id), args, answer)
            return
        answer.fail("%s: the thread is not suspended (or the reference is stale)" % command, NOT_SUSPENDED)

    def _owner_thread(self, args):
        for key in ("frameId", "variablesReference"):
            if args.get(key):
                owner = self.handles.get(args[key])
                return owner[0] if owner else None
        return args.get("threadId")

    @staticmethod
    def _invoke(handler, args, answer):
        if getattr(handler, "with_answer", False):
            answer.run(lambda: handler(args, answer))
        else:
            answer.run(lambda: handler(args))


def _hello(token):
    return {
        "token": token,
        "pid": os.getpid(),
        "ancestors": lifetime.ancestors(),
        "program": identity.program_name(),
        "pythonVersion": "%d.%d.%d" % sys.version_info[:3],
        "executable": sys.executable,
    }
