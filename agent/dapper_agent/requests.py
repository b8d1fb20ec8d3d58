"""What request handlers share: the error they raise and the on_thread marker."""


class RequestError(Exception):
    """A request failed; its text becomes the error response's message."""


def on_thread(handler):
    """Mark a request handler to run on the suspended thread that owns the request's
    threadId, frameId or variablesReference."""
    handler.on_thread = True
    return handler
