"""What request handlers share: the error they raise, the on_thread marker, the Reply
that answers before acting, and the Answer that sends a response exactly once."""

import threading
import time

from ..errors import REQUEST_FAILED, warn


class RequestError(Exception):
    """A request failed; its text becomes the error response's message."""


def on_thread(handler):
    """Mark a request handler to run on the suspended thread that owns the request's
    threadId, frameId or variablesReference."""
    handler.on_thread = True
    return handler


class Reply:
    """A response body, and what to do once the response has been sent. Requests
    that resume the program (continue, steps) answer first: once resumed, the program
    may run to its end and exit before a late response could leave."""

    __slots__ = ("body", "then")

    def __init__(self, body, then):
        self.body = body
        self.then = then


def while_running(fallback):
    """Give an on_thread handler a fallback that answers, on the reader thread, when
    its thread is not suspended: fallback(self, args, thread_id)."""
    def mark(handler):
        handler.while_running = fallback
        return handler
    return mark


def with_answer(handler):
    """Mark a request handler that takes (args, answer), answer being the request's
    Answer: it may answer through it itself, from any thread, and then returns
    ANSWERED_ELSEWHERE."""
    handler.with_answer = True
    return handler


# Returned by a with_answer handler that has handed its answer to another thread.
ANSWERED_ELSEWHERE = object()


class Answer:
    """The one answer to a request. Only the first answer is sent: a watchdog may answer
    for a handler stuck in the program's code, and the handler's late answer is dropped."""

    def __init__(self, channel, request):
        self._channel = channel
        self._request = request
        self._lock = threading.Lock()
        self.answered = False
        self.answered_at = None  # time.monotonic() of the answer

    def _claim(self):
        with self._lock:
            if self.answered:
                return False
            self.answered, self.answered_at = True, time.monotonic()
            return True

    def ok(self, body=None):
        if self._claim():
            self._channel.respond(self._request, body)

    def fail(self, text, error_id=REQUEST_FAILED):
        if self._claim():
            self._channel.respond_error(self._request, text, error_id)

    def run(self, work):
        """Answer with work()'s result (a body, or a Reply), or with the error it raised."""
        try:
            body = work()
        except RequestError as exc:
            self.fail(str(exc))
        except KeyboardInterrupt:
            # Ctrl-C reached the program while this request ran on its thread: the
            # request fails, and the interrupt goes on to the thread's owner.
            self.fail("%s: interrupted by Ctrl-C" % self._request.get("command"))
            raise
        except BaseException as exc:  # a program's SystemExit as much as a bug of ours
            self.fail("%s failed: %s: %s" % (self._request.get("command"), type(exc).__name__, exc))
        else:
            if isinstance(body, Reply):
                self.ok(body.body)
                try:
                    body.then()
                except Exception as exc:
                    warn("%s failed after its response" % self._request.get("command"), exc)
            elif body is not ANSWERED_ELSEWHERE:
                self.ok(body)
