"""The agent's connection to the adapter: handshake, the reader thread, and request
dispatch. Requests that need a frame run on the suspended thread that owns it."""

import _thread
import os
import sys
import threading
import time

from . import threads, tracing
from .debugger import Debugger
from .handlers.breakpoints import BreakpointRequests
from .handlers.execution import ExecutionRequests
from .handlers.inspection import InspectionRequests
from .handles import Handles
from .threads import Threads
from .transport import output
from .transport.requests import Answer, Reply
from .transport.wire import Channel


# Each room serves the requests named by its request_<command> methods.
ROOMS = (ExecutionRequests, InspectionRequests, BreakpointRequests)


class Agent:
    def __init__(self, channel):
        self.channel = channel
        self.client = {}
        self.options = {}
        self.configured = threading.Event()
        self.detached = False
        self.handles = Handles()
        self.threads = Threads(self)
        self.debugger = Debugger(self)
        self.backend = tracing.choose(self.debugger)
        self._backend_installed = False
        self.handlers = {}
        for room in (self,) + tuple(cls(self) for cls in ROOMS):
            for name in dir(room):
                if name.startswith("request_"):
                    self.handlers[name[len("request_"):]] = getattr(room, name)

    @classmethod
    def connect(cls, address, token):
        try:
            channel = Channel.connect(address)
        except OSError as exc:
            sys.stderr.write("dapper: cannot reach the debug adapter at %s: %s\n" % (address, exc))
            return None
        channel.send_event("dapper/hello", {
            "token": token,
            "pid": os.getpid(),
            "pythonVersion": "%d.%d.%d" % sys.version_info[:3],
            "executable": sys.executable,
        })
        agent = cls(channel)
        _thread.start_new_thread(agent._serve, ())
        return agent

    def run_until_configured(self):
        """Block the starting thread until the client's configuration is done."""
        self.configured.wait()
        if self.detached:
            return
        output.capture(self.channel)
        self.threads.watch_thread_lifetimes()
        self.backend.install()
        self._backend_installed = True
        self.debugger.hook_breakpoint_calls()

    def backend_refresh(self):
        if self._backend_installed:
            self.backend.refresh()

    def backend_trace(self, frames):
        if self._backend_installed and frames:
            self.backend.trace(frames)

    # -- reader thread ---------------------------------------------------------------

    def _serve(self):
        threads.mark_agent_thread()
        while True:
            message = self.channel.receive()
            if message is None:
                break
            if message.get("type") == "request":
                self.dispatch(message)
        self._detach()

    def dispatch(self, request):
        command = request.get("command")
        handler = self.handlers.get(command)
        if handler is None:
            self.channel.respond_error(request, "unknown request %r" % (command,), 1014)
            return
        if not getattr(handler, "on_thread", False):
            self._invoke(handler, request)
            return
        args = request.get("arguments") or {}
        thread_id = self._owner_thread(args)
        if thread_id is not None and self.debugger.suspension.run_on(thread_id, lambda: self._invoke(handler, request)):
            return
        fallback = getattr(handler, "while_running", None)
        if thread_id is not None and fallback is not None:
            self._invoke(lambda a: fallback(handler.__self__, a, thread_id), request)
            return
        self.channel.respond_error(request, "%s: the thread is not suspended (or the reference is stale)" % command, 1015)

    def _owner_thread(self, args):
        for key in ("frameId", "variablesReference"):
            if args.get(key):
                owner = self.handles.get(args[key])
                return owner[0] if owner else None
        return args.get("threadId")

    def _invoke(self, handler, request):
        args = request.get("arguments") or {}
        answer = Answer(self.channel, request)
        if getattr(handler, "with_answer", False):
            answer.run(lambda: handler(args, answer))
        else:
            answer.run(lambda: handler(args))

    def _detach(self):
        """Stop debugging: no more stops, every thread resumed."""
        self.detached = True
        if self._backend_installed:
            self.backend.uninstall()
            self._backend_installed = False
        self.debugger.unhook_breakpoint_calls()
        self.debugger.clear()
        self.configured.set()

    # -- lifecycle -------------------------------------------------------------------

    def request_initialize(self, args):
        self.client = args
        return {}

    def request_launch(self, args):
        self.options = args
        self.debugger.configure(args)
        return {}

    request_attach = request_launch

    def request_configurationDone(self, args):
        main = threading.main_thread()
        self.channel.send_event("thread", {"reason": "started", "threadId": main.native_id})
        # Answer before the program runs: a program that ends at once would take the
        # reader thread, and this response, with it.
        return Reply({}, self.configured.set)

    def request_disconnect(self, args):
        """Stop debugging, and answer once every suspended thread has left its
        suspension (bounded): the adapter signals the process only after this answer,
        so a KeyboardInterrupt lands in the program's code, not in ours."""
        self._detach()
        deadline = time.monotonic() + 1.0
        while self.debugger.suspension.suspended and time.monotonic() < deadline:
            time.sleep(0.005)
        return {}
