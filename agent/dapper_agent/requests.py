"""What request handlers share: the error they raise and the on_thread marker."""


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
